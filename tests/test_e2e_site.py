"""End to end: the real site built with MkDocs from the shipped data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_region_pages_exist_for_every_region(built_site: Path) -> None:
    regions = list((built_site / "wilayah").glob("*/index.html"))
    provinces = list((built_site / "provinsi").glob("*/index.html"))
    assert len(regions) == 514
    assert len(provinces) == 38


def test_balangan_shows_utama_2026_with_source(built_site: Path) -> None:
    html = (built_site / "wilayah" / "kabupaten-balangan" / "index.html").read_text(encoding="utf-8")
    card = html[html.index('class="uhc-card'):html.index("</section>")]
    assert 'uhc-badge--utama uhc-badge--big">Utama</span>' in card
    assert "Menurut sumber, Kabupaten Balangan menerima UHC Awards 2026 kategori Utama." in card
    assert 'href="https://www.headline.co.id/?p=64262"' in card
    assert 'href="https://www.headline.co.id/?p=64262"' in html
    assert 'href="/uhc-awards/provinsi/kalimantan-selatan/"' in html


def test_binjai_shows_pratama_2026(built_site: Path) -> None:
    html = (built_site / "wilayah" / "kota-binjai" / "index.html").read_text(encoding="utf-8")
    assert "Menurut sumber, Kota Binjai menerima UHC Awards 2026 kategori Pratama." in html
    assert 'href="/uhc-awards/provinsi/sumatera-utara/"' in html


def test_province_page_lists_its_regions_with_tiers(built_site: Path) -> None:
    html = (built_site / "provinsi" / "kalimantan-selatan" / "index.html").read_text(encoding="utf-8")
    assert "Kalimantan Selatan menerima UHC Awards 2026 kategori Madya." in html
    table = html[html.index('<table class="uhc-table" data-sortable>'):]
    table = table[:table.index("</table>")]
    assert table.count('href="/uhc-awards/wilayah/') == 13
    row = table[table.index('href="/uhc-awards/wilayah/kabupaten-balangan/"'):]
    assert 'uhc-badge--utama' in row[: row.index("</tr>")]
    svg = html[html.index('<svg class="uhc-map"'):]
    svg = svg[:svg.index("</svg>")]
    assert svg.count('<a href="/uhc-awards/wilayah/') == 13


def test_exports_have_one_row_per_region(built_site: Path) -> None:
    with (built_site / "unduh" / "uhc-awards-2026.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 552
    balangan = next(r for r in rows if r["code"] == "63.11")
    assert (balangan["name"], balangan["tier"], balangan["province"]) == (
        "Kabupaten Balangan", "utama", "Kalimantan Selatan")
    assert "headline.co.id" in balangan["source_1_url"] + balangan["source_2_url"]
    data = json.loads((built_site / "unduh" / "uhc-awards-2026.json").read_text(encoding="utf-8"))
    by_code = {r["code"]: r for r in data["rows"]}
    assert by_code["12.75"]["tier"] == "pratama"
    assert by_code["12.75"]["sources"][0]["url"].startswith("https://binjai.wahananews.co/")


def test_search_index_has_region_pages(built_site: Path) -> None:
    index = json.loads((built_site / "cari" / "indeks.json").read_text(encoding="utf-8"))
    titles = {r["n"] for r in index["regions"] if r["u"].startswith("wilayah/")}
    assert {"Kabupaten Balangan", "Kota Binjai"} <= titles
    assert not (built_site / "search" / "search_index.json").exists()  # the region finder replaced lunr


def test_weight_budget_for_slow_connections(built_site: Path) -> None:
    """Budgets, not timings: what a phone on a slow connection downloads stays small (figures: README)."""
    import gzip

    index = (built_site / "cari" / "indeks.json").read_bytes()  # the finder's, fetched on focus only
    assert len(gzip.compress(index)) < 100 * 1024
    page = (built_site / "wilayah" / "kabupaten-balangan" / "index.html").read_bytes()
    assert len(page) < 40 * 1024
    for path in (built_site / "wilayah").glob("*/index.html"):
        assert path.stat().st_size < 60 * 1024, path


def first_visit(site: Path, page: Path) -> tuple[int, list[str]]:
    """Bytes (gzip) of a first visit without a cache: the page and the styles, scripts and icon it loads.
    The finder's index is not among them (it is fetched when the search box gets focus)."""
    import gzip
    import re

    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"',
                                                                                             html)
    files = [(page.parent / ref).resolve() for ref in refs if "://" not in ref]
    total = len(gzip.compress(page.read_bytes())) + sum(len(gzip.compress(f.read_bytes())) for f in files)
    return total, [f.relative_to(site.resolve()).as_posix() for f in files]


