"""Accessibility: axe-core (npm, run inside Debian's chromium) finds no serious or critical problem on the
pages a reader uses, at a phone's width and a desktop's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",  # home, with the national map
    "wilayah/kabupaten-balangan/",  # a region with data
    "wilayah/kabupaten-malang/",  # an inferred answer
    "wilayah/kabupaten-aceh-tenggara/",  # a region without data
    "wilayah/kabupaten-batang/",  # terms explained in the card
    "koreksi/",  # the corrections page
    "provinsi/kalimantan-selatan/",  # a province, its map and table
    "ringkasan/",  # the summary, charts and map
    "kategori/2026/utama/",  # a category list
    "unduh/",  # downloads
    "metodologi/",
    "halaman-yang-tidak-ada/",  # the 404 page
]


REFUSED = {"landmark-unique"}  # moderate, but a screen reader's list of regions is useless when they share a name


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (scripts/test.sh does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_finding(browser: Any, site_url: str, axe_source: str, path: str,
                                            width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site_url + path)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations'],
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    context.close()
    bad = [v for v in result if v["impact"] in ("serious", "critical") or v["id"] in REFUSED]
    assert not bad, f"{path or 'home'} at {width}px: {bad}"
