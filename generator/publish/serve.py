"""`uhc-awards serve`: a live preview of the site exactly as `uhc-awards build` makes it.

Every change is built by build.build() in this process (generation, then MkDocs' build of only the changed
pages, sitebuild.py), with what it read before kept (dataset.Memo): everything is imported and warm from the first
edit on, and site/ is what is served. MkDocs' development server (mkdocs.livereload: its HTTP server and live
reload) serves site/ under the path of site_url; a thread looks at data/, the templates, mkdocs.yml, overrides/
and the hand-written pages of docs/ every 0.1 s (not while a build runs) and asks for a build when one changed;
the browser reloads when the build is done. Enter in the terminal (or SIGHUP) renders every page again. Bad data
while serving prints the located problems, and a failed build says why: the served pages stay as they were.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import DataError
from generator.judge.dataset import Memo
from generator.publish import build, engine, lock, write
from generator.publish.project import Project, site_url

POLL = 0.1  # seconds between looks at what the site is made from (MkDocs' own default is 0.5)
TEMPLATES = Path(__file__).parents[1] / "render" / "templates"


def watched(project: Project) -> list[tuple[Path, bool]]:
    """(path, recursive) of everything a change to which changes the site, but the generated folders of docs/
    (the builds' own output: watching them would build twice)."""
    found = [(project.data, True), (TEMPLATES, True), (project.config, False), (project.docs, False),
             (project.root / "overrides", True)]
    try:
        with os.scandir(project.docs) as entries:
            found += [(Path(e.path), True) for e in entries
                      if e.is_dir(follow_symlinks=False) and e.name not in write.GENERATED_DIRS]
    except OSError:
        pass
    return found


def snapshot(paths: Iterable[tuple[Path, bool]]) -> dict[str, tuple[int, int, int]]:
    """Every file under the paths (a folder, with its subfolders when recursive, or a file) with its inode, size
    and modification time: what serve compares on every look."""
    found: dict[str, tuple[int, int, int]] = {}

    def look(path: str, recursive: bool) -> None:
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        if recursive:
                            look(entry.path, True)
                        continue
                    info = entry.stat(follow_symlinks=False)
                    found[entry.path] = (info.st_ino, info.st_size, info.st_mtime_ns)
        except NotADirectoryError:
            info = os.stat(path)
            found[path] = (info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            return  # gone, or going: the next look sees it

    for path, recursive in paths:
        look(str(path), recursive)
    return found


def regenerate(project: Project, report_problems: Callable[[DataError, str], object], full: bool = False,
               memo: Memo | None = None) -> bool:
    """One build (full: every page rendered by the engine; memo: the data read before, dataset.Memo); False when
    another run holds the lock (serve tries again on its next look). Says what changed, so that the stale parts
    are explicit."""
    started = time.perf_counter()
    try:
        with lock.hold(project.root, "serve", wait=0.0):
            report, built = build.build(project, here=True, full=full, memo=memo)
    except lock.Busy:
        return False
    except DataError as exc:
        report_problems(exc, "the preview shows the pages as they were")
        return True
    except write.OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return True
    except engine.BuildError as exc:
        print(f"error: the site build failed; the preview shows the pages as they were.\n{exc}", file=sys.stderr)
        return True
    if not report.skipped or full:
        pages_first = sorted(report.changed_paths, key=lambda p: (not p.endswith(".md"), p))
        changed = ", ".join(pages_first[:4]) + (" ..." if len(pages_first) > 4 else "")
        rendered = "every page" if full else f"{built.rendered} page(s)" if built.rendered is not None else "the site"
        print(f"built in {time.perf_counter() - started:.2f} s: {report.written} written, {report.removed} removed "
              f"({changed}); MkDocs rendered {rendered}. Press Enter to render every page again.", flush=True)
    return True


def _request_build(server: Any) -> None:
    """Ask the server's build loop for a build, as its own watch callback does (mkdocs.livereload, MkDocs 1.6)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def serve(project: Project, address: str, report_problems: Callable[[DataError, str], object],
          memo: Memo | None = None) -> int:
    """Serve site/ and build on every change until Ctrl-C or SIGTERM; the caller has built it once, under the
    lock (with `memo`, which later builds use)."""
    from mkdocs.livereload import LiveReloadServer  # MkDocs' server: loaded by this command only

    memo = memo or Memo()
    host, _, port = address.rpartition(":")
    full, building, retry, stop = threading.Event(), threading.Event(), threading.Event(), threading.Event()

    def builder() -> None:
        again = full.is_set()
        full.clear()
        building.set()
        try:
            if not regenerate(project, report_problems, full=again, memo=memo):  # busy: look again shortly
                retry.set()
                if again:
                    full.set()
        finally:
            building.clear()

    server = LiveReloadServer(builder=builder, host=host or "127.0.0.1", port=int(port), root=str(project.site),
                              mount_path=urlsplit(site_url(project)).path or "/")
    server._watched_paths = {str(project.data): 1}  # what the server checks before adding its live reload script
    server.error_handler = lambda code: (project.site / "404.html").read_bytes() \
        if code == 404 and (project.site / "404.html").is_file() else None

    def watch() -> None:
        seen = snapshot(watched(project))
        while not stop.wait(POLL):
            if building.is_set():
                continue
            now = snapshot(watched(project))
            if now != seen or retry.is_set():
                seen = now
                retry.clear()
                _request_build(server)

    def rebuild_all(*_: object) -> None:
        print("full rebuild: every page is rendered again", flush=True)
        full.set()
        _request_build(server)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run `finally` so the server stops too
    signal.signal(signal.SIGHUP, rebuild_all)
    if sys.stdin is not None and sys.stdin.isatty():
        def listen() -> None:
            for _ in sys.stdin:
                rebuild_all()

        threading.Thread(target=listen, daemon=True).start()
    threading.Thread(target=watch, daemon=True).start()
    print(f"serving {project.site} on {server.url} (Ctrl-C stops, Enter renders every page again)", flush=True)
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
    return 0
