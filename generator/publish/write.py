"""The only module that writes output. Everything is staged, then swapped in at the end in one step.

Generated pages live in folders the generator owns inside docs/ (GENERATED_DIRS); hand-written pages elsewhere
in docs/ are never touched. A run stages the whole new docs/ tree in .uhc-work/docs/ (new pages written,
unchanged pages and every hand-written file hard-linked, so no byte of them is copied and their times stay),
then exchanges it with docs/ in one system call (renameat2 RENAME_EXCHANGE, swap.py): at every instant docs/ is
the old tree or the new one, never a mix, even under SIGKILL. site/ is swapped the same way. A journal written
before the swap lets the next run tell whether it happened (recover()). Where the file system cannot exchange
two folders, the generated folders are swapped one by one and the next run finishes an interrupted swap.
A run with nothing changed writes nothing at all; the state file records what was written, checked on disk.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.publish import swap
from generator.publish.engine import stop_orphan

GENERATED_DIRS = swap.GENERATED_DIRS
WORK = ".uhc-work"
JOURNAL = swap.JOURNAL
STATE = ".uhc-state.json"
PREVIOUS = "previous-docs"  # the docs/ tree a build replaced, kept until its site is built


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
    unchanged: int
    removed: int
    skipped: bool = False  # nothing read or written: inputs and generated files as after the last run
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


def _regular_files(folder: Path, prefix: str) -> dict[str, os.stat_result]:
    """Every regular file under folder (symbolic links never followed): relative path -> lstat."""
    found: dict[str, os.stat_result] = {}
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in entries:
        rel = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            found.update(_regular_files(Path(entry.path), rel + "/"))
        elif entry.is_file(follow_symlinks=False):
            found[rel] = entry.stat(follow_symlinks=False)
    return found


def _existing(docs: Path) -> dict[str, os.stat_result]:
    found: dict[str, os.stat_result] = {}
    for top in GENERATED_DIRS:
        found.update(_regular_files(docs / top, top + "/"))
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


def _stage(stage: Path, existing: Mapping[str, os.stat_result], docs: Path,
           files: Iterable[tuple[str, bytes]]) -> tuple[dict[str, int], list[str], int]:
    expected: dict[str, int] = {}
    written: list[str] = []
    unchanged = 0
    for rel, data in files:
        _check_path(rel)
        if rel in expected:
            raise UnsafePath(f"{rel} generated twice")
        expected[rel] = len(data)
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        old = existing.get(rel)
        if old is not None and old.st_size == len(data) and (docs / rel).read_bytes() == data:
            os.link(docs / rel, target)
            unchanged += 1
        else:
            target.write_bytes(data)
            written.append(rel)
    return expected, written, unchanged


def write_generated(root: Path, docs: Path, files: Iterable[tuple[str, bytes]], keep_previous: bool = False) -> Report:
    """Make the generated folders of docs/ hold exactly `files` ((path relative to docs/, bytes), consumed one
    at a time). If nothing differs, the staged tree is dropped and docs/ is not touched. With keep_previous,
    the replaced tree stays in .uhc-work/ so that restore_previous() can put it back (a build whose site
    fails)."""
    recover(root)
    same_file_system(root, docs)
    existing = _existing(docs)
    work = root / WORK
    stage = work / "docs"
    try:
        stage.mkdir(parents=True)
        expected, written, unchanged = _stage(stage, existing, docs, files)
    except OSError as exc:
        _remove(work)
        raise OutputError(f"cannot write the pages into {WORK}/ ({exc.strerror})",
                          "free disk space (or fix the folder's permissions), then run again") from None
    except BaseException:
        _remove(work)
        raise
    stale = set(existing) - set(expected)
    if not written and not stale:
        _remove(work)
        return Report(0, unchanged, 0, expected=expected)
    changed = tuple(sorted({*written, *stale}))
    try:
        swap.link_hand_written(docs, stage)
        os.sync()  # the staged files reach the disk before the swap makes them the real ones
        swap.replace_tree(work, stage, docs, work / PREVIOUS, hand_written=True)
    except OSError as exc:
        recover(root)
        raise OutputError(f"cannot swap the new pages into docs/ ({exc.strerror})",
                          "free disk space (or fix the folder's permissions), then run again") from None
    if not keep_previous:
        _remove(work)
    return Report(len(written), unchanged, len(stale), expected=expected, changed_paths=changed)


def restore_previous(root: Path, docs: Path) -> bool:
    """Put back the docs/ tree that write_generated(keep_previous=True) replaced; True if there was one. The
    state file is dropped, so the next run regenerates."""
    work = root / WORK
    previous = work / PREVIOUS
    if not previous.exists():
        return False
    (root / STATE).unlink(missing_ok=True)
    swap.replace_tree(work, previous, docs, work / "rolled-back", hand_written=True)
    _remove(work / "rolled-back")
    return True


def _manifest(docs: Path) -> dict[str, list[int]]:
    return {rel: [info.st_size, info.st_mtime_ns] for rel, info in sorted(_existing(docs).items())}


def is_current(root: Path, docs: Path, fingerprint: str) -> bool:
    """True when the generated folders are exactly what a run with these inputs wrote last time (every file's
    name, size and modification time as recorded right after that run checked them on disk)."""
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(isinstance(state, dict) and state.get("fingerprint") == fingerprint
                and state.get("files") == _manifest(docs))


def save_state(root: Path, docs: Path, fingerprint: str, expected: Mapping[str, int]) -> None:
    """Remember the inputs' fingerprint and the files on disk, after checking that they are the files this run
    wrote (names and sizes): a tree damaged by another writer is never recorded as current."""
    manifest = _manifest(docs)
    if {rel: size for rel, (size, _) in manifest.items()} != dict(expected):
        (root / STATE).unlink(missing_ok=True)
        differ = sorted(set(manifest) ^ set(expected)) or sorted(r for r in expected if manifest[r][0] != expected[r])
        raise OutputError(f"docs/ changed while it was written ({differ[0]} and {len(differ) - 1} more differ): "
                          "another program writes into the generated folders",
                          "stop the other program (an older uhc-awards without the lock?), then run again")
    data = json.dumps({"fingerprint": fingerprint, "files": manifest}, sort_keys=True)
    write_file(root / STATE, data.encode("utf-8"))


def staging_dir(root: Path, name: str) -> Path:
    """A fresh folder inside .uhc-work/ for a build to write into before replace_dir()."""
    path = root / WORK / name
    _remove(path)
    path.mkdir(parents=True)
    return path


def discard(root: Path, name: str) -> None:
    _remove(root / WORK / name)


def replace_dir(root: Path, new: Path, target: Path) -> None:
    """Swap a finished folder (e.g. a built site) in place of target, in one step."""
    same_file_system(root, target)
    work = root / WORK
    try:
        os.sync()
        swap.replace_tree(work, new, target, work / f"old-{target.name}", hand_written=False)
    except OSError as exc:
        swap.settle(work)
        raise OutputError(f"cannot swap the new {target.name}/ in ({exc.strerror})",
                          "free disk space (or fix the folder's permissions), then run again") from None
    _remove(work / f"old-{target.name}")


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
