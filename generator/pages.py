"""Which pages the site has, and what each is rendered from. Returns {docs-relative path: bytes}."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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


def render_site(ds: Dataset, site_url: str = "/") -> dict[str, bytes]:
    r = Renderer()
    files: dict[str, bytes] = {}
    common = {"ds": ds, "region_path": region_path, "bucket_path": bucket_path, "buckets": BUCKETS,
              "buckets_for": buckets_for, "short_name": short_name, "attribution": ATTRIBUTION,
              "completeness": completeness, "permalink": permalinker(site_url)}
    for region in ds.registry.regions.values():
        path = region_path(region)
        province = ds.registry.province_of(region)
        children = ds.registry.children(region.code) if region.is_province else []
        files[path] = r.page("region.md.j2", path, region=region, province=province, children=children,
                             **common)
    files["provinsi/index.md"] = r.page("provinces.md.j2", "provinsi/index.md", **common)
    files["kategori/index.md"] = r.page("buckets_index.md.j2", "kategori/index.md", **common)
    for year in ds.years:
        entries = [ds.entry(reg.code, year) for reg in ds.registry.regions.values()]
        for status in buckets_for(ds, year):
            path = bucket_path(year, status)
            chosen = [e for e in entries if e.status == status]
            files[path] = r.page(
                "bucket.md.j2", path, year=year, status=status, title=BUCKETS[status][1],
                regencies=_by_province(ds, (e for e in chosen if not e.region.is_province)),
                provinces=sorted((e for e in chosen if e.region.is_province), key=lambda e: e.region.code),
                **common)
    files["ringkasan/index.md"] = r.page("summary.md.j2", "ringkasan/index.md", **common)
    files["_cuplikan/ringkasan.md"] = r.page("home_snippet.md.j2", "index.md", **common)
    files["koreksi/index.md"] = r.page("corrections.md.j2", "koreksi/index.md", **common)
    for old, code in sorted(ds.meta.redirects.items() if ds.meta else ()):
        path = f"wilayah/{old}.md"
        files[path] = r.page("redirect.md.j2", path, old=old, region=ds.registry.regions[code], **common)
    files["metodologi/index.md"] = r.page("methodology.md.j2", "metodologi/index.md", **common)
    downloads = exports.export_files(ds)
    files["unduh/index.md"] = r.page("downloads.md.j2", "unduh/index.md",
                                     downloads=sorted(downloads), **common)
    files.update({f"unduh/{name}": data for name, data in downloads.items()})
    return files
