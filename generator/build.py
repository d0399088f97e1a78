"""The pipeline as the CLI runs it: check -> generate -> site build, each leaving old output on failure."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import write
from .dataset import Dataset, load_dataset
from .pages import render_site


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


def generate(project: Project) -> tuple[Dataset, write.Report]:
    ds = check(project)
    files = render_site(ds, site_url(project))
    return ds, write.write_generated(project.root, project.docs, files)


def engine_command(engine: str, config: Path, out: Path) -> list[str]:
    # Not -q: MkDocs counts warnings for --strict only at the log levels it shows.
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                "-f", str(config), "-d", str(out)]
    raise ValueError(f"unknown engine {engine!r}")


def build_site(project: Project, ds: Dataset, engine: str = "mkdocs") -> Path:
    """Build docs/ into a staging folder, then swap it in place of site/.

    The build date is the data's date (SOURCE_DATE_EPOCH), never the clock: sitemap.xml's lastmod and
    the gzip header of sitemap.xml.gz follow it, so two builds of one commit are identical."""
    out = write.staging_dir(project.root, "site")
    updated = ds.data_updated or dt.date(2026, 1, 1)
    epoch = int(dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC).timestamp())
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore", SOURCE_DATE_EPOCH=str(epoch))
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
