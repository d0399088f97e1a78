"""A minimal XLSX writer for the downloads: one sheet, a header row frozen, text as inline strings, numbers and
booleans as values. Written directly (a few string joins) because a general workbook library took a third of a
generate run for three small sheets; the files open in Excel, LibreOffice and openpyxl (tested). Deterministic:
no clock, fixed zip entry times, no document properties beyond the data's date."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>")
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    "</Relationships>")
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    "</Relationships>")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


# XML 1.0 cannot hold most control characters; the data has none (the loader refuses them), but be safe. The
# markup characters escaped as xml.sax.saxutils.escape does, without its import (urllib.request, http, ssl).
_ESCAPES: dict[int, str | None] = {**{c: None for c in range(32) if chr(c) not in "\t\n\r"},
                                   ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_TEXT = str.maketrans(_ESCAPES)


def _text(value: str) -> str:
    return value.translate(_TEXT)


def _cell(ref: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    space = ' xml:space="preserve"' if str(value) != str(value).strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{_text(str(value))}</t></is></c>'


def _sheet(rows: Sequence[Sequence[Any]]) -> str:
    width = max((len(r) for r in rows), default=1)
    letters = [_column(i) for i in range(width)]
    body = "".join(f'<row r="{n}">' + "".join(_cell(f"{letters[i]}{n}", v) for i, v in enumerate(row)) + "</row>"
                   for n, row in enumerate(rows, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
            f'<dimension ref="A1:{letters[-1]}{max(len(rows), 1)}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>'
            f"<sheetData>{body}</sheetData></worksheet>")


def workbook(header: Sequence[str], rows: Sequence[Sequence[Any]], title: str, stamp: dt.date | None) -> bytes:
    """An XLSX file of one sheet: the header row, then rows (text, int, float, bool or None per cell)."""
    when = dt.datetime.combine(stamp or dt.date(2000, 1, 1), dt.time())
    iso = f"{when:%Y-%m-%dT%H:%M:%S}Z"
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_text(title)}</dc:title><dc:creator>uhc-awards</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{iso}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{iso}</dcterms:modified></cp:coreProperties>')
    book = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_OFFICE}"><sheets><sheet name="{_text(title[:31])}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>")
    parts = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _ROOT_RELS, "docProps/core.xml": core,
             "xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS,
             "xl/worksheets/sheet1.xml": _sheet([list(header), *rows])}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()
