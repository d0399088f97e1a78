"""The pipeline as the CLI runs it: check -> generate -> site build. Each step leaves the previous docs/ and
site/ as they were when it fails; the caller holds the project's lock (lock.py) around every writing step."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from pathlib import Path

from generator.errors import DataError
from generator.judge.dataset import Dataset, load_dataset
from generator.outputs.pages import render_site
from generator.pictures.imagecache import ImageCache
from generator.publish import datafiles, engine, write
from generator.publish.engine import ENGINES
from generator.publish.project import Project, channels, site_url
from generator.read import datatree
from generator.read.meta import data_date as _data_date

PACKAGE = Path(__file__).parents[1]  # generator/: every module and template
__all__ = ["ENGINES", "BuildError", "Project", "build", "build_site", "check", "data_date", "fingerprint",
           "generate"]

CACHE = ".uhc-cache"  # drawn share images, by content: an unchanged page's image is not drawn again
# ($UHC_CACHE_DIR puts it elsewhere, e.g. one cache for many checkouts: keys cover every input, so sharing is safe)


class BuildError(Exception):
    """The site engine failed; the message says why in a few lines (the whole output is in engine.LOG).
    docs/ and site/ are as they were."""


def check(project: Project) -> Dataset:
    """Everything under data/ (and a year folder an interrupted import left absent), and the site's address in
    mkdocs.yml, read and validated; writes nothing."""
    datatree.scan(project.root)
    found = datafiles.interrupted(project.root)
    try:
        site_url(project)
    except DataError as exc:
        found += exc.problems
    try:
        ds = load_dataset(project.root)
    except DataError as exc:
        raise DataError(found + exc.problems) from None
    if found:
        raise DataError(found)
    return ds


def fingerprint(project: Project, url: str) -> str:
    """A hash of everything the generated pages depend on: data/ (checked as the readers will read it), the
    generator's code and templates, and site_url."""
    parts = (url, datatree.scan(project.root), datatree.code_digest(PACKAGE))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def generate(project: Project, keep_previous: bool = False) -> tuple[Dataset | None, write.Report]:
    """Check, then render and write. When the inputs and the generated files are exactly as after the last
    successful run, nothing is read, rendered or written (the Dataset is then None and the report says
    skipped). keep_previous: see write.write_generated."""
    write.recover(project.root)
    url, readers = site_url(project), channels(project)
    stamp = fingerprint(project, f"{url}\0{readers.email or ''}\0{readers.issues or ''}")
    if write.is_current(project.root, project.docs, stamp):
        return None, write.Report.up_to_date()
    ds = load_dataset(project.root)
    shared = os.environ.get("UHC_CACHE_DIR")
    images = ImageCache(Path(shared or project.root / CACHE) / "bagikan")
    report = write.write_generated(project.root, project.docs, render_site(ds, url, images=images,
                                                                                channels=readers), keep_previous)
    if not shared:  # only after a complete run, and only the project's own cache: drop images no page uses
        images.prune(images.used)
    write.save_state(project.root, project.docs, stamp, report.expected)
    return ds, report


def data_date(project: Project) -> dt.date:
    """The date of the data (data/dataset.yaml), for builds that skipped generation."""
    return _data_date(project.root)


def build_site(project: Project, updated: dt.date, engine_name: str = "mkdocs") -> Path:
    """Build docs/ into a staging folder, then swap it in place of site/ in one step.

    The build date is the data's date (SOURCE_DATE_EPOCH), never the clock: sitemap.xml's lastmod and the gzip
    header of sitemap.xml.gz follow it, so two builds of one commit are identical."""
    try:
        command = engine.command(engine_name, project.config, project.root / write.WORK / "site")
    except engine.EngineMissing as exc:
        raise BuildError(str(exc)) from None
    out = write.staging_dir(project.root, "site")
    epoch = int(dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC).timestamp())
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore", SOURCE_DATE_EPOCH=str(epoch),
               UHC_SITE_DIR=str(out))
    try:
        result = engine.run(command, project.root, env, project.root / write.WORK)
    except OSError as exc:
        write.discard(project.root, "site")
        raise BuildError(f"cannot run {engine_name}: {exc.strerror}") from None
    log = project.root / engine.LOG
    if result.returncode != 0 or not (out / "index.html").exists():
        write.discard(project.root, "site")
        with contextlib.suppress(OSError):  # a full disk: the summary below is printed all the same
            write.write_file(log, result.output.encode("utf-8"))
        raise BuildError(f"{engine.summary(engine_name, result)}\n(the whole output of {engine_name}: {engine.LOG})")
    log.unlink(missing_ok=True)
    robots = f"User-agent: *\nAllow: /\nSitemap: {site_url(project)}sitemap.xml\n"
    try:
        write.write_file(out / "robots.txt", robots.encode("utf-8"))
    except OSError as exc:
        write.discard(project.root, "site")
        raise write.OutputError(f"cannot write the site into {write.WORK}/ ({exc.strerror})",
                                "free disk space, then run again") from None
    write.replace_dir(project.root, out, project.site)
    return project.site


def build(project: Project, engine_name: str = "mkdocs") -> tuple[write.Report, Path]:
    """generate, then build the site; if the site cannot be built, docs/ is put back as it was, so that a
    failed build changes neither docs/ nor site/."""
    write.same_file_system(project.root, project.site)  # before any work, not after the pages are swapped in
    ds, report = generate(project, keep_previous=True)
    try:
        updated = ds.data_updated if ds is not None and ds.data_updated else data_date(project)
        site = build_site(project, updated, engine_name)
    except BaseException:
        write.restore_previous(project.root, project.docs)
        raise
    finally:
        write.recover(project.root)
    return report, site
