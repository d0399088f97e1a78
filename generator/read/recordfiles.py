"""Which files under data/awards/ are award records: data/awards/<year>/<name>.yaml. Anything else there (a
hidden file, a link, a folder or file that is not a record) is a located problem, never skipped in silence."""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import Collector

_YEAR_FOLDER = re.compile(r"[0-9]{4}")  # ASCII digits only: '２０２６' and '²⁰²⁶' pass str.isdigit()
LINK_FIX = "copy the record into data/awards/<year>/ instead: a link could pull in any file of the machine"


def record_files(folder: Path, root: Path, problems: Collector) -> list[tuple[Path, str, int]]:
    """(path, display, year) of every record file; anything else under data/awards/ is a located problem,
    never skipped in silence (a hidden file, a link, a folder or file that is not a record)."""
    prefix = str(root).rstrip("/") + "/"

    def where(path: Path) -> str:  # path.relative_to(root), as text: a tenth of its cost for every record
        text = str(path)
        return text[len(prefix):] if text.startswith(prefix) else text

    if folder.is_symlink():  # rglob would follow it
        problems.add(where(folder), 0, "", "is a symbolic link", LINK_FIX)
        return []
    if not folder.is_dir():  # a vanished folder would silently empty every page
        problems.add(where(folder), 0, "", "is not a folder" if folder.exists() else "not found",
                     "restore data/awards/, the records' folder (empty when there are no records yet)")
        return []
    files: list[tuple[Path, str, int]] = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():  # never followed
            problems.add(where(path), 0, "", "is a symbolic link", LINK_FIX)
            continue
        if path.parent == folder and path.name.lower() == "readme.md" \
                or "/." in str(path.parent)[len(str(folder)):]:
            continue  # a README, or inside a hidden folder (reported as such)
        if path.name.startswith("."):
            problems.add(where(path), 0, "", "is a hidden file (its name starts with a dot), which would be skipped",
                         "rename it without the dot if it is a record, else delete it (an editor's backup?)")
            continue
        if path.is_dir():
            if path.parent == folder and not _YEAR_FOLDER.fullmatch(path.name):
                problems.add(where(path), 0, "", "is not a year folder (four digits 0-9)",
                             "award records are data/awards/<year>/<name>.yaml, e.g. data/awards/2026/")
            elif path.parent.parent == folder and _YEAR_FOLDER.fullmatch(path.parent.name):
                problems.add(where(path), 0, "", "is a folder inside a year folder, where only record files go "
                             "(a record replaced by a folder would silently leave its region without data)",
                             "put the record file itself here, or move the folder out of data/awards/")
            continue
        year_dir = path.parent.name
        if path.suffix not in (".yaml", ".yml") or path.parent.parent != folder \
                or not _YEAR_FOLDER.fullmatch(year_dir):
            if path.parent.parent != folder or _YEAR_FOLDER.fullmatch(year_dir):  # else: reported with its folder
                problems.add(where(path), 0, "", "unexpected file", "award records are data/awards/<year>/<name>.yaml")
            continue
        files.append((path, where(path), int(year_dir)))
    return files
