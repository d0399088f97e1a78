"""`uhc-awards serve`: generate, run MkDocs' own development server, and regenerate whenever data/ or a
template changes.

The server is MkDocs' `serve --dirty`, looking at docs/ every 0.1 s instead of every 0.5 s (this module run
as `python -m generator.publish.serve [mkdocs serve options]`; `command()` builds that line). The generator
rewrites only the generated files that changed (unchanged ones keep their inode and time), so after one
record's edit MkDocs rebuilds that region's page and the few pages that show it, not all of them. Enter in the
terminal (or SIGHUP) restarts the server for a full rebuild.

The preview never falls over and never lies: bad data, a broken template, a folder that vanishes while it is
looked at or a file the generator cannot write is said in one line (data problems each at file:line) and the
served pages stay as they were; an address in use, or a server that stops by itself, ends serve with a line
and a non-zero status (ServeError).
"""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import DataError
from generator.publish import build, lock, write
from generator.publish.project import Project

POLL = 0.1  # seconds between MkDocs' looks at docs/ (its own default is 0.5)
WATCH_EVERY = 0.1  # seconds between serve's looks at data/ and the templates
EXIT_STOPPED = 2  # the server could not start or stopped by itself (the CLI's "site build failed")
KEPT = "the preview shows the pages as they were"
# What a regeneration can fail with, besides bad data: a file it cannot read or write, a broken template, the lock.
_REGENERATION_ERRORS = (OSError, write.OutputError, write.UnsafePath, lock.LockError, jinja2.TemplateError)


class ServeError(Exception):
    """The preview cannot run (address in use, bad address) or its server stopped; one line and a fix."""

    def __init__(self, message: str, fix: str) -> None:
        self.message, self.fix = message, fix
        super().__init__(f"{message}\n    fix: {fix}")


def command(config: Path, address: str) -> list[str]:
    # --no-strict: a dirty rebuild always warns that navigation may be stale; `uhc-awards build` stays strict.
    return [sys.executable, "-m", "generator.publish.serve", "--dirty", "--no-strict", "-f", str(config),
            "-a", address]


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


def snapshot(folders: Sequence[Path]) -> dict[str, int]:
    """Every file under the folders with its modification time (ns) and size: what serve watches. A folder or
    file that vanishes (or cannot be read) while it is looked at is left out: the next look sees what is there,
    and the regeneration reports it."""
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
    return found


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}"
    if isinstance(exc, write.OutputError):
        return exc.message
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror}"
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def regenerate(project: Project, report_problems: Callable[[DataError, str], object]) -> bool:
    """One regeneration; False when another run holds the lock (serve tries again on its next tick). Says what
    changed, so that the stale parts are explicit; a failure is said in one line and the pages stay."""
    started = time.perf_counter()
    try:
        with lock.hold(project.root, "serve", wait=0.0):
            _, report = build.generate(project)
    except lock.Busy:
        return False
    except DataError as exc:
        report_problems(exc, KEPT)
        return True
    except _REGENERATION_ERRORS as exc:
        print(f"error: regeneration failed: {_one_line(exc)}; {KEPT}", file=sys.stderr, flush=True)
        return True
    if not report.skipped:
        pages_first = sorted(report.changed_paths, key=lambda p: (not p.endswith(".md"), p))
        changed = ", ".join(pages_first[:4]) + (" ..." if len(pages_first) > 4 else "")
        print(f"regenerated in {time.perf_counter() - started:.2f} s: {report.written} written, {report.removed} "
              f"removed ({changed}); MkDocs rebuilds only these pages. Press Enter for a full rebuild.", flush=True)
    return True


def _stopped(server: subprocess.Popen[bytes]) -> ServeError:
    return ServeError(f"the preview server stopped by itself (MkDocs exited with status {server.returncode}); the "
                      "pages are no longer served", "read its last lines above, then run uhc-awards serve again")


def serve(project: Project, address: str, watched: Sequence[Path],
          report_problems: Callable[[DataError, str], object]) -> int:
    """Run the server and the watch until Ctrl-C or SIGTERM (0); ServeError when the server stops by itself.
    The caller has generated once, under the lock."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run `finally` so the server stops too
    full = threading.Event()
    signal.signal(signal.SIGHUP, lambda *_: full.set())
    if sys.stdin is not None and sys.stdin.isatty():
        def listen() -> None:
            for _ in sys.stdin:
                full.set()

        threading.Thread(target=listen, daemon=True).start()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

    def start() -> subprocess.Popen[bytes]:
        try:
            return subprocess.Popen(command(project.config, address), cwd=project.root, env=env)
        except OSError as exc:
            raise ServeError(f"cannot start the preview server ({exc.strerror})", "free memory or processes, then "
                             "run uhc-awards serve again") from None

    server = start()
    before = snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(WATCH_EVERY)
            if full.is_set():
                full.clear()
                print("full rebuild: restarting the server, every page is built again", flush=True)
                server.terminate()
                server.wait()
                server = start()
            now = snapshot(watched)
            if now != before and regenerate(project, report_problems):
                before = now
        raise _stopped(server)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def main(argv: list[str]) -> int:
    """MkDocs' `serve` with a 0.1 s poll; its failure is one line (no traceback) and status 2."""
    from mkdocs import livereload
    from mkdocs.__main__ import cli

    original = livereload.LiveReloadServer.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs["polling_interval"] = POLL
        original(self, *args, **kwargs)

    livereload.LiveReloadServer.__init__ = init  # type: ignore[method-assign]
    try:
        cli(["serve", *argv])
    except OSError as exc:  # the address was taken after serve looked, or another system error
        print(f"error: mkdocs serve: {_one_line(exc)}", file=sys.stderr)
        return EXIT_STOPPED
    except Exception as exc:  # noqa: BLE001 (the engine's process boundary: a crash is one line, not a traceback)
        print(f"error: mkdocs serve crashed: {_one_line(exc)}", file=sys.stderr)
        return EXIT_STOPPED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
