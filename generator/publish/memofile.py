"""What the readers made of data/ (dataset.Memo) kept between runs, so that a run after a one-record edit reads
that record only, as serve does between two edits.

The Memo is kept in the project's own cache (<project>/.uhc-cache/memo/<key>.pickle), never a shared one
($UHC_CACHE_DIR): like the compiled templates it holds Python objects, so it is trusted as the code is. The key
covers everything besides data/ that can change what the readers make of it: the generator's code, Python's
version and PyYAML's; a new version writes a new file (the old one is removed). Inside, each file's result is
kept by its bytes' digest (dataset.Memo), so a kept result is never stale. A file that cannot be read, is damaged
or is from another layout is no error: the data is read again and the file written anew. Written atomically (a
temporary file, then a rename), and only when the readers read something new.
"""

from __future__ import annotations

import hashlib
import pickle  # nosec B403: a cache of this project's own objects, in its own folder (see above)
import sys
from pathlib import Path

import yaml

from generator.judge.dataset import Memo
from generator.publish import write

FOLDER = Path(".uhc-cache") / "memo"


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
    data = pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        write.write_file(folder / name, data)
        for old in folder.iterdir():
            if old.name != name:
                old.unlink(missing_ok=True)
    except OSError:
        return
