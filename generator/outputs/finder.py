"""The region finder: a compact JSON index of every region, its latest answer, its press names, the lists by
tier and the site's own pages.

The index is read by docs/javascripts/finder.js, which ranks in the reader's browser; the rules of ranking
live there, the words and addresses here. Every address comes from the paths module and is written relative
to the site root; the output depends only on the data (sorted, no clock).

Index keys of a region (short: the index is fetched on phones): c code, n name, s name without its level
word, l level, p province code (kabupaten/kota), u address, a aliases, the places that lead to it
(data/gazetteer.yaml: e English names, i its seat, ip a province's capital lying in it, w towns; only those
that are not its own name or an alias), t latest answer in short with its change since the edition before
('Utama 2026 · Naik dari Madya (2024)', 'Madya 2026 · 2024: Belum ada data'), st its status value, h its status
in each edition (newest first) as one digit per edition, an index into "statuses". A list by tier: y year, st
status value, u address. A page: t title, u address, k the words a reader may type for it.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from typing import Any

from generator.judge.answers import answer_of
from generator.judge.changes import change_of
from generator.judge.dataset import Dataset
from generator.model import Region
from generator.read.gazetteer import PlaceKind
from generator.read.names import key
from generator.read.regions import short_name
from generator.views import paths
from generator.vocabulary import STATUSES, Status

INDEX = posixpath.join(posixpath.dirname(paths.SEARCH), "indeks.json")  # 'cari/indeks.json'
ABOUT = "tentang.md"  # hand-written
FORMAT = 1
PLACE_KEYS = {PlaceKind.ENGLISH: "e", PlaceKind.SEAT: "i", PlaceKind.CAPITAL: "ip", PlaceKind.TOWN: "w"}

# The site's own pages: (docs path, title, words a reader may type for it). Status words (utama, madya,
# 'tidak menerima', 'belum ada data'...) are left out: they ask for the lists by tier.
PAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (paths.HOME, "Beranda", ("beranda", "home", "peta indonesia")),
    (paths.SUMMARY, "Ringkasan nasional", ("ringkasan", "nasional", "rekapitulasi", "statistik")),
    (paths.PROVINCES, "Daftar provinsi", ("provinsi", "daftar provinsi", "semua provinsi")),
    (paths.CATEGORIES, "Daftar per kategori", ("kategori", "daftar kategori", "penerima penghargaan", "tingkat")),
    (paths.METHODOLOGY, "Metodologi dan kriteria", ("metodologi", "kriteria", "syarat", "ambang batas",
                                                    "cara penilaian", "cakupan kepesertaan", "keaktifan")),
    (paths.DOWNLOADS, "Unduh data", ("unduh", "data", "download", "csv", "json", "excel", "spreadsheet")),
    (paths.CORRECTIONS, "Koreksi", ("koreksi", "ralat", "perbaikan", "kesalahan data")),
    (ABOUT, "Tentang situs ini", ("tentang", "kontak", "sumber data", "about")),
    (paths.SEARCH, "Semua wilayah A-Z", ("semua wilayah", "daftar wilayah", "kabupaten kota", "a z")),
)


def _region(ds: Dataset, region: Region, status_index: dict[Status, int]) -> dict[str, Any]:
    answer = answer_of(ds.entry(region.code, ds.years[0]))
    change = change_of(ds, region.code, ds.years[0])
    item: dict[str, Any] = {
        "c": region.code,
        "n": region.name,
        "s": region.name if region.is_province else short_name(region),
        "l": region.level.value,
        "u": paths.url(paths.region(region)),
        "t": f"{answer.short} · {change.short}" if change else answer.short,
        "st": answer.status.value,
        # the status in each edition, newest first, as digits into "statuses": counts for the lists
        "h": "".join(str(status_index[ds.entry(region.code, y).status]) for y in ds.years),
    }
    if not region.is_province:
        item["p"] = region.province_code
    aliases = ds.aliases.for_region(region.code)
    if aliases:
        item["a"] = list(aliases)
    said = {key(a) for a in aliases}
    for name, kind in ds.gazetteer.places(region.code, item["s"]):
        if key(name) not in said:
            item.setdefault(PLACE_KEYS[kind], []).append(name)
    return item


def index(ds: Dataset) -> dict[str, Any]:
    """The finder's index as plain data (see the README's Search section for the format)."""
    status_index = {s: i for i, s in enumerate(STATUSES)}
    assert len(status_index) <= 10, "h holds one digit per edition"
    regions = sorted(ds.registry.regions.values(), key=lambda r: r.code)
    return {
        "format": FORMAT,
        "root": posixpath.relpath(".", posixpath.dirname(INDEX)) + "/",  # the site root, from the index
        "years": ds.years,
        "statuses": [{"value": s.value, "label": s.label, "title": s.title, "words": s.slug.replace("-", " "),
                      "colour": s.colour} for s in STATUSES],
        "provinceList": f"?status={{status}}&tahun={{year}}#{paths.PROVINCE_TABLE}",
        "regions": [_region(ds, r, status_index) for r in regions],
        "lists": [{"y": y, "st": s.value, "u": paths.url(paths.category(y, s))}
                  for y in ds.years for s in ds.criteria[y].statuses],
        "pages": [{"t": title, "u": paths.url(path), "k": list(words)} for path, title, words in PAGES],
    }


def index_bytes(ds: Dataset) -> bytes:
    """Compact, deterministic JSON (UTF-8, keys in the order written, no spaces)."""
    return json.dumps(index(ds), ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def files(ds: Dataset) -> Iterator[tuple[str, bytes]]:
    """The finder's generated file, its index, as (docs path, bytes). (The search page without JavaScript,
    cari/, is a page like the others: views.lists.search_page.)"""
    yield INDEX, index_bytes(ds)
