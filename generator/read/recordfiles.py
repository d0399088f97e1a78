"""Which files under data/awards/ are award records: data/awards/<year>/<name>.yaml. Anything else there (a
hidden file, a link, a folder or file that is not a record) is a located problem, never skipped in silence."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from generator.errors import Collector

_YEAR_FOLDER = re.compile(r"[0-9]{4}")  # ASCII digits only: '２０２６' and '²⁰²⁶' pass str.isdigit()
LINK_FIX = "copy the record into data/awards/<year>/ instead: a link could pull in any file of the machine"


def record_files(folder: Path, root: Path, problems: Collector,
                 listing: Mapping[str, str] | None = None) -> list[tuple[str, str, int]]:
    """(path, display, year) of every record file (its path as text: thousands of records, most of them known
    from the run before and never opened); anything else under data/awards/ is a located problem,
    never skipped in silence (a hidden file, a link, a folder or file that is not a record). listing: every entry
    under data/ by its display path, "dir" for a folder, as datatree.scan_files found it (which refuses links and
    special files): when it holds the folder, the folder is not walked again."""
    prefix = str(root).rstrip("/") + "/"

    def where(path: Path) -> str:  # path.relative_to(root), as text: a tenth of its cost for every record
        text = str(path)
        return text[len(prefix):] if text.startswith(prefix) else text

    top = where(folder)
    if listing is not None and listing.get(top) == "dir":
        below = sorted((rel for rel in listing if rel.startswith(top + "/")), key=lambda rel: rel.split("/"))
        base = str(folder)
        entries = [(f"{base}/{rel[len(top) + 1:]}", rel, False, listing[rel] == "dir") for rel in below]
    else:
        if folder.is_symlink():  # rglob would follow it
            problems.add(top, 0, "", "is a symbolic link", LINK_FIX)
            return []
        if not folder.is_dir():  # a vanished folder would silently empty every page
            problems.add(top, 0, "", "is not a folder" if folder.exists() else "not found",
                         "restore data/awards/, the records' folder (empty when there are no records yet)")
            return []
        entries = [(str(path), where(path), path.is_symlink(), path.is_dir()) for path in sorted(folder.rglob("*"))]
    files: list[tuple[str, str, int]] = []
    for path, rel, link, is_dir in entries:
        parent, _, name = rel.rpartition("/")
        upper, _, year_dir = parent.rpartition("/")
        if link:  # never followed
            problems.add(rel, 0, "", "is a symbolic link", LINK_FIX)
            continue
        if parent == top and name.lower() == "readme.md" or "/." in parent[len(top):]:
            continue  # a README, or inside a hidden folder (reported as such)
        if name.startswith("."):
            problems.add(rel, 0, "", "is a hidden file (its name starts with a dot), which would be skipped",
                         "rename it without the dot if it is a record, else delete it (an editor's backup?)")
            continue
        if is_dir:
            if parent == top and not _YEAR_FOLDER.fullmatch(name):
                problems.add(rel, 0, "", "is not a year folder (four digits 0-9)",
                             "award records are data/awards/<year>/<name>.yaml, e.g. data/awards/2026/")
            elif upper == top and _YEAR_FOLDER.fullmatch(year_dir):
                problems.add(rel, 0, "", "is a folder inside a year folder, where only record files go "
                             "(a record replaced by a folder would silently leave its region without data)",
                             "put the record file itself here, or move the folder out of data/awards/")
            continue
        if not name.endswith((".yaml", ".yml")) or upper != top or not _YEAR_FOLDER.fullmatch(year_dir):
            if upper != top or _YEAR_FOLDER.fullmatch(year_dir):  # else: reported with its folder
                problems.add(rel, 0, "", "unexpected file", "award records are data/awards/<year>/<name>.yaml")
            continue
        files.append((path, rel, int(year_dir)))
    return files
