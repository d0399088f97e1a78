"""Reading one input file without surprises: a regular file only (never a folder, FIFO, socket or device, so a
read can never block), never more than a limit (a sparse or endless file costs no memory), every failure a
located problem instead of a traceback."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.errors import DataError, Problem

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def kind(mode: int) -> str:
    """'a folder', 'a FIFO (named pipe)'... for a file that is not a regular file."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def fail(display: str, line: int, message: str, fix: str) -> DataError:
    return DataError([Problem(display, line, "", message, fix)])


def read_bytes(path: Path, display: str, limit: int, follow: bool, fix_size: str) -> bytes:
    """The file's bytes, at most `limit` of them: a located DataError when the file is missing, a symbolic link
    (unless `follow`), not a regular file, unreadable, or bigger than the limit. A FIFO is opened without
    blocking and refused before anything is read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail(display, 0, "is a symbolic link",
                       "data files are plain files inside data/: copy the file here instead of linking it") from None
        if exc.errno == errno.ENOENT:
            raise fail(display, 0, "not found", "check the file name and the folder") from None
        if exc.errno == errno.EISDIR:
            raise fail(display, 0, "is a folder, not a file", "name a file") from None
        if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket, or a FIFO nobody writes to
            raise fail(display, 0, "is not a regular file", "name a regular file") from None
        raise fail(display, 0, f"cannot be read ({exc.strerror})", "check the file's permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise fail(display, 0, f"is {kind(info.st_mode)}, not a regular file", "name a regular file")
        if info.st_size > limit:
            raise fail(display, 1, f"file is {info.st_size:,} bytes, over the limit of {limit:,}", fix_size)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise fail(display, 0, f"cannot be read ({exc.strerror})", "check the file and the disk") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:  # it grew while being read
        raise fail(display, 1, f"file is over the limit of {limit:,} bytes", fix_size)
    return raw
