"""The view of a region's page (kabupaten/kota or province): the answer card first, then context (the
province's counts, neighbours, the map), history across editions, and one section per edition."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from generator import numfmt
from generator.judge.answers import Answer, Counts, answer_of, count
from generator.judge.backing import backing_of
from generator.judge.changes import EditionChange, change_head, change_of, runs_of
from generator.judge.dataset import Dataset, Entry
from generator.model import Region
from generator.read.names import key
from generator.read.regions import ATTRIBUTION
from generator.views import citation, corrections, glossary, parts, paths
from generator.views.citation import SITE, Citation
from generator.views.corrections import NONE, Channels, Report
from generator.vocabulary import Basis, Status

__all__ = ["SITE", "Card", "RegionPage", "region_page"]


@dataclass(frozen=True, slots=True)
class Card:
    """The answer at the top of the page: the newest edition's status and basis, its source, its figures."""

    answer: Answer
    when: str
    statement: str
    basis_note: str | None
    basis_heading: str  # Basis.words.note_heading
    caution: str | None  # figures that contradict the announced tier
    aside: str | None  # a figures-only record's note: what the figures are, when they are not about the award
    figures: tuple[parts.FigureView, ...]
    as_of: dt.date | None
    unregistered: str | None
    source: parts.SourceView | None
    more_sources: int
    sources_anchor: str  # the edition's sources on the page
    change: EditionChange | None  # since the edition before (None: no answer now, or the first edition)
    runs: tuple[str, ...]  # awards in consecutive editions: 'Menerima pada 3 edisi berturut-turut: ...'
    backing: str | None  # how many pages the answer rests on: 'Dua sumber independen'
    terms: tuple[glossary.Term, ...]  # terms in the card's texts, explained in place
    completeness: str | None  # without a record: how much of the edition the site has recorded


@dataclass(frozen=True, slots=True)
class Neighbour:
    name: str
    path: str
    answer: Answer
    here: bool


@dataclass(frozen=True, slots=True)
class ChildRow:
    """A kabupaten/kota in its province's table: one answer per edition, newest first."""

    name: str
    path: str
    level: str
    answers: tuple[Answer, ...]
    change: EditionChange | None  # in the newest edition, since the edition before


@dataclass(frozen=True, slots=True)
class HistoryRow:
    answer: Answer
    anchor: str | None  # the edition's section, when the page has one
    change: EditionChange | None  # since the edition before; None for the first edition of the data


@dataclass(frozen=True, slots=True)
class Section:
    year: int
    heading: str
    anchor: str
    sources_anchor: str
    answer: Answer
    statement: str
    basis_note: str | None
    recipient: str | None
    caution: str | None
    explanations: tuple[parts.Explanation, ...]
    figures: tuple[parts.FigureView, ...]
    as_of: dt.date | None
    chart: parts.FiguresChart | None
    corrections: tuple[tuple[dt.date, str], ...]
    notes: str | None
    research_notes: str | None
    sources: tuple[parts.SourceView, ...]
    eligibility: str | None  # a year without thresholds: what is known of its criteria
    tiers: bool  # the edition had tiers (YearCriteria.tiers_exist)


