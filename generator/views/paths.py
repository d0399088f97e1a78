"""Where every generated page lives: its docs/ path and the address the site engine gives it. The only
place that knows the site's layout; paths come from registry slugs and enums, never from record text."""

from __future__ import annotations

import posixpath

from generator.model import Region
from generator.vocabulary import Status

PROVINCES = "provinsi/index.md"
CATEGORIES = "kategori/index.md"
SUMMARY = "ringkasan/index.md"
METHODOLOGY = "metodologi/index.md"
DOWNLOADS = "unduh/index.md"
CORRECTIONS = "koreksi/index.md"
SEARCH = "cari/index.md"
HOME_SNIPPET = "_cuplikan/ringkasan.md"
HOME = "index.md"
PAGES = {"provinces": PROVINCES, "categories": CATEGORIES, "summary": SUMMARY, "methodology": METHODOLOGY,
         "downloads": DOWNLOADS, "corrections": CORRECTIONS, "search": SEARCH, "home": HOME}


# Anchors inside pages, spelled once: links to them are built from these, and templates take them from views.
PROVINCE_TABLE = "kabupaten-kota"  # a province page's table of kabupaten/kota (the finder links there, ?status=)
CONTEXT = "konteks"  # a kabupaten/kota page's section on its province
CATEGORY_TABLE = "kabupaten-kota"  # a category list's table of kabupaten/kota
CHANGES = "perubahan"  # the methodology page's section on changes between editions (the downloads page links it)
CITE = "kutip"  # a region page's citations
BADGE = "lencana"  # a region page's embeddable badge and its snippet
REPORT = "lapor"  # a region page's correction links
GLOSSARY = "istilah"  # the methodology page's terms
ARCHIVE = "https://web.archive.org/web/*/"  # the Internet Archive's list of its copies of an address


def edition(year: int) -> str:
    """The anchor of an edition's section (region pages, the summary): 'uhc-2026'."""
    return f"uhc-{year}"


def edition_sources(year: int) -> str:
    """The anchor of an edition's sources on a region page: 'uhc-2026-sumber'."""
    return f"{edition(year)}-sumber"


def region(r: Region) -> str:
    """'wilayah/kabupaten-balangan.md', 'provinsi/kalimantan-selatan.md'."""
    return f"{'provinsi' if r.is_province else 'wilayah'}/{r.slug}.md"


def category(year: int, status: Status) -> str:
    """The list of regions with one status in one edition: 'kategori/2026/utama.md'. (A province's regions
    with one status are its own page's table, filtered: ?status=madya&tahun=2026.)"""
    return f"kategori/{year}/{status.slug}.md"


def share_image(r: Region) -> str:
    """The 1200x630 picture a shared link shows: 'bagikan/kabupaten-balangan.png'."""
    return f"bagikan/{r.slug}.png"


def term(slug: str) -> str:
    """The anchor of a term on the methodology page: 'istilah-uhc-prioritas'."""
    return f"{GLOSSARY}-{slug}"


def badge(r: Region) -> str:
    """The embeddable badge of a region's newest answer: 'lencana/kabupaten-balangan.svg' (a stable address)."""
    return f"lencana/{r.slug}.svg"


def page_image(md_path: str) -> str:
    """The share image of a page that is not a region's: 'index.md' -> 'bagikan/halaman/beranda.png',
    'kategori/2026/utama.md' -> 'bagikan/halaman/kategori-2026-utama.png'."""
    stem = md_path.removesuffix(".md").removesuffix("index").strip("/").replace("/", "-")
    return f"bagikan/halaman/{stem or 'beranda'}.png"


def archived(address: str) -> str:
    """The Internet Archive's copies of a source's address, for a page that has gone."""
    return ARCHIVE + address


def permalink(site_url: str, md_path: str) -> str:
    """The published address of a docs file: site_url (ending in '/') + its address."""
    return site_url + url(md_path)


def region_data(r: Region) -> str:
    """The region's machine-readable record: 'unduh/wilayah/kabupaten-balangan.json'."""
    return f"unduh/wilayah/{r.slug}.json"


def province_csv(r: Region) -> str:
    """A province's kabupaten/kota as CSV: 'unduh/provinsi/kalimantan-selatan.csv'."""
    return f"unduh/provinsi/{r.slug}.csv"


def url(md_path: str) -> str:
    """docs path -> the address below the site root, as the engine makes it (directory URLs):
    'wilayah/kota-binjai.md' -> 'wilayah/kota-binjai/', 'index.md' -> '', 'unduh/x.csv' -> 'unduh/x.csv'."""
    if not md_path.endswith(".md"):
        return md_path
    stem = md_path.removesuffix(".md").removesuffix("index").rstrip("/")
    return stem + "/" if stem else ""


def relative(from_md: str, to_md: str) -> str:
    """A Markdown link from one docs page to another docs file (the engine resolves .md links)."""
    return posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")


def absolute(site_path: str, to_md: str) -> str:
    """A link for raw HTML: the page's address from the site's root path ('/uhc-awards/wilayah/kota-binjai/').
    Engines disagree on relative links inside raw HTML (MkDocs leaves them, Zensical resolves them against
    the Markdown file), so raw HTML links start from the root, as the published address does."""
    return (site_path if site_path.endswith("/") else site_path + "/") + url(to_md)
