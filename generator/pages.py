"""Which pages the site has, and what each is rendered from. Returns {docs-relative path: bytes}."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from . import exports
from .dataset import Dataset, Entry, tier_counts
from .model import AWARD_TIERS, Region
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


def render_site(ds: Dataset, site_url: str = "/") -> Iterator[tuple[str, bytes]]:
    """Every generated file as (docs path, bytes), one at a time so memory stays flat as data grows."""
    r = Renderer()
    common = {"ds": ds, "region_path": region_path, "bucket_path": bucket_path, "buckets": BUCKETS,
              "buckets_for": buckets_for, "short_name": short_name, "attribution": ATTRIBUTION,
              "completeness": completeness, "permalink": permalinker(site_url),
              "site_path": urlsplit(site_url).path or "/"}
    for region in ds.registry.regions.values():
        path = region_path(region)
        province = ds.registry.province_of(region)
        children = ds.registry.children(region.code) if region.is_province else []
        yield path, r.page("region.md.j2", path, region=region, province=province, children=children,
                             **common)
    yield "provinsi/index.md", r.page("provinces.md.j2", "provinsi/index.md", **common)
    yield "kategori/index.md", r.page("buckets_index.md.j2", "kategori/index.md", **common)
    for year in ds.years:
        entries = [ds.entry(reg.code, year) for reg in ds.registry.regions.values()]
        for status in buckets_for(ds, year):
            path = bucket_path(year, status)
            chosen = [e for e in entries if e.status == status]
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
