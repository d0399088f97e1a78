"""Labels and markers on the maps, measured in Chromium as a reader sees them: no two overlap (the national map
at 1280 px, every province's map at 390 px), every province is labelled or marked on a wide screen, and on a
phone the national map either fits or says that it scrolls, with the list of provinces as the other way in."""

from __future__ import annotations

from typing import Any

import pytest

from generator.read.regions import load_registry
from tests.helpers import REPO

pytestmark = pytest.mark.browser

REGISTRY = load_registry(REPO / "data" / "regions")

# The boxes of every visible label and marker of the page's first map, in CSS pixels, with what they are.
BOXES = """() => {
  const svg = document.querySelector('svg.uhc-map');
  const out = [];
  for (const el of svg.querySelectorAll('text.uhc-map-label, circle.uhc-marker')) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (s.display === 'none' || s.visibility === 'hidden' || !r.width) continue;
    const code = el.dataset.code || el.closest('a').dataset.code;
    out.push({ what: el.tagName + ' ' + code, code: code, label: el.tagName === 'text',
               x0: r.left, y0: r.top, x1: r.right, y1: r.bottom });
  }
  const box = svg.getBoundingClientRect();
  return { items: out, svg: { x0: box.left, y0: box.top, x1: box.right, y1: box.bottom } };
}"""


def overlaps(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs whose boxes share more than a hair (0.5 px either way)."""
    found = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            if w > 0.5 and h > 0.5:
                found.append((a["what"], b["what"]))
    return found


def test_national_map_at_1280_every_province_labelled_none_overlapping(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator("svg.uhc-map").scroll_into_view_if_needed()
    found = page.evaluate(BOXES)
    items, svg = found["items"], found["svg"]
    assert overlaps(items) == []
    labelled = {i["code"] for i in items if i["label"]}
    assert labelled == {p.code for p in REGISTRY.provinces}  # every province labelled (small ones marked too)
    marked = {i["code"] for i in items if not i["label"]}
    assert {"31", "34", "36", "51"} <= marked  # DKI Jakarta, DI Yogyakarta, Banten, Bali
    for item in items:  # nothing cut at the map's edge
        assert svg["x0"] - 0.5 <= item["x0"] and item["x1"] <= svg["x1"] + 0.5, item
        assert svg["y0"] - 0.5 <= item["y0"] and item["y1"] <= svg["y1"] + 0.5, item
    markers = [i for i in items if not i["label"]]
    assert all(i["x1"] - i["x0"] >= 24 and i["y1"] - i["y0"] >= 24 for i in markers), markers  # targets


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True,
                                  is_mobile=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("province", sorted(p.slug for p in REGISTRY.provinces))
def test_province_map_at_390_markers_never_overlap_and_are_big_enough(phone: Any, site_url: str,
                                                                       province: str) -> None:
    """Jawa Timur (Kota Mojokerto, Batu, Malang) and DKI Jakarta, as the issue found them, and every other."""
    phone.goto(site_url + f"provinsi/{province}/")
    phone.locator("svg.uhc-map").scroll_into_view_if_needed()
    items = phone.evaluate(BOXES)["items"]
    assert not [i for i in items if i["label"]]  # no labels on a phone
    assert overlaps(items) == []
    assert all(i["x1"] - i["x0"] >= 23.5 and i["y1"] - i["y0"] >= 23.5 for i in items), items


def test_national_map_at_390_says_it_scrolls_and_offers_the_list(phone: Any, site_url: str) -> None:
    phone.goto(site_url)
    scroller = phone.locator(".uhc-map-figure--nation .uhc-map-scroll")
    scroller.scroll_into_view_if_needed()
    cue = phone.locator(".uhc-map-figure--nation .uhc-map-cue")
    assert cue.is_visible() and "Geser peta" in cue.inner_text()
    cue_box, map_box = cue.bounding_box(), scroller.bounding_box()
    assert cue_box and map_box and cue_box["y"] + cue_box["height"] <= map_box["y"] + 1  # read before the map
    assert cue_box["y"] >= 0 and map_box["y"] + 100 <= 844  # both on the screen together
    sizes = scroller.evaluate("s => [s.scrollWidth, s.clientWidth]")
    assert sizes[0] > sizes[1] + 300  # it does scroll: the east is off the screen
    assert overlaps(phone.evaluate(BOXES)["items"]) == []
    cue.get_by_role("link", name="daftar provinsi").tap()
    phone.wait_for_url(site_url + "provinsi/")


def test_national_map_cue_is_for_phones_only(page: Any, site_url: str) -> None:
    page.goto(site_url)
    assert not page.locator(".uhc-map-cue").is_visible()
    scroller = page.locator(".uhc-map-figure--nation .uhc-map-scroll")
    assert scroller.evaluate("s => s.scrollWidth <= s.clientWidth")  # the whole country fits
