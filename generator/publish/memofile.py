"""What the readers made of data/ (dataset.Memo) kept between runs, so that a run after a one-record edit reads
that record only, as serve does between two edits.

The Memo is kept in the project's own cache (<project>/.uhc-cache/memo/<key>.pickle), never a shared one
($UHC_CACHE_DIR): like the compiled templates it holds Python objects, so it is trusted as the code is. The key
covers everything besides data/ that can change what the readers make of it: the generator's code, Python's
version and PyYAML's; a new version writes a new file (the old one is removed). Inside, each file's result is
kept by its bytes' digest (dataset.Memo), so a kept result is never stale. A file that cannot be read, is damaged
or is from another layout is no error: the data is read again and the file written anew. Written atomically (a
temporary file, then a rename), and only when the readers read something new.

Beside it, what the last scan of data/ saw of each file (datatree.scan_known: inode, size, times, digest), so that
a run hashes only the files changed since; removed with the Memo, kept as plain values (marshal).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import io
import marshal
import pickle  # nosec B403: a cache of this project's own objects, in its own folder (see above)
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.judge.dataset import Memo
from generator.publish import write
from generator.read import datatree

FOLDER = Path(".uhc-cache") / "memo"
SEEN = "seen-1.marshal"  # the scan's file (its layout's version in the name)


def key(code: str) -> str:
    """The file name for the generator's code digest (datatree.code_digest) on this Python and PyYAML."""
    salt = f"{code}\0{sys.version}\0{yaml.__version__}\0{getattr(yaml, '__with_libyaml__', False)}"
    return hashlib.sha256(salt.encode("utf-8")).hexdigest()[:32]


def load(root: Path, code: str) -> Memo:
    """The Memo the last run kept for this code, or an empty one."""
    try:
        memo = pickle.loads((root / FOLDER / f"{key(code)}.pickle").read_bytes())  # nosec B301: see above
    except Exception:  # noqa: BLE001 (absent, damaged, or from another layout: read the data again)
        return Memo()
    return memo if isinstance(memo, Memo) else Memo()


def mark(memo: Memo) -> tuple[str, frozenset[tuple[str, str]], bool, int]:
    """What of the Memo changes when the readers read something: compare before and after a load."""
    return memo.shared, frozenset(memo.records), bool(memo.parts), len(memo.verdicts)


def save(root: Path, code: str, memo: Memo) -> None:
    """Keep the Memo for the next run; other keys' files are removed. A folder that cannot be written is no
    error: the next run reads the data again."""
    folder, name = root / FOLDER, f"{key(code)}.pickle"
    out = io.BytesIO()
    FieldsPickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(memo)
    data = out.getvalue()
    try:
        write.write_file(folder / name, data)
        for old in folder.iterdir():
            if old.name != name and old.suffix == ".pickle":
                old.unlink(missing_ok=True)
    except OSError:
        return


def load_seen(root: Path) -> dict[str, datatree.Known]:
    """What the last scan saw of data/'s files, or nothing (absent, damaged, another layout: all hashed)."""
    try:
        seen = marshal.loads((root / FOLDER / SEEN).read_bytes())
    except Exception:  # noqa: BLE001
        return {}
    if not isinstance(seen, dict) or not all(
            isinstance(rel, str) and isinstance(k, tuple) and len(k) == 5 and isinstance(k[4], str)
            for rel, k in seen.items()):
        return {}
    return seen


def save_seen(root: Path, seen: dict[str, datatree.Known]) -> None:
    """Keep what this scan saw for the next; a folder that cannot be written is no error (all hashed again)."""
    with contextlib.suppress(OSError):
        write.write_file(root / FOLDER / SEEN, marshal.dumps(seen))


@functools.cache
def _slotted_fields(cls: Any) -> tuple[str, ...] | None:
    """The field names of a dataclass with slots (the readers' records, figures, regions...), else None (and for
    one that says itself how it is pickled)."""
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__ or "__reduce__" in cls.__dict__ \
            or "__reduce_ex__" in cls.__dict__:
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def _rebuild(cls: type, names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    """An object FieldsPickler kept by its fields' names (pickled once per class) and values."""
    obj: Any = object.__new__(cls)
    for name, value in zip(names, values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


class FieldsPickler(pickle.Pickler):
    """Keeps a dataclass with slots by its fields' values, loaded by one call each (_rebuild): dataclasses' own
    __setstate__ lists the class's fields again for every object, a quarter of a memo's loading at 10 editions."""

    def reducer_override(self, obj: Any) -> Any:
        cls: Any = type(obj)
        names = _slotted_fields(cls)
        if names is None:
            return NotImplemented
        return _rebuild, (cls, names, tuple(getattr(obj, name) for name in names))
