"""Which files the site has, each made from its view, grouped in parts: yields (docs path, bytes), one at a time.

A part is the unit a run rebuilds or keeps (publish/changes.py). It declares the slice of the records it reads,
and the facts of the whole dataset it reads (FACTS: the national counts a page quotes, the downloads' columns),
and that declaration is enforced, not trusted: a part is made from the Dataset scoped to it (Dataset.scoped),
where reading any other entry or fact, or going through all entries, raises OutOfScope. A part's digest covers
its slice's record files and the values of its facts.

- a province: the pages of the province and of its kabupaten/kota (each shows the province's counts, map and
  table; a page without a record, how complete the national data is) and the province's CSV; reads the
  entries of those regions in every edition (a page shows each edition's change since the one before, and runs)
- a region: its JSON; reads that region's entries
- a region's pictures: its share image and embeddable badge, drawn from its cards (its newest answer and source)
- an edition: the edition's XLSX, CSV and JSON; reads every region's entry in that edition and in the edition
  before it (each row's change since then)
- the site: the lists, the summary, the home page's part, the national share images, corrections, redirects,
  the search page, methodology, downloads and the finder's index; reads everything

When a part's records changed, what it is made from may not have: the pictures and the site part are also
named by their views (Summaries: the cards, SiteViews), which publish/changes.py compares before rendering them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.judge.answers import answer_of
from generator.judge.changes import previous_year
from generator.judge.dataset import Dataset
from generator.model import Region
from generator.outputs import exports, finder
from generator.outputs.workbook import NOTES_SHEET
from generator.parallel import jobs_for, started
from generator.pictures import badge
from generator.pictures.cards import card_of, page_card
from generator.pictures.imagecache import ImageCache
from generator.pictures.share import ShareCard
from generator.render.renderer import Renderer
from generator.views import columns as cols
from generator.views import downloads, lists, paths, search, sharing
from generator.views.columns import Column
from generator.views.corrections import NONE, Channels, CorrectionsPage, corrections
from generator.views.downloads import Downloads
from generator.views.parts import COMPLETENESS, completeness
from generator.views.region import SITE, region_page
from generator.views.search import SearchPage
from generator.views.sharing import PageShare

PROVINCE, REGION, PICTURES, EDITION, SITE_PART = "province", "region", "pictures", "edition", "site"


COLUMNS = "columns"
FACTS = (COMPLETENESS, COLUMNS)  # the facts of the whole dataset a part may declare


@dataclass(frozen=True, slots=True)
class Part:
    kind: str  # PROVINCE, REGION, PICTURES, EDITION or SITE_PART
    subject: str  # the province's or region's code, the edition's year; "" for the site
    codes: tuple[str, ...] | None  # the regions whose entries it reads (None: every region)
    years: tuple[int, ...] | None  # the editions it reads (None: every edition)
    facts: tuple[str, ...] = ()  # the facts of the whole dataset it reads (FACTS)

    @property
    def key(self) -> str:
        """'province 63', 'region 63.11', 'edition 2026', 'site': names the part in the state file."""
        return f"{self.kind} {self.subject}".strip()

    def view_of(self, ds: Dataset) -> Dataset:
        """The dataset as this part may see it."""
        return ds if self.codes is None and self.years is None else \
            ds.scoped(self.key, self.codes, self.years, self.facts)


def site_parts(ds: Dataset) -> list[Part]:
    """Every part of the site; together they make every generated file, each file in one part."""
    registry = ds.registry
    found = [Part(PROVINCE, p.code, (p.code, *(c.code for c in registry.children(p.code))), None, FACTS)
             for p in registry.provinces]
    found += [Part(kind, code, (code,), None) for code in sorted(registry.regions) for kind in (REGION, PICTURES)]
    found += [Part(EDITION, str(year), None, (year, *filter(None, [previous_year(ds, year)])), (COLUMNS,))
              for year in ds.years]
    return [*found, Part(SITE_PART, "", None, None)]


def facts(ds: Dataset) -> dict[str, str]:
    """The value of every fact of the whole dataset (FACTS), as text for the parts' digests: the completeness
    sentence of every edition and level, and the downloads' columns (as many source columns as the record with
    most sources needs, given to the parts that write downloads)."""
    return {COMPLETENESS: "\0".join(completeness(ds, y, level) for y in ds.years for level in (True, False)),
            COLUMNS: ",".join(c.code for c in cols.columns(ds))}


def card(ds: Dataset, region: Region, site_url: str = "/") -> ShareCard:
    """The share card of a region or province page: its newest answer, source and address."""
    province = None if region.is_province else ds.registry.province_of(region)
    members = len(ds.registry.children(region.code)) if region.is_province else 0
    entry = ds.entry(region.code, ds.years[0])
    return card_of(region, answer_of(entry), SITE, province, members, sharing.region_details(ds, entry),
                   sharing.address(site_url, paths.region(region)))


def share_cards(ds: Dataset, site_url: str = "/") -> Iterator[ShareCard]:
    """The card of every region and province page, by code."""
    for region in sorted(ds.registry.regions.values(), key=lambda r: r.code):
        yield card(ds, region, site_url)


def badges(ds: Dataset) -> Iterator[tuple[str, bytes]]:
    """The embeddable SVG badge of every region and province (its newest answer), at a stable address."""
    for region, shown in zip(sorted(ds.registry.regions.values(), key=lambda r: r.code), share_cards(ds),
                             strict=True):
        yield paths.badge(region), badge.svg(shown)


@dataclass(frozen=True, slots=True)
class SiteViews:
    """Everything the site part's files are made from, decided: the national share cards, the views of its pages
    and the finder's index. Its digest is this, pickled (publish/changes.py): an edit the lists do not show (a
    reader's note, a source) renders none of them."""

    shares: tuple[PageShare, ...]
    overview: lists.Overview
    categories: tuple[lists.CategoryPage, ...]
    corrections: CorrectionsPage
    redirects: tuple[tuple[str, str, str], ...]  # (docs path, name, target)
    search: SearchPage
    methodology: lists.Methodology
    downloads: Downloads
    index: bytes


