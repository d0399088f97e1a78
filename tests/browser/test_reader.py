"""What a reader does on the site, in Debian's chromium: read a region, browse, use a phone (search: test_search.py)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


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
