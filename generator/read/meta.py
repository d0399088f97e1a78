"""Site-wide data: when the data last changed (data/dataset.yaml) and old URLs kept as redirects
(data/redirects.yaml). Both are read like every record: safely, with file:line errors."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Collector, DataError
from generator.read.regions import Registry
from generator.read.yamlsafe import YMap, control_problems, load_file

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class SiteMeta:
    updated: dt.date  # the date pages show and builds use: never the build clock
    redirects: dict[str, str]  # old region slug -> region code


EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)  # a fixed range: no clock in the checks
MAX_SLUG = 100  # a page file name, well within every file system's limit (255 bytes)


def _read(path: Path, root: Path, problems: Collector, missing_fix: str | None) -> tuple[str, Any] | None:
    """(shown path, the file's YAML), or None when it is missing or cannot be read, its problems added;
    a missing file is a problem only when missing_fix says how to make it."""
    where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    if not os.path.lexists(path):
        if missing_fix is not None:
            problems.add(where, 0, "", "missing", missing_fix)
        return None
    try:
        data = load_file(path, where)
    except DataError as exc:
        problems.extend(exc.problems)
        return None
    problems.extend(control_problems(data, where))
    return where, data


def read_updated(data: Path, root: Path, problems: Collector) -> dt.date | None:
    """data/dataset.yaml's `updated:` (the date pages show and builds use): the one reader of that file."""
    found = _read(data / "dataset.yaml", root, problems, "create it with one line: updated: YYYY-MM-DD")
    if found is None:
        return None
    where, meta = found
    updated = meta.get("updated") if isinstance(meta, YMap) else None
    line = meta.lines.get("updated", 1) if isinstance(meta, YMap) else 1
    if isinstance(updated, dt.datetime):
        updated = updated.date()
    if not isinstance(updated, dt.date):
        problems.add(where, line, "updated", "must be a date",
                     "write updated: YYYY-MM-DD, the day the data last changed")
        return None
    if not EARLIEST <= updated <= LATEST:
        problems.add(where, line, "updated", f"{updated} is outside {EARLIEST.year}-{LATEST.year}",
                     "write the day the data last changed, e.g. updated: 2026-11-24")
        return None
    return updated


def data_date(root: Path) -> dt.date:
    """The date of the data, for a build whose generation was skipped; DataError if it cannot be read."""
    problems = Collector()
    updated = read_updated(root / "data", root, problems)
    problems.raise_if_any()
    assert updated is not None
    return updated


def _redirects(data: Path, root: Path, registry: Registry, problems: Collector) -> dict[str, str]:
    redirects: dict[str, str] = {}
    found = _read(data / "redirects.yaml", root, problems, None)
    if found is None:
        return redirects
    where, raw = found
    live = {r.slug for r in registry.regions.values()}
    if isinstance(raw, YMap) and not isinstance(raw.get("redirects") or YMap(0), YMap):
        problems.add(where, raw.lines["redirects"], "redirects", "must be a mapping of old slug to region code",
                     "write redirects: {} or one line per old slug, e.g. kota-baubau: \"74.72\"")
    elif isinstance(raw, YMap):
        for old, code in (raw.get("redirects") or YMap(0)).items():
            line = raw["redirects"].lines[old]
            field = f"redirects.{old[:40]}"
            fix = "map an old slug (lower case, digits, hyphens) to a region code, e.g. kota-baubau: \"74.72\""
            if len(old) > MAX_SLUG:
                problems.add(where, line, field, f"the old slug is {len(old)} characters long (limit {MAX_SLUG})",
                             "an old page address is a region's slug: check that it was copied whole and alone")
            elif not _SLUG.match(str(old)) or str(code) not in registry.regions:
                problems.add(where, line, field, f"bad old slug or unknown region {code!r}", fix)
            elif old in live:
                problems.add(where, line, field, "this slug is a live page", "remove the redirect")
            else:
                redirects[str(old)] = str(code)
    return redirects


def load_meta(data: Path, root: Path, registry: Registry, problems: Collector) -> SiteMeta | None:
    updated = read_updated(data, root, problems)
    redirects = _redirects(data, root, registry, problems)
    return SiteMeta(updated, redirects) if updated else None