def libraries() -> str:
    """The versions of the libraries that make the files' bytes (templates, spreadsheets, pictures, YAML): part
    of every part's digest, so that an upgrade renders everything again. (Pillow's wheels carry FreeType.)"""
    from importlib.metadata import version

    import jinja2
    import PIL
    import xlsxwriter  # type: ignore[import-untyped]
    import yaml

    return f"{sys.version} jinja2 {jinja2.__version__} markupsafe {version('markupsafe')} pillow {PIL.__version__} " \
        f"xlsxwriter {xlsxwriter.__version__} pyyaml {yaml.__version__}"


def site_views(ds: Dataset, site_url: str, channels: Channels) -> SiteViews:
    return SiteViews(
        tuple(sharing.national(ds, site_url)), lists.overview(ds), tuple(lists.category_pages(ds)),
        corrections(ds, channels),
        tuple((f"wilayah/{old}.md", ds.registry.regions[code].name, paths.region(ds.registry.regions[code]))
              for old, code in sorted(ds.meta.redirects.items())),
        search.search_page(ds), lists.methodology(ds), downloads.downloads(ds, exports.downloads(ds), NOTES_SHEET),
        finder.index_bytes(ds))


class Summaries:
    """What a part is made from, decided, for the parts whose views are cheaper to compare than their files are
    to make: a region's pictures (its two cards) and the site part (SiteViews). publish/changes.py asks only for
    a part whose records changed; the site's views, once worked out, are kept for rendering."""

    def __init__(self, ds: Dataset, site_url: str, channels: Channels) -> None:
        self.ds, self.site_url, self.channels = ds, site_url, channels
        self.views: SiteViews | None = None
        self.cards: dict[str, tuple[ShareCard, ShareCard]] = {}

    def site(self) -> SiteViews:
        """The site part's views, worked out once."""
        self.views = self.views or site_views(self.ds, self.site_url, self.channels)
        return self.views

    def pictures(self, part: Part) -> tuple[ShareCard, ShareCard]:
        """A region's two cards (its share image's, with the site's address; its badge's), worked out once."""
        found = self.cards.get(part.key)
        if found is None:
            seen, region = part.view_of(self.ds), self.ds.registry.regions[part.subject]
            found = self.cards[part.key] = (card(seen, region, self.site_url), card(seen, region))
        return found

    def __call__(self, part: Part) -> object | None:
        if part.kind == SITE_PART:
            return self.site()
        return self.pictures(part) if part.kind == PICTURES else None


def _site(views: SiteViews, r: Renderer, images: ImageCache | None) -> Iterator[tuple[str, bytes]]:
    if images is not None:
        for share in views.shares:
            yield share.image, images.png(page_card(share, SITE))
    overview = views.overview
    yield paths.PROVINCES, r.page("provinces.md.j2", paths.PROVINCES, view=overview)
    yield paths.CATEGORIES, r.page("categories.md.j2", paths.CATEGORIES, editions=overview.editions)
    for category in views.categories:
        yield category.path, r.page("category.md.j2", category.path, page=category)
    yield paths.SUMMARY, r.page("summary.md.j2", paths.SUMMARY, view=overview)
    yield paths.HOME_SNIPPET, r.page("home_snippet.md.j2", paths.HOME, view=overview)
    yield paths.CORRECTIONS, r.page("corrections.md.j2", paths.CORRECTIONS, view=views.corrections)
    for path, name, target in views.redirects:
        yield path, r.page("redirect.md.j2", path, name=name, target=target)
    yield paths.SEARCH, r.page("search.md.j2", paths.SEARCH, page=views.search)
    yield paths.METHODOLOGY, r.page("methodology.md.j2", paths.METHODOLOGY, view=views.methodology)
    yield paths.DOWNLOADS, r.page("downloads.md.j2", paths.DOWNLOADS, view=views.downloads)
    yield finder.INDEX, views.index


