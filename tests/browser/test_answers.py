"""The answer first: on a 390 px phone the answer card (status, basis, source) is in the first screen, for a
stated answer, an inferred one, a disputed one and a region without data; and the maps are links a finger
can follow from the national map to a province and on to a kabupaten."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# page -> (status words on the badge, basis words that must show in the first screen, a source is named)
CARDS = {
    "wilayah/kabupaten-balangan/": ("Utama", None, True),
    "wilayah/kota-binjai/": ("Pratama", None, True),
    "wilayah/kabupaten-malang/": ("Tidak menerima", "disimpulkan", True),  # inferred: not on a list
    "wilayah/kabupaten-sorong/": ("Utama", "disimpulkan", True),  # inferred: "five kabupaten" in a headline
    "wilayah/kabupaten-bengkulu-selatan/": ("Pratama", "disimpulkan", True),  # inferred: a group statement
    "wilayah/kabupaten-sampang/": ("Madya", "sumber berbeda", True),  # disputed
    "wilayah/kota-tanjung-pinang/": ("Tidak menerima", None, True),  # stated: a source names it
    "wilayah/kabupaten-aceh-tenggara/": ("Belum ada data", None, False),  # no record (data/awards/2026/)
    "provinsi/jawa-timur/": ("Tidak menerima", "disimpulkan", True),
}


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True, is_mobile=True)
    tab = context.new_page()
    yield tab
    context.close()


def in_first_screen(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("path", sorted(CARDS))
def test_answer_card_in_the_first_screen_on_a_phone(phone: Any, site_url: str, path: str) -> None:
    status, basis, sourced = CARDS[path]
    phone.goto(site_url + path)
    card = phone.locator("section.uhc-card")
    badge = card.locator(".uhc-card__answer .uhc-badge")
    assert badge.inner_text().startswith(status)
    assert in_first_screen(phone, "section.uhc-card .uhc-card__answer")
    assert in_first_screen(phone, "section.uhc-card .uhc-card__statement")
    if basis:
        assert basis in badge.inner_text(), badge.inner_text()
        assert "uhc-badge--uncertain" in (badge.get_attribute("class") or "")
        assert in_first_screen(phone, "section.uhc-card .uhc-card__basis")  # how it was worked out
    else:
        assert "disimpulkan" not in card.inner_text() and "sumber berbeda" not in badge.inner_text()
    if sourced:
        link = card.locator(".uhc-card__source a").first
        assert link.get_attribute("href", timeout=2000).startswith("http")
        assert in_first_screen(phone, "section.uhc-card .uhc-card__source")
    else:
        assert "bukan berarti" in card.inner_text()  # no data is never shown as not awarded
    title = phone.title()
    assert title.startswith(phone.locator("h1").inner_text().rstrip("¶").strip() + ":")
    assert status.lower() in title.lower()
    if basis:
        assert basis in title


def test_copy_citation_names_the_outlet_and_adds_the_date_of_access(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.split("/uhc-awards/")[0])
    tab = context.new_page()
    tab.goto(site_url + "wilayah/kabupaten-balangan/")
    button = tab.locator("section.uhc-card button.uhc-copy")
    button.click()
    tab.wait_for_function("document.querySelector('section.uhc-card button.uhc-copy').hasAttribute('data-copied')")
    copied = tab.evaluate("navigator.clipboard.readText()")
    sentence, reference = copied.split("\n\n")
    assert sentence.startswith("Menurut headline.co.id (27 Januari 2026)")
    assert "dihimpun UHC Awards Indonesia" in sentence
    assert reference.startswith("Kabupaten Balangan: Utama, UHC Awards 2026. Sumber: headline.co.id, 27 Januari 2026")
    assert "wilayah/kabupaten-balangan/" in reference and "(diakses " in reference
    context.close()


def test_without_javascript_the_citation_is_text_to_select(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "wilayah/kabupaten-balangan/#kutip")
    sentence = tab.locator("#uhc-cite-sentence")
    assert sentence.is_visible() and "Menurut headline.co.id" in sentence.inner_text()
    assert tab.locator("#uhc-cite-reference").is_visible() and tab.locator("#uhc-badge-snippet").is_visible()
    assert tab.locator("button.uhc-copy").first.is_hidden()  # buttons only where they work
    context.close()


def test_the_national_counts_table_fits_a_phone(phone: Any, site_url: str) -> None:
    for path in ("", "ringkasan/"):
        phone.goto(site_url + path)
        table = phone.locator("table.uhc-table--counts").first
        table.scroll_into_view_if_needed()
        widths = table.evaluate("t => [t.scrollWidth, t.closest('.uhc-table-wrap').clientWidth]")
        assert widths[0] <= widths[1], (path, widths)  # the last column is on screen


def test_chart_labels_stay_inside_the_chart(phone: Any, site_url: str) -> None:
    phone.goto(site_url)
    chart = phone.locator("svg.uhc-chart").first
    overflow = chart.evaluate("""svg => { const box = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox();
            return b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5; }).map(t => t.textContent); }""")
    assert overflow == []


# A point of the viewport where the element on top belongs to the given map area (a shape is not a box).
_INSIDE = """(code) => {
    const area = document.querySelector(`svg.uhc-map a[data-code="${code}"]`);
    const box = area.getBoundingClientRect();
    for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
        const x = box.left + box.width * i / 20, y = box.top + box.height * j / 20;
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.closest('a') === area) return [x, y];
    }
    return null;
}"""


def tap_area(page: Any, code: str) -> None:
    page.locator(f'svg.uhc-map a[data-code="{code}"]').scroll_into_view_if_needed()
    point = page.evaluate(_INSIDE, code)
    assert point, f"no visible point of {code} on the map"
    page.touchscreen.tap(*point)


def test_tap_a_province_then_a_kabupaten_on_the_maps(phone: Any, site_url: str) -> None:
    phone.goto(site_url)
    box = phone.locator('svg.uhc-map a[data-code="63"]').bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24  # Kalimantan Selatan is a big enough target
    tap_area(phone, "63")
    phone.wait_for_url(site_url + "provinsi/kalimantan-selatan/")
    tap_area(phone, "63.11")
    phone.wait_for_url(site_url + "wilayah/kabupaten-balangan/")
    assert phone.locator(".uhc-card__answer").inner_text().startswith("Utama")


def test_small_kota_have_markers_big_enough_to_tap(phone: Any, site_url: str) -> None:
    phone.goto(site_url + "provinsi/sumatera-utara/")
    marker = phone.locator('svg.uhc-map a[data-code="12.75"] circle.uhc-marker')  # Kota Binjai
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box and box["width"] >= 22 and box["height"] >= 22, box


def test_province_table_filters_by_status_from_the_address(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "provinsi/kalimantan-selatan/?status=madya&tahun=2026#kabupaten-kota")
    rows = tab.locator("table.uhc-table[data-sortable] tbody tr")
    visible = [r for r in rows.all() if r.is_visible()]
    assert visible and all("Madya" in r.inner_text() for r in visible)
    assert len(visible) < rows.count()
    tab.get_by_label("Saring nama").first.fill("banjar")
    names = [r.inner_text() for r in rows.all() if r.is_visible()]
    assert names and all("Banjar" in n for n in names)
    context.close()


# page -> (the change on the card, how many pages the answer rests on): a region with a 2024 record, one without,
# and a province; the change also leads the history table and, on a province page, the table of its regions.
CHANGES = {
    "wilayah/kabupaten-indramayu/": ("Naik dari Pratama (2024)", "Dua sumber independen."),
    "wilayah/kabupaten-balangan/": ("Tidak dapat dibandingkan: belum ada data 2024",
                                    "Satu sumber, dimuat ulang oleh satu media."),
    "provinsi/sulawesi-tenggara/": ("Turun dari Utama (2024)", "Satu sumber, dimuat ulang oleh satu media."),
}


@pytest.mark.parametrize("path", sorted(CHANGES))
def test_the_card_says_what_changed_since_the_edition_before(phone: Any, site_url: str, path: str) -> None:
    change, backing = CHANGES[path]
    phone.goto(site_url + path)
    card = phone.locator("section.uhc-card")
    assert card.locator(".uhc-card__change").inner_text() == change
    assert in_first_screen(phone, "section.uhc-card .uhc-card__change")
    assert in_first_screen(phone, "section.uhc-card .uhc-card__source")  # the change did not push the source out
    assert card.locator(".uhc-card__backing").inner_text() == backing
    history = phone.locator("#riwayat ~ .uhc-table-wrap table").first
    assert history.locator("thead th").all_inner_texts()[-1] == "Perubahan"
    assert history.locator("tbody tr").first.locator("td").last.inner_text() == change
    if path.startswith("provinsi/"):
        heads = phone.locator("table[data-sortable]").first.locator("thead th").all_inner_texts()
        assert "Perubahan sejak 2024" in heads


def test_consecutive_awards_are_said_and_marked_when_inferred(phone: Any, site_url: str) -> None:
    phone.goto(site_url + "wilayah/kabupaten-dogiyai/")
    runs = phone.locator("section.uhc-card .uhc-card__runs li").all_inner_texts()
    assert runs == [
        "Menerima pada 3 edisi berturut-turut: 2023, 2024, 2026 (disimpulkan; edisi sebelum 2023 belum tercatat di "
        "situs ini)",
        "Utama pada 2 edisi berturut-turut: 2024, 2026 (disimpulkan; edisi 2023 tanpa kategori)"]
