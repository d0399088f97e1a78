"""The downloads page's view: the files per edition, and every column of them explained (from columns.py, the
table the files are written from), with the codes of status and basis."""

from __future__ import annotations

from dataclasses import dataclass

from generator.judge.dataset import Dataset
from generator.read.regions import ATTRIBUTION
from generator.views import columns, paths
from generator.views.columns import Column
from generator.vocabulary import AWARD_TIERS, CHANGES, STATUSES, Basis, Change, Status, Tier, certain


@dataclass(frozen=True, slots=True)
class Download:
    name: str
    path: str
    kind: str
    edition: str


@dataclass(frozen=True, slots=True)
class Downloads:
    files: tuple[Download, ...]  # newest edition first
    columns: tuple[Column, ...]
    notes_sheet: str  # the spreadsheet's sheet that explains the columns
    statuses: tuple[Status, ...]
    bases: tuple[Basis, ...]
    attribution: str
    population_source: str
    population_year: int
    provinces: int
    regencies: int
    example: str  # a region's own data file: the newest edition's first stated Utama, A-Z
    example_path: str
    tiers: tuple[Tier, ...]
    stated: Basis
    image: str  # the page's share image
    changes: tuple[Change, ...]
    changes_anchor: str  # where the methodology page says when two editions compare


def downloads(ds: Dataset, files: list[tuple[str, int, str]], notes_sheet: str) -> Downloads:
    """files: exports.downloads(), (name, edition year, kind) in the order the page lists them."""
    kinds = {"csv": "CSV (UTF-8, kode kolom, untuk mesin; terbuka di Excel)", "xlsx": "Excel (XLSX, judul kolom "
             f"berbahasa Indonesia, lembar {notes_sheet})", "json": "JSON"}
    population = f"{ds.population.year}, {ds.population.source}"
    newest = ds.years[0]
    stated = sorted((e.region for e in ds.entries.values() if e.year == newest and not e.region.is_province
                     and e.record and e.status is Status.UTAMA and certain(e.record.basis)),
                    key=lambda r: r.name)
    first = stated[0] if stated else ds.registry.regencies[0]
    return Downloads(tuple(Download(name, f"unduh/{name}", kinds[kind], ds.criteria[year].edition)
                           for name, year, kind in files), columns.columns(ds), notes_sheet, STATUSES, tuple(Basis),
                     ATTRIBUTION, population, ds.population.year, len(ds.registry.provinces),
                     len(ds.registry.regencies), first.name, paths.region_data(first), AWARD_TIERS, Basis.STATED,
                     paths.page_image(paths.DOWNLOADS), CHANGES, paths.CHANGES)
