"""`uhc-awards serve`: a live preview of the site exactly as `uhc-awards build` makes it.

Every change is built by build.build() in this process (generation, then MkDocs' build of only the changed
pages, sitebuild.py), with what it read before kept (dataset.Memo): everything is imported and warm from the first
edit on, and site/ is what is served. MkDocs' development server (mkdocs.livereload: its HTTP server and live
reload) serves site/ under the path of site_url; a thread looks at data/, the templates, mkdocs.yml, overrides/
and the hand-written pages of docs/ every 0.1 s (not while a build runs) and asks for a build when one changed;
the browser reloads when the build is done. Enter in the terminal (or SIGHUP) renders every page again.

The preview never falls over and never lies: bad data, a broken template, a folder that vanishes while it is
looked at, a file the generator cannot write or a site build that fails is said in one line (data problems each
at file:line) and the served pages stay as they were; an address in use, or a server that stops by itself, ends
serve with a line and a non-zero status (ServeError).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import DataError
from generator.judge.dataset import Memo, load_dataset
from generator.publish import build, engine, lock, write
from generator.publish.project import Project, site_url
from generator.read import datatree

POLL = 0.1  # seconds between looks at what the site is made from (MkDocs' own default is 0.5)
EXIT_STOPPED = 2  # the server could not start or stopped by itself (the CLI's "site build failed")
KEPT = "the preview shows the pages as they were"
TEMPLATES = Path(__file__).parents[1] / "render" / "templates"


class ServeError(Exception):
    """The preview cannot run (address in use, bad address) or its server stopped; one line and a fix."""

    def __init__(self, message: str, fix: str) -> None:
        self.message, self.fix = message, fix
        super().__init__(f"{message}\n    fix: {fix}")


def check_address(address: str) -> None:
    """ServeError when the server could not listen at HOST:PORT (malformed, or taken by another program)."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdecimal() or not 0 < int(port) < 65536:
        raise ServeError(f"--dev-addr {address!r} is not HOST:PORT", "write e.g. --dev-addr 127.0.0.1:8000")
    try:
        infos = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server binds
            probe.bind(infos[0][4])
    except OSError as exc:
        why = "is in use by another program" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
        raise ServeError(f"{address} {why}; the preview did not start",
                         f"stop that program, or choose another port: --dev-addr {host}:{int(port) + 1}") from None


def watched(project: Project) -> tuple[list[Path], list[Path]]:
    """(folders, files): everything a change to which changes the site, but the generated folders of docs/ (the
    builds' own output: watching them would build twice)."""
    folders, files = [project.data, TEMPLATES, project.root / "overrides"], [project.config]
    try:
        with os.scandir(project.docs) as entries:
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    files.append(Path(entry.path))
                elif entry.name not in write.GENERATED_DIRS:
                    folders.append(Path(entry.path))
    except OSError:
        pass
    return folders, files


def snapshot(folders: Sequence[Path], files: Iterable[Path] = ()) -> dict[str, int]:
    """Every file under the folders, and the files, with its modification time (ns) and size: what serve
    watches. A folder or file that vanishes (or cannot be read) while it is looked at is left out: the next look
    sees what is there, and the regeneration reports it."""
    found: dict[str, int] = {}
    pending = [str(folder) for folder in folders]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    else:
                        info = entry.stat(follow_symlinks=False)
                        found[entry.path] = info.st_mtime_ns ^ info.st_size
        except OSError:
            continue  # gone, or not a folder, or unreadable: data/'s readers say which
    for file in files:
        try:
            info = os.stat(file)
        except OSError:
            continue
        found[str(file)] = info.st_mtime_ns ^ info.st_size
    return found


