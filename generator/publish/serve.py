"""`uhc-awards serve`: generate, run MkDocs' own development server, and regenerate whenever data/ or a
template changes.

The server is MkDocs' `serve --dirty`, looking at docs/ every 0.1 s instead of every 0.5 s (this module run
as `python -m generator.publish.serve [mkdocs serve options]`; `command()` builds that line). The generator
rewrites only the generated files that changed (unchanged ones keep their inode and time), so after one
record's edit MkDocs rebuilds that region's page and the few pages that show it, not all of them. Enter in the
terminal (or SIGHUP) restarts the server for a full rebuild. Bad data while serving prints the located
problems and the served pages stay as they were.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator.errors import DataError
from generator.publish import build, lock, write
from generator.publish.project import Project

POLL = 0.1  # seconds between MkDocs' looks at docs/ (its own default is 0.5)
WATCH_EVERY = 0.1  # seconds between serve's looks at data/ and the templates


def command(config: Path, address: str) -> list[str]:
    # --no-strict: a dirty rebuild always warns that navigation may be stale; `uhc-awards build` stays strict.
    return [sys.executable, "-m", "generator.publish.serve", "--dirty", "--no-strict", "-f", str(config),
            "-a", address]


def snapshot(folders: Sequence[Path]) -> dict[str, int]:
    """Every file under the folders with its modification time (ns) and size: what serve watches."""
    found: dict[str, int] = {}
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else ():
            try:
                info = path.stat()
            except OSError:
                continue  # removed while we looked: the next look sees it
            found[str(path)] = info.st_mtime_ns ^ info.st_size
    return found


def regenerate(project: Project, report_problems: Callable[[DataError, str], object]) -> bool:
    """One regeneration; False when another run holds the lock (serve tries again on its next tick).
    Says what changed, so that the stale parts are explicit."""
    started = time.perf_counter()
    try:
        with lock.hold(project.root, "serve", wait=0.0):
            _, report = build.generate(project)
    except lock.Busy:
        return False
    except DataError as exc:
        report_problems(exc, "the preview shows the pages as they were")
        return True
    except write.OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return True
    if not report.skipped:
        pages_first = sorted(report.changed_paths, key=lambda p: (not p.endswith(".md"), p))
        changed = ", ".join(pages_first[:4]) + (" ..." if len(pages_first) > 4 else "")
        print(f"regenerated in {time.perf_counter() - started:.2f} s: {report.written} written, {report.removed} "
              f"removed ({changed}); MkDocs rebuilds only these pages. Press Enter for a full rebuild.", flush=True)
    return True


def serve(project: Project, address: str, watched: Sequence[Path],
          report_problems: Callable[[DataError, str], object]) -> int:
    """Run the server and the watch until Ctrl-C or SIGTERM; the caller has generated once, under the lock."""
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
        return subprocess.Popen(command(project.config, address), cwd=project.root, env=env)

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
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def main(argv: list[str]) -> None:
    """MkDocs' `serve` with a 0.1 s poll."""
    from mkdocs import livereload
    from mkdocs.__main__ import cli

    original = livereload.LiveReloadServer.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs["polling_interval"] = POLL
        original(self, *args, **kwargs)

    livereload.LiveReloadServer.__init__ = init  # type: ignore[method-assign]
    cli(["serve", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
