"""Which pages the site has, and what each is rendered from. Returns {docs-relative path: bytes}."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from . import exports, finder
from .dataset import Dataset, Entry, tier_counts
from .model import AWARD_TIERS, Region
from .parallel import jobs_for, ordered_map
from .regions import ATTRIBUTION, short_name
from .render import Renderer

# Buckets of the per-year category pages: status key -> (slug, title)
BUCKETS = {
    "utama": ("utama", "Kategori Utama"),
    "madya": ("madya", "Kategori Madya"),
    "pratama": ("pratama", "Kategori Pratama"),
    "awarded": ("kategori-tidak-disebut", "Penerima dengan kategori tidak disebut"),
    "none": ("tidak-menerima", "Tidak menerima penghargaan"),
    "nodata": ("belum-ada-data", "Belum ada data"),
}


def region_path(region: Region) -> str:
    folder = "provinsi" if region.is_province else "wilayah"
    return f"{folder}/{region.slug}.md"


def bucket_path(year: int, status: str) -> str:
    return f"kategori/{year}/{BUCKETS[status][0]}.md"


def buckets_for(ds: Dataset, year: int) -> list[str]:
    tiers = [t.value for t in AWARD_TIERS] if ds.criteria[year].tiers_exist else []
    return [*tiers, "awarded", "none", "nodata"]


def _by_province(ds: Dataset, entries: Iterable[Entry]) -> list[tuple[Region, list[Entry]]]:
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.region.province_code, []).append(e)
    return [(ds.registry.regions[code], sorted(items, key=lambda e: e.region.name))
            for code, items in sorted(groups.items())]


def completeness(ds: Dataset, year: int, regions: list[Region]) -> dict[str, int]:
    return tier_counts([ds.entry(r.code, year) for r in regions])


def permalinker(site_url: str) -> Callable[[str], str]:
    """docs path -> the page's public address: 'wilayah/kota-binjai.md' -> SITE/wilayah/kota-binjai/."""
    def permalink(path: str) -> str:
        stem = path.removesuffix(".md").removesuffix("index")
        return site_url + (stem.rstrip("/") + "/" if stem else "")
    return permalink


def _region_page(context: tuple[Renderer, dict[str, Any]], code: str) -> tuple[str, bytes]:
    """One region's page; runs in a worker process when the data is large (see parallel.py)."""
    r, common = context
    registry = common["ds"].registry
    region = registry.regions[code]
    path = region_path(region)
    children = registry.children(region.code) if region.is_province else []
    return path, r.page("region.md.j2", path, region=region, province=registry.province_of(region),
                        children=children, **common)


def render_site(ds: Dataset, site_url: str = "/", jobs: int = 0,
                min_work: int | None = None) -> Iterator[tuple[str, bytes]]:
    """Every generated file as (docs path, bytes), one at a time so memory stays flat as data grows.
    Region pages, most of the work, are rendered on every core when there are many records (jobs, min_work:
    see parallel.jobs_for); the output is the same either way."""
    r = Renderer()
    common = {"ds": ds, "region_path": region_path, "bucket_path": bucket_path, "buckets": BUCKETS,
              "buckets_for": buckets_for, "short_name": short_name, "attribution": ATTRIBUTION,
              "completeness": completeness, "permalink": permalinker(site_url),
              "site_path": urlsplit(site_url).path or "/"}
    aliases = ds.aliases.texts() if ds.aliases else {}  # data/aliases.yaml: shown so that search finds them
    common.update(short_forms=aliases, spellings=aliases)
    yield from ordered_map(_region_page, (r, common), list(ds.registry.regions),
                           jobs_for(len(ds.records()), jobs, min_work))
    yield "provinsi/index.md", r.page("provinces.md.j2", "provinsi/index.md", **common)
    yield "kategori/index.md", r.page("buckets_index.md.j2", "kategori/index.md", **common)
    for year in ds.years:
        entries = [ds.entry(reg.code, year) for reg in ds.registry.regions.values()]
        for status in buckets_for(ds, year):
            path = bucket_path(year, status)
            chosen = [e for e in entries if e.status.value == status]
            yield path, r.page(
                "bucket.md.j2", path, year=year, status=status, title=BUCKETS[status][1],
                regencies=_by_province(ds, (e for e in chosen if not e.region.is_province)),
                provinces=sorted((e for e in chosen if e.region.is_province), key=lambda e: e.region.code),
                **common)
    yield "ringkasan/index.md", r.page("summary.md.j2", "ringkasan/index.md", **common)
    yield "_cuplikan/ringkasan.md", r.page("home_snippet.md.j2", "index.md", **common)
    yield "koreksi/index.md", r.page("corrections.md.j2", "koreksi/index.md", **common)
    for old, code in sorted(ds.meta.redirects.items() if ds.meta else ()):
        path = f"wilayah/{old}.md"
        yield path, r.page("redirect.md.j2", path, old=old, region=ds.registry.regions[code], **common)
    yield "metodologi/index.md", r.page("methodology.md.j2", "metodologi/index.md", **common)
    yield "unduh/index.md", r.page("downloads.md.j2", "unduh/index.md",
                                     downloads=exports.file_names(ds), **common)
    for name, data in exports.export_files(ds):
        yield f"unduh/{name}", data
    yield from finder.files(ds)