def _work(context: tuple[Renderer, dict[str, Dataset], Channels, Sequence[Column]],
          item: tuple[str, str, str]) -> list[tuple[str, str, bytes]]:
    """The files of one piece of a part's work that runs in a worker process when the data is large: a region's
    page, an edition's downloads, a province's CSV, a region's JSON. item: (what, part key, code or year)."""
    r, seen, channels, columns = context
    what, key, subject = item
    ds = seen[key]
    if what == "page":
        page = region_page(ds, ds.registry.regions[subject], r.site_url, channels)
        return [(key, page.path, r.page("region.md.j2", page.path, page=page))]
    if what == EDITION:
        return [(key, path, data) for path, data in exports.edition_files(ds, int(subject), columns)]
    if what == PROVINCE:
        return [(key, *exports.province_file(ds, ds.registry.regions[subject], columns))]
    return [(key, *exports.region_file(ds, ds.registry.regions[subject]))]


def _heavy(item: tuple[str, str, str]) -> bool:
    """An edition's downloads: about 90 ms at 10 editions, as much as 45 region pages; a worker makes it alone."""
    return item[0] == EDITION


def _pieces(part: Part) -> list[tuple[str, str, str]]:
    """What of a part _work makes: a province's pages and CSV, an edition's downloads, a region's JSON."""
    if part.kind == PROVINCE:
        return [*(("page", part.key, code) for code in part.codes or ()), (PROVINCE, part.key, part.subject)]
    if part.kind == EDITION:
        return [(EDITION, part.key, part.subject)]
    return [("json", part.key, part.subject)] if part.kind == REGION else []


def render_parts(ds: Dataset, chosen: Iterable[Part], site_url: str = "/", jobs: int = 0,
                 min_work: int | None = None, images: ImageCache | None = None, channels: Channels = NONE,
                 compiled: Path | None = None, views: Callable[[], SiteViews] | None = None,
                 meanwhile: Callable[[], object] | None = None, cards: Callable[[Part], tuple[ShareCard, ShareCard]]
                 | None = None) -> Iterator[tuple[str, str, bytes]]:
    """(part key, docs path, bytes) of every file of the chosen parts, one at a time so memory stays flat.
    Region pages and downloads, most of the work, are made on every core when there are many records (jobs,
    min_work: see parallel.jobs_for), the heaviest first; the output is the same either way. Share images are
    drawn (or taken from the cache) only when an image cache is given: a build always gives one. `channels`:
    where readers send corrections (mkdocs.yml's extra); compiled: see renderer.environment; views: gives the site
    part's views when the caller keeps them (Summaries.site), cards a region's cards (Summaries.pictures); meanwhile:
    more work for this process while the workers make the pieces, done before their files are taken."""
    r = Renderer(site_url, compiled)
    chosen = list(chosen)
    seen = {p.key: p.view_of(ds) for p in chosen}
    pieces = sorted((piece for p in chosen for piece in _pieces(p)), key=lambda piece: piece[0] != EDITION)
    with started(_work, (r, seen, channels, cols.columns(ds)), pieces,
                 jobs_for(len(ds.records()), jobs, min_work), _heavy) as results:
        for part in chosen:  # made here while the workers (if any) make the pieces
            if part.kind == PICTURES:  # here: the image cache counts what it gives out (prune)
                region, kept = ds.registry.regions[part.subject], cards(part) if cards else None
                if images is not None:
                    yield part.key, paths.share_image(region), \
                        images.png(kept[0] if kept else card(seen[part.key], region, site_url))
                yield part.key, paths.badge(region), badge.svg(kept[1] if kept else card(seen[part.key], region))
            elif part.kind == SITE_PART:
                shown = views() if views else site_views(seen[part.key], site_url, channels)
                yield from ((part.key, path, data) for path, data in _site(shown, r, images))
        if meanwhile is not None:
            meanwhile()
        for files in results:
            yield from files


def render_site(ds: Dataset, site_url: str = "/", jobs: int = 0, min_work: int | None = None,
                images: ImageCache | None = None, channels: Channels = NONE) -> Iterator[tuple[str, bytes]]:
    """Every generated file as (docs path, bytes): every part (see render_parts)."""
    for _, path, data in render_parts(ds, site_parts(ds), site_url, jobs, min_work, images, channels):
        yield path, data
