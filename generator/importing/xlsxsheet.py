"""One worksheet's XML, streamed -> its cells: values typed as a spreadsheet program saved them (numbers as
their format shows them, text, booleans, dates by style), merged ranges filled, every limit checked as the cells
go by."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from openpyxl.utils.datetime import from_excel  # type: ignore[import-untyped]

from generator.errors import DataError, Problem
from generator.read.tables import Cell, Limits, Row, Table

_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
_INTEGER = re.compile(r"-?[0-9]{1,15}")
SAVE = "open it in a spreadsheet program and save it again as an Excel workbook (.xlsx), or as 'CSV UTF-8'"
TRIM = "delete the rows and columns after the list (or the far cell), save, and import again"
MAX_MERGED_CELLS = 100_000


class Stop(Exception):
    """A problem that ends the reading of the workbook (a limit, a broken part). line 0: the whole file."""

    def __init__(self, line: int, message: str, fix: str) -> None:
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


class TooLong:
    """A text longer than the cell limit: only its length is kept."""

    def __init__(self, length: int) -> None:
        self.length = length


def position(ref: str) -> tuple[int, int]:
    """'B12' -> (row 12, column 2)."""
    found = _REF.fullmatch(ref.upper())
    if found is None:
        raise Stop(0, f"broken workbook: bad cell reference {ref[:20]!r}", SAVE)
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    return int(found.group(2)), column


def letter(column: int) -> str:
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


class SheetReader:
    """expat handlers for one worksheet part; table() gives the result."""

    def __init__(self, strings: list[str | TooLong], date_styles: set[int], scaled_styles: dict[int, float],
                 epoch: dt.datetime, limits: Limits) -> None:
        self.strings, self.date_styles, self.epoch, self.limits = strings, date_styles, epoch, limits
        self.scaled_styles = scaled_styles  # style -> factor: a percentage shows 100 times what the cell holds
        self.cells: dict[int, dict[int, Cell]] = {}
        self.problems: list[tuple[int, int, str, str]] = []  # row, column, message, fix
        self.merges: list[str] = []
        self.row = self.column = 0
        self.cell: dict[str, str] | None = None
        self.formula = self.has_value = False
        self.parts: list[str] = []
        self.length = 0
        self.collect = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                self.row, self.column = position(ref)
            else:
                self.column += 1
            self.cell, self.formula, self.has_value, self.parts, self.length = attrs, False, False, [], 0
        elif self.cell is not None:
            if tag == "f":
                self.formula = True
            elif tag in ("v", "t"):
                self.collect = self.has_value = True
        elif tag == "row":
            number = attrs.get("r", "")
            self.row = int(number) if _INTEGER.fullmatch(number) else self.row + 1
            self.column = 0
        elif tag == "dimension":
            last = attrs.get("ref", "A1").rpartition(":")[2]
            rows, columns = position(last)
            if rows > self.limits.rows + 1 or columns > self.limits.columns:
                raise Stop(0, f"the sheet's size is {last} ({rows:,} rows, {columns:,} columns), over the limit "
                           f"of {self.limits.rows:,} rows and {self.limits.columns} columns", TRIM)
        elif tag == "mergeCell":
            self.merges.append(attrs.get("ref", ""))

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.collect = False
        elif tag == "c" and self.cell is not None:
            self._finish()
            self.cell = None

    def text(self, data: str) -> None:
        if self.collect:
            self.length += len(data)
            if self.length <= self.limits.cell:
                self.parts.append(data)

    def _problem(self, message: str, fix: str) -> None:
        self.problems.append((self.row, self.column, message, fix))

    def _finish(self) -> None:
        assert self.cell is not None
        kind = self.cell.get("t", "n")
        if self.formula and not (self.has_value and (self.parts or kind == "str")):
            self._problem("holds a formula without a computed value",
                          "open the workbook in a spreadsheet program and save it (that stores the values), "
                          "or paste the values over the formulas")
            return
        if not self.has_value:
            return
        if self.length > self.limits.cell:
            self._problem(f"is over {self.limits.cell:,} characters long", "shorten the cell")
            return
        value = self._value(kind, "".join(self.parts))
        if value is None or value == "":
            return
        if self.row > self.limits.rows + 1 or self.column > self.limits.columns:
            raise Stop(self.row, f"a value in cell {letter(self.column)}{self.row} is beyond the limit of "
                       f"{self.limits.rows:,} rows and {self.limits.columns} columns", TRIM)
        self.cells.setdefault(self.row, {})[self.column] = value

    def _value(self, kind: str, text: str) -> Cell:
        if kind == "s":
            index = int(text) if _INTEGER.fullmatch(text) else -1
            if not 0 <= index < len(self.strings):
                raise Stop(self.row, "broken workbook: a cell refers to a missing shared text", SAVE)
            found = self.strings[index]
            if isinstance(found, TooLong):
                self._problem(f"is {found.length:,} characters long, over the limit of {self.limits.cell:,}",
                              "shorten the cell")
                return None
            return found
        if kind in ("inlineStr", "str"):
            return text
        if kind == "b":
            return text.strip() == "1"
        if kind == "e":
            self._problem(f"holds the error value {text[:20]}", "correct the formula or the value in the cell")
            return None
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError:
                raise Stop(self.row, f"broken workbook: {text[:30]!r} is not a date", SAVE) from None
        return self._number(text)

    def _number(self, text: str) -> Cell:
        try:
            number: int | float = int(text) if _INTEGER.fullmatch(text) else float(text)
        except ValueError:
            raise Stop(self.row, f"broken workbook: {text[:30]!r} is not a number", SAVE) from None
        if not math.isfinite(number):
            raise Stop(self.row, "broken workbook: a number is not finite", SAVE)
        style = self.cell.get("s", "") if self.cell else ""
        if _INTEGER.fullmatch(style) and int(style) in self.date_styles:
            try:
                moment: Any = from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                self._problem(f"{number} is not a date the spreadsheet can show", "correct the date")
                return None
            return moment if isinstance(moment, dt.datetime) else moment.isoformat()
        factor = self.scaled_styles.get(int(style)) if _INTEGER.fullmatch(style) else None
        if factor is not None:  # the number the reader sees (99.81 %), not the fraction stored (0.9981)
            shown = round(number * factor, 10)
            return int(shown) if shown.is_integer() and isinstance(number, int) else shown
        return number

    def _fill_merges(self) -> None:
        """Every cell of a merged range takes the value of its first cell (a tier merged over three rows)."""
        total = 0
        for ref in self.merges:
            first, _, last = ref.partition(":")
            (top, left), (bottom, right) = position(first), position(last or first)
            total += (bottom - top + 1) * (right - left + 1)
            if bottom > self.limits.rows + 1 or right > self.limits.columns or total > MAX_MERGED_CELLS:
                raise Stop(top, f"merged cells {ref} reach beyond the limit of {self.limits.rows:,} rows and "
                           f"{self.limits.columns} columns", "unmerge the range, or merge only the cells of the list")
            value = self.cells.get(top, {}).get(left)
            if value is None:
                continue
            for row in range(top, bottom + 1):
                for column in range(left, right + 1):
                    self.cells.setdefault(row, {}).setdefault(column, value)

    def table(self, display: str, notes: tuple[str, ...]) -> Table:
        self._fill_merges()
        values = {r: cells for r, cells in self.cells.items() if any(_blank(v) is False for v in cells.values())}
        header_line = min(values, default=0)
        width = max((max(cells) for cells in values.values()), default=0)
        header = tuple(_text(values.get(header_line, {}).get(c)) for c in range(1, width + 1))
        if self.problems:
            raise DataError([Problem(display, row, header[col - 1] if 0 < col <= len(header) and header[col - 1]
                                     else f"column {letter(col)}", message, fix)
                             for row, col, message, fix in self.problems[:50]])
        rows = tuple(Row(r, tuple(values[r].get(c) for c in range(1, width + 1)))
                     for r in sorted(values) if r != header_line)
        return Table(display, header, header_line, rows, notes)


def _blank(value: Cell) -> bool:
    return value is None or isinstance(value, str) and not value.strip()


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
