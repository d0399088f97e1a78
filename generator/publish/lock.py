"""One writer at a time: every command that writes (generate, build, import, serve's regeneration) holds an
exclusive lock on <root>/.uhc-work.lock while it runs.

The lock is `flock` on the file, not the file's existence: the kernel releases it when the process that holds
it ends, however it ends (SIGKILL included), so a lock is never stale and never needs deleting. The file holds
the holder's pid, command and start time, only to tell a second run whom it waits for. The descriptor is not
inherited by child processes (the site engine), so a killed run's lock is free at once; the engine it left
running is stopped by the next run's recovery (engine.stop_orphan).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LOCK = ".uhc-work.lock"
DEFAULT_WAIT = 60.0
_POLL = 0.1


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    command: str
    started: str  # local time, HH:MM:SS

    def __str__(self) -> str:
        return f"pid {self.pid} (uhc-awards {self.command}, started {self.started})" if self.pid else "another run"


class Busy(Exception):
    """Another run held the lock for longer than this one was allowed to wait."""

    def __init__(self, holder: Holder, waited: float) -> None:
        self.holder, self.waited = holder, waited
        super().__init__(f"{holder} is writing in this project folder; gave up after {waited:g} s")


class LockError(Exception):
    """The lock file cannot be created or locked (a read-only folder, a file system without locks)."""


def _holder(fd: int) -> Holder:
    try:
        raw = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return Holder(int(raw["pid"]), str(raw["command"]), str(raw["started"]))
    except (OSError, ValueError, KeyError, TypeError):  # written by a run that is just starting
        return Holder(0, "", "")


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        raise LockError(f"cannot lock {LOCK}: {exc.strerror}") from None
    return True


@contextmanager
def hold(root: Path, command: str, wait: float = DEFAULT_WAIT,
         notify: Callable[[str], None] = lambda _: None) -> Iterator[None]:
    """Hold the project's write lock for the block. Waits up to `wait` seconds for another run (calling notify
    once with whom it waits for), then raises Busy."""
    path = root / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        why = "it is a symbolic link" if exc.errno == errno.ELOOP else exc.strerror
        raise LockError(f"cannot open {path}: {why}") from None
    try:
        deadline = time.monotonic() + wait
        told = False
        while not _try_lock(fd):
            holder = _holder(fd)
            if time.monotonic() >= deadline:
                raise Busy(holder, wait)
            if not told:
                notify(f"waiting for {holder} to finish (up to {wait:g} s)")
                told = True
            time.sleep(_POLL)
        mine = {"pid": os.getpid(), "command": command, "started": dt.datetime.now().strftime("%H:%M:%S")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(mine).encode("utf-8"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock

