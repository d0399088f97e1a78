"""Maps and charts in the built site: every shape is a named link to its region's page, in the colour of its
status, hatched when the status is inferred; every province page maps its own kabupaten/kota."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.judge.answers import answer_of
from generator.judge.dataset import load_dataset
from generator.vocabulary import STATUSES, Basis

pytestmark = pytest.mark.e2e
CSS = Path(__file__).resolve().parent.parent / "docs" / "stylesheets" / "uhc.css"


class MapScan(HTMLParser):
    """The areas (links) of the page's map, with the fill of their first shape and any overlay."""

    def __init__(self) -> None:
        super().__init__()
        self.svgs: list[dict[str, str]] = []
        self.areas: list[dict[str, str]] = []
        self.charts: list[dict[str, str]] = []
        self._area: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "svg" and "uhc-map" in a.get("class", ""):
            self.svgs.append(a)
        elif tag == "svg" and a.get("role") == "img":
            self.charts.append(a)
        elif tag == "a" and "uhc-area" in a.get("class", ""):
            self._area = a
            self.areas.append(a)
        elif tag == "path" and self._area is not None:
            if "uhc-overlay" in a.get("class", ""):
                self._area["overlay"] = a.get("fill", "")
            else:
                self._area.setdefault("fill", a.get("class", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._area = None


def scan(path: Path) -> MapScan:
    parser = MapScan()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target(site: Path, page: Path, href: str) -> Path:
    """The file a link of a page leads to: raw HTML links start from the site's path (/uhc-awards/)."""
    assert href.startswith("/uhc-awards/"), href
    return site / posixpath.normpath(href.removeprefix("/uhc-awards/")) / "index.html"


def test_home_map_links_every_province_in_its_colour_and_basis(built_project: Path, built_site: Path) -> None:
    ds = load_dataset(built_project)
    page = built_site / "index.html"
    found = scan(page)
    (svg,) = found.svgs
    assert svg["role"] == "group" and svg.get("aria-labelledby")  # a group of links, not an image around links
    assert {a["data-code"] for a in found.areas} == {p.code for p in ds.registry.provinces}
    inferred = 0
    for area in found.areas:
        province = ds.registry.regions[area["data-code"]]
        answer = answer_of(ds.entry(province.code, ds.years[0]))
        assert area["data-status"] == answer.status.value and area["fill"] == f"uhc-fill--{answer.status.value}"
        assert area["aria-label"] == f"{province.name}: {answer.words}"
        assert target(built_site, page, area["href"]) == built_site / "provinsi" / province.slug / "index.html"
        assert target(built_site, page, area["href"]).is_file()
        if answer.basis is Basis.INFERRED:
            inferred += 1
            assert area["overlay"] == "url(#uhc-hatch)", province.name
        else:
            assert "overlay" not in area, province.name
    assert inferred >= 7  # the provinces missing from the list of 31


@pytest.mark.parametrize(("slug", "count"), [("kalimantan-selatan", 13), ("papua-pegunungan", 8),
                                             ("daerah-khusus-ibukota-jakarta", 6), ("jawa-timur", 38)])
def test_province_page_maps_its_kabupaten_kota(built_site: Path, slug: str, count: int) -> None:
    page = built_site / "provinsi" / slug / "index.html"
    areas = scan(page).areas
    assert len(areas) == count
    for area in areas:
        assert target(built_site, page, area["href"]).is_file(), area["href"]
        assert area["href"].startswith("/uhc-awards/wilayah/")


def test_every_province_page_maps_all_its_kabupaten_kota(built_project: Path, built_site: Path) -> None:
    ds = load_dataset(built_project)
    for province in ds.registry.provinces:
        areas = scan(built_site / "provinsi" / province.slug / "index.html").areas
        assert {a["data-code"] for a in areas} == {r.code for r in ds.registry.children(province.code)}


def test_region_page_shows_its_province_map_with_itself_highlighted(built_site: Path) -> None:
    page = built_site / "wilayah" / "kota-binjai" / "index.html"
    areas = scan(page).areas
    (here,) = [a for a in areas if "uhc-area--here" in a["class"]]
    assert here["data-code"] == "12.75" and here["href"] == "/uhc-awards/wilayah/kota-binjai/"
    assert "(wilayah ini)" in here["aria-label"]
    assert len(areas) == 33  # Sumatera Utara's kabupaten/kota


def test_status_colours_are_one_table() -> None:
    """The CSS repeats vocabulary.Status's colours; badges and map fills use the same variables."""
    css = CSS.read_text(encoding="utf-8")
    for status in STATUSES:
        variable = re.search(rf"--uhc-{status.value}: (#[0-9a-f]{{6}});", css)
        assert variable and variable.group(1) == status.colour, status
        if status.value != "nodata":
            assert re.search(rf"\.uhc-fill--{status.value} \{{ fill: var\(--uhc-{status.value}\)", css), status
            assert re.search(rf"\.uhc-badge--{status.value} \{{ background: var\(--uhc-{status.value}\)", css)


def test_charts_have_text_alternatives_with_the_basis(built_site: Path) -> None:
    summary = scan(built_site / "ringkasan" / "index.html").charts
    (bars,) = [c for c in summary if c.get("aria-label", "").startswith("Kabupaten/kota per kategori 2026")]
    assert "tercatat" in bars["aria-label"] and "resmi" in bars["aria-label"]
    region = scan(built_site / "wilayah" / "kabupaten-murung-raya" / "index.html").charts
    (figures,) = [c for c in region if c.get("aria-label", "").startswith("Angka Kabupaten Murung Raya")]
    assert "Cakupan kepesertaan JKN 100 %" in figures["aria-label"]


def test_map_credits_on_map_pages(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Indonesia GeoJSON &amp; TopoJSON Maps (38 Provinces), CC BY 4.0" in home
    province = (built_site / "provinsi" / "bali" / "index.html").read_text(encoding="utf-8")
    assert "geoBoundaries (BPS, OCHA ROAP), CC BY 3.0 IGO" in province


def test_only_the_newest_edition_gets_the_figures_chart_and_the_way_up(tmp_path: Path) -> None:
    """Older editions keep their checklist and figures table; a chart of old figures, or what it would have
    taken to reach a higher tier in a past edition, would only lengthen the page."""
    from generator.bench.synthetic import make_project
    from generator.outputs.pages import render_site

    project = make_project(Path(__file__).resolve().parent.parent, tmp_path / "p", years=3)  # synthetic data
    pages = dict(render_site(load_dataset(project)))
    text = pages["wilayah/kabupaten-balangan.md"].decode("utf-8")
    newest = text.split("## UHC Awards 2025")[0]
    assert text.count('<svg class="uhc-chart"') == newest.count('<svg class="uhc-chart"') == 1
    assert text.count("### Mengapa") + text.count("### Angka dan kriteria") == 3  # every edition explained
    assert text.count("| Cakupan kepesertaan JKN |") >= 3  # every edition's figures table
    assert "### Untuk mencapai" not in text.split("## UHC Awards 2025")[1]