def test_first_visit_stays_within_100_kb_gzip(built_site: Path) -> None:
    """The page budget the README gives: a region page's first visit, at most 100 KB compressed."""
    regions = sorted((built_site / "wilayah").glob("*/index.html"), key=lambda p: p.stat().st_size)
    provinces = sorted((built_site / "provinsi").glob("*/index.html"), key=lambda p: p.stat().st_size)
    for page in (regions[-1], provinces[-1], built_site / "wilayah" / "kabupaten-balangan" / "index.html",
                 built_site / "index.html"):
        total, files = first_visit(built_site, page)
        assert any(f.endswith(".css") for f in files) and any(f.endswith(".js") for f in files)
        assert not any("search" in f or "lunr" in f for f in files)  # no search worker or index up front
        assert total <= 100 * 1024, (page, total, files)
    for page in provinces:
        assert page.stat().st_size < 60 * 1024, page


def test_every_region_and_province_page_shares_a_1200x630_picture(built_site: Path) -> None:
    import re

    from PIL import Image

    site = "https://uhc-awards.github.io/uhc-awards/"
    pages = [*(built_site / "wilayah").glob("*/index.html"), *(built_site / "provinsi").glob("*/index.html")]
    assert len(pages) >= 552
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # an old address kept as a redirect
        found = re.search(r'<meta property="og:image" content="([^"]+)">', html)
        assert found and found.group(1).startswith(site + "bagikan/"), page
        assert '<meta name="twitter:card" content="summary_large_image">' in html
        image = built_site / found.group(1).removeprefix(site)
        with Image.open(image) as picture:
            assert (picture.format, picture.size) == ("PNG", (1200, 630)), image


def test_titles_carry_the_answer(built_site: Path) -> None:
    html = (built_site / "wilayah" / "kabupaten-balangan" / "index.html").read_text(encoding="utf-8")
    assert "<title>Kabupaten Balangan: Utama, UHC Awards 2026 - UHC Awards Indonesia</title>" in html
    assert '<meta property="og:title" content="Kabupaten Balangan: Utama, UHC Awards 2026">' in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "UHC Awards Indonesia - UHC Awards Indonesia" not in home
    assert "Made with" not in home and "Data dihimpun dari sumber yang dikutip" in home  # an Indonesian footer
    assert "api.github.com" not in home and "repo_url" not in home


def test_home_summary_downloads_and_category_pages_share_their_own_picture(built_site: Path) -> None:
    import re

    from PIL import Image

    site = "https://uhc-awards.github.io/uhc-awards/"
    seen = set()
    for page in ("index.html", "ringkasan/index.html", "unduh/index.html", "kategori/index.html",
                 "kategori/2026/utama/index.html", "kategori/2026/belum-ada-data/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        found = re.search(r'<meta property="og:image" content="([^"]+)">', html)
        assert found and found.group(1).startswith(site + "bagikan/halaman/"), page
        assert '<meta name="twitter:card" content="summary_large_image">' in html, page
        with Image.open(built_site / found.group(1).removeprefix(site)) as picture:
            assert picture.size == (1200, 630)
        seen.add(found.group(1))
    assert len(seen) == 6  # each its own


def test_every_region_page_has_a_badge_snippet_whose_svg_exists(built_site: Path) -> None:
    import html as htmlmod
    import re

    site = "https://uhc-awards.github.io/uhc-awards/"
    pages = [*(built_site / "wilayah").glob("*/index.html"), *(built_site / "provinsi").glob("*/index.html")]
    checked = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        snippet = re.search(r'<code id="uhc-badge-snippet">(.*?)</code>', text, re.S)
        assert snippet, page
        code = htmlmod.unescape(snippet.group(1))
        parts = re.fullmatch(r'<a href="([^"]+)"><img src="([^"]+)" alt="[^"<>]+"></a>', code)
        assert parts, code
        link, image = parts.groups()
        assert site + page.parent.relative_to(built_site).as_posix() + "/" == link
        svg = built_site / image.removeprefix(site)
        assert svg.suffix == ".svg" and svg.read_bytes().startswith(b"<svg "), image
        checked += 1
    assert checked == 552


def test_a_page_without_data_names_the_397_and_what_no_data_means(built_site: Path) -> None:
    html = (built_site / "wilayah" / "kabupaten-aceh-tenggara" / "index.html").read_text(encoding="utf-8")
    card = html[html.index('class="uhc-card'):html.index("</section>")]
    assert " dari 397 kabupaten/kota penerima UHC Awards 2026 menurut angka resmi" in card
    assert "bukan berarti tidak menerima" in card and 'href="#lapor"' in card


def test_the_citation_names_the_outlet_and_the_spreadsheet_ships(built_site: Path) -> None:
    import html as htmlmod

    html = (built_site / "wilayah" / "kabupaten-balangan" / "index.html").read_text(encoding="utf-8")
    assert "Menurut headline.co.id (27 Januari 2026) dan Kalimantan Post, Kabupaten Balangan menerima" in \
        htmlmod.unescape(html)
    assert 'href="https://web.archive.org/web/*/https://www.headline.co.id/?p=64262"' in html
    assert (built_site / "unduh" / "uhc-awards-2026.xlsx").read_bytes().startswith(b"PK")
