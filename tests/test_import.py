"""`uhc-awards import`: spreadsheets -> records, in place, re-runnable, never guessing."""

from __future__ import annotations

import csv
import datetime as dt
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from generator.importing.match import NameIndex
from generator.importing.rows import recipient_from_notes
from generator.judge.dataset import load_dataset
from generator.model import Figure
from generator.read.aliasfile import load_aliases
from generator.read.regions import load_registry
from generator.vocabulary import Basis, Level, Status, Tier
from tests import workbooks as wb
from tests.helpers import copy_project, run_cli, tree_bytes, write_record

REPO = Path(__file__).resolve().parent.parent
HEADER = "year,level,name,province,tier,basis,basis_note,coverage,activity,source_url,notes\n"
# Generated test rows (placeholder URLs), not real award data.
SHEET = HEADER + """\
2026,kabupaten,Kab. Balangan,Kalsel,utama,stated,,99.5,96.1,https://example.org/t/1,received by Bupati Uji; cov 99.5%
2026,kota,Binjai,Sumut,,stated,,,,https://example.org/t/2,TIER NOT STATED; fixture
2026,kabupaten,Sampang,Jatim,madya,,,,,https://example.org/t/3,fixture
2026,kabupaten,Sampang,Jawa Timur,utama,,,,,https://example.org/t/4,CONFLICT fixture
2026,kota,Tanjungpinang,Kepri,none,stated,,,,https://example.org/t/5,NOT AWARDED: fixture
2026,kabupaten,Seluma,Bengkulu,pratama,inferred,Tidak disebut namanya.,,,https://example.org/t/6,INFERRED: fixture
2026,PROVINSI,Kalimantan Selatan,Kalimantan Selatan,madya,Stated,,,,https://example.org/t/7,fixture
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p", with_awards=False)


def _import(project: Path, sheet: Path, year: int = 2026) -> int:
    return run_cli(project, "import", str(sheet), "--year", str(year))


def test_import_creates_records_that_load(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert _import(project, sheet) == 0
    ds = load_dataset(project)
    balangan = ds.entry("63.11", 2026).record
    assert balangan is not None and balangan.tier is Tier.UTAMA
    assert balangan.recipient == "Bupati Uji"
    assert (balangan.metrics.coverage, balangan.metrics.activity) == (Figure(99.5), Figure(96.1))
    assert balangan.sources[0].url == "https://example.org/t/1" and balangan.sources[0].publisher == "example.org"
    binjai = ds.entry("12.75", 2026).record
    assert binjai is not None and binjai.awarded and binjai.tier is None
    sampang = ds.entry("35.27", 2026).record
    assert sampang is not None and sampang.basis is Basis.DISPUTED
    assert [(s.url, s.tier) for s in sampang.sources] == [("https://example.org/t/3", Tier.MADYA),
                                                         ("https://example.org/t/4", Tier.UTAMA)]
    tanjungpinang = ds.entry("21.72", 2026).record
    assert tanjungpinang is not None and not tanjungpinang.awarded and tanjungpinang.tier is None
    seluma = ds.entry("17.05", 2026).record
    assert seluma is not None and seluma.basis is Basis.INFERRED and seluma.basis_note
    assert ds.entry("63", 2026).record.tier is Tier.MADYA  # type: ignore[union-attr]
    assert balangan.notes is None and balangan.research_notes == "received by Bupati Uji; cov 99.5%"


def test_figures_come_only_from_their_columns(project: Path, tmp_path: Path) -> None:
    """Notes saying 'coverage 99.5%' give no figure: only the coverage/activity/pemda_share columns do."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("name,level,province,tier,basis,source_url,notes\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/1,coverage 99.5%, active 96.1%\n",
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None and not record.metrics.any_percentage

