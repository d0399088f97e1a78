"""Downloadable data: one CSV and one JSON per award year, one row per region."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from .dataset import Dataset, Entry
from .regions import ATTRIBUTION

COLUMNS = [
    "year", "code", "name", "level", "province_code", "province", "status", "tier", "basis",
    "coverage_pct", "activity_pct", "pemda_share_pct", "population", "participants", "active",
    "pemda_registered", "figures_as_of", "tier_by_figures", "figures_contradict_tier", "recipient",
    "source_urls", "source_publishers", "notes",
]


def row(ds: Dataset, e: Entry) -> dict[str, Any]:
    rec, result = e.record, e.verdict
    m = rec.metrics if rec else None
    province = ds.registry.regions[e.region.province_code]
    return {
        "year": e.year,
        "code": e.region.code,
        "name": e.region.name,
        "level": e.region.level.value,
        "province_code": province.code,
        "province": province.name,
        "status": e.status.value,
        "tier": rec.tier.value if rec and rec.tier else None,
        "basis": rec.basis.value if rec and rec.basis else None,
        "coverage_pct": m.coverage.value if m and m.coverage else None,
        "activity_pct": m.activity.value if m and m.activity else None,
        "pemda_share_pct": m.pemda_share.value if m and m.pemda_share else None,
        "population": m.population if m else None,
        "participants": m.participants if m else None,
        "active": m.active if m else None,
        "pemda_registered": m.pemda_registered if m else None,
        "figures_as_of": m.as_of.isoformat() if m and m.as_of else None,
        "tier_by_figures": result.status.value if result and result.status else None,
        "figures_contradict_tier": e.contradiction,
        "recipient": rec.recipient if rec else None,
        "sources": [
            {"url": s.url, "publisher": s.publisher, "date": s.date.isoformat() if s.date else None,
             "title": s.title, "tier": s.tier.value if s.tier else None}
            for s in (rec.sources if rec else ())
        ],
        "notes": rec.notes if rec else None,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not isinstance(value, int | float) else text


def file_names(ds: Dataset) -> list[str]:
    """The download files' names, sorted: a CSV and a JSON per award year."""
    return sorted(f"uhc-awards-{year}.{kind}" for year in ds.years for kind in ("csv", "json"))


def export_files(ds: Dataset) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each download in file_names order, one year at a time so memory stays flat."""
    for year in sorted(ds.years):
        entries = [ds.entry(r.code, year) for r in sorted(ds.registry.regions.values(), key=lambda r: r.code)]
        rows = [row(ds, e) for e in entries]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for item in rows:
            flat = dict(item, source_urls=" ".join(s["url"] for s in item["sources"]),
                        source_publishers="; ".join(s["publisher"] for s in item["sources"]))
            writer.writerow([_cell(flat[c]) for c in COLUMNS])
        yield f"uhc-awards-{year}.csv", buffer.getvalue().encode("utf-8")
        document = {
            "year": year,
            "edition": ds.criteria[year].edition,
            "data_updated": ds.data_updated.isoformat() if ds.data_updated else None,
            "regions_attribution": ATTRIBUTION,
            "status_values": ["utama", "madya", "pratama", "awarded", "none", "nodata"],
            "rows": rows,
        }
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
        yield f"uhc-awards-{year}.json", text.encode()
