"""The spreadsheet of an edition (XLSX), written with XlsxWriter: a data sheet a journalist uses at once
(Indonesian headings, widths, the heading row and the names frozen, a filter, sources as links, dates as dates)
and a 'Keterangan' sheet that explains every column, the codes, the licence and the data date.
Deterministic: the document's dates are the data's date, XlsxWriter's zip entries carry a fixed time, and
no value is ever written as a formula (text is written as text)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # no stubs; used through a few calls

from generator.views.columns import Column, sheet_value

NOTES_SHEET = "Keterangan"
MAX_URL = 2079  # Excel's limit for a link; a longer address is written as text
DATE_FORMAT = "[$-421]d mmmm yyyy"  # 27 Januari 2026 (Indonesian month names in Excel and LibreOffice)
HEAD, LINK = "#e0f2f1", "#00695c"


@dataclass(frozen=True, slots=True)
class Block:
    """A part of the 'Keterangan' sheet: a heading, the heads of its table (none for plain lines), its rows of up
    to three cells."""

    heading: str
    heads: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def workbook(title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]], notes: Sequence[Block],
             stamp: dt.date, author: str) -> bytes:
    """rows: the columns' values (codes, as in the CSV); the data sheet shows the columns marked `sheet`."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    book.set_properties({"title": title, "author": author, "created": dt.datetime.combine(stamp, dt.time())})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": HEAD, "border": 1})
    formats = {"date": book.add_format({"num_format": DATE_FORMAT, "align": "left", "valign": "top"}),
               "link": book.add_format({"font_color": LINK, "underline": 1, "valign": "top"}),
               "text": book.add_format({"valign": "top"})}
    shown = [(i, c) for i, c in enumerate(columns) if c.sheet]
    sheet = book.add_worksheet(title[:31])
    for x, (_, column) in enumerate(shown):
        sheet.set_column(x, x, column.width)
        sheet.write_string(0, x, column.header, head)
    sheet.set_row(0, 45)
    for y, row in enumerate(rows, start=1):
        for x, (i, column) in enumerate(shown):
            _write(sheet, y, x, sheet_value(column, row[i]), column.link, formats)
    sheet.freeze_panes(1, 3)  # the heading row and year, code and name stay in view
    sheet.autofilter(0, 0, max(len(rows), 1), len(shown) - 1)
    _notes(book, notes, head)
    book.close()
    return out.getvalue()


def _write(sheet: Any, y: int, x: int, value: Any, link: bool, formats: dict[str, Any]) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(y, x, value, formats["text"])
    elif isinstance(value, int | float):
        sheet.write_number(y, x, value, formats["text"])
    elif isinstance(value, dt.date):
        sheet.write_datetime(y, x, dt.datetime.combine(value, dt.time()), formats["date"])
    elif link and value.startswith(("http://", "https://")) and len(value) <= MAX_URL:
        sheet.write_url(y, x, value, formats["link"], string=value)
    else:
        sheet.write_string(y, x, str(value), formats["text"])


def _notes(book: Any, notes: Sequence[Block], head: Any) -> None:
    sheet = book.add_worksheet(NOTES_SHEET)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    title = book.add_format({"bold": True, "font_size": 12})
    for x, width in enumerate((30, 26, 90)):
        sheet.set_column(x, x, width, wrap)
    y = 0
    for block in notes:
        sheet.write_string(y, 0, block.heading, title)
        y += 1
        for x, text in enumerate(block.heads):
            sheet.write_string(y, x, text, head)
        y += 1 if block.heads else 0
        for cells in block.rows:
            if len(cells) == 2:  # a label and its text: the text across the two wide columns
                sheet.write_string(y, 0, cells[0], wrap)
                sheet.merge_range(y, 1, y, 2, cells[1], wrap)
                sheet.set_row(y, 15 * (len(cells[1]) // 110 + 1))  # a merged cell does not grow by itself
            else:
                for x, text in enumerate(cells):
                    sheet.write_string(y, x, text, wrap)
            y += 1
        y += 1
