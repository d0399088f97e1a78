"""The view stage: for each page, a frozen record of everything its template shows, already decided.

Templates receive only their view and formatting filters: no Dataset, no modules, no decisions. This module
holds the pieces every page shares (sources, figures, check tables, maps, charts) and how to make them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator import numfmt
from generator.judge import checklist
from generator.judge.answers import Answer, Counts, answer_of, count
from generator.judge.classify import Classification
from generator.judge.dataset import Dataset, Entry
from generator.model import Figure, Metrics, Region, Source
from generator.read.criteria import YearCriteria
from generator.read.geography import MapLayout
from generator.views import paths
from generator.vocabulary import Basis, Metric, Status


@dataclass(frozen=True, slots=True)
class SourceView:
    publisher: str
    url: str
    date: dt.date | None
    title: str | None
    says: str | None  # "menyebut kategori Madya", where sources disagree
    archive: str  # the Internet Archive's copies of the address, for when the page has gone


@dataclass(frozen=True, slots=True)
class FigureView:
    label: str  # "Cakupan kepesertaan JKN"
    short: str  # "cakupan"
    text: str  # "99,81 %", "> 85 %", "1.234.567"
    term: str | None = None  # the anchor of its definition on the methodology page


@dataclass(frozen=True, slots=True)
class Explanation:
    """A table that explains a tier: its rule's rows, with the region's values (or the requirements only)."""

    heading: str
    intro: str
    rows: tuple[checklist.CheckRow, ...]
    with_values: bool


@dataclass(frozen=True, slots=True)
class MapArea:
    code: str
    name: str
    path: str  # docs path of the page the shape links to
    answer: Answer
    here: bool = False


@dataclass(frozen=True, slots=True)
class MapView:
    """A map to draw: shapes from the geography, filled by each region's answer; areas sorted by code."""

    title: str
    layout: MapLayout
    areas: tuple[MapArea, ...]
    counts: Counts
    # code -> its label's texts, preferred first ("Kalsel", "Kalimantan Selatan"), drawn on wide screens where
    # they fit (pictures/placement.py); empty for none
    labels: dict[str, tuple[str, ...]]
    credit: str  # the boundaries' attribution, as their licences require


@dataclass(frozen=True, slots=True)
class FiguresChart:
    """A region's percentages against the year's thresholds (chart marks)."""

    region: str
    rows: tuple[tuple[Metric, Figure, tuple[float, ...]], ...]


@dataclass(frozen=True, slots=True)
class TierBars:
    """Recorded against official counts per tier, the recorded part split by basis."""

    label: str
    counts: Counts
    official: dict[Status, int]


def sources(items: tuple[Source, ...]) -> tuple[SourceView, ...]:
    return tuple(SourceView(s.publisher, s.url, s.date, s.title,
                            f"menyebut kategori {s.tier.label}" if s.tier else None, paths.archived(s.url))
                 for s in items)


_TERMS = {Metric.COVERAGE: "cakupan", Metric.ACTIVITY: "keaktifan", Metric.PEMDA_SHARE: "didaftarkan-pemda"}


def figures(metrics: Metrics) -> tuple[FigureView, ...]:
    """The published figures, percentages first, as the page prints them."""
    found = [FigureView(m.label, m.short, numfmt.figure(f), paths.term(_TERMS[m])) for m in Metric
             if (f := metrics.value(m)) is not None]
    counts = (("Jumlah penduduk (menurut sumber)", "penduduk", metrics.population),
              ("Peserta JKN", "peserta", metrics.participants), ("Peserta aktif", "aktif", metrics.active),
              ("Didaftarkan Pemda", "didaftarkan Pemda", metrics.pemda_registered))
    found += [FigureView(label, short, numfmt.integer(n)) for label, short, n in counts if n is not None]
    return tuple(found)


def unregistered(metrics: Metrics, population: int | None) -> str | None:
    """What an exact coverage below 100 % means in people: 'sekitar 1.400 penduduk belum terdaftar JKN'."""
    coverage = metrics.coverage
    people = metrics.population or population
    if coverage is None or not coverage.exact or coverage.value >= 100 or not people:
        return None
    missing = people * (100 - coverage.value) / 100
    rounded = int(round(missing, -2 if missing >= 1000 else -1)) or int(round(missing))
    basis = "jumlah penduduk menurut sumber" if metrics.population else "jumlah penduduk 2025 (Kemendagri)"
    return (f"Sekitar {numfmt.integer(rounded)} penduduk belum terdaftar JKN "
            f"(cakupan {numfmt.figure(coverage)} dari {numfmt.integer(people)} penduduk, {basis}).")