@dataclass(frozen=True, slots=True)
class RegionPage:
    path: str
    name: str
    code: str
    is_province: bool
    kind: str  # "Kabupaten", "Kota", "Provinsi"
    province: Region | None
    province_path: str | None
    aliases: tuple[str, ...]
    seat: str | None  # "Wamena": the seat of a kabupaten, the capital of a province (data/gazetteer.yaml)
    english: tuple[str, ...]  # a province's English names, where they differ from its own: ("West Java",)
    towns: tuple[str, ...]  # well-known places in it that are not its seat: ("Ubud",)
    population: int | None
    population_year: int
    population_source: str
    title: str  # <title>, og:title
    description: str
    image: str  # docs path of the share image
    data_file: str
    csv_file: str | None  # a province's kabupaten/kota as CSV
    card: Card
    context_heading: str
    context_anchor: str  # paths.PROVINCE_TABLE on a province page (search links there with ?status=), else CONTEXT
    counts: Counts
    counts_sentence: str  # "2 Utama, 4 Madya (1 disimpulkan), 1 tanpa kategori, 6 belum ada data"
    counts_edition: str
    neighbours: tuple[Neighbour, ...]
    children: tuple[ChildRow, ...]
    editions: tuple[str, ...]  # column heads of the children table
    change_head: str  # the children table's change column: 'Perubahan sejak 2024'
    years: tuple[int, ...]
    map: parts.MapView
    history: tuple[HistoryRow, ...]
    sections: tuple[Section, ...]
    citation: Citation
    address: str  # the page's published address
    badge: Badge
    report: Report
    updated: dt.date | None
    attribution: str


@dataclass(frozen=True, slots=True)
class Badge:
    """The embeddable badge: its SVG's docs path, what it says, and the HTML to paste (links to this page)."""

    path: str
    alt: str
    snippet: str


def _card(ds: Dataset, entry: Entry, population: int | None) -> Card:
    shown, criteria = entry.record, entry.criteria
    change = change_of(ds, entry.region.code, entry.year)
    srcs = parts.sources(shown.sources) if shown else ()
    metrics = shown.metrics if shown else None
    statement, caution = parts.statement(entry), parts.contradiction(entry)
    basis_note = shown.basis_note if shown else None
    aside = shown.notes if shown and shown.awarded is None else None
    return Card(
        answer=answer_of(entry), when=parts.when(criteria), statement=statement, basis_note=basis_note,
        basis_heading=(shown.basis if shown and shown.basis else Basis.INFERRED).words.note_heading,
        caution=caution, aside=aside,
        figures=parts.figures(metrics) if metrics else (), as_of=metrics.as_of if metrics else None,
        unregistered=parts.unregistered(metrics, population) if metrics else None,
        source=srcs[0] if srcs else None, more_sources=max(len(srcs) - 1, 0),
        sources_anchor=paths.edition_sources(entry.year), terms=glossary.used((statement, basis_note, caution, aside)),
        completeness=parts.completeness(ds, entry.year, entry.region.is_province) if shown is None else None,
        change=change, runs=tuple(r.words for r in runs_of(ds, entry.region.code, entry.year)) if change else (),
        backing=backing_of(shown.sources).words if shown else None)


def _badge(region: Region, answer: Answer, site_url: str) -> Badge:
    path = paths.badge(region)
    alt = f"{region.name}: {answer.headline} ({SITE})"
    snippet = (f'<a href="{html.escape(paths.permalink(site_url, paths.region(region)))}">'
               f'<img src="{html.escape(paths.permalink(site_url, path))}" alt="{html.escape(alt)}"></a>')
    return Badge(path, alt, snippet)


def _section(entry: Entry, current: bool) -> Section:
    record, criteria = entry.record, entry.criteria
    assert record is not None
    result = entry.classification
    return Section(
        year=entry.year, heading=criteria.edition, anchor=paths.edition(entry.year),
        sources_anchor=paths.edition_sources(entry.year), answer=answer_of(entry),
        statement=parts.statement(entry), basis_note=record.basis_note, recipient=record.recipient,
        caution=parts.contradiction(entry), explanations=parts.explanations(entry, current, result),
        figures=parts.figures(record.metrics), as_of=record.metrics.as_of,
        chart=parts.figures_chart(entry, result) if current else None,
        corrections=tuple((c.date, c.text) for c in reversed(record.corrections)), notes=record.notes,
        research_notes=record.research_notes, sources=parts.sources(record.sources),
        eligibility=None if criteria.rule_known or result is not None else criteria.eligibility or None,
        tiers=criteria.tiers_exist)


def _title(region: Region, answer: Answer) -> str:
    """'Kabupaten Balangan: Utama, UHC Awards 2026'."""
    return f"{region.name}: {answer.headline}"


