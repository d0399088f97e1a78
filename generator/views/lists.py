"""Views of the pages that list regions or explain the site: category lists, the province index, the national
summary and the home page's part, methodology."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.judge import checklist
from generator.judge.answers import Answer, Counts, answer_of, count
from generator.judge.changes import Comparison, EditionChange, change_head, change_of, comparisons
from generator.judge.completeness import completeness
from generator.judge.dataset import Dataset
from generator.model import Region
from generator.read.criteria import CriteriaSource
from generator.views import glossary, parts, paths
from generator.vocabulary import AWARD_TIERS, CHANGES, STATUSES, Basis, Change, Status


@dataclass(frozen=True, slots=True)
class ListRow:
    name: str
    path: str
    province: str
    province_path: str | None
    answer: Answer
    change: EditionChange | None  # since the edition before


@dataclass(frozen=True, slots=True)
class CategoryPage:
    path: str
    title: str
    description: str
    edition: str
    status: Status
    intro: str
    provinces: tuple[ListRow, ...]
    regencies: tuple[ListRow, ...]
    uncertain: int  # rows whose answer is inferred or disputed
    table_anchor: str
    change_head: str  # 'Perubahan sejak 2024'; '' in the first edition of the data


@dataclass(frozen=True, slots=True)
class CategoryLink:
    path: str
    title: str
    regencies: int  # kabupaten/kota and provinces counted apart: an official count is of kabupaten/kota
    provinces: int
    official: int | None  # the official count of kabupaten/kota


@dataclass(frozen=True, slots=True)
class SummaryRow:
    status: Status
    path: str  # the category list
    recorded: int
    split: str  # "2 dinyatakan, 5 disimpulkan" when some are not stated
    official: int | None
    share: str  # recorded / official, "–" without an official count


@dataclass(frozen=True, slots=True)
class EditionSummary:
    year: int
    edition: str
    anchor: str
    when: str
    official: str  # "397 kabupaten/kota (75 Utama, ...) dan 31 provinsi menerima penghargaan."
    bars: parts.TierBars | None
    rows: tuple[SummaryRow, ...]
    awarded: int
    official_total: int | None
    awarded_share: str  # "58 %" of the official total, "–" without one
    provinces: Counts
    province_count: int
    province_sentence: str  # "18 penerima tercatat dari 31 menurut angka resmi, 7 tidak menerima (7 disimpulkan); ..."
    counts: Counts
    categories: tuple[CategoryLink, ...]
    sources: str  # how many answers rest on two or more pages (judge.completeness)


@dataclass(frozen=True, slots=True)
class ProvinceRow:
    name: str
    path: str
    short: str | None
    answer: Answer
    change: EditionChange | None  # the province's own, since the edition before
    counts: Counts
    regencies: int
    with_data: int  # kabupaten/kota with a record of the edition


@dataclass(frozen=True, slots=True)
class Overview:
    """The national summary, the home page's part and the province index share this."""

    updated: dt.date | None
    editions: tuple[EditionSummary, ...]
    map: parts.MapView
    provinces: tuple[ProvinceRow, ...]
    edition: str
    change_head: str  # 'Perubahan sejak 2024'; '' with one edition


@dataclass(frozen=True, slots=True)
class RuleRow:
    status: Status
    rule: str


@dataclass(frozen=True, slots=True)
class MethodEdition:
    edition: str
    when: str
    eligibility: str
    rules: tuple[RuleRow, ...]
    tiers_exist: bool
    notes: tuple[str, ...]
    sources: tuple[CriteriaSource, ...]


@dataclass(frozen=True, slots=True)
class Methodology:
    editions: tuple[MethodEdition, ...]
    statuses: tuple[Status, ...]
    bases: tuple[Basis, ...]
    inferred_examples: tuple[ListRow, ...]
    eliminated: str  # how an answer inferred by elimination reads: 'Tidak menerima (disimpulkan)'
    grouped: str  # how one inferred from a group statement reads: 'Pratama (disimpulkan)'
    changes: tuple[Change, ...]
    comparisons: tuple[Comparison, ...]  # consecutive editions, newest first
    changes_anchor: str
    years: str  # the editions of the data, oldest first: '2023, 2024, 2026'
    terms: tuple[glossary.Term, ...]


def _row(ds: Dataset, region: Region, year: int) -> ListRow:
    province = ds.registry.province_of(region) if not region.is_province else None
    return ListRow(region.name, paths.region(region), province.name if province else "Provinsi",
                   paths.region(province) if province else None, answer_of(ds.entry(region.code, year)),
                   change_of(ds, region.code, year))


