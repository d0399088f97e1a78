"""The next staged tree, made from the spare: the tree the last swap replaced, kept instead of deleted.

After a swap the spare holds the tree as it was before it; nearly all of its files are the live tree's own
files (hard links to the same inodes). mirror() makes it equal to the live tree again: an entry whose inode
differs is linked anew, an entry the live tree lacks is removed, folders are made or removed. So staging costs
what changed since the last swap, not the size of the tree: nothing is copied, and the old tree is never
deleted, only reused. No file is ever opened for writing here (the spare's files are the live tree's), so the
live tree is never touched; whoever stages into the spare replaces a file (unlink, then write), never writes
through it. A run killed midway leaves a spare that the next mirror() repairs.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path


def _entries(folder: Path) -> dict[str, os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return {entry.name: entry for entry in found}
    except (FileNotFoundError, NotADirectoryError):
        return {}


def _inode(entry: os.DirEntry[str]) -> int:
    return entry.stat(follow_symlinks=False).st_ino  # st_ino, not d_ino: they differ on some file systems


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def _same(live: os.DirEntry[str], spare: os.DirEntry[str] | None) -> bool:
    """Whether the spare's entry already stands for the live one (a folder is compared by its contents)."""
    if spare is None:
        return False
    if live.is_dir(follow_symlinks=False):
        return spare.is_dir(follow_symlinks=False)
    if live.is_symlink():
        return spare.is_symlink() and os.readlink(spare.path) == os.readlink(live.path)
    return not spare.is_dir(follow_symlinks=False) and _inode(spare) == _inode(live)


def flush(folder: Path, written: Iterable[str]) -> None:
    """Files written into a staged tree reach the disk (each one when they are few, else everything at once),
    so that a swap never makes a tree real whose files are still only in memory."""
    written = list(written)
    if len(written) > 64:
        os.sync()
        return
    for rel in written:
        fd = os.open(folder / rel, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_new(target: Path, data: bytes) -> None:
    """A new file holding data, made with O_EXCL: an entry there (the mirrored link to the live file) is unlinked
    first, never written through. One open, write and close (Path.write_bytes adds three system calls a file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    try:
        fd = os.open(target, flags, 0o666)
    except FileExistsError:
        target.unlink()
        fd = os.open(target, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def mirror(live: Path, spare: Path) -> int:
    """Make the spare tree hold exactly the live tree's entries (files as hard links to the same inodes,
    folders with the same permissions, symbolic links as links); returns how many entries it changed."""
    if not spare.is_dir() or spare.is_symlink():
        if os.path.lexists(spare):
            os.unlink(spare)
        spare.mkdir(parents=True)
    return _sync(live, spare)


def _sync(live: Path, spare: Path) -> int:
    changed = 0
    mode = stat.S_IMODE(os.stat(live).st_mode) if live.is_dir() else None
    if mode is not None and stat.S_IMODE(os.stat(spare).st_mode) != mode:
        os.chmod(spare, mode)
    have, want = _entries(spare), _entries(live)
    for name in sorted(set(have) - set(want)):
        _remove(have[name])
        changed += 1
    for name, entry in sorted(want.items()):
        target = spare / name
        old = have.get(name)
        if not _same(entry, old):
            if old is not None:
                _remove(old)
            changed += 1
            if entry.is_dir(follow_symlinks=False):
                target.mkdir(mode=stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode))
            elif entry.is_symlink():
                os.symlink(os.readlink(entry.path), target)
            else:
                os.link(entry.path, target, follow_symlinks=False)
        if entry.is_dir(follow_symlinks=False):
            changed += _sync(Path(entry.path), target)
    return changed