def _one_line(exc: BaseException) -> str:
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}"
    if isinstance(exc, write.OutputError):
        return exc.message
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror}"
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def regenerate(project: Project, report_problems: Callable[[DataError, str], object], full: bool = False,
               memo: Memo | None = None) -> bool:
    """One build (full: every page rendered by the engine; memo: the data read before, dataset.Memo); False when
    another run holds the lock (serve tries again on its next look). Says what changed, so that the stale parts
    are explicit; a failure is said in one line and the pages stay."""
    import jinja2  # loaded with the templates anyway; not by the commands that do not render

    started = time.perf_counter()
    try:
        with lock.hold(project.root, "serve", wait=0.0):
            report, built = build.build(project, here=True, full=full, memo=memo)
    except lock.Busy:
        return False
    except DataError as exc:
        report_problems(exc, KEPT)
        return True
    except engine.BuildError as exc:
        print(f"error: the site build failed; {KEPT}.\n{exc}", file=sys.stderr, flush=True)
        return True
    except (OSError, write.OutputError, write.UnsafePath, lock.LockError, jinja2.TemplateError) as exc:
        print(f"error: regeneration failed: {_one_line(exc)}; {KEPT}", file=sys.stderr, flush=True)
        return True
    if report.skipped and not full and not built.rendered:
        return True  # nothing the site is made from changed (a file saved unchanged)
    pages_first = sorted(report.changed_paths, key=lambda p: (not p.endswith(".md"), p))
    changed = ", ".join(pages_first[:4]) + (" ..." if len(pages_first) > 4 else "")
    generated = "no generated file changed" if report.skipped else \
        f"{report.written} written, {report.removed} removed ({changed})"
    rendered = "every page" if full else f"{built.rendered} page(s)" if built.rendered is not None else "the site"
    print(f"built in {time.perf_counter() - started:.2f} s: {generated}; MkDocs rendered {rendered}. Press Enter to "
          "render every page again.", flush=True)
    return True


def warm(project: Project, memo: Memo) -> None:
    """What the first edit would otherwise pay for: the modules that render imported, and the data read into
    `memo` (a first build with nothing to generate read none)."""
    from generator.outputs import pages  # noqa: F401 (imported now, not at the first edit)

    if memo.parts:
        return
    with contextlib.suppress(DataError):  # the next build says what is wrong
        load_dataset(project.root, memo, datatree.scan_files(project.root)[1])


def _request_build(server: Any) -> None:
    """Ask the server's build loop for a build, as its own watch callback does (mkdocs.livereload, MkDocs 1.6)."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def serve(project: Project, address: str, report_problems: Callable[[DataError, str], object],
          memo: Memo | None = None) -> int:
    """Serve site/ and build on every change until Ctrl-C or SIGTERM (0); ServeError when the server stops by
    itself. The caller has built the site once, under the lock (with `memo`, which later builds use)."""
    from mkdocs.livereload import LiveReloadServer  # MkDocs' server: loaded by this command only

    memo = memo or Memo()
    warm(project, memo)
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

    server = LiveReloadServer(builder=builder, host=host.strip("[]"), port=int(port), root=str(project.site),
                              mount_path=urlsplit(site_url(project)).path or "/")
    server._watched_paths = {str(project.data): 1}  # what the server checks before adding its live reload script
    died: list[BaseException] = []

    def http() -> None:  # the server's own thread, its end caught: serve then stops and says why, in one line
        try:
            server.serve_forever(server.shutdown_delay)
        except Exception as exc:  # noqa: BLE001 (whatever stopped it is told, not a traceback)
            died.append(exc)

    server.serve_thread = threading.Thread(target=http, daemon=True)
    server.error_handler = lambda code: (project.site / "404.html").read_bytes() \
        if code == 404 and (project.site / "404.html").is_file() else None

    def watch() -> None:
        seen = snapshot(*watched(project))
        while not stop.wait(POLL):
            if not server.serve_thread.is_alive() and server.serve_thread.ident is not None:
                server.shutdown()  # the HTTP server died: the build loop ends, and serve() says so
                return
            if building.is_set():
                continue
            now = snapshot(*watched(project))
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
        server.serve()  # type: ignore[no-untyped-call]  # returns only when the server stopped
    except KeyboardInterrupt:
        return 0
    except OSError as exc:  # the address was taken after serve looked
        raise ServeError(f"the preview server could not start: {_one_line(exc)}",
                         "choose another port with --dev-addr, then run uhc-awards serve again") from None
    finally:
        stop.set()
        server.shutdown()
    why = f" ({_one_line(died[0])})" if died else ""
    raise ServeError(f"the preview server stopped by itself{why}; the pages are no longer served",
                     "read its last lines above, then run uhc-awards serve again")
