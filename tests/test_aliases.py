"""data/aliases.yaml: the shipped file loads, every alias finds its region, and each kind of mistake is reported
at file:line with the field and a fix."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.importing.match import NameIndex
from generator.read.aliases import AliasKind
from generator.read.aliasfile import load_aliases
from generator.read.names import key
from generator.read.regions import load_registry, short_name
from generator.vocabulary import Level

REPO = Path(__file__).resolve().parent.parent
REGISTRY = load_registry(REPO / "data" / "regions")
ALIASES = load_aliases(REPO / "data" / "aliases.yaml", REPO, REGISTRY)
INDEX = NameIndex(REGISTRY, ALIASES)
WHERE = "data/aliases.yaml"
VALID = """\
sources:
  s1: {url: "https://example.org/a", publisher: Example}
provinces:
  "63":
    - {alias: Kalsel, kind: abbreviation, standard: true, source: s1}
regions:
  "63.06":
    - {alias: HSS, kind: abbreviation, source: s1}
"""


def load_text(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "data" / "aliases.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_aliases(path, tmp_path, REGISTRY)


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(DataError) as caught:
        load_text(tmp_path, text)
    return str(caught.value)


# --- the shipped file ---------------------------------------------------------------------------------------

def test_shipped_file_loads_with_sources_and_standard_short_forms() -> None:
    assert ALIASES.regions and ALIASES.provinces
    for alias in (a for entries in (*ALIASES.provinces.values(), *ALIASES.regions.values()) for a in entries):
        assert ALIASES.source(alias).url.startswith(("https://", "http://"))
    assert ALIASES.province_short("63") == "Kalsel"
    assert ALIASES.province_short("11") is None  # Aceh: no common short form
    assert len(ALIASES.short_forms) >= 20


def test_every_province_alias_finds_its_province() -> None:
    for code, aliases in ALIASES.provinces.items():
        for alias in aliases:
            assert INDEX.province(alias.text) == REGISTRY.regions[code], alias.text
            assert INDEX.match(alias.text, Level.PROVINSI).region == REGISTRY.regions[code], alias.text


def test_every_region_alias_finds_its_region_or_is_ambiguous_only_when_marked_shared() -> None:
    for code, aliases in ALIASES.regions.items():
        region = REGISTRY.regions[code]
        province = REGISTRY.regions[region.province_code].name
        for alias in aliases:
            assert INDEX.match(alias.text, region.level, province).region == region, alias.text
            assert INDEX.match(f"{region.level.label} {alias.text}", None, province).region == region, alias.text
            bare = INDEX.match(alias.text)
            if alias.shared:
                assert bare.region is None and region in bare.candidates, alias.text
            else:
                assert bare.region == region, (alias.text, bare.reason)


def test_no_alias_is_ambiguous_inside_a_province() -> None:
    for code, aliases in ALIASES.regions.items():
        region = REGISTRY.regions[code]
        for alias in aliases:
            same = [r for r in INDEX.by_key[key(alias.text)]
                    if r.province_code == region.province_code and r.level is region.level]
            assert same == [region], (alias.text, same)


@pytest.mark.parametrize(("text", "code"), [
    ("HSS", "63.06"), ("HSU", "63.08"), ("HST", "63.07"), ("Kukar", "64.02"), ("Kubar", "64.07"),
    ("Tapteng", "12.01"), ("Tapsel", "12.03"), ("Jakpus", "31.71"), ("Jaksel", "31.74"), ("Parimo", "72.08"),
    ("SBD", "53.18"), ("KBB", "32.17"), ("Tolitoli", "72.04"), ("Kulonprogo", "34.01"), ("Gunungkidul", "34.03"),
    ("Gunung Kidul", "34.03"), ("Pemkab Tobasa", "12.12"), ("Kab. Toba Samosir", "12.12"), ("Siantar", "12.72"),
    ("Tg. Pinang", "21.72"), ("Pangkajene Kepulauan", "73.10"), ("Mamuju Utara", "76.01"),
    # the systematic pass: one example per family the brief listed and a page could back
    ("Agara", "11.02"), ("Labusel", "12.22"), ("Labura", "12.23"), ("Sergai", "12.18"), ("Paluta", "12.20"),
    ("Palas", "12.21"), ("Madina", "12.13"), ("Batubara", "12.19"), ("Tebingtinggi", "12.76"),
    ("Tanjung Balai", "12.74"), ("Padangsidempuan", "12.77"), ("Pessel", "13.01"), ("Solsel", "13.11"),
    ("Pasbar", "13.12"), ("Limapuluh Kota", "13.07"), ("Padangpanjang", "13.74"), ("Bukit Tinggi", "13.75"),
    ("Inhu", "14.02"), ("Inhil", "14.04"), ("Rohul", "14.06"), ("Rohil", "14.07"), ("Kuansing", "14.09"),
    ("Meranti", "14.10"), ("Batang Hari", "15.04"), ("Lamsel", "18.01"), ("Lamteng", "18.02"),
    ("Lamtim", "18.07"), ("Lampura", "18.03"), ("Lambar", "18.04"), ("Tuba", "18.05"), ("Tubaba", "18.12"),
    ("Pesibar", "18.13"), ("Bandarlampung", "18.71"), ("Jakbar", "31.73"), ("Jaktim", "31.75"),
    ("Jakut", "31.72"), ("KSB", "52.07"), ("KLU", "52.08"), ("Mabar", "53.15"), ("Matim", "53.19"),
    ("Kobar", "62.01"), ("Kotim", "62.02"), ("Barut", "62.05"), ("Barsel", "62.04"), ("Bartim", "62.13"),
    ("Tanbu", "63.10"), ("Tala", "63.01"), ("Tanahlaut", "63.01"), ("Batola", "63.04"), ("PPU", "64.09"),
    ("Kabupaten Pasir", "64.01"), ("KTT", "65.04"), ("Touna", "72.09"), ("Morut", "72.12"),
    ("Bangkep", "72.07"), ("Balut", "72.11"), ("Bonebolango", "75.03"), ("Polewali Mamasa", "76.04"),
    ("Malteng", "81.01"), ("Halteng", "82.02"), ("Haltim", "82.06"), ("Kepsul", "82.05"),
    ("Pultab", "82.08"), ("Muko-Muko", "17.06"),
    # the second sweep: Sulawesi, Maluku, Papua, Bengkulu, Bangka Belitung, Kalimantan Barat, Aceh, Java
    ("Pijay", "11.18"), ("Nagan", "11.15"), ("Nisel", "12.14"), ("Mentawai", "13.09"), ("Muarojambi", "15.05"),
    ("Tanjabbar", "15.06"), ("Tanjab Timur", "15.07"), ("OKUT", "16.08"), ("Muaraenim", "16.03"),
    ("BS", "17.01"), ("Benteng", "17.09"), ("Beltim", "19.06"), ("Bateng", "19.04"), ("Solo", "33.72"),
    ("Jogja", "34.71"), ("Karang Asem", "51.07"), ("Lobar", "52.01"), ("Lotim", "52.03"), ("Flotim", "53.06"),
    ("KKR", "61.12"), ("KKU", "61.11"), ("Gumas", "62.10"), ("Bolmong", "71.01"), ("Minsel", "71.05"),
    ("Mitra", "71.07"), ("Talaud", "71.04"), ("Ujung Pandang", "73.71"),
    ("Lutim", "73.24"), ("Lutra", "73.22"), ("Konsel", "74.05"), ("Kolut", "74.08"), ("Buteng", "74.14"),
    ("Bonebol", "75.03"), ("Gorut", "75.05"), ("Polman", "76.04"), ("SBB", "81.06"), ("MBD", "81.08"),
    ("MTB", "81.03"), ("Morotai", "82.07"), ("Yapen", "91.05"), ("Biak", "91.06"), ("Mamteng", "95.05"),
    ("Pegubin", "95.02"), ("Mansel", "92.11"), ("Pekan Baru", "14.71"), ("P. Sidimpuan", "12.77"),
])
def test_press_names_of_regions(text: str, code: str) -> None:
    assert INDEX.match(text).region == REGISTRY.regions[code], INDEX.match(text).reason


def test_a_short_form_two_provinces_use_is_shared_and_resolved_by_the_province() -> None:
    """Mura is Musi Rawas (Sumatera Selatan) and Murung Raya (Kalimantan Tengah): the import asks which."""
    bare = INDEX.match("Mura")
    assert bare.region is None and {r.code for r in bare.candidates} == {"16.05", "62.12"}
    assert INDEX.match("Mura", None, "Kalteng").region == REGISTRY.regions["62.12"]
    assert INDEX.match("Kab. Mura", None, "Sumatera Selatan").region == REGISTRY.regions["16.05"]


MIN_ALIASES = 284  # what the systematic passes reached; a later edit may add aliases, not silently drop most


def test_the_file_keeps_its_coverage() -> None:
    provinces = sum(len(a) for a in ALIASES.provinces.values())
    regions = sum(len(a) for a in ALIASES.regions.values())
    assert provinces + regions >= MIN_ALIASES, provinces + regions
    assert len(ALIASES.regions) >= 185 and len(ALIASES.provinces) >= 28
    assert len(ALIASES.sources) >= 190


@pytest.mark.parametrize(("text", "code"), [
    ("Kalsel", "63"), ("Jateng", "33"), ("Sumatra Utara", "12"), ("Jogja", "34"), ("DIY", "34"),
    ("Pemprov Kaltara", "65"), ("PBD", "96"), ("Sumatra Barat", "13"), ("Meepago", "94"), ("Lapago", "95"),
    ("Pabar", "92"), ("Irian Jaya Barat", "92"), ("Irian Jaya", "91"), ("NAD", "11"), ("Babel", "19"),
])
def test_press_names_of_provinces(text: str, code: str) -> None:
    assert INDEX.match(text, Level.PROVINSI).region == REGISTRY.regions[code]


def test_helpers_for_pages_and_search() -> None:
    assert ALIASES.for_region("63.06") == ("HSS",)
    assert ALIASES.for_region("12.12") == ("Toba Samosir", "Tobasa")
    assert ALIASES.for_region("63") == ("Kalsel",)
    assert ALIASES.for_region("11.01") == ()
    assert ALIASES.of("12.12")[0].kind is AliasKind.OLD_NAME
    assert ALIASES.texts()["21.72"] == ("Tanjungpinang", "Tg. Pinang")


def test_each_code_comment_names_the_coded_region() -> None:
    """The comment after each code is for people; a wrong one would hide a wrong code."""
    for line in (REPO / WHERE).read_text(encoding="utf-8").splitlines():
        found = re.match(r'\s+"([\d.]+)":\s+#\s*(.+)$', line)
        if found:
            name = REGISTRY.regions[found.group(1)].name
            assert found.group(2).startswith(name), line


# --- validation: one test per kind of problem -----------------------------------------------------------------

def test_the_valid_example_loads(tmp_path: Path) -> None:
    aliases = load_text(tmp_path, VALID)
    assert aliases.for_region("63.06") == ("HSS",) and aliases.province_short("63") == "Kalsel"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_aliases(tmp_path / "data" / "aliases.yaml", tmp_path, REGISTRY)
    assert f"{WHERE}: not found" in str(caught.value) and "fix:" in str(caught.value)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('"63.06":', '"63.99":', f"{WHERE}:7: regions.63.99: unknown kabupaten/kota code '63.99'"),
    ('"63.06":', '"63":', f"{WHERE}:7: regions.63: is a province: move it under provinces:"),
    ('"63":\n', '"63.06":\n', f"{WHERE}:4: provinces.63.06: is a kabupaten/kota: move it under regions:"),
    ('"63.06":', "63.10:", f"{WHERE}:7: regions.63.1: unknown code '63.1': was it written without quotes"),
    ("kind: abbreviation, source: s1}", "kind: acronym, source: s1}",
     f"{WHERE}:8: regions.63.06[0].kind: unknown kind 'acronym'"),
    ("HSS, kind: abbreviation, source: s1}", "HSS, kind: abbreviation, source: s2}",
     f"{WHERE}:8: regions.63.06[0].source: unknown source 's2'"),
    ("HSS, kind: abbreviation, source: s1}", "HSS, kind: abbreviation}",
     f"{WHERE}:8: regions.63.06[0].source: is missing"),
    ('"https://example.org/a"', '"javascript:alert(1)"', f"{WHERE}:2: sources.s1.url: "),
    ('"https://example.org/a"', '"ftp://example.org/a"', f"{WHERE}:2: sources.s1.url: "),
    ("publisher: Example", 'publisher: ""', f"{WHERE}:2: sources.s1.publisher: is empty"),
    ("  s1:", "  S 1:", f"{WHERE}:2: sources.S 1: is not a valid source id"),
    ("alias: HSS,", 'alias: "",', f"{WHERE}:8: regions.63.06[0].alias: is empty"),
    ("alias: HSS,", "alias: " + "H" * 61 + ",", f"{WHERE}:8: regions.63.06[0].alias: is 61 characters long"),
    ("alias: HSS,", r'alias: "HS\x07S",',
     f"{WHERE}:8: regions.63.06[0].alias: contains U+0007 (control character) at character 3"),
    ("alias: HSS,", "alias: 42,", f"{WHERE}:8: regions.63.06[0].alias: must be text"),
    ("alias: HSS,", "alias: Hulu Sungai Selatan,", f"{WHERE}:8: regions.63.06[0].alias: 'Hulu Sungai Selatan' is "
     "the region's own name"),
    ("alias: HSS,", "alias: Kota Baru,", f"{WHERE}:8: regions.63.06[0].alias: 'Kota Baru' starts with a level word"),
    ("alias: HSS, kind: abbreviation", "alias: HSS, kind: joined-or-split",
     f"{WHERE}:8: regions.63.06[0].kind: 'HSS' is not 'Hulu Sungai Selatan' written joined or split"),
    ("alias: HSS, kind: abbreviation", "alias: HuluSungai Selatan, kind: spelling",
     f"{WHERE}:8: regions.63.06[0].kind: 'HuluSungai Selatan' differs from 'Hulu Sungai Selatan' only in spacing"),
    ("alias: HSS,", "alias: Balangan,", f"{WHERE}:8: regions.63.06: 'Balangan' also names Kabupaten Balangan in "
     "the same province"),
    ("alias: HSS,", "alias: Bogor,", f"{WHERE}:8: regions.63.06: 'Bogor' also names Kabupaten Bogor (Jawa Barat)"),
    ("HSS, kind: abbreviation, source: s1}", "HSS, kind: abbreviation, source: s1, shared: true}",
     f"{WHERE}:8: regions.63.06: 'HSS' is marked shared but names no other region"),
    ("HSS, kind: abbreviation, source: s1}", "HSS, kind: abbreviation, source: s1, standard: true}",
     f"{WHERE}:8: regions.63.06[0].standard: only a province has a standard short form"),
    ("HSS, kind: abbreviation, source: s1}", "HSS, kind: abbreviation, source: s1, note: x}",
     f"{WHERE}:8: regions.63.06[0].note: unknown field"),
    ("alias: Kalsel, kind: abbreviation", "alias: Kalsel, kind: spelling",
     f"{WHERE}:5: provinces.63[0].standard: the standard short form is an abbreviation"),
    ("alias: Kalsel,", "alias: Sumatera Utara,", f"{WHERE}:5: provinces.63: 'Sumatera Utara' also names province 12"),
    ("standard: true, source: s1}", "standard: true, shared: true, source: s1}",
     f"{WHERE}:5: provinces.63[0].shared: a province alias cannot be shared"),
    ("standard: true,", "standard: yes please,", f"{WHERE}:5: provinces.63[0].standard: must be true or false"),
    ("regions:", "region:", f"{WHERE}:6: region: unknown section"),
])
def test_each_problem_is_located_with_its_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in VALID
    message = problems(tmp_path, VALID.replace(old, new, 1))
    assert expected in message, message
    assert "fix:" in message


def test_a_repeated_alias_names_the_first(tmp_path: Path) -> None:
    text = VALID + "    - {alias: hss, kind: abbreviation, source: s1}\n"
    assert f"{WHERE}:9: regions.63.06: 'hss' is listed twice (first at line 8)" in problems(tmp_path, text)


def test_a_second_standard_short_form(tmp_path: Path) -> None:
    text = VALID.replace("regions:", '    - {alias: KS, kind: abbreviation, standard: true, source: s1}\nregions:')
    assert f"{WHERE}:6: provinces.63: a second standard short form (first at line 5)" in problems(tmp_path, text)


def test_an_unused_source(tmp_path: Path) -> None:
    text = VALID.replace("provinces:", '  s2: {url: "https://example.org/b", publisher: B}\nprovinces:')
    assert f"{WHERE}:3: sources.s2: is not used by any alias" in problems(tmp_path, text)


def test_two_regions_of_one_province_may_not_share_an_alias(tmp_path: Path) -> None:
    text = VALID + '  "63.07":\n    - {alias: HSS, kind: abbreviation, source: s1}\n'
    message = problems(tmp_path, text)
    assert f"{WHERE}:8: regions.63.06: 'HSS' also names Kabupaten Hulu Sungai Tengah in the same province" in message
    assert f"{WHERE}:10: regions.63.07: 'HSS' also names Kabupaten Hulu Sungai Selatan in the same province" \
        in message


def test_an_alias_shared_across_provinces_is_allowed_and_reported_ambiguous(tmp_path: Path) -> None:
    text = VALID.replace("alias: HSS, kind: abbreviation, source: s1}",
                         "alias: Bogor, kind: abbreviation, source: s1, shared: true}")
    aliases = load_text(tmp_path, text)
    index = NameIndex(REGISTRY, aliases)
    found = index.match("Bogor")
    assert found.region is None and "ambiguous" in found.reason
    assert {r.code for r in found.candidates} == {"32.01", "32.71", "63.06"}
    assert index.match("Bogor", None, "Kalsel").region == REGISTRY.regions["63.06"]
    assert index.match("Bogor", Level.KOTA).region == REGISTRY.regions["32.71"]


def test_bad_yaml_is_located(tmp_path: Path) -> None:
    assert f"{WHERE}:8: invalid YAML" in problems(tmp_path, VALID.replace("HSS,", "HSS: x,"))


def test_names_without_aliases_still_match(tmp_path: Path) -> None:
    index = NameIndex(REGISTRY, load_text(tmp_path, VALID))
    assert index.match("Kukar").region is None
    for region in REGISTRY.regencies:
        assert index.match(region.name).region == region
        assert key(short_name(region)) in index.by_key
