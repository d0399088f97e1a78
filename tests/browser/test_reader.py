"""What a reader does on the site, in Debian's chromium: search, read a region, browse, use a phone."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

# query -> the page that must be the first result (path under the site root)
FIRST_RESULT = {
    "Balangan": "wilayah/kabupaten-balangan/",
    "balangan": "wilayah/kabupaten-balangan/",
    "Kab. Balangan": "wilayah/kabupaten-balangan/",
    "Kabupaten Balangan": "wilayah/kabupaten-balangan/",
    "Binjai": "wilayah/kota-binjai/",
    "Kota Binjai": "wilayah/kota-binjai/",
    "Kalimantan Selatan": "provinsi/kalimantan-selatan/",
    "Kalsel": "provinsi/kalimantan-selatan/",
    "Sumut": "provinsi/sumatera-utara/",
    "Kalteng": "provinsi/kalimantan-tengah/",
    "DKI Jakarta": "provinsi/daerah-khusus-ibukota-jakarta/",
    "DIY": "provinsi/daerah-istimewa-yogyakarta/",
    "NTT": "provinsi/nusa-tenggara-timur/",
    "Tebing Tinggi": "wilayah/kota-tebing-tinggi/",
    "Pangkajene dan Kepulauan": "wilayah/kabupaten-pangkajene-dan-kepulauan/",
    "pangkajene": "wilayah/kabupaten-pangkajene-dan-kepulauan/",
    "Kota Bogor": "wilayah/kota-bogor/",
    "Kabupaten Bogor": "wilayah/kabupaten-bogor/",
    "Kota Malang": "wilayah/kota-malang/",
    "Kabupaten Malang": "wilayah/kabupaten-malang/",
    "Aceh Besar": "wilayah/kabupaten-aceh-besar/",
    "Jakarta Selatan": "wilayah/kota-administrasi-jakarta-selatan/",
    "Kepulauan Seribu": "wilayah/kabupaten-administrasi-kepulauan-seribu/",
    "Tanjung Pinang": "wilayah/kota-tanjung-pinang/",
    "Papua Barat Daya": "provinsi/papua-barat-daya/",
    # press spellings that differ from the registry's names (REGION_SPELLINGS)
    "Tanjungpinang": "wilayah/kota-tanjung-pinang/",
    "Pangkalpinang": "wilayah/kota-pangkal-pinang/",
    "Baubau": "wilayah/kota-bau-bau/",
    "Pangkep": "wilayah/kabupaten-pangkajene-dan-kepulauan/",
    "Sidrap": "wilayah/kabupaten-sidenreng-rappang/",
    "Kukar": "wilayah/kabupaten-kutai-kartanegara/",
    "Palangka Raya": "wilayah/kota-palangkaraya/",
}


def search(page: Any, query: str) -> list[str]:
    """Type a query into the search box as a reader would; the result links, best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.wait_for_selector(".md-search-result__item", state="detached")
    box.press_sequentially(query, delay=15)
    page.wait_for_selector(".md-search-result__list > li > a", state="attached", timeout=20_000)
    # Results follow each keystroke; read them once they have stopped changing.
    previous: list[str] = []
    for _ in range(40):
        hrefs: list[str] = page.eval_on_selector_all(".md-search-result__list > li > a",
                                                     "els => els.map(e => e.href)")
        if hrefs and hrefs == previous:
            break
        previous = hrefs
        page.wait_for_timeout(150)
    return [h.split("?")[0] for h in previous]


def test_first_search_result_is_the_region_page(page: Any, site_url: str) -> None:
    page.goto(site_url)
    misses = {}
    for query, expected in FIRST_RESULT.items():
        results = search(page, query)
        if not results or results[0] != site_url + expected:
            misses[query] = results[:3]
    assert not misses, f"first result is not the region's page: {misses}"


def test_bare_name_lists_both_kabupaten_and_kota_first(page: Any, site_url: str) -> None:
    page.goto(site_url)
    results = search(page, "Bogor")
    assert set(results[:2]) == {site_url + "wilayah/kabupaten-bogor/", site_url + "wilayah/kota-bogor/"}


def test_search_result_opens_the_region_page_with_its_tier(page: Any, site_url: str) -> None:
    page.goto(site_url)
    search(page, "Balangan")
    page.locator(".md-search-result__list > li > a").first.click()
    page.wait_for_url("**/wilayah/kabupaten-balangan/**")
    assert page.locator("h1").evaluate("h => h.textContent.replace('¶', '').trim()") == "Kabupaten Balangan"
    first_badge = page.locator("article .uhc-badge").first
    assert first_badge.inner_text() == "Utama"
    assert "menerima UHC Awards 2026 kategori Utama" in page.locator("article").inner_text()


def test_province_page_leads_to_a_region(page: Any, site_url: str) -> None:
    page.goto(site_url + "provinsi/sumatera-utara/")
    page.get_by_role("link", name="Kota Binjai", exact=True).click()
    page.wait_for_url("**/wilayah/kota-binjai/")
    text = page.locator("article").inner_text()
    assert "menerima UHC Awards 2026 kategori Pratama" in text
    assert "Cara mengutip" in text and "wilayah/kota-binjai/" in text


@pytest.mark.parametrize("path", ["wilayah/kabupaten-balangan/", "wilayah/kabupaten-kepulauan-sula/",
                                  "provinsi/jawa-timur/", "ringkasan/", ""])
def test_phone_viewport_nothing_cut_off(browser: Any, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + path)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"page is wider than the phone: {widths}"
        # Wide tables scroll inside their own wrapper instead of widening the page.
        for table in page.locator("article table").all():
            wrapper = table.evaluate("t => { const w = t.closest('.md-typeset__scrollwrap') || t.parentElement;"
                                     " return [w.clientWidth, getComputedStyle(w).overflowX] }")
            assert wrapper[0] <= widths[1] and wrapper[1] in ("auto", "scroll"), wrapper
    finally:
        context.close()
