"""Downloadable data: per edition one CSV (UTF-8 with BOM, for Excel), one XLSX and one JSON, a row per region;
per region a JSON record of every edition; per province a CSV of its kabupaten/kota. Every one takes its columns
from columns.py. Deterministic bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from generator import numfmt
from generator.judge.dataset import Dataset, Entry
from generator.model import Region
from generator.outputs.workbook import Block, workbook
from generator.read.regions import ATTRIBUTION
from generator.views import columns as cols
from generator.views import paths
from generator.views.columns import Column
from generator.views.region import SITE
from generator.vocabulary import CHANGES, STATUSES, Basis

KINDS = ("xlsx", "csv", "json")


def values(ds: Dataset, e: Entry, columns: Sequence[Column]) -> list[Any]:
    """One row: each column's value (codes, numbers, dates) for one region in one edition."""
    f = cols.facts(ds, e)
    return [c.value(f) for c in columns]


def row(ds: Dataset, e: Entry, flat: Sequence[Any] | None = None) -> dict[str, Any]:
    """One row as JSON: every column but the numbered sources, which are a list (flat: the entry's values of
    cols.columns(), which start with cols.COLUMNS', when already worked out)."""
    flat = values(ds, e, cols.COLUMNS) if flat is None else flat
    item = {c.code: _json_value(value) for c, value in zip(cols.COLUMNS, flat, strict=False)}
    item["sources"] = [{"url": s.url, "publisher": s.publisher, "date": s.date.isoformat() if s.date else None,
                        "title": s.title, "tier": s.tier.value if s.tier else None}
                       for s in (e.record.sources if e.record else ())]
    return item


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value  # a date as ISO text (cols.text)


_FORMULA = ("=", "+", "-", "@")


def cell(value: Any) -> str:
    """A CSV cell; one starting with = + - @ would run as a formula in a spreadsheet: keep it text."""
    if value is None:  # most cells are empty or text: these two without a further call
        return ""
    if value.__class__ is str:
        return "'" + value if value[:1] in _FORMULA else value
    text = cols.text(value)
    return "'" + text if text[:1] in _FORMULA and not isinstance(value, int | float) else text


def _csv(rows: list[list[Any]], columns: Sequence[Column]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.code for c in columns])
    writer.writerows([cell(v) for v in r] for r in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM: Excel in Indonesian locales reads UTF-8


def notes(ds: Dataset, year: int, columns: Sequence[Column]) -> list[Block]:
    """The 'Keterangan' sheet: what the file is, every column, the codes, the licence and the data date."""
    edition = ds.criteria[year].edition
    about = (
        ("Isi", f"{edition}: satu baris per wilayah ({len(ds.registry.provinces)} provinsi dan "
                f"{len(ds.registry.regencies)} kabupaten/kota), dihimpun {SITE} dari sumber yang dikutip di setiap "
                "baris."),
        ("Data diperbarui", numfmt.date(ds.data_updated)),
        ("Dasar status", f"Status yang {Basis.INFERRED.label} atau yang sumbernya berbeda bukan "
                                          f"fakta yang {Basis.STATED.label} sumber: lihat kolom Dasar status."),
        (STATUSES[-1].label, STATUSES[-1].explained + "."),
        ("Mengutip", f"Sebutkan sumber aslinya (kolom Sumber) dan {SITE}."),
        ("Lisensi", f"{ATTRIBUTION}. Penduduk {ds.population.year}: {ds.population.source}."),
        ("Versi mesin", "Berkas CSV dan JSON berisi kolom yang sama dengan kode kolom (tidak diterjemahkan) dan "
                        "kode status; kolom kode tercantum di bawah."),
    )
    return [
        Block(f"{edition}: keterangan", (), about),
        Block("Kolom", ("Kolom", "Kode (CSV, JSON)", "Isi"),
              tuple((c.header if c.sheet else "(hanya CSV dan JSON)", c.code, c.explained) for c in columns)),
        Block("Kode status", ("Status", "Kode", "Artinya"), tuple((s.label, s.value, s.explained) for s in STATUSES)),
        Block("Dasar status", ("Dasar", "Kode", "Artinya"), tuple((b.label, b.value, b.explained) for b in Basis)),
        Block("Kode perubahan", ("Perubahan", "Kode", "Artinya"),
              tuple((c.label, c.value, c.explained) for c in CHANGES)),
    ]


def downloads(ds: Dataset) -> list[tuple[str, int, str]]:
    """The national download files as (name, edition year, kind): newest edition first, XLSX, CSV, JSON."""
    return [(f"uhc-awards-{year}.{kind}", year, kind) for year in ds.years for kind in KINDS]


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def export_files(ds: Dataset) -> Iterator[tuple[str, bytes]]:
    """(docs path, bytes) of every download, one edition (or region) at a time so memory stays flat."""
    columns = cols.columns(ds)
    for year in ds.years:
        yield from edition_files(ds, year, columns)
    for region in sorted(ds.registry.regions.values(), key=lambda r: r.code):
        yield region_file(ds, region)
    for province in ds.registry.provinces:
        yield province_file(ds, province, columns)


def _updated(ds: Dataset) -> str | None:
    return ds.data_updated.isoformat() if ds.data_updated else None


def edition_files(ds: Dataset, year: int, columns: Sequence[Column]) -> Iterator[tuple[str, bytes]]:
    """The edition's XLSX, CSV and JSON: a row per region, from that edition's entries only (columns: the
    downloads' columns, cols.columns() of the whole dataset)."""
    entries = [ds.entry(r.code, year) for r in sorted(ds.registry.regions.values(), key=lambda r: r.code)]
    assert columns[:len(cols.COLUMNS)] == cols.COLUMNS  # the JSON rows are taken from the same values
    flat = [[c.value(f) for c in columns] for f in (cols.facts(ds, e) for e in entries)]  # once, for three files
    yield f"unduh/uhc-awards-{year}.xlsx", workbook(ds.criteria[year].edition, columns, flat,
                                                    notes(ds, year, columns), ds.data_updated, SITE)
    yield f"unduh/uhc-awards-{year}.csv", _csv(flat, columns)
    yield f"unduh/uhc-awards-{year}.json", _json({
        "year": year, "edition": ds.criteria[year].edition, "data_updated": _updated(ds),
        "regions_attribution": ATTRIBUTION, **cols.legend(),
        "rows": [row(ds, e, values) for e, values in zip(entries, flat, strict=True)]})


def region_file(ds: Dataset, region: Region) -> tuple[str, bytes]:
    """The region's JSON: its row in every edition."""
    return paths.region_data(region), _json({
        "code": region.code, "name": region.name, "level": region.level.value,
        "page": paths.url(paths.region(region)), "data_updated": _updated(ds),
        "population_2025": ds.population.of(region.code),
        **cols.legend(), "editions": [row(ds, ds.entry(region.code, y)) for y in ds.years]})


def province_file(ds: Dataset, province: Region, columns: Sequence[Column]) -> tuple[str, bytes]:
    """The province's kabupaten/kota in every edition, as CSV."""
    children = ds.registry.children(province.code)
    return paths.province_csv(province), _csv([values(ds, ds.entry(c.code, y), columns) for y in ds.years
                                               for c in children], columns)
