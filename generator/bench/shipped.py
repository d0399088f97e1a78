"""`uhc-awards bench` on the shipped data (a copy in a temporary folder, never the checkout): the full build
against a plain `mkdocs build` of the same docs/ (measured as a pair in one run), what the share images cost
cold and warm, `generate` and `build` after one record's edit against plain MkDocs (pairs), the start-up of
`check` and `generate`, and how fast `serve` shows an edited record (preview_update_s)."""

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


def reader_env(cache: Path) -> dict[str, str]:
    """The commands' environment: this one, with Python's bytecode cache as a reader's Python has it by default.
    PYTHONDONTWRITEBYTECODE (set on some sandboxes and CI images) makes every fresh process compile the generator's
    modules from source again (0.06 s for a no-op `generate` here), which no reader's machine does; it is dropped here
    unless UHC_BENCH_KEEP_ENV=1 keeps the environment as it is (then `bytecode_cached` is false)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", UHC_CACHE_DIR=str(cache))
    if env.get("UHC_BENCH_KEEP_ENV") != "1":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


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


def preview(root: Path, edits: int, env: dict[str, str]) -> list[float]:
    """Run `serve`, edit one record `edits` times, and time each edit until the served page shows it."""
    port = _free_port()
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


def _plain(project: build.Project, out: Path, env: dict[str, str]) -> float:
    """A plain `mkdocs build --strict` of the same docs/, timed: what MkDocs alone costs, the pair's other half."""
    updated = dt.date.fromisoformat(str(build.data_date(project)))
    epoch = int(dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC).timestamp())
    return _timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(project.config), "-d",
                   str(out)], dict(env, SOURCE_DATE_EPOCH=str(epoch), UHC_SITE_DIR=str(out)),
                  cwd=project.root)  # as `uhc-awards build` runs it: snippets are found from the root


def _spread(results: dict[str, Any], name: str, values: list[float]) -> None:
    """name (the median), its _max (the worst) and its _first (the first run: after serve started, or after the
    copy was made), e.g. preview_update_s, preview_update_max_s, preview_update_first_s."""
    stem, unit = (name[:-2], "_s") if name.endswith("_s") else (name, "")
    results[name], results[f"{stem}_max{unit}"], results[f"{stem}_first{unit}"] = \
        statistics.median(values), max(values), values[0]


def one_record(root: Path, runs: int, env: dict[str, str], out: Path) -> dict[str, Any]:
    """After one record's edit: `generate`, then `build`, each paired with a plain MkDocs build of the docs/ it
    left (pairs back to back, so both halves see the same load on a shared machine)."""
    project = build.Project(root)
    generates, builds, plains_g, plains_b = [], [], [], []
    for n in range(runs):
        _edit(root / RECORD, f"satu-catatan-{n}-generate")
        generates.append(_timed(_cli(root, "generate"), env))
        plains_g.append(_plain(project, out, env))
        _edit(root / RECORD, f"satu-catatan-{n}-build")
        builds.append(_timed(_cli(root, "build"), env))
        plains_b.append(_plain(project, out, env))
    results: dict[str, Any] = {}
    _spread(results, "one_record_generate_s", generates)
    _spread(results, "one_record_build_s", builds)
    _spread(results, "one_record_mkdocs_plain_s", plains_g + plains_b)
    _spread(results, "one_record_generate_ratio", [g / p for g, p in zip(generates, plains_g, strict=True)])
    _spread(results, "one_record_build_ratio", [b / p for b, p in zip(builds, plains_b, strict=True)])
    return results


def run(source: Path, runs: int, edits: int) -> dict[str, Any]:
    """Figures on the shipped data; every command runs as a reader runs it, in a fresh process."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="uhc-bench-shipped-") as tmp:
        root = copy_shipped(source, Path(tmp) / "p")
        cache = Path(tmp) / "cache"
        env = reader_env(cache)
        results["bytecode_cached"] = "PYTHONDONTWRITEBYTECODE" not in env
        project = build.Project(root)

        def clear() -> None:  # as a fresh checkout: no output, no state, no spare tree
            for folder in [project.site, root / write.SPARE, *(project.docs / n for n in write.GENERATED_DIRS)]:
                shutil.rmtree(folder, ignore_errors=True)
            for name in (write.STATE, build.SITE_STATE):
                (root / name).unlink(missing_ok=True)

        clear()
        results["full_build_cold_images_s"] = _timed(_cli(root, "build"), env)  # every share image drawn
        fulls, plains, generates = [], [], []
        for _ in range(runs):  # pairs: the full build, then MkDocs alone on the docs/ it generated
            clear()
            fulls.append(_timed(_cli(root, "build"), env))
            plains.append(_plain(project, Path(tmp) / "plain", env))
            clear()
            generates.append(_timed(_cli(root, "generate"), env))
        results["full_build_s"] = statistics.median(fulls)
        results["mkdocs_plain_build_s"] = statistics.median(plains)
        results["build_ratio"] = round(statistics.median(f / p for f, p in zip(fulls, plains, strict=True)), 3)
        results["generate_shipped_s"] = statistics.median(generates)
        _timed(_cli(root, "build"), env)
        results.update(one_record(root, max(runs, 3), env, Path(tmp) / "plain"))
        results["noop_build_s"] = _timed(_cli(root, "build"), env)
        _spread(results, "startup_s", [_timed([sys.executable, "-m", "generator", "--help"], env) for _ in range(3)])
        _spread(results, "check_s", [_timed(_cli(root, "check"), env) for _ in range(3)])
        _spread(results, "generate_noop_s", [_timed(_cli(root, "generate"), env) for _ in range(3)])
        results["share_images"] = sum(1 for _ in (project.docs / "bagikan").glob("*.png"))
        results["share_images_mb"] = round(sum(p.stat().st_size for p in (project.docs / "bagikan").glob("*.png"))
                                           / 1e6, 1)
        if edits:
            _spread(results, "preview_update_s", preview(root, edits, env))
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}
