"""`uhc-awards bench` on the shipped data (a copy in a temporary folder, never the checkout): the full build
against a plain `mkdocs build` of the same docs/ (measured as a pair in one run), what the share images cost
cold and warm, a one-record rebuild, and how fast `serve` shows an edited record (preview_update_s)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from generator.publish import build, write

SHIPPED = ("mkdocs.yml", "overrides", "docs", "data")
RECORD = Path("data") / "awards" / "2026" / "63.11-kabupaten-balangan.yaml"  # Kabupaten Balangan's record
PAGE = "wilayah/kabupaten-balangan/"


def copy_shipped(source: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in SHIPPED:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*write.GENERATED_DIRS))
        else:
            shutil.copy2(src, dest / name)
    return dest


def _timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=cwd)
    return time.perf_counter() - started


def _cli(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "--root", str(root), *args]


def _edit(record: Path, marker: str) -> None:
    """Set the record's reader note to a new sentence, as an editor would (comments and order kept)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    doc = yaml.load(record.read_text(encoding="utf-8"))
    doc["notes"] = f"Catatan uji pratinjau {marker}."
    with record.open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait(url: str, needle: str, seconds: float) -> float:
    """Seconds until the served page contains needle (polled every 20 ms); raises after `seconds`."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if needle in _served(url):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise RuntimeError(f"{needle!r} not served at {url} within {seconds} s")


def preview(root: Path, edits: int) -> list[float]:
    """Run `serve`, edit one record `edits` times, and time each edit until the served page shows it."""
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(_cli(root, "serve", "--dev-addr", f"127.0.0.1:{port}"), stdout=log,
                                stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}/uhc-awards/{PAGE}"
            _wait(url, "Kabupaten Balangan", 180)
            times = []
            for n in range(edits):
                time.sleep(1.0)  # let the previous rebuild settle, as between two edits by hand
                marker = f"pratinjau-{n}-{time.time_ns()}"
                _edit(root / RECORD, marker)
                times.append(_wait(url, marker, 60))
            return times
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def run(source: Path, runs: int, edits: int) -> dict[str, Any]:
    """Figures on the shipped data; every command runs as a reader runs it, in a fresh process."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="uhc-bench-shipped-") as tmp:
        root = copy_shipped(source, Path(tmp) / "p")
        cache = Path(tmp) / "cache"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", UHC_CACHE_DIR=str(cache))
        project = build.Project(root)

        def clear() -> None:
            shutil.rmtree(project.site, ignore_errors=True)
            for name in write.GENERATED_DIRS:
                shutil.rmtree(project.docs / name, ignore_errors=True)
            (root / write.STATE).unlink(missing_ok=True)

        clear()
        results["full_build_cold_images_s"] = _timed(_cli(root, "build"), env)  # every share image drawn
        fulls, plains, generates = [], [], []
        for _ in range(runs):  # pairs: the full build, then MkDocs alone on the docs/ it generated
            clear()
            fulls.append(_timed(_cli(root, "build"), env))
            updated = dt.date.fromisoformat(str(build.data_date(project)))
            epoch = int(dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC).timestamp())
            plains.append(_timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f",
                                  str(project.config), "-d", str(Path(tmp) / "plain")],
                                 dict(env, SOURCE_DATE_EPOCH=str(epoch), UHC_SITE_DIR=str(Path(tmp) / "plain")),
                                 cwd=root))  # as `uhc-awards build` runs it: snippets are found from the root
            clear()
            generates.append(_timed(_cli(root, "generate"), env))
        results["full_build_s"] = statistics.median(fulls)
        results["mkdocs_plain_build_s"] = statistics.median(plains)
        results["build_ratio"] = round(statistics.median(f / p for f, p in zip(fulls, plains, strict=True)), 3)
        results["generate_shipped_s"] = statistics.median(generates)
        _timed(_cli(root, "build"), env)
        _edit(root / RECORD, "satu-catatan")
        results["one_record_build_s"] = _timed(_cli(root, "build"), env)
        results["noop_build_s"] = _timed(_cli(root, "build"), env)
        results["share_images"] = sum(1 for _ in (project.docs / "bagikan").glob("*.png"))
        results["share_images_mb"] = round(sum(p.stat().st_size for p in (project.docs / "bagikan").glob("*.png"))
                                           / 1e6, 1)
        if edits:
            times = preview(root, edits)
            results["preview_update_s"] = statistics.median(times)
            results["preview_update_max_s"] = max(times)
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}
