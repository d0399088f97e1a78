"""Downloads: the XLSX opens and matches the CSV; the CSV opens in Excel (BOM); the basis is a documented
column; every region has its JSON record and every province its CSV; the bytes do not depend on the clock."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.judge.dataset import Dataset, load_dataset
from generator.outputs import exports
from generator.views import columns as cols
from generator.vocabulary import Basis, Status
from tests.test_golden import fixture_project


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(fixture_project(tmp_path_factory.mktemp("exports") / "p"))


@pytest.fixture(scope="module")
def files(ds: Dataset) -> dict[str, bytes]:
    return dict(exports.export_files(ds))


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # Excel in Indonesian locales reads UTF-8 with the BOM
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_xlsx_is_a_sheet_a_journalist_uses_at_once(ds: Dataset, files: dict[str, bytes]) -> None:
    """Opened with openpyxl: Indonesian headings, widths, the heading row frozen, a filter over every row and
    column, one column per source (links), and the same values as the CSV (codes shown as their words)."""
    rows = csv_rows(files["unduh/uhc-awards-2026.csv"])
    book = load_workbook(io.BytesIO(files["unduh/uhc-awards-2026.xlsx"]))
    assert book.sheetnames == ["UHC Awards 2026", "Keterangan"]
    sheet = book["UHC Awards 2026"]
    columns = [c for c in cols.columns(ds) if c.sheet]
    heads = [cell.value for cell in sheet[1]]
    assert heads == [c.header for c in columns]
    assert {"Tahun", "Wilayah", "Provinsi", "Status", "Dasar status", "Sumber 1: tautan", "Sumber 1: media",
            "Sumber 1: tanggal", "Sumber 2: tautan"} <= set(heads)
    assert not set(heads) & {"coverage_pct", "figures_contradict_tier", "basis", "source_urls"}  # no code names
    assert sheet.freeze_panes == "D2" and sheet.auto_filter.ref == f"A1:{get_column_letter(len(heads))}553"
    for index, column in enumerate(columns, start=1):  # equal widths side by side are stored as one range
        width = next(d.width for d in sheet.column_dimensions.values() if d.min <= index <= d.max)
        assert column.width <= width < column.width + 1, column.code
    assert sheet.max_row == len(rows) + 1 == 553
    for row, cells in zip(rows, sheet.iter_rows(min_row=2, values_only=True), strict=True):
        for column, cell in zip(columns, cells, strict=True):
            expected = row[column.code]
            if column.words and expected:
                expected = str(column.words(expected == "true" if expected in ("true", "false") else expected))
            if isinstance(cell, dt.datetime):
                cell = cell.date().isoformat()
            same = ("" if cell is None else str(cell)) == expected or isinstance(cell, int | float) and \
                float(expected) == cell
            assert same, (column.code, expected, cell, row["code"])
    balangan = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "63.11")
    by_head = dict(zip(heads, balangan, strict=True))
    assert by_head["Sumber 1: tautan"].hyperlink.target == "https://example.org/fixture/2026-63.11.yaml?a=1&b=2"
    assert by_head["Sumber 1: media"].value == "GENERATED TEST FIXTURE"
    assert by_head["Sumber 1: tanggal"].value == dt.datetime(2026, 1, 28)
    assert "yyyy" in by_head["Sumber 1: tanggal"].number_format
    assert (by_head["Status"].value, by_head["Dasar status"].value) == ("Madya", Basis.STATED.label)


def test_the_keterangan_sheet_explains_every_column_the_codes_the_licence_and_the_date(
        ds: Dataset, files: dict[str, bytes]) -> None:
    sheet = load_workbook(io.BytesIO(files["unduh/uhc-awards-2026.xlsx"]))["Keterangan"]
    cells = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    text = "\n".join(" | ".join(str(c) for c in row) for row in cells)
    for column in cols.columns(ds):
        assert [column.header if column.sheet else "(hanya CSV dan JSON)", column.code, column.explained] in cells
    for status in Status:
        assert [status.label, status.value, status.explained] in cells
    for basis in Basis:
        assert [basis.label, basis.value, basis.explained] in cells
    assert "ODbL" in text and "Data diperbarui | 1 Februari 2026" in text


def test_the_csv_keeps_code_names_and_one_column_per_source(ds: Dataset, files: dict[str, bytes]) -> None:
    data = files["unduh/uhc-awards-2026.csv"]
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == [c.code for c in cols.columns(ds)]
    assert header[:3] == ["year", "code", "name"] and "coverage_pct" in header and "source_1_url" in header
    most = max(len(r.sources) for r in ds.records())
    assert f"source_{most}_date" in header and f"source_{most + 1}_url" not in header
    rows = {r["code"]: r for r in csv_rows(data)}
    assert rows["63.11"]["source_1_url"] == "https://example.org/fixture/2026-63.11.yaml?a=1&b=2"
    assert rows["63.11"]["source_1_date"] == "2026-01-28"
    item = json.loads(files["unduh/uhc-awards-2026.json"])["rows"]
    assert set(item[0]) == {c.code for c in cols.COLUMNS} | {"sources"}


def test_basis_and_bounds_are_columns(files: dict[str, bytes]) -> None:
    rows = {r["code"]: r for r in csv_rows(files["unduh/uhc-awards-2026.csv"])}
    assert (rows["35.07"]["status"], rows["35.07"]["basis"], rows["35.07"]["basis_label"]) == (
        "none", "inferred", "disimpulkan")
    assert rows["35.07"]["activity_pct"] == "64.0" and rows["35.07"]["activity_bound"] == "<="
    assert (rows["63.11"]["basis"], rows["35.27"]["basis"]) == ("stated", "disputed")
    assert rows["11.02"]["status"] == "nodata" and rows["11.02"]["basis"] == ""
    assert rows["63.11"]["population_2025"] == "138950"
    assert (rows["14.01"]["status"], rows["14.01"]["coverage_pct"]) == ("nodata", "100.44")


def test_every_region_has_its_json_and_every_province_its_csv(ds: Dataset, files: dict[str, bytes]) -> None:
    for region in ds.registry.regions.values():
        record = json.loads(files[f"unduh/wilayah/{region.slug}.json"])
        assert record["code"] == region.code and len(record["editions"]) == len(ds.years)
        assert set(record["status_values"]) == {"utama", "madya", "pratama", "awarded", "none", "nodata"}
    for province in ds.registry.provinces:
        rows = csv_rows(files[f"unduh/provinsi/{province.slug}.csv"])
        assert len(rows) == len(ds.registry.children(province.code)) * len(ds.years)


def test_download_bytes_do_not_depend_on_the_clock(ds: Dataset, files: dict[str, bytes]) -> None:
    import time

    time.sleep(1.1)  # zip entries and document properties would carry the second they were written
    assert dict(exports.export_files(ds)) == files


def test_formulas_stay_text(tmp_path: Path) -> None:
    assert exports.cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and exports.cell(-5) == "-5"

    class Text(str):  # a str subclass takes the general path, with the same result
        pass

    for text in ("=1+1", "+62 811", "-x", "@SUM(A1)", "Kota Binjai", ""):
        expected = "'" + text if text[:1] in "=+-@" and text else text
        assert exports.cell(text) == exports.cell(Text(text)) == expected
    assert [exports.cell(v) for v in (None, True, False, -2.5, 0, dt.date(2026, 1, 27))] == \
        ["", "true", "false", "-2.5", "0", "2026-01-27"]


def test_the_change_since_the_edition_before_is_a_documented_column(ds: Dataset, files: dict[str, bytes]) -> None:
    rows = {r["code"]: r for r in csv_rows(files["unduh/uhc-awards-2026.csv"])}
    assert (rows["63.11"]["change"], rows["63.11"]["change_label"]) == ("up", "Naik dari Pratama (2024)")
    assert (rows["35.07"]["change"], rows["35.07"]["change_label"]) == (
        "not-comparable", "Tidak dapat dibandingkan: belum ada data 2024")
    assert rows["11.02"]["change"] == rows["11.02"]["change_label"] == ""  # no 2026 answer: no change
    first = csv_rows(files[f"unduh/uhc-awards-{ds.years[-1]}.csv"])
    assert {r["change"] for r in first} == {""}  # the first edition of the data has nothing before it
    legend = json.loads(files["unduh/uhc-awards-2026.json"])
    assert set(legend["change_values"]) == {"up", "down", "same", "new", "ended", "not-comparable"}
    item = next(r for r in legend["rows"] if r["code"] == "63.11")
    assert (item["change"], item["change_label"]) == ("up", "Naik dari Pratama (2024)")
