"""The region finder's index (generator/finder.py) and its search page, on the shipped data."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from generator.judge.answers import answer_of
from generator.judge.changes import change_of
from generator.judge.dataset import Dataset, load_dataset
from generator.outputs import finder
from generator.outputs.pages import render_site
from generator.read.names import key
from generator.views import paths
from generator.vocabulary import STATUSES, Status

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset(REPO)


@pytest.fixture(scope="module")
def site(ds: Dataset) -> dict[str, bytes]:
    return dict(render_site(ds, "https://example.org/sub/"))


@pytest.fixture(scope="module")
def index(ds: Dataset) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(finder.index_bytes(ds))
    return data


def test_every_region_with_its_address_and_latest_answer(ds: Dataset, index: dict[str, Any]) -> None:
    by_code = {r["c"]: r for r in index["regions"]}
    assert len(by_code) == len(index["regions"]) == len(ds.registry.regions) == 552
    statuses = [s["value"] for s in index["statuses"]]
    for code, region in ds.registry.regions.items():
        item, answer = by_code[code], answer_of(ds.entry(code, ds.years[0]))
        assert (item["n"], item["l"], item["u"]) == (region.name, region.level.value, paths.url(paths.region(region)))
        change = change_of(ds, code, ds.years[0])
        assert item["st"] == answer.status.value
        assert item["t"] == (answer.short if answer.status is Status.NO_DATA else f"{answer.short} · {change.short}")
        assert item.get("p") == (None if region.is_province else region.province_code)
        assert [statuses[int(d)] for d in item["h"]] == [ds.entry(code, y).status.value for y in ds.years]
    balangan = by_code["63.11"]
    assert (balangan["s"], balangan["u"]) == ("Balangan", "wilayah/kabupaten-balangan/")
    assert balangan["t"] == "Utama 2026 · 2024: Belum ada data"  # no 2024 record: says so instead of a change
    inferred = next(r for r in index["regions"] if r["st"] == "none" and "disimpulkan" in r["t"])
    assert inferred["t"].startswith(f"{Status.NOT_AWARDED.label} 2026 · disimpulkan · 2024: ")
    # the answer before, when it compares: the change in the site's words
    assert by_code["94.06"]["t"] == "Utama 2026 · Tetap Utama seperti 2024 (disimpulkan)"  # Dogiyai: 2024 inferred


def test_aliases_come_from_the_aliases_file(ds: Dataset, index: dict[str, Any]) -> None:
    assert ds.aliases is not None
    by_code = {r["c"]: r for r in index["regions"]}
    for code in ds.registry.regions:
        assert by_code[code].get("a", []) == list(ds.aliases.for_region(code))
    assert "HSS" in by_code["63.06"]["a"] and "Kalsel" in by_code["63"]["a"] and "Parimo" in by_code["72.08"]["a"]


def test_places_come_from_the_gazetteer(ds: Dataset, index: dict[str, Any]) -> None:
    """Seats, capitals, towns and English names, each on the region it leads to, none repeating the region's own
    name or an alias (they add nothing)."""
    by_code = {r["c"]: r for r in index["regions"]}
    assert by_code["95.01"]["i"] == ["Wamena"] and by_code["32"]["e"] == ["West Java"]
    assert by_code["51.04"]["w"] == ["Ubud"] and by_code["82.72"]["ip"] == ["Sofifi"]  # a capital and a town
    assert by_code["51.03"]["w"][0] == "Kuta" and by_code["52.02"]["w"][0] == "Kuta"
    assert "i" not in by_code["34.02"]  # Bantul's seat is Bantul
    assert by_code["31"]["e"] == ["Special Capital Region of Jakarta"]  # "Jakarta" is an alias already
    counted = 0
    for code, item in by_code.items():
        names = {key(item["s"]), *(key(a) for a in item.get("a", []))}
        places = [n for k in finder.PLACE_KEYS.values() for n in item.get(k, [])]
        assert not names & {key(n) for n in places} and len({key(n) for n in places}) == len(places), code
        counted += len(places)
        if code in ds.gazetteer.seats and key(ds.gazetteer.seats[code].name) not in names:
            assert item["i"] == [ds.gazetteer.seats[code].name], code
    assert counted >= 380


def test_statuses_and_lists_by_tier(ds: Dataset, index: dict[str, Any]) -> None:
    assert [s["value"] for s in index["statuses"]] == [s.value for s in STATUSES]
    assert [(s["label"], s["title"], s["colour"]) for s in index["statuses"]] == [
        (s.label, s.title, s.colour) for s in STATUSES]
    urls = {(item["y"], item["st"]): item["u"] for item in index["lists"]}
    assert urls[(2026, "utama")] == "kategori/2026/utama/" == paths.url(paths.category(2026, Status.UTAMA))
    assert urls[(2026, "awarded")] == "kategori/2026/kategori-tidak-disebut/"
    assert (2023, "nodata") in urls and (2023, "utama") not in urls  # 2023 announced no tiers
    assert index["years"] == ds.years == [2026, 2024, 2023]
    assert index["provinceList"] == "?status={status}&tahun={year}#kabupaten-kota"
    assert index["root"] == "../"


def test_every_address_in_the_index_is_a_page_of_the_site(ds: Dataset, index: dict[str, Any]) -> None:
    written = {path for path, _ in render_site(ds, "https://example.org/")}
    hand_written = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")}
    addresses = {paths.url(p) for p in written | hand_written}
    found = [r["u"] for r in index["regions"]] + [i["u"] for i in index["lists"]] + [p["u"] for p in index["pages"]]
    assert sorted(u for u in found if u not in addresses) == []
    assert {finder.INDEX, paths.SEARCH} <= written


def test_the_lists_in_the_index_are_the_category_pages(site: dict[str, bytes], index: dict[str, Any]) -> None:
    """Which lists an edition has is decided once (YearCriteria.statuses): the finder offers exactly the
    category pages the site has."""
    pages = {paths.url(p) for p in site if p.startswith("kategori/") and p != paths.CATEGORIES}
    assert sorted(i["u"] for i in index["lists"]) == sorted(pages)


def test_static_pages_and_their_words(index: dict[str, Any]) -> None:
    pages = {p["u"]: p for p in index["pages"]}
    assert {"metodologi/", "unduh/", "koreksi/", "ringkasan/", "tentang/", "cari/", "provinsi/", ""} <= set(pages)
    assert "kriteria" in pages["metodologi/"]["k"] and "data" in pages["unduh/"]["k"]
    phrases = {" ".join(re.findall(r"[a-z]+", text.lower())) for s in STATUSES
               for text in (s.label, s.title, s.slug.replace("-", " "))}
    for page in pages.values():  # a status ('tidak menerima', 'madya') asks for a list by tier, never for a page
        assert not phrases & set(page["k"]), page


def test_index_is_deterministic_and_small(ds: Dataset) -> None:
    first = finder.index_bytes(ds)
    assert first == finder.index_bytes(load_dataset(REPO))
    assert len(gzip.compress(first, 6)) < 20 * 1024  # as a web server gzips it (level 6): README, Search
    assert first.endswith(b"\n") and b" " not in first.split(b'"statuses"')[0]


def test_search_page_lists_every_region_a_to_z(site: dict[str, bytes], ds: Dataset) -> None:
    text = site[paths.SEARCH].decode()
    assert text.startswith("---\ntitle: Cari wilayah\n")
    links = re.findall(r"\]\(([^)]+)\)", text)
    expected = {paths.relative(paths.SEARCH, paths.region(r)) for r in ds.registry.regions.values()}
    assert sorted(links) == sorted(expected)  # each region once
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == sorted(p.name for p in ds.registry.provinces)
    kalsel = text[text.index("## Kalimantan Selatan"):]
    kalsel = kalsel[:kalsel.index("\n## ")]
    names = re.findall(r"^- \[(?:Kabupaten|Kota) ([^\]]+)\]", kalsel, re.MULTILINE)
    assert names == sorted(names) and "- [Kabupaten Balangan](../wilayah/kabupaten-balangan.md) · Utama 2026" in kalsel


def test_the_form_and_the_config_agree_with_the_generator() -> None:
    partial = (REPO / "overrides" / "partials" / "finder.html").read_text(encoding="utf-8")
    assert f'action="{{{{ home }}}}{paths.url(paths.SEARCH)}"' in partial
    assert f'data-index="{{{{ home }}}}{finder.INDEX}"' in partial
    assert 'name="q"' in partial and 'role="combobox"' in partial and "Cari wilayah" in partial
    config = load_config(str(REPO / "mkdocs.yml"))  # as MkDocs reads it
    assert "search" not in config.plugins and "search.highlight" not in config.theme.get("features", [])
    scripts = {str(s): s for s in config.extra_javascript}
    assert getattr(scripts["javascripts/finder.js"], "defer", False) and "stylesheets/finder.css" in config.extra_css


def test_the_script_stands_alone() -> None:
    script = (REPO / "docs" / "javascripts" / "finder.js").read_text(encoding="utf-8")
    assert not re.search(r"\bimport\b|\brequire\(|https?://|innerHTML|eval\(", script)