def _description(region: Region, province: Region | None, card: Card) -> str:
    where = f" ({province.name})" if province else ""
    answer = card.answer
    if answer.status is Status.NO_DATA:
        text = f"{region.name}{where}: belum ada data {answer.edition} di situs ini."
    else:
        said = f" menurut {card.source.publisher}" if card.source and answer.certain else ""
        text = f"{region.name}{where}: {answer.words}, {answer.edition}{said}."
    has = ["sumber" if card.source else "", "angka yang dilaporkan" if card.figures else "", "riwayat per edisi"]
    return f"{text} Halaman ini memuat {', '.join(h for h in has if h)}."


def region_page(ds: Dataset, region: Region, site_url: str = "/", channels: Channels = NONE) -> RegionPage:
    registry, year = ds.registry, ds.years[0]
    province = None if region.is_province else registry.province_of(region)
    home = region if region.is_province else registry.province_of(region)
    population = ds.population.of(region.code)
    latest = ds.entry(region.code, year)
    card = _card(ds, latest, population)
    history = ds.history(region.code)
    newest_record = history[0].year if history else None
    sections = tuple(_section(e, e.year == newest_record) for e in history)
    with_section = {s.year for s in sections}
    siblings = sorted(registry.children(home.code), key=lambda r: r.name)
    answers = [answer_of(ds.entry(r.code, year)) for r in siblings]
    counts = count(answers)
    path = paths.region(region)
    aliases = ds.aliases.for_region(region.code)
    said = {key(region.name), *map(key, aliases)}
    address, updated = paths.permalink(site_url, path), numfmt.date(ds.data_updated)
    return RegionPage(
        path=path, name=region.name, code=region.code, is_province=region.is_province,
        kind=region.level.label, province=province, province_path=paths.region(province) if province else None,
        aliases=aliases, seat=ds.gazetteer.seat(region.code),
        english=tuple(n for n in ds.gazetteer.english_names(region.code) if key(n) not in said),
        towns=ds.gazetteer.town_names(region.code), population=population,
        population_year=ds.population.year, population_source=f"{ds.population.year}, {ds.population.source}",
        title=_title(region, card.answer), description=_description(region, province, card),
        image=paths.share_image(region), data_file=paths.region_data(region),
        csv_file=paths.province_csv(region) if region.is_province else None, card=card,
        context_heading=f"Kabupaten/kota di {home.name}" if region.is_province else f"Di {home.name}",
        context_anchor=paths.PROVINCE_TABLE if region.is_province else paths.CONTEXT,
        counts=counts, counts_sentence=counts.sentence(), counts_edition=ds.criteria[year].edition,
        neighbours=() if region.is_province else tuple(
            Neighbour(r.name, paths.region(r), a, r.code == region.code) for r, a in zip(siblings, answers,
                                                                                       strict=True)),
        children=tuple(ChildRow(r.name, paths.region(r), r.level.label,
                                tuple(answer_of(ds.entry(r.code, y)) for y in ds.years), change_of(ds, r.code, year))
                       for r in sorted(siblings, key=lambda r: r.name)) if region.is_province else (),
        editions=tuple(ds.criteria[y].edition for y in ds.years), years=tuple(ds.years),
        change_head=change_head(ds, year),
        map=parts.map_view(ds, f"Peta kabupaten/kota di {home.name} menurut status {ds.criteria[year].edition}",
                           siblings, ds.geography.province(home.code), year,
                           None if region.is_province else region.code, {}),  # markers, no labels
        history=tuple(HistoryRow(answer_of(ds.entry(region.code, y)), paths.edition(y) if y in with_section else None,
                                 change_of(ds, region.code, y)) for y in ds.years),
        sections=sections,
        citation=citation.citation(latest, card.answer, updated), address=address,
        badge=_badge(region, card.answer, site_url), report=corrections.report(channels, region, card.answer, address),
        updated=ds.data_updated, attribution=ATTRIBUTION)
