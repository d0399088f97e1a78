"""What may be under data/, checked before any reader opens a file, and the fingerprint of exactly that.

One walk (never following a link) does both: it refuses symbolic links, FIFOs, sockets and devices anywhere
under data/ (data/ itself included), dot-files among the award records, and any CSV that is not UTF-8 within
the sheet limits or holds invisible characters; and it hashes the name, kind and bytes of every entry. So the
readers read only plain files, and every byte they read is in the fingerprint: a change is never missed
("nothing changed") and a file outside the project is never published.

A file's digest may be taken from the last run's (scan_known) when the file is the same inode with the same size,
mtime and ctime, and was last changed well before that run looked at it, as git's index does. Writing a file
always sets its ctime to the clock's time (no program can set it back), so a file changed since has another
ctime; one changed within RACY_NS of the scan that recorded it is not recorded, and is hashed again next time.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DataError, Problem
from generator.read.files import kind
from generator.read.tables import Limits, read_csv

DATA_CSV = Limits(bytes=2 * 1024 * 1024, rows=20_000, columns=50, cell=4_000)
MAX_DIGESTED = 4 * 1024 * 1024  # a bigger file counts by size and time (its reader refuses it anyway)
RACY_NS = 2_000_000_000  # a file changed this close to a scan is hashed again by the next (timestamps are coarse)
Known = tuple[int, int, int, int, str]  # what a scan saw of a file: inode, size, mtime_ns, ctime_ns; its digest
LINK_FIX = "copy the file or folder into data/ instead of linking it: a link would be neither checked nor published"


@dataclass(frozen=True, slots=True)
class Entry:
    rel: str  # "data/awards/2026/x.yaml"
    path: str  # as the walk reached it (a string: thousands of entries, most only hashed)
    mode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int


def walk(folder: Path, rel: str) -> tuple[list[Entry], list[Problem]]:
    """Every entry under folder (folder first), sorted by name, links and special files included, not followed;
    and the entries that could not be read."""
    found: list[Entry] = []
    unreadable: list[Problem] = []
    pending = [(str(folder), rel)]
    while pending:
        path, name = pending.pop()
        try:
            info = os.lstat(path)
            found.append(Entry(name, path, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                               info.st_ino))
            if stat.S_ISDIR(info.st_mode):
                with os.scandir(path) as entries:
                    children = sorted((e.name for e in entries), reverse=True)
                pending.extend((f"{path}/{child}", f"{name}/{child}") for child in children)
        except OSError as exc:
            unreadable.append(Problem(name, 0, "", f"cannot be read ({exc.strerror})", "check its permissions"))
    return found, unreadable


def _problems(entry: Entry, awards: str) -> list[Problem]:
    name = entry.rel.rpartition("/")[2]
    if stat.S_ISLNK(entry.mode):
        return [Problem(entry.rel, 0, "", "is a symbolic link", LINK_FIX)]
    if not stat.S_ISDIR(entry.mode) and not stat.S_ISREG(entry.mode):
        return [Problem(entry.rel, 0, "", f"is {kind(entry.mode)}, not a regular file",
                        "remove it: data/ holds plain files and folders only")]
    if entry.rel.startswith(awards + "/") and name.startswith("."):
        return [Problem(entry.rel, 0, "", "is a hidden file (its name starts with a dot), which would be skipped",
                        "rename it without the dot if it is a record, else delete it (an editor's backup?)")]
    if stat.S_ISREG(entry.mode) and name.lower().endswith(".csv"):
        if entry.size > DATA_CSV.bytes:
            return [Problem(entry.rel, 1, "", f"file is {entry.size:,} bytes, over the limit of {DATA_CSV.bytes:,}",
                            "data CSV files are small: check that this is the right file")]
        try:
            read_csv(Path(entry.path).read_bytes(), entry.rel, DATA_CSV)
        except DataError as exc:
            return exc.problems
        except OSError as exc:
            return [Problem(entry.rel, 0, "", f"cannot be read ({exc.strerror})", "check its permissions")]
    return []


def scan(root: Path) -> str:
    """Check everything under root/data (DataError with every problem) and return its fingerprint."""
    return scan_files(root)[0]


def scan_files(root: Path) -> tuple[str, dict[str, str]]:
    """scan(), with the digest of every entry by its path ("data/awards/2026/x.yaml"): what each generated
    file was made from is told by the digests of the files it read (publish/changes.py)."""
    fingerprint, files, _ = scan_known(root, {})
    return fingerprint, files


def scan_known(root: Path, known: dict[str, Known], now_ns: int | None = None
               ) -> tuple[str, dict[str, str], dict[str, Known]]:
    """scan_files(), taking the digest of a file from `known` (what the last run's scan saw, by path) when the
    file is as it saw it; and what this scan saw, for the next (now_ns: the clock, for tests)."""
    settled = (time.time_ns() if now_ns is None else now_ns) - RACY_NS
    seen: dict[str, Known] = {}
    digest = hashlib.sha256()
    data = root / "data"
    if not os.path.lexists(data):
        raise DataError([Problem("data", 0, "", "not found: is this a uhc-awards project folder?",
                                 "run the command from the repository root, or pass --root FOLDER")])
    entries, problems = walk(data, "data")
    files: dict[str, str] = {}
    for entry in entries:
        problems.extend(_problems(entry, "data/awards"))
        regular, saw = stat.S_ISREG(entry.mode), (entry.ino, entry.size, entry.mtime_ns, entry.ctime_ns)
        was = known.get(entry.rel)
        own = files[entry.rel] = _digest(digest, entry, was[4] if regular and was and was[:4] == saw else None)
        if regular and entry.size <= MAX_DIGESTED and own != "unreadable" and max(saw[2:]) < settled:
            seen[entry.rel] = (*saw, own)
    if problems:
        raise DataError(problems)
    return digest.hexdigest(), files, seen


def _digest(digest: Any, entry: Entry, known: str | None = None) -> str:
    """The entry's own digest (its kind and bytes; `known`: the digest of its bytes as the last scan saw them),
    also added with its name to the running digest."""
    if known is not None:
        own = known
    elif stat.S_ISDIR(entry.mode):
        own = "dir"
    elif not stat.S_ISREG(entry.mode):
        own = "other"
    elif entry.size > MAX_DIGESTED:
        own = f"{entry.size}:{entry.mtime_ns}"
    else:
        try:
            own = hashlib.sha256(_read(entry.path, entry.size)).hexdigest()
        except OSError:  # reported by scan (or by the file's reader)
            own = "unreadable"
    digest.update(entry.rel.encode("utf-8", "surrogateescape") + b"\0" + own.encode("ascii") + b"\0")
    return own


def _read(path: str, size: int) -> bytes:
    """A file's bytes to its end (size: as the walk found it), read without a buffered file object: thousands of
    small files, where building one per file costs more than the reading; a link put in its place since the walk
    is not followed."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        parts = []
        while part := os.read(fd, size + 1):
            parts.append(part)
        return b"".join(parts)
    finally:
        os.close(fd)


def code_digest(package: Path) -> str:
    """The generator's code and templates (caches left out)."""
    digest = hashlib.sha256()
    for entry in walk(package, "generator")[0]:
        if "__pycache__" not in entry.rel:
            _digest(digest, entry)
    return digest.hexdigest()
