"""A spreadsheet file (CSV or XLSX) -> a Table, read once and bounded before anything big is built."""

from __future__ import annotations

from pathlib import Path

from generator.importing.xlsx import read_xlsx
from generator.read.files import fail, read_bytes
from generator.read.tables import Limits, Table, check_cells, read_csv

LIMITS = Limits()


def read_sheet(path: Path, display: str, sheet: str | None = None, limits: Limits = LIMITS) -> Table:
    """A spreadsheet file -> Table: CSV (UTF-8), or XLSX (one visible sheet; `sheet` names it when there are
    several). The file is read once, at most limits.bytes of it."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        what = "an old Excel or macro workbook" if suffix in (".xls", ".xlsm", ".xlsb") else "not a CSV or XLSX file"
        raise fail(display, 0, f"{what} ({suffix or 'no extension'})",
                   "save it as an Excel workbook (.xlsx) or as 'CSV UTF-8' (.csv)")
    raw = read_bytes(path, display, limits.bytes, follow=True,
                     fix_size="split the sheet into smaller files, or remove pictures and unused sheets")
    if suffix == ".csv":
        if sheet is not None:
            raise fail(display, 0, "--sheet applies to XLSX workbooks only", "leave out --sheet for a CSV file")
        return read_csv(raw, display, limits)
    table = read_xlsx(raw, display, sheet, limits)
    check_cells(table)
    return table
