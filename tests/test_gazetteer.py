"""data/gazetteer.yaml: the shipped file loads (every kabupaten's seat, every province's capital and English
name, the towns), and each rule of data/gazetteer-README.md is enforced: the problem reported at file:line with
its field and a fix. Each case edits the shipped file, so that it is the only problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataError
from generator.read.aliasfile import load_aliases
from generator.read.gazetteer import Gazetteer, PlaceKind
from generator.read.gazetteerfile import load_gazetteer
from generator.read.regions import load_registry
from generator.vocabulary import Level

REPO = Path(__file__).resolve().parent.parent
WHERE = "data/gazetteer.yaml"
SHIPPED = (REPO / WHERE).read_text(encoding="utf-8")
REGISTRY = load_registry(REPO / "data" / "regions")
ALIASES = load_aliases(REPO / "data" / "aliases.yaml", REPO, REGISTRY)
WAMENA = '  "95.01":  # Kabupaten Jayawijaya\n    seat: Wamena\n    source: emsifa-95\n'
EMPAT_LAWANG = ('  "16.11":  # Kabupaten Empat Lawang\n    seat: Tebing Tinggi\n    source: emsifa-16\n'
                '    shared: true\n')


def line_of(text: str, snippet: str) -> int:
    """The line (1-based) where snippet starts in the shipped file."""
    assert text.count(snippet) == 1, snippet
    start = text.index(snippet) + len(snippet) - len(snippet.lstrip("\n"))
    return text[:start].count("\n") + 1


def load(tmp_path: Path, text: str) -> Gazetteer:
    path = tmp_path / "data" / "gazetteer.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_gazetteer(path, tmp_path, REGISTRY, ALIASES)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    return [str(p) for p in caught.value.problems]


# --- the shipped file ---------------------------------------------------------------------------------------

GAZETTEER = load_gazetteer(REPO / WHERE, REPO, REGISTRY, ALIASES)


def test_every_kabupaten_has_its_seat_and_every_province_its_capital_and_english_name() -> None:
    kabupaten = {r.code for r in REGISTRY.regencies if r.level is Level.KABUPATEN}
    assert set(GAZETTEER.seats) == kabupaten and len(kabupaten) == 416
    assert set(GAZETTEER.capitals) == set(GAZETTEER.english) == {p.code for p in REGISTRY.provinces}
    assert GAZETTEER.seat("95.01") == "Wamena" and GAZETTEER.seat("63") == "Banjarbaru"
    assert GAZETTEER.seat("63.71") is None  # a kota is its own seat
    assert GAZETTEER.english_names("73") == ("South Sulawesi", "South Celebes")
    assert GAZETTEER.town_names("51.03")[:2] == ("Kuta", "Nusa Dua")
    assert sum(len(t) for t in GAZETTEER.towns.values()) >= 36
    for places in (GAZETTEER.seats.values(), *GAZETTEER.english.values(), *GAZETTEER.towns.values()):
        for place in places:
            assert GAZETTEER.sources[place.source_id].url.startswith(("https://", "http://"))


def test_places_that_lead_to_a_region() -> None:
    assert GAZETTEER.places("95.01", "Jayawijaya") == (("Wamena", PlaceKind.SEAT),)  # and the capital of 95, once
    assert GAZETTEER.places("76.02", "Mamuju") == ()  # its seat (and the capital of 76) is its own name
    assert GAZETTEER.places("82.72", "Tidore Kepulauan") == (("Sofifi", PlaceKind.CAPITAL),)
    assert GAZETTEER.places("32", "Jawa Barat") == (("West Java", PlaceKind.ENGLISH),)
    assert GAZETTEER.places("11.06", "Aceh Besar") == (("Kota Jantho", PlaceKind.SEAT),)  # 'Kota' is its name


def test_shared_names_are_the_ones_the_readme_lists() -> None:
    shared = {p.name for places in (GAZETTEER.seats.values(), *GAZETTEER.towns.values()) for p in places if p.shared}
    shared |= {c.place.name for c in GAZETTEER.capitals.values() if c.place.shared}
    assert shared == {"Tebing Tinggi", "Banggai", "Benteng", "Martapura", "Sukadana", "Parigi", "Tanjung", "Kuta",
                      "Bandung", "Semarang", "Serang", "Kupang", "Gorontalo", "Jayapura", "Sorong"}


def test_the_import_never_reads_it() -> None:
    """A spreadsheet row that says "Wamena" is a row to fix by hand, not a row for Jayawijaya."""
    for path in (REPO / "generator" / "importing").glob("*.py"):
        assert "gazetteer" not in path.read_text(encoding="utf-8"), path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_gazetteer(tmp_path / "data" / "gazetteer.yaml", tmp_path, REGISTRY, ALIASES)
    assert f"{WHERE}: not found" in str(caught.value) and "fix:" in str(caught.value)


# --- each rule, at file:line with the field and a fix ----------------------------------------------------------

CASES = [
    # 1. sections and fields
    ("\nseats:\n", "\nextra: {}\nseats:\n", "{line}: extra: unknown section", "\nseats:\n"),
    (WAMENA, WAMENA + "    population: 1\n", "{line+3}: seats.95.01.population: unknown field", WAMENA),
    ("    english:\n      - {name: West Java,", "    english_name:\n      - {name: West Java,",
     "{line}: provinces.32.english_name: unknown field", "    english:\n      - {name: West Java,"),
    # 2. codes: in quotes, known, the comment naming the region
    (WAMENA, WAMENA.replace('"95.01"', "95.01"), "{line}: 95.01: a code must be written in quotes", WAMENA),
    (WAMENA, WAMENA.replace("Jayawijaya", "Yahukimo"),
     "{line}: 95.01: the comment says 'Kabupaten Yahukimo', the registry 'Kabupaten Jayawijaya'", WAMENA),
    ('region: "95.01", source: windonesia', 'region: "95.02", source: windonesia',
     "{line}: 95.02: the comment says 'Kabupaten Jayawijaya', the registry 'Kabupaten Pegunungan Bintang'",
     'region: "95.01", source: windonesia'),
    (WAMENA, WAMENA.replace('"95.01":  # Kabupaten Jayawijaya', '"95.99":'),
     "{line}: seats.95.99: unknown kabupaten/kota code '95.99'", WAMENA),
    # 3. a code twice in a section
    (WAMENA, WAMENA + WAMENA, "{line+3}: duplicate key '95.01' (first at line {line})", WAMENA),
    # 4. seats: exactly the kabupaten
    (WAMENA, WAMENA + '  "95.71":\n    seat: Wamena\n    source: emsifa-95\n',
     "{line+3}: seats.95.71: unknown kabupaten/kota code '95.71'", WAMENA),
    (WAMENA, WAMENA + '  "63.71":\n    seat: Banjarmasin\n    source: emsifa-95\n',
     "{line+3}: seats.63.71: Kota Banjarmasin is a kota: a kota is its own seat", WAMENA),
    (WAMENA, WAMENA + '  "95":\n    seat: Wamena\n    source: emsifa-95\n',
     "{line+3}: seats.95: Papua Pegunungan is a province: its capital and English names go under provinces:", WAMENA),
    (WAMENA, "", "{line}: seats: the seat is missing for 95.01 Kabupaten Jayawijaya", "\nseats:\n"),
    (WAMENA, WAMENA.replace("seat: Wamena", 'seat: ""'), "{line+1}: seats.95.01.seat: is empty", WAMENA),
    # 5. provinces: all, a capital in the province, English names once
    ('  "64":  # Kalimantan Timur\n', '  "64":  # Kalimantan Timur\n    population: 1\n',
     "{line+1}: provinces.64.population: unknown field", '  "64":  # Kalimantan Timur\n'),
    ('    capital: {name: Banjarbaru, region: "63.72"', '    capital: {name: Banjarbaru, region: "64.72"',
     "{line}: provinces.63.capital.region: '64.72' is not a kabupaten/kota of 63",
     '    capital: {name: Banjarbaru, region: "63.72"'),
    ("      - {name: West Java, source: ipfs-west-java}\n",
     "      - {name: West Java, source: ipfs-west-java}\n      - {name: west  java, source: ipfs-west-java}\n",
     "{line+1}: provinces.32.english[1]: 'west  java' is listed twice",
     "      - {name: West Java, source: ipfs-west-java}\n"),
    ("      - {name: West Java, source: ipfs-west-java}\n", "      - {name: Kalsel, source: ipfs-west-java}\n",
     "{line}: provinces.32.english[0]: 'Kalsel' also names province 63 (Kalimantan Selatan)",
     "      - {name: West Java, source: ipfs-west-java}\n"),
    ("    english:\n      - {name: West Java, source: ipfs-west-java}\n", "    english: []\n",
     "{line}: provinces.32.english: must list at least one English name",
     "    english:\n      - {name: West Java, source: ipfs-west-java}\n"),
    # 6. towns
    ("    - {name: Ubud, source: enwiki-ubud}", "    - {name: Gianyar, source: enwiki-ubud}",
     "{line}: towns.51.04[0].name: 'Gianyar' is the region's own name", "    - {name: Ubud, source: enwiki-ubud}"),
    ("    - {name: Nusa Dua, source: lodaya-badung}", "    - {name: Mangupura, source: lodaya-badung}",
     "{line}: towns.51.03[1].name: 'Mangupura' is its seat", "    - {name: Nusa Dua, source: lodaya-badung}"),
    ("    - {name: Ubud, source: enwiki-ubud}", "    - {name: Bali, source: enwiki-ubud}",
     "{line}: towns.51.04[0].name: 'Bali' names a province", "    - {name: Ubud, source: enwiki-ubud}"),
    ("    - {name: Ubud, source: enwiki-ubud}\n", "    - {name: Ubud, source: enwiki-ubud}\n"
     "    - {name: UBUD, source: enwiki-ubud}\n", "{line+1}: towns.51.04: 'UBUD' is listed twice (first at line "
     "{line})", "    - {name: Ubud, source: enwiki-ubud}\n"),
    # 7. shared
    (EMPAT_LAWANG, EMPAT_LAWANG.replace("    shared: true\n", ""),
     "{line+1}: seats.16.11: 'Tebing Tinggi' also leads to Kota Tebing Tinggi", EMPAT_LAWANG),
    (WAMENA, WAMENA + "    shared: true\n",
     "{line+1}: seats.95.01: 'Wamena' is marked shared but leads to no other region", WAMENA),
    ("    - {name: Ubud, source: enwiki-ubud}", "    - {name: Kuta, source: enwiki-ubud}",
     "{line}: towns.51.04[0]: 'Kuta' also leads to Kabupaten Badung", "    - {name: Ubud, source: enwiki-ubud}"),
    # 8. sources
    (WAMENA, WAMENA.replace("emsifa-95", "emsifa-99"), "{line+2}: seats.95.01.source: unknown source 'emsifa-99'",
     WAMENA),
    (WAMENA, WAMENA + "    checked: [nowhere]\n", "{line+3}: seats.95.01.checked: must list source ids", WAMENA),
    ("  emsifa-95: {url: \"https://github.com", "  emsifa-95: {url: \"javascript:alert(1)//github.com",
     "{line}: sources.emsifa-95.url: ", "  emsifa-95: {url: \"https://github.com"),
    ("ipfs-west-java: {url: \"https://cloudflare-ipfs.com/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/"
     "West_Java.html\", publisher: Wikipedia (copy)}", "ipfs-west-java: {url: \"https://example.org/\", publisher: "
     "\"\"}", "{line}: sources.ipfs-west-java.publisher: is empty", "ipfs-west-java: {url:"),
    ("  ipfs-west-java: {", "  IPFS_west: {url: \"https://example.org/\", publisher: X}\n  ipfs-west-java: {",
     "{line}: sources.IPFS_west: is not a valid source id", "  ipfs-west-java: {"),
    ("  ipfs-west-java: {", "  spare: {url: \"https://example.org/\", publisher: X}\n  ipfs-west-java: {",
     "{line}: sources.spare: is not used by any entry", "  ipfs-west-java: {"),
    # 9. texts
    (WAMENA, WAMENA.replace("seat: Wamena", "seat: " + "W" * 61), "{line+1}: seats.95.01.seat: is 61 characters",
     WAMENA),
    (WAMENA, WAMENA.replace("seat: Wamena", 'seat: "Wam\\u0007ena"'),
     "{line+1}: seats.95.01.seat: contains U+0007 (control character) at character 4", WAMENA),
    (WAMENA, WAMENA.replace("seat: Wamena", "seat: Kota Wamena"),
     "{line+1}: seats.95.01.seat: 'Kota Wamena' starts with a level word (Kota)", WAMENA),
    ("    - {name: Ubud, source: enwiki-ubud}", "    - {name: Kabupaten Ubud, source: enwiki-ubud}",
     "{line}: towns.51.04[0].name: 'Kabupaten Ubud' starts with a level word", "    - {name: Ubud, source:"),
]


@pytest.mark.parametrize(("old", "new", "expected", "at"), CASES)
def test_each_rule_is_located_with_its_field_and_a_fix(tmp_path: Path, old: str, new: str, expected: str,
                                                       at: str | None) -> None:
    line = line_of(SHIPPED, at or old)
    text = SHIPPED.replace(old, new, 1)
    message = expected.replace("{line+3}", str(line + 3)).replace("{line+2}", str(line + 2)) \
        .replace("{line+1}", str(line + 1)).replace("{line}", str(line))
    found = problems(tmp_path, text)
    hits = [p for p in found if p.startswith(f"{WHERE}:{message}")]
    assert hits, "\n".join(found)
    assert all("\n    fix: " in p and len(p.split("fix: ")[1]) > 5 for p in found), found


def test_a_town_called_kota_is_allowed_when_its_note_names_it(tmp_path: Path) -> None:
    """Kota Jantho is a town's name; the same name without the note that says so is refused."""
    note = "    note: 'the town is called Kota Jantho: \"Kota\" is part of its name, not a level word'\n"
    assert note in SHIPPED
    assert load(tmp_path, SHIPPED).seat("11.06") == "Kota Jantho"
    assert any("'Kota Jantho' starts with a level word" in p for p in problems(tmp_path, SHIPPED.replace(note, "")))


def test_without_aliases_the_checks_against_them_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "data" / "gazetteer.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SHIPPED, encoding="utf-8")
    assert load_gazetteer(path, tmp_path, REGISTRY, None).seat("95.01") == "Wamena"
