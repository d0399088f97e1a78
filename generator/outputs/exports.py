"""Downloadable data: per edition one CSV (UTF-8 with BOM, for Excel), one XLSX and one JSON, a row per region;
per region a JSON record of every edition; per province a CSV of its kabupaten/kota. Deterministic bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from generator.judge.answers import answer_of
from generator.judge.changes import change_of
from generator.judge.dataset import Dataset, Entry
from generator.model import Region
from generator.outputs import xlsxwrite
from generator.read.regions import ATTRIBUTION
from generator.views import paths
from generator.vocabulary import CHANGES, STATUSES, Basis, Figure

COLUMNS = [
    "year", "code", "name", "level", "province_code", "province", "status", "status_label", "basis",
    "basis_label", "basis_note", "tier", "change", "change_label", "coverage_pct", "coverage_bound", "activity_pct",
    "activity_bound", "pemda_share_pct", "pemda_share_bound", "population", "participants", "active",
    "pemda_registered", "figures_as_of", "population_2025", "tier_by_figures", "figures_contradict_tier", "recipient",
    "source_urls", "source_publishers", "notes",
]
KINDS = ("xlsx", "csv", "json")


def _figure(value: Figure | None) -> tuple[float | None, str | None]:
    return (value.value, value.bound.sign or None) if value else (None, None)


def row(ds: Dataset, e: Entry) -> dict[str, Any]:
    rec, result, answer = e.record, e.verdict, answer_of(e)
    change = change_of(ds, e.region.code, e.year)
    m = rec.metrics if rec else None
    province = ds.registry.regions[e.region.province_code]
    coverage, activity, pemda = (_figure(m.coverage), _figure(m.activity), _figure(m.pemda_share)) if m \
        else ((None, None),) * 3
    return {
        "year": e.year, "code": e.region.code, "name": e.region.name, "level": e.region.level.value,
        "province_code": province.code, "province": province.name,
        "status": answer.status.value, "status_label": answer.status.label,
        "basis": answer.basis.value if answer.basis else None,
        "basis_label": answer.basis.label if answer.basis else None,
        "basis_note": rec.basis_note if rec else None,
        "tier": rec.tier.value if rec and rec.tier else None,
        "change": change.code if change else None, "change_label": change.words if change else None,
        "coverage_pct": coverage[0], "coverage_bound": coverage[1],
        "activity_pct": activity[0], "activity_bound": activity[1],
        "pemda_share_pct": pemda[0], "pemda_share_bound": pemda[1],
        "population": m.population if m else None, "participants": m.participants if m else None,
        "active": m.active if m else None, "pemda_registered": m.pemda_registered if m else None,
        "figures_as_of": m.as_of.isoformat() if m and m.as_of else None,
        "population_2025": ds.population.of(e.region.code),
        "tier_by_figures": result.status.value if result and result.status else None,
        "figures_contradict_tier": e.contradiction,
        "recipient": rec.recipient if rec else None,
        "sources": [{"url": s.url, "publisher": s.publisher, "date": s.date.isoformat() if s.date else None,
                     "title": s.title, "tier": s.tier.value if s.tier else None} for s in (rec.sources if rec else ())],
        "notes": rec.notes if rec else None,
    }


def _flat(item: dict[str, Any]) -> list[Any]:
    flat = dict(item, source_urls=" ".join(s["url"] for s in item["sources"]),
                source_publishers="; ".join(s["publisher"] for s in item["sources"]))
    return [flat[c] for c in COLUMNS]


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not isinstance(value, int | float) else text


def _csv(rows: list[list[Any]], header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in r] for r in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM: Excel in Indonesian locales reads UTF-8


def _xlsx(rows: list[list[Any]], title: str, stamp: dt.date | None) -> bytes:
    """The edition's rows as XLSX; text cells go through _cell like the CSV's (no formulas)."""
    return xlsxwrite.workbook(COLUMNS, [[cell(v) if isinstance(v, str) else v for v in r] for r in rows], title,
                              stamp)


def downloads(ds: Dataset) -> list[tuple[str, int, str]]:
    """The national download files as (name, edition year, kind): newest edition first, XLSX, CSV, JSON."""
    return [(f"uhc-awards-{year}.{kind}", year, kind) for year in ds.years for kind in KINDS]



def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _legend() -> dict[str, Any]:
    return {"status_values": {s.value: s.label for s in STATUSES},
            "basis_values": {b.value: f"{b.label}: {b.explained}" for b in Basis},
            "change_values": {c.value: f"{c.label}: {c.explained}" for c in CHANGES}}


def export_files(ds: Dataset) -> Iterator[tuple[str, bytes]]:
    """(docs path, bytes) of every download, one edition (or region) at a time so memory stays flat."""
    regions = sorted(ds.registry.regions.values(), key=lambda r: r.code)
    updated = ds.data_updated.isoformat() if ds.data_updated else None
    for year in ds.years:
        items = [row(ds, ds.entry(r.code, year)) for r in regions]
        flat = [_flat(i) for i in items]
        yield f"unduh/uhc-awards-{year}.xlsx", _xlsx(flat, f"UHC Awards {year}", ds.data_updated)
        yield f"unduh/uhc-awards-{year}.csv", _csv(flat, COLUMNS)
        yield f"unduh/uhc-awards-{year}.json", _json({
            "year": year, "edition": ds.criteria[year].edition, "data_updated": updated,
            "regions_attribution": ATTRIBUTION, **_legend(), "rows": items})
    for region in regions:
        yield paths.region_data(region), _json(_region(ds, region, updated))
    for province in ds.registry.provinces:
        children = ds.registry.children(province.code)
        yield paths.province_csv(province), _csv(
            [_flat(row(ds, ds.entry(c.code, y))) for y in ds.years for c in children], COLUMNS)


def _region(ds: Dataset, region: Region, updated: str | None) -> dict[str, Any]:
    return {"code": region.code, "name": region.name, "level": region.level.value,
            "page": paths.url(paths.region(region)), "data_updated": updated,
            "population_2025": ds.population.of(region.code),
            **_legend(), "editions": [row(ds, ds.entry(region.code, y)) for y in ds.years]}
