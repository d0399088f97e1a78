"""The maps render in a real browser: visible, coloured by status, each shape a named link."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


def test_national_map_renders_and_links(page: Any, site_url: str, built_project: Path, tmp_path: Path) -> None:
    from generator.judge.answers import answer_of
    from generator.judge.dataset import load_dataset

    ds = load_dataset(built_project)
    kalsel_answer = answer_of(ds.entry("63", ds.years[0]))
    page.goto(site_url)
    svg = page.locator("svg.uhc-map").first
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    shot = tmp_path / "map.png"
    svg.screenshot(path=str(shot))
    assert shot.stat().st_size > 5_000  # a real picture, not an empty box
    kalsel = page.locator('svg.uhc-map a[data-code="63"]')
    assert kalsel.get_attribute("aria-label") == f"Kalimantan Selatan: {kalsel_answer.words}"
    fill = kalsel.locator("path").first.evaluate("p => getComputedStyle(p).fill")
    assert fill == rgb(kalsel_answer.status.colour)
    jatim = page.locator('svg.uhc-map a[data-code="35"]')
    assert jatim.get_attribute("aria-label") == "Jawa Timur: Tidak menerima (disimpulkan)"
    assert jatim.locator("path.uhc-overlay").get_attribute("fill") == "url(#uhc-hatch)"  # inferred: hatched
    kalsel.focus()
    page.keyboard.press("Enter")  # keyboard users reach every shape
    page.wait_for_url("**/provinsi/kalimantan-selatan/")
    assert "Kalimantan Selatan" in page.locator("h1").inner_text()
