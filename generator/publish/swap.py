"""Replacing a whole folder (docs/, site/) by a staged one in one step, with a journal for a run killed midway.

Linux's renameat2(RENAME_EXCHANGE) swaps two folders atomically: before the call the old tree is in place,
after it the new one, so a SIGKILL at any moment leaves each tree old or new, never mixed. A journal written
just before records the staged folder's inode; the next run (settle()) compares it with the target's to know
whether the exchange happened. The docs/ tree also holds hand-written pages: they are hard-linked into the
staged tree, and any the user changed in the moment between staging and the swap is carried over after it.

Where the file system cannot exchange (not Linux, some network file systems), the generated folders are moved
one by one under the same journal, and settle() finishes an interrupted swap: then, and only until the next
run, a kill can leave docs/ with some folders new and some old.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

GENERATED_DIRS = ("wilayah", "provinsi", "kategori", "ringkasan", "metodologi", "unduh", "koreksi", "cari", "bagikan",
                  "lencana", "_cuplikan")
JOURNAL = "swap.json"
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTTY}
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _load_renameat2() -> Any:
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return None


_RENAMEAT2 = _load_renameat2()


def exchange(a: Path, b: Path) -> None:
    """Swap the two paths in one system call; OSError (EINVAL, ENOSYS) where that is not supported."""
    if _RENAMEAT2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def can_exchange(work: Path) -> bool:
    """Whether folders in work/ (and so in the project folder) can be exchanged atomically."""
    probes = (work / ".probe-a", work / ".probe-b")
    for probe in probes:
        probe.mkdir(parents=True, exist_ok=True)
    try:
        exchange(*probes)
    except OSError as exc:
        if exc.errno not in _UNSUPPORTED:
            raise
        return False
    finally:
        for probe in probes:
            probe.rmdir()
    return True


def link_hand_written(docs: Path, stage: Path, top: bool = True) -> None:
    """Hard-link every file of docs/ outside the generated folders into the staged tree (folders recreated with
    their permissions, symbolic links copied as links): no byte copied, times and inodes kept."""
    if not docs.is_dir():
        return
    if top:
        os.chmod(stage, stat.S_IMODE(os.stat(docs).st_mode))
    with os.scandir(docs) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if top and entry.name in GENERATED_DIRS:
                continue
            target = stage / entry.name
            if entry.is_dir(follow_symlinks=False):
                target.mkdir(mode=stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode))
                link_hand_written(Path(entry.path), target, top=False)
            elif entry.is_symlink():
                os.symlink(os.readlink(entry.path), target)
            else:
                os.link(entry.path, target, follow_symlinks=False)


def _hand_written(tree: Path, prefix: str = "") -> dict[str, int]:
    """Files (and links) of a docs tree outside the generated folders: relative path -> inode."""
    found: dict[str, int] = {}
    try:
        entries = list(os.scandir(tree))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in entries:
        if not prefix and entry.name in GENERATED_DIRS:
            continue
        if entry.is_dir(follow_symlinks=False):
            found.update(_hand_written(Path(entry.path), f"{prefix}{entry.name}/"))
        else:
            found[prefix + entry.name] = entry.inode()
    return found


def reconcile(previous: Path, live: Path) -> None:
    """Carry into the live tree every hand-written file that was changed or added in the previous tree after
    it was linked into the staged one (an editor saving in that moment). Idempotent."""
    live_files = _hand_written(live)
    for rel, inode in sorted(_hand_written(previous).items()):
        if live_files.get(rel) == inode:
            continue
        target = live / rel
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(previous / rel, target)
        except (IsADirectoryError, NotADirectoryError, FileNotFoundError):
            continue  # a file became a folder (or went away) meanwhile: the live tree's entry stays


def _write_journal(work: Path, plan: dict[str, Any]) -> None:
    tmp = work / (JOURNAL + ".tmp")
    tmp.write_text(json.dumps(plan), encoding="utf-8")
    os.replace(tmp, work / JOURNAL)


def replace_tree(work: Path, new: Path, target: Path, previous: Path, hand_written: bool) -> None:
    """Make `new` the tree at `target`; the tree that was there ends at `previous` (in work/)."""
    plan: dict[str, Any] = {"new": str(new), "target": str(target), "previous": str(previous),
                            "hand_written": hand_written, "ino": os.lstat(new).st_ino}
    if not os.path.lexists(target):
        _write_journal(work, plan | {"mode": "rename"})
        os.rename(new, target)
    elif can_exchange(work):
        _write_journal(work, plan | {"mode": "exchange"})
        exchange(new, target)
        os.rename(new, previous)
        if hand_written:
            reconcile(previous, target)
    else:
        pairs = [(str(new), str(target), str(previous))]
        if hand_written:  # every generated folder on either side; one that goes away is swapped for an empty one
            names = [n for n in GENERATED_DIRS if (new / n).is_dir() or (target / n).is_dir()]
            for name in names:
                (new / name).mkdir(exist_ok=True)
            pairs = [(str(new / n), str(target / n), str(previous / n)) for n in names]
        _write_journal(work, plan | {"mode": "folders", "pairs": pairs})
        _move_folders(pairs, target if hand_written else None)
    (work / JOURNAL).unlink()


def _move_folders(pairs: list[tuple[str, str, str]] | list[list[str]], docs: Path | None) -> None:
    """The fallback: each target moved aside, then the new folder moved in; re-run, it finishes the job."""
    for new_s, target_s, previous_s in pairs:
        new, target, previous = Path(new_s), Path(target_s), Path(previous_s)
        if not new.exists():  # already moved in
            continue
        if os.path.lexists(target):
            previous.parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, previous)
        os.replace(new, target)
    if docs is None:
        return
    for name in GENERATED_DIRS:
        folder = docs / name
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def settle(work: Path) -> None:
    """After a killed run: finish or forget the swap its journal describes, so each tree is old or new."""
    journal = work / JOURNAL
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):  # a journal cut short: its swap never started
        journal.unlink(missing_ok=True)
        return
    new, target, previous = Path(plan["new"]), Path(plan["target"]), Path(plan["previous"])
    if plan["mode"] == "folders":
        _move_folders(plan["pairs"], target if plan["hand_written"] else None)
    elif plan["mode"] == "exchange":
        try:
            done = os.lstat(target).st_ino == plan["ino"]
        except FileNotFoundError:
            done = False
        if done:
            if os.path.lexists(new) and not os.path.lexists(previous):
                os.rename(new, previous)
            if plan["hand_written"]:
                reconcile(previous, target)
    journal.unlink()
