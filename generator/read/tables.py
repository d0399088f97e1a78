"""Tables of cells (CSV here; XLSX in importing/), read safely: bounded in size, rows, columns and cell length
before anything big is built, UTF-8 only for CSV, every unreadable file a located message, never a traceback.

A Table's rows keep their line in the file (CSV: the line the row starts on; XLSX: the row number), so every
later problem can be reported as `sheet.csv:LINE:` or `book.xlsx[Sheet]:ROW:`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from generator.errors import DataError, Problem
from generator.read.files import fail
from generator.read.texts import control_problem

Cell = str | int | float | bool | dt.datetime | None
MAX_PROBLEMS = 50  # per file: more of the same helps nobody


@dataclass(frozen=True, slots=True)
class Limits:
    bytes: int = 10 * 1024 * 1024
    rows: int = 20_000
    columns: int = 50
    cell: int = 4_000  # characters


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    display: str  # "sheet.csv" or "book.xlsx[Sheet1]": the file part of every location
    header: tuple[str, ...]  # the first non-empty row, each name trimmed
    header_line: int
    rows: tuple[Row, ...]  # the rows after the header that have a value
    notes: tuple[str, ...] = ()  # what the reader left out on purpose (hidden sheets), to be printed

    def column(self, name: str) -> int | None:
        """Index of a column by name (compared case-insensitively), None when the sheet has no such column."""
        names = [h.casefold() for h in self.header]
        return names.index(name.casefold()) if name.casefold() in names else None


SAVE_CSV = "save the sheet as 'CSV UTF-8 (comma delimited)' (Excel: File > Save As; LibreOffice: Text CSV, UTF-8)"


def _decode(raw: bytes, display: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(display, 1, "file is UTF-16 text, not UTF-8", SAVE_CSV)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(display, line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} at byte {exc.start}; "
                   "Windows-1252 or Latin-1?)", SAVE_CSV) from None


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """csv's field size limit (a process-wide setting) for one read, then back as it was."""
    before = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def read_csv(raw: bytes, display: str, limits: Limits = Limits()) -> Table:
    """A CSV file's bytes -> Table; a located DataError for bad encoding, size, rows, columns or cells."""
    text = _decode(raw, display)
    rows: list[Row] = []
    problems: list[Problem] = []
    header: tuple[str, ...] | None = None
    header_line = 0
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line, records = 1, 0
    with _field_limit(limits.cell):
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                why = f"a cell is longer than {limits.cell:,} characters" if "field larger" in str(exc) else \
                    f"cannot be read as CSV ({exc})"
                raise fail(display, line, why, "shorten the cell, or check the quotes on this line") from None
            start, line, records = line, reader.line_num + 1, records + 1
            if records > limits.rows + 1:  # blank lines count too: the loop is bounded
                raise fail(display, start, f"more than {limits.rows:,} rows", "split the sheet into smaller files")
            if len(record) > limits.columns:
                raise fail(display, start, f"{len(record)} columns, over the limit of {limits.columns}",
                           "keep only the columns the import reads")
            if not any(cell.strip() for cell in record):
                continue
            problems.extend(_controls(display, start, header, record))
            if header is None:
                header, header_line = tuple(cell.strip() for cell in record), start
            else:
                rows.append(Row(start, tuple(record)))
    _raise(problems)
    return Table(display, header or (), header_line, tuple(rows))


def _controls(display: str, line: int, header: tuple[str, ...] | None, cells: list[str] | tuple[Cell, ...]
              ) -> list[Problem]:
    found = []
    for index, cell in enumerate(cells):
        problem = control_problem(cell) if isinstance(cell, str) else None
        if problem is not None:
            column = header[index] if header and index < len(header) else f"column {index + 1}"
            found.append(Problem(display, line, column, *problem))
    return found


def _raise(problems: list[Problem]) -> None:
    if len(problems) > MAX_PROBLEMS:
        first = problems[MAX_PROBLEMS]
        problems = problems[:MAX_PROBLEMS] + [Problem(first.path, first.line, "", f"and {len(problems) - MAX_PROBLEMS} "
                                                      "more problems of this kind", "fix the ones above first")]
    if problems:
        raise DataError(problems)


def check_cells(table: Table) -> None:
    """Control, bidirectional and invisible characters in any cell of a table (XLSX cells)."""
    problems = _controls(table.display, table.header_line, None, table.header)
    for row in table.rows:
        problems.extend(_controls(table.display, row.line, table.header, row.cells))
    _raise(problems)
