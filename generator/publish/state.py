"""The state file (.uhc-state.json): what the last successful run of the generator wrote, and from what.

- fingerprint: everything the generated files depend on (data/, the generator's code and templates,
  site_url). Equal, with the generated folders exactly as recorded, and the run stops there: nothing changed.
- files: every generated file's size and modification time, as checked on disk right after that run: a tree
  damaged or edited by another program is never taken for current.
- parts: for each part of the site (outputs/pages.py), the digest of its inputs, of its views (for the parts
  named by them too) and the files it made (publish/changes.py): a part whose inputs (or views) and files are as
  recorded is kept as it is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.publish.write import STATE, OutputError, existing, write_file


def manifest(docs: Path) -> dict[str, list[int]]:
    """Every regular file of the generated folders: path -> [size, mtime_ns]."""
    return {rel: [info.st_size, info.st_mtime_ns] for rel, info in sorted(existing(docs).items())}


def load(root: Path) -> dict[str, Any]:
    """The last run's state; empty when there is none (or it cannot be read: then every part is rebuilt)."""
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def is_current(state: Mapping[str, Any], fingerprint: str, on_disk: Mapping[str, list[int]]) -> bool:
    """True when the generated folders are exactly what a run with these inputs wrote last time (every file's
    name, size and modification time as recorded right after that run checked them on disk)."""
    return bool(state.get("fingerprint") == fingerprint and state.get("files") == on_disk)


def forget(root: Path) -> None:
    """Drop the state: the next run rebuilds every part."""
    (root / STATE).unlink(missing_ok=True)


def save(root: Path, docs: Path, fingerprint: str, expected: Mapping[str, int],
         parts: Mapping[str, tuple[str, str, list[str]]]) -> None:
    """Remember the inputs' fingerprint, the files on disk and what each part was made from, after checking
    that the files are the ones this run wrote (names and sizes): a tree damaged by another writer is never
    recorded as current."""
    on_disk = manifest(docs)
    if {rel: size for rel, (size, _) in on_disk.items()} != dict(expected):
        forget(root)
        differ = sorted(set(on_disk) ^ set(expected)) or sorted(r for r in expected if on_disk[r][0] != expected[r])
        raise OutputError(f"docs/ changed while it was written ({differ[0]} and {len(differ) - 1} more differ): "
                          "another program writes into the generated folders",
                          "stop the other program (an older uhc-awards without the lock?), then run again")
    data = {"fingerprint": fingerprint, "files": on_disk,
            "parts": {key: [inputs, views, sorted(files)] for key, (inputs, views, files) in sorted(parts.items())}}
    write_file(root / STATE, json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))
