"""The pipeline as the CLI runs it: check -> generate -> site build. Each step leaves the previous docs/ and
site/ as they were when it fails; the caller holds the project's lock (lock.py) around every writing step."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator import parallel
from generator.errors import DataError
from generator.judge.dataset import Dataset, Memo, load_dataset
from generator.publish import changes, datafiles, engine, memofile, state, write
from generator.publish.engine import ENGINES, BuildError
from generator.publish.project import Project, channels, site_url
from generator.read import datatree
from generator.read.meta import data_date as _data_date

PACKAGE = Path(__file__).parents[1]  # generator/: every module and template
__all__ = ["ENGINES", "BuildError", "Built", "Project", "build", "build_site", "check", "data_date", "fingerprint",
           "generate"]

SITE_STATE = ".uhc-site.json"  # what the last build of site/ was made from (sitebuild.py), naming that site/
CACHE = ".uhc-cache"  # drawn share images, by content: an unchanged page's image is not drawn again
# ($UHC_CACHE_DIR puts them elsewhere, e.g. one cache for many checkouts: keys cover every input, so sharing is safe)


def compiled(project: Project) -> Path:
    """Where compiled templates (the generator's and the theme's) are kept: the project's own cache, never the
    shared one, since compiled templates are code."""
    return project.root / CACHE / "compiled"


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
        with parallel.collector_paused():
            ds = load_dataset(project.root)
    except DataError as exc:
        raise DataError(found + exc.problems) from None
    if found:
        raise DataError(found)
    return ds


def fingerprint(project: Project, url: str) -> str:
    """A hash of everything the generated pages depend on: data/ (checked as the readers will read it), the
    generator's code and templates, and site_url."""
    return _fingerprint(url, datatree.scan(project.root), datatree.code_digest(PACKAGE))


def _fingerprint(url: str, data: str, code: str) -> str:
    return hashlib.sha256("\0".join((url, data, code)).encode("utf-8")).hexdigest()


def generate(project: Project, keep_previous: bool = False, memo: Memo | None = None
             ) -> tuple[Dataset | None, write.Report]:
    """Check, then render and write what changed. When the inputs and the generated files are exactly as after
    the last successful run, nothing is read, rendered or written (the Dataset is then None and the report
    says skipped). Otherwise only the parts of the site whose inputs changed are rendered (publish/changes.py);
    the others' files are kept as they are. keep_previous: see write.write_generated; memo: what a process that
    generates again and again (serve) keeps of the data it read (dataset.Memo)."""
    write.recover(project.root)
    url, readers = site_url(project), channels(project)
    site = f"{url}\0{readers.email or ''}\0{readers.issues or ''}"  # what of mkdocs.yml the pages show
    known = memofile.load_seen(project.root)
    data, files, seen = datatree.scan_known(project.root, known)
    if seen != known:
        memofile.save_seen(project.root, seen)
    code = datatree.code_digest(PACKAGE)
    stamp = _fingerprint(site, data, code)
    before, on_disk = state.load(project.root), state.manifest(project.docs)
    if state.is_current(before, stamp, on_disk):
        return None, write.Report.up_to_date()
    from generator.outputs import pages  # only when rendering (maps, Pillow)
    from generator.pictures.imagecache import ImageCache

    with parallel.collector_paused():  # what it reads lives to the end of the run
        ds = _load(project, files, code, memo)
    with parallel.set_aside():  # ... and no collection walks it again
        shared = os.environ.get("UHC_CACHE_DIR")
        images = ImageCache(Path(shared or project.root / CACHE) / "bagikan")
        parts, summaries = pages.site_parts(ds), pages.Summaries(ds, url, readers)
        shared_inputs = f"{site}\0{code}\0{pages.libraries()}"
        first = not before.get("parts")  # no run before: every part is made, named while the workers make them
        plan = changes.everything(parts) if first else \
            changes.plan(ds, parts, files, shared_inputs, pages.facts(ds), summaries, before, on_disk)

        def name() -> None:
            changes.name(plan, ds, parts, files, shared_inputs, pages.facts(ds), summaries)
        made: dict[str, list[str]] = {}

        def rendered() -> Iterator[tuple[str, bytes]]:
            for key, path, content in pages.render_parts(ds, plan.rebuild, url, images=images, channels=readers,
                                                         compiled=compiled(project), views=summaries.site,
                                                         meanwhile=name if first else None,
                                                         cards=summaries.pictures):
                made.setdefault(key, []).append(path)
                yield path, content

        report = write.write_generated(project.root, project.docs, rendered(), keep_previous, plan.kept)
        if plan.full and not shared:  # after a complete run, in the project's own cache: drop images no page uses
            images.prune(images.used)
        recorded = plan.recorded(made, before.get("parts") or {})
        state.save(project.root, project.docs, stamp, report.expected, recorded)
        return ds, report


