"""Site-wide data: when the data last changed (data/dataset.yaml) and old URLs kept as redirects
(data/redirects.yaml). Both are read like every record: safely, with file:line errors."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Collector, DataError
from .regions import Registry
from .yamlsafe import YMap, load_file

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class SiteMeta:
    updated: dt.date  # the date pages show and builds use: never the build clock
    redirects: dict[str, str]  # old region slug -> region code


def load_meta(data: Path, root: Path, registry: Registry, problems: Collector) -> SiteMeta | None:
    updated = None
    path = data / "dataset.yaml"
    where = str(path.relative_to(root))
    try:
        meta = load_file(path, where) if path.exists() else None
    except DataError as exc:
        problems.extend(exc.problems)
        meta = None
    if isinstance(meta, YMap) and isinstance(meta.get("updated"), dt.date):
        updated = meta["updated"]
    elif path.exists():
        problems.add(where, getattr(meta, "lines", {}).get("updated", 1), "updated", "must be a date",
                     "write updated: YYYY-MM-DD, the day the data last changed")
    else:
        problems.add(where, 0, "", "missing", "create it with one line: updated: YYYY-MM-DD")
    redirects: dict[str, str] = {}
    path = data / "redirects.yaml"
    where = str(path.relative_to(root))
    raw = None
    if path.exists():
        try:
            raw = load_file(path, where)
        except DataError as exc:
            problems.extend(exc.problems)
    live = {r.slug for r in registry.regions.values()}
    if isinstance(raw, YMap) and not isinstance(raw.get("redirects") or YMap(0), YMap):
        problems.add(where, raw.lines["redirects"], "redirects", "must be a mapping of old slug to region code",
                     "write redirects: {} or one line per old slug, e.g. kota-baubau: \"74.72\"")
    elif isinstance(raw, YMap):
        for old, code in (raw.get("redirects") or YMap(0)).items():
            line = raw["redirects"].lines[old]
            fix = "map an old slug (lower case, digits, hyphens) to a region code, e.g. kota-baubau: \"74.72\""
            if not _SLUG.match(str(old)) or str(code) not in registry.regions:
                problems.add(where, line, f"redirects.{old}", f"bad old slug or unknown region {code!r}", fix)
            elif old in live:
                problems.add(where, line, f"redirects.{old}", "this slug is a live page", "remove the redirect")
            else:
                redirects[str(old)] = str(code)
    return SiteMeta(updated, redirects) if updated else None
