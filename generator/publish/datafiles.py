"""The one writer of data/: an import's record files, staged whole in .uhc-work/ and swapped into
data/awards/<year>/ in one step (swap.py), as docs/ and site/ are.

The staged folder hard-links every file the import leaves as it is (no byte copied, inodes and times kept) and
holds the new and changed records. At every instant, SIGKILL included, the year folder holds the records as they
were or as the import made them, never some of each, and no temporary file is ever in data/; a journal written
before the exchange lets the next writing run (write.recover) finish or forget a swap a killed run left. A full
disk while staging leaves data/ as it was. A record saved by hand in the moment between staging and the swap is
carried over afterwards, as docs/'s hand-written pages are. Where the file system cannot exchange two folders, the
year folder is moved aside and the new one moved in: a run killed between the two leaves it absent until the next
writing run, and `check` says so (interrupted()) instead of reading a year without records.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from generator.errors import Problem
from generator.publish import swap, write

STAGE = "import"
PREVIOUS = "previous-import"
KEPT = "data/ is as it was"


def _stage(folder: Path, stage: Path, changes: Mapping[Path, bytes]) -> None:
    stage.mkdir(parents=True)
    if folder.is_dir():
        os.chmod(stage, stat.S_IMODE(os.stat(folder).st_mode))
        swap.link_hand_written(folder, stage, top=False)
    for path, data in sorted(changes.items()):
        target = stage / path.relative_to(folder)
        target.unlink(missing_ok=True)  # never write through a hard link into the live record
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def replace_records(root: Path, folder: Path, changes: Mapping[Path, bytes]) -> None:
    """Make data/awards/<year>/ (`folder`) hold `changes` (record path -> bytes, all inside folder) and every
    other file it holds, in one step; OutputError (data/ as it was) when that cannot be done."""
    if not changes:
        return
    work = root / write.WORK
    stage, previous = work / STAGE / folder.name, work / PREVIOUS
    write.same_file_system(root, folder)
    _drop(root)
    try:
        _stage(folder, stage, changes)
        staged = os.lstat(stage).st_ino
    except OSError as exc:
        _drop(root)
        raise write.OutputError(f"cannot stage the records in {write.WORK}/ ({exc.strerror})",
                                "free disk space (or fix the folder's permissions), then import again", KEPT) from None
    try:
        swap.replace_tree(work, stage, folder, previous, hand_written=False)
    except OSError as exc:
        swap.settle(work)  # its journal says whether the swap happened (then it is finished)
        if not os.path.lexists(folder) or os.lstat(folder).st_ino != staged:
            _drop(root)
            raise write.OutputError(f"cannot swap the records into {folder.relative_to(root)}/ ({exc.strerror})",
                                    "free disk space (or fix the folder's permissions), then import again",
                                    KEPT) from None
    if previous.is_dir():  # hand edits made while the import staged: carried over, the import's own records not
        for path in changes:
            with contextlib.suppress(FileNotFoundError):
                (previous / path.relative_to(folder)).unlink()
        swap.reconcile(previous, folder)
    _drop(root)


def _drop(root: Path) -> None:
    """The staged and the replaced folders, and .uhc-work/ itself when nothing else is in it."""
    write.discard(root, PREVIOUS)
    write.discard(root, STAGE)
    with contextlib.suppress(OSError):
        (root / write.WORK).rmdir()


def interrupted(root: Path) -> list[Problem]:
    """A year folder that a killed import left absent in the middle of its swap (only where folders cannot be
    exchanged): the records are in .uhc-work/ and the next writing run puts them in place."""
    try:
        plan = json.loads((root / write.WORK / swap.JOURNAL).read_text(encoding="utf-8"))
        target = Path(plan["target"])
    except (OSError, ValueError, KeyError, TypeError):
        return []
    data = root / "data"
    if not target.is_relative_to(data) or os.path.lexists(target):
        return []
    return [Problem(target.relative_to(root).as_posix(), 0, "", "is missing: an import was killed while it swapped "
                    f"the records in (they wait in {write.WORK}/)",
                    "run the import again (or uhc-awards generate): it finishes the swap first")]
