"""The map and charts in the built site: every province shape links to its page in the colour of its status."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.dataset import load_dataset

pytestmark = pytest.mark.e2e
CSS = Path(__file__).resolve().parent.parent / "docs" / "stylesheets" / "uhc.css"


class Tiles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tiles: list[dict[str, str]] = []
        self.charts: list[dict[str, str]] = []
        self._in_tile = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "uhc-tile" in a.get("class", ""):
            self.tiles.append(a)
            self._in_tile = True
        elif tag == "rect" and self._in_tile:
            self.tiles[-1]["fill"] = a.get("class", "")
            self._in_tile = False
        elif tag == "svg" and a.get("role") == "img":
            self.charts.append(a)


def parse(path: Path) -> Tiles:
    parser = Tiles()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_home_map_links_every_province_in_its_colour(built_project: Path, built_site: Path) -> None:
    ds = load_dataset(built_project)
    year = ds.years[0]
    tiles = parse(built_site / "index.html").tiles
    assert len(tiles) == 38
    assert {t["data-code"] for t in tiles} == {p.code for p in ds.registry.provinces}
    for tile in tiles:
        province = ds.registry.regions[tile["data-code"]]
        status = ds.entry(province.code, year).status
        assert tile["data-status"] == status and tile["fill"] == f"uhc-fill--{status}", province.name
        assert tile["href"] == f"/uhc-awards/provinsi/{province.slug}/"
        assert (built_site / tile["href"].removeprefix("/uhc-awards/") / "index.html").is_file()


def test_province_page_map_links_resolve_and_highlight_it(built_site: Path) -> None:
    page = built_site / "provinsi" / "kalimantan-selatan" / "index.html"
    tiles = parse(page).tiles
    assert len(tiles) == 38
    for tile in tiles:
        assert (built_site / tile["href"].removeprefix("/uhc-awards/") / "index.html").is_file(), tile["href"]
    (here,) = [t for t in tiles if "uhc-tile--here" in t["class"]]
    assert here["data-code"] == "63"


def test_tier_colours_are_the_badge_colours() -> None:
    css = CSS.read_text(encoding="utf-8")
    for status in ("utama", "madya", "pratama", "awarded", "none"):
        badge = re.search(rf"\.uhc-badge--{status} \{{ background: (#[0-9a-f]{{6}}); \}}", css)
        fill = re.search(rf"\.uhc-fill--{status} \{{ fill: (#[0-9a-f]{{6}});", css)
        assert badge and fill and badge.group(1) == fill.group(1), status


def test_charts_have_text_alternatives(built_site: Path) -> None:
    summary = parse(built_site / "ringkasan" / "index.html").charts
    assert any("Utama: 4" in c.get("aria-label", "") or "Utama:" in c.get("aria-label", "") for c in summary)
    province = parse(built_site / "provinsi" / "kalimantan-timur" / "index.html").charts
    assert any(c.get("aria-label", "").startswith("Kabupaten/kota di Kalimantan Timur") for c in province)
    region = parse(built_site / "wilayah" / "kabupaten-murung-raya" / "index.html").charts
    (figures,) = [c for c in region if c.get("aria-label", "").startswith("Angka Kabupaten Murung Raya")]
    assert "Cakupan kepesertaan JKN 100 %" in figures["aria-label"]
    for chart in summary + province + region:
        assert chart.get("aria-label") or chart.get("aria-labelledby")


def test_only_the_newest_edition_gets_the_figures_chart_and_the_way_up(tmp_path: Path) -> None:
    """Older editions keep their checklist and figures table; a chart of old figures, or what it would have
    taken to reach a higher tier in a past edition, would only lengthen the page."""
    from generator.bench import make_project
    from generator.pages import render_site

    project = make_project(Path(__file__).resolve().parent.parent, tmp_path / "p", years=3)  # synthetic data
    pages = dict(render_site(load_dataset(project)))
    text = pages["wilayah/kabupaten-balangan.md"].decode("utf-8")
    newest = text.split("## UHC Awards 2025")[0]
    assert text.count('<svg class="uhc-chart"') == newest.count('<svg class="uhc-chart"') == 1
    assert text.count("### Mengapa") + text.count("### Angka dan kriteria") == 3  # every edition explained
    assert text.count("| Cakupan kepesertaan JKN |") >= 3  # every edition's figures table
    assert "### Untuk mencapai" not in text.split("## UHC Awards 2025")[1]
