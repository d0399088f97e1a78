"""Downloads: the XLSX opens and matches the CSV; the CSV opens in Excel (BOM); the basis is a documented
column; every region has its JSON record and every province its CSV; the bytes do not depend on the clock."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.judge.dataset import Dataset, load_dataset
from generator.outputs import exports
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


def test_xlsx_opens_and_matches_the_csv(files: dict[str, bytes]) -> None:
    rows = csv_rows(files["unduh/uhc-awards-2026.csv"])
    sheet = load_workbook(io.BytesIO(files["unduh/uhc-awards-2026.xlsx"]), read_only=True).active
    width = len(exports.COLUMNS)  # a streamed sheet may end a row at its last non-empty cell
    table = [[*("" if v is None else v for v in r), *[""] * (width - len(r))]
             for r in sheet.iter_rows(values_only=True)]
    assert table[0] == exports.COLUMNS and len(table) == len(rows) + 1 == 553
    for row, cells in zip(rows, table[1:], strict=True):
        for column, cell in zip(exports.COLUMNS, cells, strict=True):
            expected = row[column]
            if isinstance(cell, bool):
                cell = "true" if cell else "false"
            same = str(cell) == expected or isinstance(cell, int | float) and float(expected) == cell
            assert same, (column, row)


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
