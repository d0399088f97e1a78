"""The only module that writes output. Everything is staged, then swapped in at the end in one step.

Generated pages live in folders the generator owns inside docs/ (GENERATED_DIRS); hand-written pages elsewhere
in docs/ are never touched. A run stages the whole new docs/ tree, then exchanges it with docs/ in one system
call (renameat2 RENAME_EXCHANGE, swap.py): at every instant docs/ is the old tree or the new one, never a mix,
even under SIGKILL. The stage is the spare (.uhc-spare/docs): the tree the last swap replaced, made equal to the
live one by hard links (mirror.py), so that only the files that changed are written or removed and no tree is
copied or deleted; unchanged pages and every hand-written file keep their inode and time. site/ is swapped the
same way. A journal written before the swap lets the next run tell whether it happened (recover()). Where the
file system cannot exchange two folders, the tree is staged in .uhc-work/ and the generated folders are swapped
one by one; the next run finishes an interrupted swap. A run with nothing changed writes nothing at all.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.publish import mirror, swap
from generator.publish.engine import stop_orphan

GENERATED_DIRS = swap.GENERATED_DIRS
WORK = ".uhc-work"  # one run's scratch: the journal, the engine's pid, the fallback's staging; gone after the run
SPARE = ".uhc-spare"  # per tree (docs, site): the tree the last swap replaced, the next run's stage
JOURNAL = swap.JOURNAL
STATE = ".uhc-state.json"
PREVIOUS = "previous-docs"  # the docs/ tree a build replaced, kept until its site is built (fallback)
KEPT = "previous-docs.kept"  # says that the spare holds the docs/ tree a build replaced


class UnsafePath(ValueError):
    """A generated path that would leave its folder: a bug, never silently written."""


class OutputError(Exception):
    """The output could not be written (disk full, another file system, permissions); docs/ and site/ are as
    they were. Carries a fix like a data problem."""

    def __init__(self, message: str, fix: str, state: str = "docs/ and site/ are as they were") -> None:
        self.message, self.fix, self.state = message, fix, state  # state: what the failure left as it was
        super().__init__(f"{message}\n    fix: {fix}")


@dataclass(frozen=True, slots=True)
class Report:
    written: int
    unchanged: int  # rendered with the same bytes, or kept without rendering (`kept` of them)
    removed: int
    skipped: bool = False  # nothing read or written: inputs and generated files as after the last run
    kept: int = 0  # files of parts whose inputs did not change: not rendered at all
    expected: Mapping[str, int] = field(default_factory=dict, repr=False)  # every generated file -> size
    changed_paths: tuple[str, ...] = field(default=(), repr=False)  # written or removed, sorted

    @classmethod
    def up_to_date(cls) -> Report:
        return cls(0, 0, 0, skipped=True)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def _check_path(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.parts[0] not in GENERATED_DIRS \
            or len(path.parts) < 2 or any(p.startswith(".") or "\\" in p for p in path.parts):
        raise UnsafePath(rel)
    return path


def _regular_files(folder: Path, prefix: str, found: dict[str, os.stat_result]) -> None:
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        rel = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            _regular_files(Path(entry.path), rel + "/", found)
        elif entry.is_file(follow_symlinks=False):
            found[rel] = entry.stat(follow_symlinks=False)


def existing(docs: Path) -> dict[str, os.stat_result]:
    """Every regular file of the generated folders (symbolic links never followed): relative path -> lstat."""
    found: dict[str, os.stat_result] = {}
    for top in GENERATED_DIRS:
        _regular_files(docs / top, top + "/", found)
    return found


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)
        if path.exists():
            raise OutputError(f"cannot remove {path}", "check the permissions of the project folder, then run again")


def recover(root: Path) -> None:
    """Stop the site engine a killed run left running, settle a swap it left half-done (each tree ends old
    or new), and drop its leftovers. Every writing command runs this first, holding the lock."""
    work = root / WORK
    if work.is_symlink():
        work.unlink()
    if not work.exists():
        return
    stop_orphan(work)
    swap.settle(work)
    _remove(work)


def same_file_system(root: Path, target: Path) -> None:
    """OutputError when target (docs/, site/) is a link, or on another file system than the project folder."""
    if target.is_symlink():
        raise OutputError(f"{target.name}/ is a symbolic link: the swap would replace the link, not its folder",
                          f"make {target.name}/ a plain folder of the project")
    try:
        here, there = os.stat(root).st_dev, os.stat(target).st_dev
    except FileNotFoundError:
        return
    if here != there:
        raise OutputError(f"{target.name}/ is on another file system than the project folder {root}: output is "
                          f"staged in {WORK}/ and swapped in by renaming, which cannot cross file systems",
                          f"make {target.name}/ a plain folder of the project (not a mount point), or build in a "
                          "copy of the project on one file system")


def stage_tree(root: Path, name: str, live: Path) -> tuple[Path, Path]:
    """(stage, previous): where to stage the next tree of `live` (docs/, site/), holding its entries already
    (hard links, mirror.py), and where the tree it replaces will be. Where folders can be exchanged, the stage
    is the spare and the replaced tree becomes the next spare; else a fresh folder in .uhc-work/."""
    work = root / WORK
    work.mkdir(parents=True, exist_ok=True)
    if swap.can_exchange(work):
        stage = root / SPARE / name
        previous = stage
    else:
        stage, previous = work / name, work / (PREVIOUS if name == "docs" else f"old-{name}")
        _remove(stage)
    if live.is_dir():
        mirror.mirror(live, stage)
    else:
        _remove(stage)
        stage.mkdir(parents=True)
    return stage, previous


def _put(stage: Path, rel: str, data: bytes, folders: set[str]) -> None:
    """A staged file. folders: those of the stage known to exist already (made once, not once a file)."""
    target, folder = stage / rel, rel.rpartition("/")[0]
    if folder not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.add(folder)
    mirror.write_new(target, data)


def _stage(stage: Path, existing: Mapping[str, os.stat_result], docs: Path, files: Iterable[tuple[str, bytes]],
           kept: Mapping[str, int]) -> tuple[dict[str, int], list[str], int]:
    expected: dict[str, int] = dict(kept)
    written: list[str] = []
    unchanged = 0
    folders: set[str] = set()
    for rel, data in files:
        _check_path(rel)
        if rel in expected:
            raise UnsafePath(f"{rel} generated twice")
        expected[rel] = len(data)
        old = existing.get(rel)
        if old is not None and old.st_size == len(data) and (docs / rel).read_bytes() == data:
            unchanged += 1  # the stage holds it already
        else:
            _put(stage, rel, data, folders)
            written.append(rel)
    return expected, written, unchanged


def _drop(stage: Path, stale: Iterable[str]) -> None:
    """Remove stale generated files from the stage, and the folders they leave empty."""
    folders: set[str] = set()
    for rel in stale:
        (stage / rel).unlink(missing_ok=True)
        folders.update(str(p) for p in PurePosixPath(rel).parents if p.parts and p.parts[0] in GENERATED_DIRS)
    for folder in sorted(folders, key=len, reverse=True):
        path = stage / folder
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()


def write_generated(root: Path, docs: Path, files: Iterable[tuple[str, bytes]], keep_previous: bool = False,
                    kept: Mapping[str, int] | None = None) -> Report:
    """Make the generated folders of docs/ hold exactly `files` ((path relative to docs/, bytes), consumed one
    at a time) and the `kept` files (path -> size: files of docs/ left as they are, not rendered). If nothing
    differs, docs/ is not touched. With keep_previous, the replaced tree is kept so that restore_previous()
    can put it back (a build whose site fails)."""
    recover(root)
    same_file_system(root, docs)
    kept = kept or {}
    found = existing(docs)
    work = root / WORK
    try:
        stage, previous = stage_tree(root, "docs", docs)
        expected, written, unchanged = _stage(stage, found, docs, files, kept)
        stale = set(found) - set(expected)
        _drop(stage, stale)
    except OSError as exc:
        _remove(work)
        raise OutputError(f"cannot write the pages into {SPARE}/ ({exc.strerror})",
                          "free disk space (or fix the folder's permissions), then run again") from None
    except BaseException:
        _remove(work)
        raise
    if not written and not stale:
        _remove(work)
        return Report(0, unchanged + len(kept), 0, expected=expected, kept=len(kept))
    changed = tuple(sorted({*written, *stale}))
    try:
        mirror.flush(stage, written)  # before the swap makes them the real ones
        swap.replace_tree(work, stage, docs, previous, hand_written=True)
    except OSError as exc:
        recover(root)
        raise OutputError(f"cannot swap the new pages into docs/ ({exc.strerror})",
                          "free disk space (or fix the folder's permissions), then run again") from None
    if keep_previous and previous == stage:
        (work / KEPT).touch()
    elif not keep_previous:
        _remove(work)
    return Report(len(written), unchanged + len(kept), len(stale), expected=expected, changed_paths=changed,
                  kept=len(kept))


def restore_previous(root: Path, docs: Path) -> bool:
    """Put back the docs/ tree that write_generated(keep_previous=True) replaced; True if there was one. The
    state file is dropped, so the next run regenerates."""
    work = root / WORK
    if (work / KEPT).exists():
        previous = aside = root / SPARE / "docs"
    elif (work / PREVIOUS).exists():
        previous, aside = work / PREVIOUS, work / "rolled-back"
    else:
        return False
    (root / STATE).unlink(missing_ok=True)
    swap.replace_tree(work, previous, docs, aside, hand_written=True)
    (work / KEPT).unlink(missing_ok=True)
    _remove(work / "rolled-back")
    return True


def staging_dir(root: Path, name: str) -> Path:
    """A fresh folder inside .uhc-work/ for a build to write into before replace_dir()."""
    path = root / WORK / name
    _remove(path)
    path.mkdir(parents=True)
    return path


def discard(root: Path, name: str) -> None:
    _remove(root / WORK / name)


def replace_dir(root: Path, new: Path, target: Path, previous: Path | None = None, flushed: bool = False) -> None:
    """Swap a finished folder (e.g. a built site) in place of target, in one step. The replaced tree goes to
    `previous` (stage_tree()'s, e.g. the spare), else into .uhc-work/ to be removed. flushed: the writer of
    `new` made its files reach the disk already."""
    same_file_system(root, target)
    work = root / WORK
    work.mkdir(parents=True, exist_ok=True)
    aside = previous or work / f"old-{target.name}"
    try:
        if not flushed:
            os.sync()
        swap.replace_tree(work, new, target, aside, hand_written=False)
    except OSError as exc:
        swap.settle(work)
        raise OutputError(f"cannot swap the new {target.name}/ in ({exc.strerror})",
                          "free disk space (or fix the folder's permissions), then run again") from None
    if aside != new:
        _remove(aside)


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