def _load(project: Project, files: dict[str, str], code: str, memo: Memo | None) -> Dataset:
    """The Dataset, reading only the files whose results are not in the Memo (this process's, else the one the
    last run kept: memofile.py), which keeps what it read for the next run."""
    memo = memofile.load(project.root, code) if memo is None else memo
    before = memofile.mark(memo)
    ds = load_dataset(project.root, memo, files)
    if memofile.mark(memo) != before:
        memofile.save(project.root, code, memo)
    return ds


def data_date(project: Project) -> dt.date:
    """The date of the data (data/dataset.yaml), for builds that skipped generation."""
    return _data_date(project.root)


@dataclass(frozen=True, slots=True)
class Built:
    site: Path
    rendered: int | None  # pages the engine rendered (the others were kept from the last build); None: unknown


def build_site(project: Project, updated: dt.date, engine_name: str = "mkdocs", full: bool = False,
               here: bool = False) -> Built:
    """Build docs/ into a staging folder, then swap it in place of site/ in one step. MkDocs builds only the
    pages whose sources changed since the last build of this site/ (sitebuild.py), unless `full`; in a child
    process, or in this one (`here`: serve, warm). Other engines build everything into a fresh folder.

    The build date is the data's date (SOURCE_DATE_EPOCH), never the clock: sitemap.xml's lastmod and the gzip
    header of sitemap.xml.gz follow it, so two builds of one commit are identical."""
    root, work = project.root, project.root / write.WORK
    write.same_file_system(root, project.site)
    if engine_name == "mkdocs":
        out, previous = write.stage_tree(root, "site", project.site)
    else:
        out, previous = write.staging_dir(root, "site"), None
    try:
        command = engine.command(engine_name, project.config, out)
    except engine.EngineMissing as exc:
        raise BuildError(str(exc)) from None
    epoch = int(dt.datetime(updated.year, updated.month, updated.day, tzinfo=dt.UTC).timestamp())
    tree = os.stat(project.site).st_ino if project.site.is_dir() and not full else 0
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore", SOURCE_DATE_EPOCH=str(epoch),
               UHC_SITE_DIR=str(out), UHC_SITE_STATE=str(root / SITE_STATE), UHC_SITE_TREE=str(tree),
               UHC_SITE_STATE_OUT=str(work / SITE_STATE), UHC_COMPILED=str(compiled(project)))
    try:
        if here and engine_name == "mkdocs":
            from generator.publish import sitebuild  # MkDocs itself: loaded by `serve` only

            result = sitebuild.build_here(project.config, out, env, root)
        else:
            result = engine.run(command, root, env, work)
    except OSError as exc:
        write.discard(root, "site")
        raise BuildError(f"cannot run {engine_name}: {exc.strerror}") from None
    log = root / engine.LOG
    if result.returncode != 0 or not (out / "index.html").exists():
        write.discard(root, "site")
        with contextlib.suppress(OSError):  # a full disk: the summary below is printed all the same
            write.write_file(log, result.output.encode("utf-8"))
        raise BuildError(f"{engine.summary(engine_name, result)}\n(the whole output of {engine_name}: {engine.LOG})")
    log.unlink(missing_ok=True)
    robots = f"User-agent: *\nAllow: /\nSitemap: {site_url(project)}sitemap.xml\n"
    try:
        write.write_file(out / "robots.txt", robots.encode("utf-8"))
    except OSError as exc:
        write.discard(root, "site")
        raise write.OutputError(f"cannot write the site into {out.relative_to(root)}/ ({exc.strerror})",
                                "free disk space, then run again") from None
    made = work / SITE_STATE
    write.replace_dir(root, out, project.site, previous, flushed=made.exists())
    if made.exists():  # it names the tree just swapped in: the next build starts from it
        os.replace(made, root / SITE_STATE)
    rendered = re.search(r"Built (\d+) of \d+ pages", result.output)  # sitebuild's last word
    return Built(project.site, int(rendered[1]) if rendered else None)


def build(project: Project, engine_name: str = "mkdocs", here: bool = False, full: bool = False,
          memo: Memo | None = None) -> tuple[write.Report, Built]:
    """generate, then build the site; if the site cannot be built, docs/ is put back as it was, so that a
    failed build changes neither docs/ nor site/. here, full: see build_site; memo: see generate."""
    write.same_file_system(project.root, project.site)  # before any work, not after the pages are swapped in
    ds, report = generate(project, keep_previous=True, memo=memo)
    try:
        updated = ds.data_updated if ds is not None and ds.data_updated else data_date(project)
        built = build_site(project, updated, engine_name, full=full, here=here)
    except BaseException:
        write.restore_previous(project.root, project.docs)
        raise
    finally:
        write.recover(project.root)
    return report, built
