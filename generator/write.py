"""The only module that writes output. Everything is staged, then swapped in at the end.

Generated pages live in folders the generator owns inside docs/ (GENERATED_DIRS); hand-written pages
elsewhere in docs/ are never touched. A run writes the new tree into .uhc-work/, then swaps whole
folders with a journal: a run killed before the swap leaves docs/ and site/ as they were, and one
killed during the swap is finished by the next run (recover()). Unchanged files are hard-linked, not
rewritten, and a run with nothing changed writes nothing at all.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

GENERATED_DIRS = ("wilayah", "provinsi", "kategori", "ringkasan", "metodologi", "unduh", "koreksi", "cari", "bagikan",
                  "_cuplikan")
WORK = ".uhc-work"
JOURNAL = "swap.json"


class UnsafePath(ValueError):
    """A generated path that would leave its folder: a bug, never silently written."""


@dataclass(frozen=True, slots=True)
class Report:
    written: int
    unchanged: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def _check_path(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.parts[0] not in GENERATED_DIRS \
            or len(path.parts) < 2 or any(p.startswith(".") or "\\" in p for p in path.parts):
        raise UnsafePath(rel)
    return path


def _existing(docs: Path) -> dict[str, Path]:
    found = {}
    for top in GENERATED_DIRS:
        base = docs / top
        if base.is_dir():
            for path in base.rglob("*"):
                if path.is_file():
                    found[path.relative_to(docs).as_posix()] = path
    return found


def _swap(work: Path, moves: list[tuple[Path, Path]]) -> None:
    """Move each staged folder over its target, recording the plan first so it can be finished."""
    journal = work / JOURNAL
    plan = [(str(new), str(target)) for new, target in moves]
    tmp = work / (JOURNAL + ".tmp")
    tmp.write_text(json.dumps(plan), encoding="utf-8")
    os.replace(tmp, journal)
    _finish(work)


def _finish(work: Path) -> None:
    journal = work / JOURNAL
    if not journal.exists():
        return
    old = work / "old"
    old.mkdir(exist_ok=True)
    for index, (new_s, target_s) in enumerate(json.loads(journal.read_text(encoding="utf-8"))):
        new, target = Path(new_s), Path(target_s)
        if not new.exists():  # already moved in by the interrupted run
            continue
        if target.exists():
            os.replace(target, old / f"{index}-{target.name}")
        os.replace(new, target)
    journal.unlink()
    shutil.rmtree(old, ignore_errors=True)


def recover(root: Path) -> None:
    """Finish a swap a killed run left half-done, then drop its leftovers."""
    work = root / WORK
    if work.exists():
        _finish(work)
        shutil.rmtree(work, ignore_errors=True)


def write_generated(root: Path, docs: Path, files: Iterable[tuple[str, bytes]]) -> Report:
    """Make the generated folders of docs/ hold exactly `files` ((path relative to docs/, bytes), consumed
    one at a time). Unchanged files are hard-linked into the staged tree; if nothing differs at all,
    the staged tree is dropped and docs/ is not touched."""
    recover(root)
    existing = _existing(docs)
    stage = root / WORK / "docs"
    stage.mkdir(parents=True)
    seen: set[str] = set()
    written = unchanged = 0
    for rel, data in files:
        _check_path(rel)
        if rel in seen:
            raise UnsafePath(f"{rel} generated twice")
        seen.add(rel)
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        old = existing.get(rel)
        if old is not None and old.stat().st_size == len(data) and old.read_bytes() == data:
            os.link(old, target)
            unchanged += 1
        else:
            target.write_bytes(data)
            written += 1
    stale = set(existing) - seen
    if not written and not stale:
        shutil.rmtree(root / WORK, ignore_errors=True)
        return Report(0, unchanged, 0)
    os.sync()  # the staged files reach the disk before the swap makes them the real ones
    tops = sorted({PurePosixPath(rel).parts[0] for rel in [*seen, *existing]})
    for top in tops:  # a folder that is no longer generated is swapped for an empty one
        (stage / top).mkdir(exist_ok=True)
    _swap(root / WORK, [(stage / top, docs / top) for top in tops])
    for top in tops:
        if not any((docs / top).iterdir()):
            (docs / top).rmdir()
    shutil.rmtree(root / WORK, ignore_errors=True)
    return Report(written, unchanged, len(stale))


STATE = ".uhc-state.json"


def _manifest(docs: Path) -> dict[str, list[int]]:
    return {rel: [p.stat().st_size, p.stat().st_mtime_ns] for rel, p in sorted(_existing(docs).items())}


def is_current(root: Path, docs: Path, fingerprint: str) -> bool:
    """True when the generated folders are exactly what a run with these inputs wrote last time."""
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(state.get("fingerprint") == fingerprint and state.get("files") == _manifest(docs))


def save_state(root: Path, docs: Path, fingerprint: str) -> None:
    """Remember the inputs' fingerprint and the files written, so an unchanged re-run can skip the work."""
    data = json.dumps({"fingerprint": fingerprint, "files": _manifest(docs)}, sort_keys=True)
    write_file(root / STATE, data.encode("utf-8"))


def staging_dir(root: Path, name: str) -> Path:
    """A fresh folder inside .uhc-work/ for a build to write into before replace_dir()."""
    path = root / WORK / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def replace_dir(root: Path, new: Path, target: Path) -> None:
    """Swap a finished folder (e.g. a built site) in place of target."""
    os.sync()
    _swap(root / WORK, [(new, target)])
    shutil.rmtree(root / WORK, ignore_errors=True)


def write_file(path: Path, data: bytes) -> None:
    """Write one file atomically (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