def test_reimport_changes_nothing_and_keeps_hand_edits(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert _import(project, sheet) == 0
    awards = project / "data" / "awards"
    first = tree_bytes(awards)
    assert _import(project, sheet) == 0
    assert tree_bytes(awards) == first  # byte for byte
    record = next(awards.glob("2026/63.11-*.yaml"))
    edited = ("# checked against the BPJS list by hand\n" + record.read_text(encoding="utf-8")
              + "gates:\n  uhc_prioritas: true\n")
    edited = edited.replace("  coverage: 99.5\n", "  coverage: 99.5  # from the page\n  pemda_share: 19.2\n")
    record.write_text(edited, encoding="utf-8")
    assert _import(project, sheet) == 0
    assert record.read_text(encoding="utf-8") == edited
    data = yaml.safe_load(edited)
    assert data["gates"] == {"uhc_prioritas": True} and data["metrics"]["pemda_share"] == 19.2


def test_a_changed_sheet_updates_the_record_in_place(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert _import(project, sheet) == 0
    record = next((project / "data" / "awards").glob("2026/12.75-*.yaml"))
    record.write_text("# a comment that must survive\n" + record.read_text(encoding="utf-8"), encoding="utf-8")
    sheet.write_text(SHEET.replace("Binjai,Sumut,,stated", "Binjai,Sumut,pratama,stated"),
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# a comment that must survive\n") and "tier: pratama" in text
    assert load_dataset(project).entry("12.75", 2026).record.tier is Tier.PRATAMA  # type: ignore[union-attr]


def test_unmatched_rows_are_reported_with_lines_and_nothing_is_written(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text(HEADER + "2026,kota,Binjai,Sumut,pratama,stated,,,,https://example.org/t/1,ok\n"
                     "2026,kabupaten,Atlantis,Kalsel,utama,stated,,,,https://example.org/t/2,x\n"
                     "2026,,Bogor,,madya,stated,,,,https://example.org/t/3,x\n"
                     "2026,kota,Binjai,Sumut,pratama,stated,,,,javascript:alert(1),x\n", encoding="utf-8")
    assert _import(project, sheet) == 1
    err = capsys.readouterr().err
    assert "bad.csv:3: name: cannot match 'Atlantis'" in err
    assert "bad.csv:4: name: cannot match 'Bogor'" in err and "ambiguous" in err
    assert "bad.csv:5: source_url: 'javascript:alert(1)' is not an http(s) address" in err
    assert not list((project / "data" / "awards").rglob("*.yaml"))


def test_xlsx_import(project: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in csv.reader(SHEET.splitlines()):
        sheet.append(row)
    path = tmp_path / "official.xlsx"
    book.save(path)
    assert _import(project, path) == 0
    ds = load_dataset(project)
    assert ds.entry("63.11", 2026).record.tier is Tier.UTAMA  # type: ignore[union-attr]
    assert len(ds.records(2026)) == 6


def test_every_shipped_sheet_row_has_its_sourced_record() -> None:
    """The real data: every row of data/import/ is in data/awards/, linking the row's source."""
    ds = load_dataset(REPO)
    registry = load_registry(REPO / "data" / "regions")
    index = NameIndex(registry, load_aliases(REPO / "data" / "aliases.yaml", REPO, registry))
    rows = 0
    for sheet in sorted((REPO / "data" / "import").glob("*.csv")):
        with sheet.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                rows += 1
                region = index.match(row["name"], Level(row["level"]), row["province"]).region
                assert region is not None, row
                record = ds.entry(region.code, int(row["year"])).record
                assert record is not None, row
                assert row["source_url"] in [s.url for s in record.sources], row
                expected = {"": Status.AWARDED, "none": Status.NOT_AWARDED}[row["tier"]] \
                    if row["tier"] in ("", "none") else Status(row["tier"])
                if record.basis is not Basis.DISPUTED:
                    assert record.status is expected, row
    assert rows >= 290


def test_reimporting_the_shipped_sheets_changes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    before = tree_bytes(project / "data" / "awards")
    sheets = sorted((REPO / "data" / "import").glob("*.csv"))
    for year in (2026, 2024, 2023):
        assert run_cli(project, "import", *map(str, sheets), "--year", str(year)) == 0
    assert tree_bytes(project / "data" / "awards") == before


@pytest.mark.parametrize(("notes", "recipient"), [
    ("received by Wali Kota Fixture", "Wali Kota Fixture"),
    ("received at JIExpo by Bupati Fixture; coverage 99%", "Bupati Fixture"),
    ("received by Bupati Fixture from Menko PM Fixture", "Bupati Fixture"),
    ("received by Sekda Fixture for the Bupati; x", "Sekda Fixture mewakili Bupati"),
    ("received by Kadinkes Fixture on behalf of Bupati Fixture", "Kadinkes Fixture mewakili Bupati Fixture"),
    ("received by Wabup Fixture on 27 Jan 2026", "Wabup Fixture"),
    ("received by Bupati Fixture with Kadinkes Fixture; x", "Bupati Fixture bersama Kadinkes Fixture"),
    ("received by Wali Kota Fixture (with a BPJS head) at JIExpo; x", "Wali Kota Fixture"),
    ("coverage 99%; no recipient named", ""),
])
def test_recipient_from_notes_is_the_name_only_in_indonesian(notes: str, recipient: str) -> None:
    """The compiler's English notes name who received the award; the page shows that name in Indonesian words,
    without the place, date or source that follow it in the note."""
    assert recipient_from_notes(notes) == recipient


# The regular expression the import used before: quadratic on long notes (96 s for 130,000 characters).
_OLD_RECIPIENT = re.compile(r"\breceived (?:at [^;]*? )?by ([^;(]+?)(?: (?:from|at|on(?! behalf)) [^;]*| ?\([^;]*)?"
                            r"(?:;|$)")
_WORDS = ((" on behalf of ", " mewakili "), (" for ", " mewakili "), (" with ", " bersama "), (" the ", " "))
_TOKENS = ["received ", "by ", "at ", "on ", "behalf ", "from ", "(", ")", ";", "X ", "Bupati ", " ", "for ", "the ",
           "a", "xreceived ", "\n"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=10))
def test_linear_recipient_reading_agrees_with_the_old_expression(tokens: list[str]) -> None:
    notes = "".join(tokens)
    found = _OLD_RECIPIENT.search(notes)
    expected = found.group(1).strip() if found else ""
    for english, indonesian in _WORDS:
        expected = expected.replace(english, indonesian)
    assert recipient_from_notes(notes) == expected


def test_recipient_reading_is_linear() -> None:
    notes = "received at " + "x " * 65_000  # 130,000 characters: the old expression took 96 s
    started = time.perf_counter()
    assert recipient_from_notes(notes) == ""
    assert recipient_from_notes(notes + "by Bupati Uji from y") == "Bupati Uji"
    assert time.perf_counter() - started < 0.5


def _xlsx(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    return path


ROW = ["Balangan", "kabupaten", "Kalimantan Selatan", "utama", "stated", "https://example.org/t/1"]


def test_a_tier_merged_over_three_rows_counts_for_all_three(project: Path, tmp_path: Path) -> None:
    def merge(book: object) -> None:
        book["Daftar"].merge_cells("D2:D4")  # type: ignore[index]
    rows = [ROW, ["Binjai", "kota", "Sumatera Utara", None, "stated", "https://example.org/t/2"],
            ["Tabalong", "kabupaten", "Kalimantan Selatan", None, "stated", "https://example.org/t/3"]]
    assert _import(project, _xlsx(tmp_path, wb.book(("Daftar", [wb.HEADER, *rows]), edit=merge))) == 0
    ds = load_dataset(project)
    assert [ds.entry(code, 2026).record.tier for code in ("63.11", "12.75", "63.09")] == [Tier.UTAMA] * 3  # type: ignore[union-attr]


def test_only_the_visible_sheet_is_read_and_the_hidden_one_is_named(project: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    draft = ["Binjai", "kota", "Sumatera Utara", "utama", "stated", "https://example.org/t/9"]
    book = wb.book(("Draft", [wb.HEADER, draft]), ("Daftar", [wb.HEADER, ROW]), hidden=["Draft"])
    assert _import(project, _xlsx(tmp_path, book)) == 0
    assert "hidden sheet 'Draft' left out (only visible sheets are read)" in capsys.readouterr().out
    ds = load_dataset(project)
    assert ds.entry("63.11", 2026).record is not None and ds.entry("12.75", 2026).record is None


def test_sheet_option_chooses_among_visible_sheets(project: Path, tmp_path: Path) -> None:
    other = ["Binjai", "kota", "Sumatera Utara", "madya", "stated", "https://example.org/t/2"]
    book = _xlsx(tmp_path, wb.book(("A", [wb.HEADER, ROW]), ("B", [wb.HEADER, other])))
    assert run_cli(project, "import", str(book), "--year", "2026", "--sheet", "B") == 0
    ds = load_dataset(project)
    assert ds.entry("12.75", 2026).record is not None and ds.entry("63.11", 2026).record is None


@pytest.mark.parametrize(("name", "level", "code"), [("Jambi", "Provinsi", "15"), ("Jambi", "KOTA", "15.71"),
                                                      ("Provinsi Jambi", "", "15"), ("Kota Jambi", " kota ", "15.71"),
                                                      ("Kalsel", "", "63")])
def test_a_province_row_goes_to_the_province_and_levels_ignore_case(project: Path, tmp_path: Path, name: str,
                                                                      level: str, code: str) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(f"name,level,tier,basis,source_url\n{name},{level},madya,stated,https://example.org/t/1\n",
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    assert [r.region_code for r in load_dataset(project).records()] == [code]


def test_year_cells_number_or_text_and_rows_of_other_years_are_named(project: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[*ROW, 2026.0, dt.datetime(2026, 1, 27)], ["Binjai", "kota", "Sumatera Utara", "madya", "stated",
                                                        "https://example.org/t/2", "2024", None]]
    book = wb.book(("Daftar", [[*wb.HEADER, "year", "date"], *rows]))
    assert _import(project, _xlsx(tmp_path, book)) == 0
    assert "book.xlsx[Daftar]: 1 row of 2024 left out (import them with --year 2024)" in capsys.readouterr().out
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None and record.sources[0].date == dt.date(2026, 1, 27)
    assert run_cli(project, "import", str(tmp_path / "book.xlsx"), "--year", "2024") == 0
    assert load_dataset(project).entry("12.75", 2024).record is not None


def test_existing_records_keep_their_basis_and_texts_unless_the_sheet_gives_them(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,level,province,tier,basis,recipient,coverage,source_url\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,Bupati Uji,99.5,https://example.org/t/1\n",
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    record = next((project / "data" / "awards").glob("2026/63.11-*.yaml"))
    record.write_text(record.read_text(encoding="utf-8").replace("Bupati Uji", "Bupati Uji (disunting)")
                      .replace("coverage: 99.5", "coverage: 99.6"), encoding="utf-8")
    sheet.write_text("name,level,province,tier,recipient,coverage,source_url\n"  # no basis column
                     "Balangan,kabupaten,Kalsel,utama,Bupati Lain,98,https://example.org/t/1\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    kept = load_dataset(project).entry("63.11", 2026).record
    assert kept is not None and kept.basis is Basis.STATED and kept.recipient == "Bupati Uji (disunting)"
    assert kept.metrics.coverage == Figure(99.6)
    sheet.write_text("name,level,province,tier,basis,basis_note,source_url\nBalangan,kabupaten,Kalsel,utama,inferred,"
                     "Disimpulkan dari daftar penerima.,https://example.org/t/1\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    changed = load_dataset(project).entry("63.11", 2026).record
    assert changed is not None and changed.basis is Basis.INFERRED and changed.basis_note


def test_texts_yaml_would_read_as_something_else_are_quoted(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,level,province,tier,basis,recipient,publisher,source_url\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,yes,2026-01-27,https://example.org/t/1\n",
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None and record.recipient == "yes" and record.sources[0].publisher == "2026-01-27"


def test_two_rows_with_different_tiers_make_a_disputed_record(project: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,level,province,tier,source_url\nSampang,kabupaten,Jatim,madya,https://example.org/t/3\n"
                     "Sampang,kabupaten,Jatim,utama,https://example.org/t/4\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    record = load_dataset(project).entry("35.27", 2026).record
    assert record is not None and record.basis is Basis.DISPUTED
    assert [s.tier for s in record.sources] == [Tier.MADYA, Tier.UTAMA]


@pytest.mark.parametrize("text", ["a." * 32_000, "a-" * 32_000, "AAAA " * 13_000, ". AB" * 16_000])
def test_texts_from_sheets_are_checked_in_linear_time(text: str) -> None:
    """The reader-text rules run on every imported recipient and basis note: 64,000 characters in well under a
    second (the web-address rule was quadratic: 'a.' * 2000 took 0.2 s, * 32,000 about a minute)."""
    from generator.read.texts import reader_problem

    started = time.perf_counter()
    reader_problem(text)
    assert time.perf_counter() - started < 0.5


def _record_text(project: Path, code: str) -> str:
    return next((project / "data" / "awards").glob(f"2026/{code}-*.yaml")).read_text(encoding="utf-8")


def test_two_rows_with_one_date_write_no_yaml_anchor(project: Path, tmp_path: Path) -> None:
    """Two rows of one region with the same date cell: the two sources get the date written out twice (an
    anchor and alias, which the loader refuses, made the import fail)."""
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,level,province,tier,basis,date,source_url\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,2026-01-27,https://example.org/t/1\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,2026-01-27,https://example.org/t/2\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    text = _record_text(project, "63.11")
    assert "&" not in text and "*" not in text and text.count("date: 2026-01-27") == 2
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None and [s.date for s in record.sources] == [dt.date(2026, 1, 27)] * 2


def test_new_fields_of_an_existing_record_go_in_the_documented_order(project: Path, tmp_path: Path) -> None:
    """A hand-written record gains a recipient, a tier and figures from a sheet: each goes where
    data/awards/README.md puts it, not after the record's last field."""
    write_record(project, "2026/63.11-kabupaten-balangan.yaml", """
        region: "63.11"
        year: 2026
        awarded: true
        basis: stated
        sources:
          - url: https://example.org/t/1
            publisher: GENERATED TEST FIXTURE
        notes: Catatan uji (generated fixture).
        research_notes: written by hand (generated fixture)
        """)
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,level,province,tier,recipient,coverage,as_of,source_url\n"
                     "Balangan,kabupaten,Kalsel,utama,Bupati Uji,99.5,2025-12-31,https://example.org/t/1\n",
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    data = yaml.safe_load(_record_text(project, "63.11"))
    assert list(data) == ["region", "year", "awarded", "tier", "basis", "recipient", "metrics", "sources", "notes",
                          "research_notes"]
    assert list(data["metrics"]) == ["coverage", "as_of"]


def test_a_percent_formatted_cell_is_read_as_the_percentage_it_shows(project: Path, tmp_path: Path) -> None:
    """Shown 99.81 %, stored 0.9981: the record says coverage 99.81 (and 95 for a '0%' cell holding 0.95)."""
    def formats(book: object) -> None:
        sheet = book["Daftar"]  # type: ignore[index]
        sheet["G2"].number_format, sheet["H2"].number_format = "0.00%", "0%"
    book = wb.book(("Daftar", [[*wb.HEADER, "coverage", "activity", "pemda_share"], [*ROW, 0.9981, 0.95, 18.5]]),
                   edit=formats)
    assert _import(project, _xlsx(tmp_path, book)) == 0
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None
    assert (record.metrics.coverage, record.metrics.activity, record.metrics.pemda_share) == (
        Figure(99.81), Figure(95.0), Figure(18.5))


def test_the_sources_that_give_the_answer_come_first(project: Path, tmp_path: Path) -> None:
    """The page shows the first source as the answer's: a new record whose first row names no tier, and an
    existing record whose tier a sheet names for the first time, list the source that states the tier first."""
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,level,province,tier,basis,source_url\n"
                     "Balangan,kabupaten,Kalsel,,stated,https://example.org/t/1\n"
                     "Balangan,kabupaten,Kalsel,madya,stated,https://example.org/t/2\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    write_record(project, "2026/12.75-kota-binjai.yaml", """
        region: "12.75"
        year: 2026
        awarded: true
        basis: stated
        sources:
          - url: https://example.org/t/8  # says awarded, names no tier
            publisher: GENERATED TEST FIXTURE
        """)
    write_record(project, "2026/63.09-kabupaten-tabalong.yaml", """
        region: "63.09"
        year: 2026
        metrics:
          coverage: 99.1
        sources:
          - url: https://example.org/t/7
            publisher: GENERATED TEST FIXTURE (figures only)
        """)
    sheet.write_text("name,level,province,tier,basis,source_url\n"
                     "Binjai,kota,Sumut,pratama,stated,https://example.org/t/9\n"
                     "Tabalong,kabupaten,Kalsel,utama,stated,https://example.org/t/6\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    ds = load_dataset(project)
    found = {code: ds.entry(code, 2026).record for code in ("63.11", "12.75", "63.09")}
    assert [s.url[-3:] for s in found["63.11"].sources] == ["t/2", "t/1"]  # type: ignore[union-attr]
    assert found["63.11"].tier is Tier.MADYA  # type: ignore[union-attr]
    assert [s.url[-3:] for s in found["12.75"].sources] == ["t/9", "t/8"]  # type: ignore[union-attr]
    assert found["12.75"].tier is Tier.PRATAMA  # type: ignore[union-attr]
    assert "- url: https://example.org/t/8  # says awarded, names no tier" in _record_text(project, "12.75")
    assert [s.url[-3:] for s in found["63.09"].sources] == ["t/6", "t/7"]  # type: ignore[union-attr]
    assert found["63.09"].status is Status.UTAMA  # type: ignore[union-attr]


def test_a_disputed_record_takes_each_new_source_with_its_own_tier(project: Path, tmp_path: Path) -> None:
    write_record(project, "2026/35.27-kabupaten-sampang.yaml", """
        region: "35.27"
        year: 2026
        awarded: true
        tier: madya
        basis: disputed
        basis_note: Sumber berbeda (generated fixture).
        sources:
          - {url: "https://example.org/t/3", publisher: FIXTURE A, tier: madya}
          - {url: "https://example.org/t/4", publisher: FIXTURE B, tier: utama}
        """)
    sheet = tmp_path / "s.csv"
    sheet.write_text("name,level,province,tier,basis,source_url\n"
                     "Sampang,kabupaten,Jatim,utama,stated,https://example.org/t/5\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    record = load_dataset(project).entry("35.27", 2026).record
    assert record is not None and record.basis is Basis.DISPUTED and record.tier is Tier.MADYA
    assert [(s.url[-3:], s.tier) for s in record.sources] == [("t/3", Tier.MADYA), ("t/4", Tier.UTAMA),
                                                             ("t/5", Tier.UTAMA)]


def test_how_a_page_relates_to_the_other_sources_is_imported(project: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """`independent` (yes) and `copy_of` become the source's fields; a later row of a known page fills them where
    the source has neither, and a hand-written relation wins."""
    sheet = tmp_path / "sheet.csv"
    head = "name,level,province,tier,basis,source_url,independent,copy_of\n"
    sheet.write_text(head +
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/1,,\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/2,yes,\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/3,no,https://example.org/t/1\n",
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None
    assert [(s.independent, s.copy_of) for s in record.sources] == [
        (False, None), (True, None), (False, "https://example.org/t/1")]
    # the first page turns out to repeat the third's release: a row of that page says so
    sheet.write_text(sheet.read_text(encoding="utf-8") +
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/1,no,https://example.org/t/3\n",
                     encoding="utf-8")
    assert _import(project, sheet) == 0
    path = next((project / "data" / "awards").glob("2026/63.11-*.yaml"))
    assert "    copy_of: https://example.org/t/3\n" in path.read_text(encoding="utf-8")
    edited = path.read_text(encoding="utf-8").replace("    independent: true\n", "    copy_of: https://example.org/t/1\n")
    path.write_text(edited, encoding="utf-8")
    assert _import(project, sheet) == 0 and path.read_text(encoding="utf-8") == edited  # the hand edit wins


def test_a_page_marked_figures_only_by_hand_gets_no_relation_from_a_sheet(project: Path, tmp_path: Path) -> None:
    """A page found to back only the figures (figures_only: true, written by hand) is not made `independent`
    again by a later import of a sheet whose row still says yes: the record stays as edited, and valid."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("name,level,province,tier,basis,source_url,independent,copy_of\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/1,,\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/2,yes,\n", encoding="utf-8")
    assert _import(project, sheet) == 0
    path = next((project / "data" / "awards").glob("2026/63.11-*.yaml"))
    edited = path.read_text(encoding="utf-8").replace("    independent: true\n", "    figures_only: true\n")
    assert edited != path.read_text(encoding="utf-8")
    path.write_text(edited, encoding="utf-8")
    assert _import(project, sheet) == 0 and path.read_text(encoding="utf-8") == edited
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None and [(s.independent, s.figures_only) for s in record.sources] == [
        (False, False), (False, True)]


@pytest.mark.parametrize(("cells", "message"), [
    ("maybe,", "independent: unknown value 'maybe'"),
    ("no,", "copy_of: is empty, but the independent column says no"),
    ("yes,https://example.org/t/1", "independent: says yes, but copy_of names a source it repeats"),
    (",https://example.org/t/9", "copy_of: 'https://example.org/t/9' is not the url of another source of this record"),
])
def test_a_relation_the_record_cannot_hold_is_refused_at_its_row(project: Path, tmp_path: Path, cells: str,
                                                                message: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("name,level,province,tier,basis,source_url,independent,copy_of\n"
                     "Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/1,,\n"
                     f"Balangan,kabupaten,Kalsel,utama,stated,https://example.org/t/2,{cells}\n", encoding="utf-8")
    assert _import(project, sheet) == 1
    err = capsys.readouterr().err
    assert f"sheet.csv:3: {message}" in err, err
    assert not list((project / "data" / "awards").rglob("*.yaml"))
