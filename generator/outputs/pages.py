"""Which pages the site has, each made from its view: yields (docs path, bytes), one page at a time."""

from __future__ import annotations

from collections.abc import Iterator

from generator.judge.answers import answer_of
from generator.judge.dataset import Dataset
from generator.model import Region
from generator.outputs import exports, finder
from generator.outputs.workbook import NOTES_SHEET
from generator.parallel import jobs_for, ordered_map
from generator.pictures import badge
from generator.pictures.cards import card_of, page_card
from generator.pictures.imagecache import ImageCache
from generator.pictures.share import ShareCard
from generator.render.renderer import Renderer
from generator.views import downloads, lists, paths, search, sharing
from generator.views.corrections import NONE, Channels, corrections
from generator.views.region import SITE, region_page


def _region_page(context: tuple[Renderer, Dataset, Channels], code: str) -> tuple[str, bytes]:
    """One region's page; runs in a worker process when the data is large (see parallel.py)."""
    r, ds, channels = context
    page = region_page(ds, ds.registry.regions[code], r.site_url, channels)
    return page.path, r.page("region.md.j2", page.path, page=page)


def _regions(ds: Dataset) -> list[Region]:
    return sorted(ds.registry.regions.values(), key=lambda r: r.code)


def share_cards(ds: Dataset, site_url: str = "/") -> Iterator[ShareCard]:
    """The card of every region and province page (its newest answer, source and address), by code."""
    year = ds.years[0]
    for region in _regions(ds):
        province = None if region.is_province else ds.registry.province_of(region)
        members = len(ds.registry.children(region.code)) if region.is_province else 0
        entry = ds.entry(region.code, year)
        yield card_of(region, answer_of(entry), SITE, province, members, sharing.region_details(ds, entry),
                      sharing.address(site_url, paths.region(region)))


def share_images(ds: Dataset, images: ImageCache, site_url: str = "/") -> Iterator[tuple[str, bytes]]:
    """The 1200x630 picture of every region and province page and of the national pages, from the cache when
    its card is unchanged."""
    for region, card in zip(_regions(ds), share_cards(ds, site_url), strict=True):
        yield paths.share_image(region), images.png(card)
    for share in sharing.national(ds, site_url):
        yield share.image, images.png(page_card(share, SITE))


def badges(ds: Dataset) -> Iterator[tuple[str, bytes]]:
    """The embeddable SVG badge of every region and province (its newest answer), at a stable address."""
    for region, card in zip(_regions(ds), share_cards(ds), strict=True):
        yield paths.badge(region), badge.svg(card)


def render_site(ds: Dataset, site_url: str = "/", jobs: int = 0, min_work: int | None = None,
                images: ImageCache | None = None, channels: Channels = NONE) -> Iterator[tuple[str, bytes]]:
    """Every generated file as (docs path, bytes), one at a time so memory stays flat as data grows.
    Region pages, most of the work, are rendered on every core when there are many records (jobs, min_work:
    see parallel.jobs_for); the output is the same either way. Share images are drawn (or taken from the
    cache) only when an image cache is given: a build always gives one. `channels`: where readers send
    corrections (mkdocs.yml's extra)."""
    r = Renderer(site_url)
    yield from ordered_map(_region_page, (r, ds, channels), list(ds.registry.regions),
                           jobs_for(len(ds.records()), jobs, min_work))
    if images is not None:
        yield from share_images(ds, images, site_url)
    yield from badges(ds)
    overview = lists.overview(ds)
    yield paths.PROVINCES, r.page("provinces.md.j2", paths.PROVINCES, view=overview)
    yield paths.CATEGORIES, r.page("categories.md.j2", paths.CATEGORIES, editions=overview.editions)
    for category in lists.category_pages(ds):
        yield category.path, r.page("category.md.j2", category.path, page=category)
    yield paths.SUMMARY, r.page("summary.md.j2", paths.SUMMARY, view=overview)
    yield paths.HOME_SNIPPET, r.page("home_snippet.md.j2", paths.HOME, view=overview)
    yield paths.CORRECTIONS, r.page("corrections.md.j2", paths.CORRECTIONS, view=corrections(ds, channels))
    for old, code in sorted(ds.meta.redirects.items()):
        path, region = f"wilayah/{old}.md", ds.registry.regions[code]
        yield path, r.page("redirect.md.j2", path, name=region.name, target=paths.region(region))
    yield paths.SEARCH, r.page("search.md.j2", paths.SEARCH, page=search.search_page(ds))
    yield paths.METHODOLOGY, r.page("methodology.md.j2", paths.METHODOLOGY, view=lists.methodology(ds))
    yield paths.DOWNLOADS, r.page("downloads.md.j2", paths.DOWNLOADS,
                                  view=downloads.downloads(ds, exports.downloads(ds), NOTES_SHEET))
    yield from exports.export_files(ds)
    yield from finder.files(ds)
