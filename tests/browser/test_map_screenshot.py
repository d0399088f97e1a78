"""The map renders in a real browser: visible, coloured, with a readable title per shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def test_map_renders_and_links(page: Any, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url)
    svg = page.locator("svg.uhc-map").first
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    shot = tmp_path / "map.png"
    svg.screenshot(path=str(shot))
    assert shot.stat().st_size > 5_000  # a real picture, not an empty box
    kalsel = page.locator('a.uhc-tile[data-code="63"]')
    assert kalsel.locator("title").text_content() == "Kalimantan Selatan: Madya"
    fill = kalsel.locator("rect").evaluate("r => getComputedStyle(r).fill")
    assert fill == "rgb(29, 95, 138)"  # the Madya colour
    kalsel.click()
    page.wait_for_url("**/provinsi/kalimantan-selatan/")
    assert "Kalimantan Selatan" in page.locator("h1").inner_text()