def explanations(entry: Entry, current: bool, result: Classification | None) -> tuple[Explanation, ...]:
    """Why the region has its tier (or what the figures give), and, for the newest edition, what the next
    tier needs (result: entry.classification, worked out once by the caller). Decided here, never in a
    template."""
    record, criteria = entry.record, entry.criteria
    if record is None or record.awarded is None and not record.metrics.any_percentage:
        return ()
    shown = checklist.shown_tier(record.tier, result)
    found: list[Explanation] = []
    if result is not None and shown is not None:
        evaluation = result.evaluation(shown)
        assert evaluation is not None
        found.append(Explanation(f"Mengapa {shown.label}", f"Syarat kategori {shown.label} {entry.year} dan angka "
                                 f"{entry.region.name}:", tuple(checklist.rows(evaluation.check, criteria)), True))
    elif result is not None:
        pratama = result.evaluation(checklist.LOWEST)
        assert pratama is not None
        found.append(Explanation("Angka dan kriteria", "", tuple(checklist.rows(pratama.check, criteria)), True))
    elif criteria.rule_known and shown is not None:
        found.append(Explanation(
            f"Syarat kategori {shown.label}", f"Angka cakupan, keaktifan dan pendaftaran oleh Pemda untuk "
            f"{entry.region.name} tidak dipublikasikan dalam sumber yang ditemukan; kategori di atas adalah "
            "kategori yang diumumkan. Syarat kategori ini:", tuple(checklist.requirement_rows(shown, criteria)),
            False))
    above = checklist.next_tier(shown if record.awarded else None)
    if current and result is not None and above is not None and above != (shown or checklist.LOWEST) \
            and not entry.contradiction and (evaluation := result.evaluation(above)) is not None:
        found.append(Explanation(f"Untuk mencapai {above.label}", "", tuple(checklist.rows(evaluation.check,
                                                                                             criteria)), True))
    return tuple(found)


def contradiction(entry: Entry) -> str | None:
    """The announced tier against what the figures allow, with the record's explanation."""
    if not entry.contradiction:  # rare: the checks are worked out only then
        return None
    record, result = entry.record, entry.classification
    if record is None or result is None or record.tier is None:
        return None
    name, tier = entry.region.name, record.tier.label
    if result.possible == (Status.NOT_AWARDED,):
        text = f"Angka yang dilaporkan untuk {name} tidak memenuhi syarat kategori mana pun, padahal diumumkan {tier}."
    else:
        allowed = ", ".join(s.label for s in result.possible)
        text = f"Angka yang dilaporkan untuk {name} hanya memungkinkan: {allowed}; bukan {tier} yang diumumkan."
    return f"{text} {record.conflict_note or ''}".strip()


def figures_chart(entry: Entry, result: Classification | None) -> FiguresChart | None:
    record = entry.record
    if record is None or result is None or not record.metrics.any_percentage:
        return None
    rows = tuple((m, f, entry.criteria.ticks.get(m, ())) for m in Metric if (f := record.metrics.value(m)) is not None)
    return FiguresChart(entry.region.name, rows)


PROVINCE_CREDIT = "Batas provinsi: Indonesia GeoJSON & TopoJSON Maps (38 Provinces), CC BY 4.0"
REGENCY_CREDIT = ("Batas kabupaten/kota: geoBoundaries (BPS, OCHA ROAP), CC BY 3.0 IGO; rasterisasi "
                  "peta-pixel-nusantara (MIT)")


def map_view(ds: Dataset, title: str, regions: list[Region], layout: MapLayout, year: int,
             here: str | None, labels: dict[str, tuple[str, ...]]) -> MapView:
    areas = tuple(MapArea(r.code, r.name, paths.region(r), answer_of(ds.entry(r.code, year)), r.code == here)
                  for r in sorted(regions, key=lambda r: r.code))
    credit = PROVINCE_CREDIT if all(r.is_province for r in regions) else REGENCY_CREDIT
    return MapView(title, layout, areas, count(a.answer for a in areas), labels, credit)


COMPLETENESS = "completeness"


def completeness(ds: Dataset, year: int, province: bool) -> str:
    """How many of the edition's officially announced recipients of a level the site has recorded, and what
    'no data' means: said on every page of a region without a record."""
    crit = ds.criteria[year]
    regions = ds.registry.provinces if province else ds.registry.regencies
    entries = ds.whole(COMPLETENESS)  # national counts: declared by the parts that read them (outputs/pages.py)
    recorded = count(answer_of(entries[(r.code, year)]) for r in regions).awarded
    official = crit.official_provinces if province else crit.official_kabkota_total
    level = "provinsi" if province else "kabupaten/kota"
    of = f"{recorded} dari {official} {level} penerima {crit.edition} menurut angka resmi" if official else \
        f"{recorded} {level} penerima {crit.edition}"
    return (f"Situs ini baru mencatat {of}. \u201c{Status.NO_DATA.label}\u201d berarti belum ditemukan sumber "
            "tentang wilayah ini, bukan berarti tidak menerima penghargaan.")


def when(criteria: YearCriteria) -> str:
    """'27 Januari 2026, JIExpo Kemayoran, Jakarta'."""
    parts = [numfmt.date(criteria.ceremony_date) if criteria.ceremony_date else "", criteria.ceremony_place or ""]
    return ", ".join(p for p in parts if p)


def statement(entry: Entry) -> str:
    """The answer as one sentence, saying how it is known."""
    record, name, edition = entry.record, entry.region.name, entry.criteria.edition
    if record is None:
        return (f"Belum ada data {edition} untuk {name} di situs ini. Ini bukan berarti {name} tidak menerima "
                "penghargaan: data dihimpun dari pemberitaan per daerah dan daftar resmi lengkap belum ditemukan.")
    if record.awarded is None:
        return f"Sumber di bawah memuat angka {name}, tetapi tidak menyebut apakah {name} menerima {edition}."
    said = (record.basis or Basis.STATED).words.opener
    if not record.awarded:
        return f"{said} {name} tidak menerima {edition}."
    if record.tier is None:
        tiers = ", tetapi sumber tidak menyebut kategorinya" if entry.criteria.tiers_exist else ""
        return f"{said} {name} menerima {edition}{tiers}."
    return f"{said} {name} menerima {edition} kategori {record.tier.label}."

