"""Tolerant name matching: every registry name matches itself; press spellings match; nothing is guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.match import NameIndex
from generator.read.aliasfile import load_aliases
from generator.read.names import key
from generator.read.regions import load_registry, short_name
from generator.vocabulary import Level

REPO = Path(__file__).resolve().parent.parent
REGISTRY = load_registry(REPO / "data" / "regions")
ALIASES = load_aliases(REPO / "data" / "aliases.yaml", REPO, REGISTRY)
INDEX = NameIndex(REGISTRY, ALIASES)


def province_name(code: str) -> str:
    return REGISTRY.regions[code].name


def test_every_regency_matches_its_full_name() -> None:
    for region in REGISTRY.regencies:
        assert INDEX.match(region.name).region == region, region.name
        assert INDEX.match(region.name.upper().replace(" ", "  ")).region == region, region.name


def test_every_regency_matches_without_prefix_given_level_and_province() -> None:
    for region in REGISTRY.regencies:
        found = INDEX.match(short_name(region), region.level, province_name(region.province_code))
        assert found.region == region, region.name


def test_bare_names_match_when_unique_and_are_reported_when_not() -> None:
    ambiguous = 0
    for region in REGISTRY.regencies:
        found = INDEX.match(short_name(region))
        if found.region is None:
            ambiguous += 1
            assert region in found.candidates and "ambiguous" in found.reason
        else:
            assert found.region == region
    assert ambiguous > 0  # e.g. Bogor, Bekasi, Malang exist as both kabupaten and kota
    bogor = INDEX.match("Bogor")
    assert bogor.region is None and {r.name for r in bogor.candidates} == {"Kabupaten Bogor", "Kota Bogor"}


def test_every_province_matches_itself() -> None:
    for province in REGISTRY.provinces:
        assert INDEX.province(province.name) == province
        assert INDEX.match(province.name, Level.PROVINSI).region == province


@pytest.mark.parametrize(("text", "level", "province", "code"), [
    ("Kab. Aceh Besar", None, None, "11.06"),
    ("Kabupaten Aceh Besar", None, None, "11.06"),
    ("Pemkab Aceh Besar", None, None, "11.06"),
    ("  kab aceh   BESAR ", None, None, "11.06"),
    ("Kota Binjai", None, None, "12.75"),
    ("Pemkot Binjai", None, None, "12.75"),
    ("Binjai", None, None, "12.75"),
    ("Pangkalpinang", Level.KOTA, "Babel", "19.71"),
    ("Baubau", Level.KOTA, "Sultra", "74.72"),
    ("Tanjungpinang", Level.KOTA, "Kepri", "21.72"),
    ("Tojo Una-Una", None, "Sulteng", "72.09"),
    ("Sitaro", None, "Sulut", "71.09"),
    ("Pangkep", None, None, "73.10"),
    ("Kab. Kukar", None, None, "64.02"),
    ("Kota Palangka Raya", None, None, "62.71"),
    ("Kota Bogor", None, None, "32.71"),
    ("Bogor", Level.KABUPATEN, "Jabar", "32.01"),
    ("Jakarta Selatan", None, "DKI Jakarta", "31.74"),
    ("Kota Jakarta Selatan", None, None, "31.74"),
    ("Kalsel", Level.PROVINSI, None, "63"),
    ("Pemprov Sumut", None, None, "12"),
    ("DKI Jakarta", Level.PROVINSI, None, "31"),
    ("DI Yogyakarta", Level.PROVINSI, None, "34"),
    ("Provinsi Kalimantan Selatan", None, None, "63"),
])
def test_press_spellings(text: str, level: Level | None, province: str | None, code: str) -> None:
    assert INDEX.match(text, level, province).region == REGISTRY.regions[code]


@pytest.mark.parametrize(("text", "province"), [("Atlantis", None), ("Balangan", "Sumut"), ("Binjai", "Narnia")])
def test_no_match_is_reported_not_guessed(text: str, province: str | None) -> None:
    found = INDEX.match(text, None, province)
    assert found.region is None and found.reason


def test_every_press_spelling_names_one_region_and_no_other() -> None:
    """An alias may not be another region's name unless the file marks it shared: 'Tidore' must never stand
    for a second Tidore without the import asking which one."""
    names = {key(short_name(r)): r for r in REGISTRY.regencies}
    for code, aliases in ALIASES.regions.items():
        region = REGISTRY.regions[code]
        assert not region.is_province, code
        for alias in aliases:
            if not alias.shared:
                assert names.get(key(alias.text), region) == region, (alias.text, code)
                assert INDEX.match(alias.text).region == region, alias.text
            found = INDEX.match(alias.text, None, REGISTRY.regions[region.province_code].name)
            assert found.region == region, (alias.text, found.reason)
