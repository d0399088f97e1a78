"""The pipeline as the CLI runs it: check -> generate -> site build, each leaving old output on failure."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import write
from .dataset import Dataset, load_dataset
from .errors import DataError, Problem
from .imagecache import ImageCache
from .pages import render_site
from .yamlsafe import MAX_BYTES, load_file

CACHE = ".uhc-cache"  # drawn share images, by content: an unchanged page's image is not drawn again
# ($UHC_CACHE_DIR puts it elsewhere, e.g. one cache for many checkouts: keys cover every input, so sharing is safe)


class BuildError(Exception):
    """The site engine failed; its output is in the message. The previous site/ is untouched."""


@dataclass(frozen=True, slots=True)
class Project:
    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


_SITE_URL = re.compile(r"^site_url:\s*(?:!ENV\s*\[\s*(\w+)\s*,\s*)?[\"']?([^\"'\]\s]+)", re.MULTILINE)


def site_url(project: Project) -> str:
    """The published address: $SITE_URL when mkdocs.yml reads it from the environment, else its site_url."""
    found = _SITE_URL.search(project.config.read_text(encoding="utf-8")) if project.config.exists() else None
    if found is None:
        return "/"
    variable, default = found.groups()
    url = (os.environ.get(variable) if variable else None) or default
    return url if url.endswith("/") else url + "/"


def check(project: Project) -> Dataset:
    write.recover(project.root)
    return load_dataset(project.root)


PACKAGE = Path(__file__).parent


def fingerprint(project: Project, url: str) -> str:
    """A hash of everything the generated pages depend on: data/, the generator's code and templates, site_url."""
    digest = hashlib.sha256(url.encode("utf-8"))
    for base in (project.root / "data", PACKAGE):
        _digest_tree(digest, base, "")
    return digest.hexdigest()


def _digest_tree(digest: Any, folder: Path, prefix: str) -> None:
    """Names, kinds and contents of everything under folder, in sorted order (os.scandir: one stat a file)."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if entry.name == "__pycache__":
            continue
        name = prefix + entry.name
        digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        if entry.is_symlink():  # never followed; links, folders and FIFOs count by name and kind
            digest.update(b"link\0")
        elif entry.is_dir(follow_symlinks=False):
            digest.update(b"dir\0")
            _digest_tree(digest, Path(entry.path), name + "/")
        elif not entry.is_file(follow_symlinks=False):
            digest.update(b"other\0")
        elif (info := entry.stat(follow_symlinks=False)).st_size > MAX_BYTES:
            digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())  # rejected by the check: never read
        else:
            with open(entry.path, "rb") as handle:
                digest.update(handle.read())


def generate(project: Project) -> tuple[Dataset | None, write.Report]:
    """Check, then render and write. When the inputs and the generated files are exactly as after the last
    successful run, nothing is read, rendered or written (the Dataset is then None)."""
    write.recover(project.root)
    url = site_url(project)
    stamp = fingerprint(project, url)
    if write.is_current(project.root, project.docs, stamp):
        return None, write.Report(0, -1, 0)
    ds = check(project)
    shared = os.environ.get("UHC_CACHE_DIR")
    images = ImageCache(Path(shared or project.root / CACHE) / "bagikan")
    report = write.write_generated(project.root, project.docs, render_site(ds, url, images=images))
    if not shared:  # only after a complete run, and only the project's own cache: drop images no page uses
        images.prune(images.used)
    write.save_state(project.root, project.docs, stamp)
    return ds, report


ENGINES = ("mkdocs", "zensical")


def engine_command(engine: str, config: Path, out: Path) -> list[str]:
    """The site engine's build command. Both read mkdocs.yml; Zensical (optional extra) builds into
    site_dir, which mkdocs.yml takes from $UHC_SITE_DIR."""
    if engine == "mkdocs":  # not -q: MkDocs counts warnings for --strict only at the levels it shows
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(out)]
    if engine == "zensical":
        script = Path(sys.executable).with_name("zensical")
        if not script.exists():
            raise BuildError("Zensical is not installed: pip install -e '.[zensical]'")
        return [str(script), "build", "--strict", "--clean", "-f", str(config)]
    raise ValueError(f"unknown engine {engine!r}")


def data_date(project: Project) -> dt.date:
    """The date of the data (data/dataset.yaml), read on its own for builds that skipped generation."""
    meta = load_file(project.root / "data" / "dataset.yaml", "data/dataset.yaml")
    updated = meta.get("updated") if isinstance(meta, dict) else None
    if not isinstance(updated, dt.date):
        raise DataError([Problem("data/dataset.yaml", 1, "updated", "must be a date", "write updated: YYYY-MM-DD")])
    return updated


def build_site(project: Project, updated: dt.date, engine: str = "mkdocs") -> Path:
    """Build docs/ into a staging folder, then swap it in place of site/.

    The build date is the data's date (SOURCE_DATE_EPOCH), never the clock: sitemap.xml's lastmod and
    the gzip header of sitemap.xml.gz follow it, so two builds of one commit are identical."""
    out = write.staging_dir(project.root, "site")
    epoch = int(dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC).timestamp())
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore", SOURCE_DATE_EPOCH=str(epoch),
               UHC_SITE_DIR=str(out))
    proc = subprocess.run(engine_command(engine, project.config, out), cwd=project.root, env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not (out / "index.html").exists():
        write.recover(project.root)
        lines = (proc.stdout + proc.stderr).splitlines()
        shown = [ln for ln in lines if not ln.startswith("INFO")] or lines
        raise BuildError("\n".join(shown).strip() or f"{engine} exited with {proc.returncode}")
    robots = f"User-agent: *\nAllow: /\nSitemap: {site_url(project)}sitemap.xml\n"
    write.write_file(out / "robots.txt", robots.encode("utf-8"))
    write.replace_dir(project.root, out, project.site)
    return project.site
