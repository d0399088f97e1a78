"""The columns of the downloads (their view), defined once: each with its code name (CSV header and JSON key,
stable), its Indonesian heading and width in the spreadsheet, what it means (the XLSX's 'Keterangan' sheet and the
downloads page), and how its value is read from a region's entry. CSV, JSON and XLSX all take their columns
from COLUMNS; a new column is one line here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.judge.answers import Answer, answer_of
from generator.judge.changes import EditionChange, change_of
from generator.judge.dataset import Dataset, Entry
from generator.model import AwardRecord, Figure, Metrics, Region, Source
from generator.vocabulary import Basis, Change, Level, Metric, Status, Tier


@dataclass(frozen=True, slots=True)
class Facts:
    """What one row of the downloads is made of: a region in an edition."""

    entry: Entry
    record: AwardRecord | None  # the entry's (fields, not properties: every column of every row reads them)
    metrics: Metrics | None  # its record's
    province: Region
    answer: Answer
    population: int | None
    change: EditionChange | None  # since the edition before (judge.changes.change_of)


def facts(ds: Dataset, entry: Entry) -> Facts:
    record = entry.record
    return Facts(entry, record, record.metrics if record else None, ds.registry.regions[entry.region.province_code],
                 answer_of(entry), ds.population.of(entry.region.code), change_of(ds, entry.region.code, entry.year))


@dataclass(frozen=True, slots=True)
class Column:
    code: str  # CSV header, JSON key: stable, never translated
    header: str  # the spreadsheet's heading
    width: int  # the spreadsheet's column width, in characters
    explained: str  # what it holds, in Indonesian
    value: Callable[[Facts], Any]  # None, str, int, float, bool or dt.date
    sheet: bool = True  # in the spreadsheet (a code whose words another column shows is left out there)
    words: Callable[[Any], Any] | None = None  # the spreadsheet shows a code as these words
    link: bool = False  # an address: a link in the spreadsheet


def _rec(get: Callable[[AwardRecord], Any]) -> Callable[[Facts], Any]:
    return lambda f: get(f.record) if f.record else None


def _met(get: Callable[[Metrics], Any]) -> Callable[[Facts], Any]:
    return lambda f: get(f.metrics) if f.metrics else None


def _pct(metric: Metric) -> Callable[[Facts], Any]:
    def value(f: Facts) -> float | None:
        figure: Figure | None = f.metrics.value(metric) if f.metrics else None
        return figure.value if figure else None
    return value


def _bound(metric: Metric) -> Callable[[Facts], Any]:
    def value(f: Facts) -> str | None:
        figure: Figure | None = f.metrics.value(metric) if f.metrics else None
        return figure.bound.sign or None if figure else None
    return value


def _tier_words(code: Any) -> Any:
    return Tier(code).label if code else None


def _status_words(code: Any) -> Any:
    return Status(code).label if code else None


BOUND = "batas yang disebut sumber bila angkanya bukan angka pasti: >, >=, <, <=; kosong bila pasti"
COLUMNS: tuple[Column, ...] = (
    Column("year", "Tahun", 7, "tahun edisi UHC Awards", lambda f: f.entry.year),
    Column("code", "Kode Kemendagri", 11, "kode wilayah Kemendagri", lambda f: f.entry.region.code),
    Column("name", "Wilayah", 30, "nama lengkap wilayah", lambda f: f.entry.region.name),
    Column("level", "Tingkat", 10, "provinsi, kabupaten atau kota", lambda f: f.entry.region.level.value,
           words=lambda code: Level(code).label),
    Column("province_code", "Kode provinsi", 9, "kode Kemendagri provinsinya", lambda f: f.province.code),
    Column("province", "Provinsi", 24, "provinsinya", lambda f: f.province.name),
    Column("status", "Kode status", 10, "status sebagai kode (lihat Kode status)", lambda f: f.answer.status.value,
           sheet=False),
    Column("status_label", "Status", 22, "status, dengan kata yang sama seperti di situs",
           lambda f: f.answer.status.label),
    Column("basis", "Kode dasar", 10, "dasar status sebagai kode (lihat Dasar status)",
           lambda f: f.answer.basis.value if f.answer.basis else None, sheet=False),
    Column("basis_label", "Dasar status", 16, "seberapa pasti status itu (lihat Dasar status); kosong bila belum "
           "ada data", lambda f: f.answer.basis.label if f.answer.basis else None),
    Column("basis_note", Basis.INFERRED.words.note_heading, 40, f"bila status {Basis.INFERRED.label} atau "
           f"{Basis.DISPUTED.label}: caranya, atau perbedaannya", _rec(lambda r: r.basis_note)),
    Column("tier", "Kategori diumumkan", 12, "kategori yang diumumkan; kosong bila tidak ada atau tidak disebut",
           _rec(lambda r: r.tier.value if r.tier else None), words=_tier_words),
    Column("change", "Kode perubahan", 12, "perubahan dibanding edisi sebelumnya sebagai kode (lihat Kode perubahan)",
           lambda f: f.change.code if f.change else None, sheet=False),
    Column("change_label", "Perubahan", 30, "perubahan dibanding edisi sebelumnya, dengan kata yang sama seperti di "
           f"situs (dengan dasarnya bila salah satu status tidak {Basis.STATED.label} sumber); kosong bila belum ada "
           "data edisi itu, dan pada edisi pertama di situs ini", lambda f: f.change.words if f.change else None),
    Column("coverage_pct", "Cakupan JKN (%)", 10, "cakupan kepesertaan JKN, persen penduduk", _pct(Metric.COVERAGE)),
    Column("coverage_bound", "Cakupan: batas", 8, BOUND, _bound(Metric.COVERAGE)),
    Column("activity_pct", "Keaktifan (%)", 10, "tingkat keaktifan peserta JKN, persen", _pct(Metric.ACTIVITY)),
    Column("activity_bound", "Keaktifan: batas", 8, BOUND, _bound(Metric.ACTIVITY)),
    Column("pemda_share_pct", "Didaftarkan Pemda (%)", 10, "penduduk yang didaftarkan pemerintah daerah "
           "(PBPU/BP Pemda), persen penduduk", _pct(Metric.PEMDA_SHARE)),
    Column("pemda_share_bound", "Didaftarkan Pemda: batas", 8, BOUND, _bound(Metric.PEMDA_SHARE)),
    Column("population", "Penduduk (menurut sumber)", 12, "jumlah penduduk menurut sumber angka, bila disebut",
           _met(lambda m: m.population)),
    Column("participants", "Peserta JKN", 12, "jumlah peserta JKN menurut sumber", _met(lambda m: m.participants)),
    Column("active", "Peserta aktif", 12, "jumlah peserta JKN aktif menurut sumber", _met(lambda m: m.active)),
    Column("pemda_registered", "Didaftarkan Pemda (jiwa)", 12, "jumlah penduduk yang didaftarkan pemerintah daerah",
           _met(lambda m: m.pemda_registered)),
    Column("figures_as_of", "Angka per tanggal", 14, "tanggal angka-angka itu", _met(lambda m: m.as_of)),
    Column("population_2025", "Penduduk 2025 (Kemendagri)", 13, "jumlah penduduk 2025 menurut Kemendagri",
           lambda f: f.population),
    Column("tier_by_figures", "Kategori menurut angka", 12, "kategori menurut angka dan kriteria edisi itu, bila "
           "angkanya cukup", lambda f: f.entry.verdict.status.value if f.entry.verdict and f.entry.verdict.status
           else None, words=_status_words),
    Column("figures_contradict_tier", "Angka tidak cocok", 10, "ya (CSV, JSON: true) bila angka yang dilaporkan "
           "tidak memungkinkan kategori yang diumumkan", lambda f: bool(f.entry.contradiction),
           words=lambda v: "ya" if v else "tidak"),
    Column("recipient", "Diterima oleh", 24, "siapa yang menerima penghargaan, bila disebut",
           _rec(lambda r: r.recipient)),
    Column("notes", "Catatan", 40, "catatan untuk pembaca", _rec(lambda r: r.notes)),
)

# Each source of a row gets its own columns, numbered from 1: source_1_url, source_1_publisher, source_1_date...
SOURCE_PARTS: tuple[tuple[str, str, int, str, Callable[[Source], Any]], ...] = (
    ("url", "tautan", 40, "alamat sumber", lambda s: s.url),
    ("publisher", "media", 22, "media atau lembaga yang menerbitkannya", lambda s: s.publisher),
    ("date", "tanggal", 14, "tanggal terbit, bila diketahui", lambda s: s.date),
)


def source_columns(n: int) -> tuple[Column, ...]:
    """The columns of sources 1..n (n: the most sources any record has, at least 1)."""
    def pick(i: int, get: Callable[[Source], Any]) -> Callable[[Facts], Any]:
        return lambda f: get(f.record.sources[i]) if f.record and len(f.record.sources) > i else None
    return tuple(Column(f"source_{i + 1}_{part}", f"Sumber {i + 1}: {word}", width, f"sumber ke-{i + 1}: {what}",
                        pick(i, get), link=part == "url")
                 for i in range(max(n, 1)) for part, word, width, what, get in SOURCE_PARTS)


def columns(ds: Dataset) -> tuple[Column, ...]:
    """Every column of the downloads, the sources' as many as the record with most sources needs."""
    return COLUMNS + source_columns(max((len(r.sources) for r in ds.records()), default=1))


def sheet_value(column: Column, value: Any) -> Any:
    """What the spreadsheet shows of a value: a code as its words."""
    return column.words(value) if column.words and value is not None else value


def text(value: Any) -> str:
    """A value as CSV text: '' for none, true/false, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def legend() -> dict[str, dict[str, str]]:
    """The codes, in words: status, basis and change."""
    return {"status_values": {s.value: s.label for s in Status},
            "basis_values": {b.value: f"{b.label}: {b.explained}" for b in Basis},
            "change_values": {c.value: f"{c.label}: {c.explained}" for c in Change}}