def category_pages(ds: Dataset) -> list[CategoryPage]:
    pages = []
    for year in ds.years:
        edition = ds.criteria[year].edition
        rows = [_row(ds, r, year) for r in sorted(ds.registry.regions.values(), key=lambda r: r.name)]
        for status in ds.criteria[year].statuses:
            chosen = [r for r in rows if r.answer.status is status]
            provinces = tuple(r for r in chosen if r.province_path is None)
            regencies = tuple(sorted((r for r in chosen if r.province_path), key=lambda r: (r.province, r.name)))
            official = ds.criteria[year].official_kabkota.get(status.tier) if status.tier else None
            n = len(regencies)
            intro = {
                Status.NO_DATA: f"Wilayah yang belum memiliki catatan {year} di situs ini: {n} kabupaten/kota dan "
                                f"{len(provinces)} provinsi. Belum ada data bukan berarti tidak menerima penghargaan.",
                Status.NOT_AWARDED: f"Wilayah yang tercatat tidak menerima penghargaan {year}: {n} kabupaten/kota "
                                    f"dan {len(provinces)} provinsi.",
            }.get(status, f"{n} kabupaten/kota{f' dari {official} yang diumumkan resmi' if official else ''} dan "
                          f"{len(provinces)} provinsi tercatat di situs ini.")
            pages.append(CategoryPage(
                paths.category(year, status), f"{edition}: {status.title}",
                f"{edition}: {status.title}, {n} kabupaten/kota dan {len(provinces)} provinsi, dengan sumbernya.",
                edition, status, intro, provinces, regencies,
                sum(1 for r in chosen if not r.answer.certain), paths.CATEGORY_TABLE, change_head(ds, year)))
    return pages


def _edition(ds: Dataset, year: int) -> EditionSummary:
    crit = ds.criteria[year]
    kabkota = count(answer_of(ds.entry(r.code, year)) for r in ds.registry.regencies)
    provinces = count(answer_of(ds.entry(r.code, year)) for r in ds.registry.provinces)
    official = {t.status: n for t, n in crit.official_kabkota.items()}
    rows = []
    for status in ds.criteria[year].statuses:
        n, total = kabkota[status], official.get(status)
        rows.append(SummaryRow(status, paths.category(year, status), n, kabkota.split(status), total,
                               f"{round(100 * n / total)} %" if total else "–"))
    text = ""
    if crit.official_kabkota_total:
        tiers = ", ".join(f"{n} {t.label}" for t, n in crit.official_kabkota.items())
        text = (f"Angka resmi: {crit.official_kabkota_total} kabupaten/kota{f' ({tiers})' if tiers else ''}"
                f"{f' dan {crit.official_provinces} provinsi' if crit.official_provinces else ''} menerima "
                "penghargaan.")
    bars = parts.TierBars(f"Kabupaten/kota per kategori {year}, tercatat dibanding resmi", kabkota,
                          official) if official else None
    cats = tuple(CategoryLink(paths.category(year, s), s.title, kabkota[s], provinces[s], official.get(s))
                 for s in ds.criteria[year].statuses)
    official_p = f" dari {crit.official_provinces} menurut angka resmi" if crit.official_provinces else ""
    not_awarded = f", {provinces.phrase(Status.NOT_AWARDED).replace(Status.NOT_AWARDED.label, 'tidak menerima')}" \
        if provinces[Status.NOT_AWARDED] else ""
    sentence = (f"{provinces.awarded} penerima tercatat{official_p}{not_awarded}; {provinces[Status.NO_DATA]} dari "
                f"{len(ds.registry.provinces)} provinsi belum ada data.")
    total = crit.official_kabkota_total
    share = f"{round(100 * kabkota.awarded / total)} %" if total else "–"
    return EditionSummary(year, crit.edition, paths.edition(year), parts.when(crit), text, bars, tuple(rows),
                          kabkota.awarded, total, share, provinces, len(ds.registry.provinces), sentence, kabkota,
                          cats, completeness(ds, year).sources_sentence)


def overview(ds: Dataset) -> Overview:
    year = ds.years[0]
    short = ds.aliases.province_short
    provinces = ds.registry.provinces
    rows = []
    for p in provinces:
        counts = count(answer_of(ds.entry(c.code, year)) for c in ds.registry.children(p.code))
        rows.append(ProvinceRow(p.name, paths.region(p), short(p.code), answer_of(ds.entry(p.code, year)),
                                change_of(ds, p.code, year), counts, counts.total,
                                counts.total - counts[Status.NO_DATA]))
    # every province labelled: its short form (Kalsel) where it has one, else its name (Aceh, Papua Tengah)
    labels = {p.code: tuple(t for t in (short(p.code), p.name) if t) for p in provinces}
    return Overview(ds.data_updated, tuple(_edition(ds, y) for y in ds.years),
                    parts.map_view(ds, f"Peta provinsi menurut status {ds.criteria[year].edition}", provinces,
                                   ds.geography.national(), year, None, labels),
                    tuple(rows), ds.criteria[year].edition, change_head(ds, year))


def methodology(ds: Dataset) -> Methodology:
    editions = []
    for year in ds.years:
        crit = ds.criteria[year]
        rules = tuple(RuleRow(t.status, checklist.describe_rule(crit.rules[t], crit)) for t in AWARD_TIERS) \
            if crit.rules else ()
        editions.append(MethodEdition(crit.edition, parts.when(crit), crit.eligibility, rules, crit.tiers_exist,
                                      crit.notes, crit.sources))
    inferred = tuple(_row(ds, ds.registry.regions[r.region_code], r.year) for r in ds.records(ds.years[0])
                     if r.basis is Basis.INFERRED)
    edition = ds.criteria[ds.years[0]].edition
    return Methodology(tuple(editions), STATUSES, tuple(Basis), inferred[:6],
                       Answer(Status.NOT_AWARDED, Basis.INFERRED, ds.years[0], edition).words,
                       Answer(Status.PRATAMA, Basis.INFERRED, ds.years[0], edition).words, CHANGES, comparisons(ds),
                       paths.CHANGES, ", ".join(map(str, reversed(ds.years))), glossary.TERMS)
