"""XLSX workbook bytes -> one sheet as a Table, read from the zip with the standard library's expat parser.

Safely: the zip's declared sizes, compression ratio and methods are checked before anything is unpacked (a zip
bomb costs nothing); a DTD or entity declaration in any part read is refused (no 'billion laughs'); the sheet's
declared dimension, every row and column number and every cell's length are checked as they stream by, and only
cells with a value are kept, so a far cell (XFD1048576) or a million rows allocate nothing. Only visible sheets
are read; merged cells take the value of their range's first cell; a formula must carry its computed value
(the values a spreadsheet program saved, like openpyxl's data_only=True); dates are read by their style, and
a number as its format shows it (a percentage cell holding 0.9981 is read as 99.81).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format  # type: ignore[import-untyped]
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900  # type: ignore[import-untyped]

from generator.errors import DataError, Problem
from generator.importing.xlsxsheet import SAVE, SheetReader, Stop, TooLong
from generator.read.files import fail
from generator.read.tables import Limits, Table

MAX_UNZIPPED = 50 * 1024 * 1024  # bytes, all parts together
MAX_RATIO = 100  # unpacked / packed, for parts over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_PARTS = 1_000


def _open(raw: bytes, display: str) -> zipfile.ZipFile:
    try:
        book = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise fail(display, 0, "is not an XLSX workbook (not a zip archive: damaged, cut short, password-protected "
                   "or another format renamed .xlsx)", SAVE) from None
    parts = book.infolist()
    total = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or total > MAX_UNZIPPED:
        raise fail(display, 0, f"unpacks to {total:,} bytes in {len(parts)} parts, over the limit of "
                   f"{MAX_UNZIPPED:,} bytes", "remove pictures, unused sheets and formatting, or save the list "
                   "as 'CSV UTF-8'")
    for part in parts:
        if part.flag_bits & 0x1:
            raise fail(display, 0, "is encrypted", "save a copy without a password")
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise fail(display, 0, f"{part.filename} uses an unusual compression method", SAVE)
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise fail(display, 0, f"{part.filename} unpacks {part.file_size // max(part.compress_size, 1):,} times "
                       "its packed size (a zip bomb?)", SAVE)
    return book


Handler = Callable[..., None]


def _parse(book: zipfile.ZipFile, name: str, start: Handler, end: Handler | None = None,
           text: Handler | None = None) -> None:
    """Stream one XML part through expat with local element names; any DTD or entity declaration is refused."""
    def refuse(*_: Any) -> None:
        raise Stop(0, f"{name} declares a DTD or XML entities, which a workbook never needs",
                    SAVE)

    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = lambda tag, attrs: start(tag.rpartition("}")[2], attrs)
    if end is not None:
        parser.EndElementHandler = lambda tag: end(tag.rpartition("}")[2])
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        with book.open(name) as stream:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except KeyError:
        raise Stop(0, f"broken workbook: {name} is missing", SAVE) from None
    except expat.ExpatError as exc:
        raise Stop(0, f"broken workbook: {name}: {expat.errors.messages[exc.code]} at line {exc.lineno}",
                    SAVE) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise Stop(0, f"broken workbook: {name} cannot be unpacked ({exc})", SAVE) from None


def _attr(attrs: dict[str, str], local: str) -> str | None:
    """An attribute by local name, with or without a namespace (r:id)."""
    return next((v for k, v in attrs.items() if k.rpartition("}")[2] == local), None)


def _relations(book: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of a part: id -> (type's last word, target part name)."""
    folder, base = posixpath.split(part)
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", "").rpartition("/")[2], path)

    _parse(book, posixpath.join(folder, "_rels", base + ".rels"), start)
    return found


def _shared_strings(book: zipfile.ZipFile, name: str | None, limit: int) -> list[str | TooLong]:
    strings: list[str | TooLong] = []
    state: dict[str, Any] = {"parts": [], "length": 0, "phonetic": 0, "in_t": False}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag == "si":
            state["parts"], state["length"] = [], 0
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t" and not state["phonetic"]:
            state["in_t"] = True

    def end(tag: str) -> None:
        if tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "si":
            length = state["length"]
            strings.append(TooLong(length) if length > limit else "".join(state["parts"]))

    def text(data: str) -> None:
        if state["in_t"]:
            state["length"] += len(data)
            if state["length"] <= limit:
                state["parts"].append(data)

    if name is not None and name in book.namelist():
        _parse(book, name, start, end, text)
    return strings


_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')  # quoted text, escapes, [colours], _x widths, *x fills
_SCALING_COMMAS = re.compile(r"[0#?](,+)(?![0#?,])")


def scale(code: str) -> float:
    """How many times a number format multiplies the value it shows: 100 per `%` ('0.00%' shows 0.9981 as
    99.81%), divided by 1,000 per comma after the last digit ('0.0,' shows 99810 as 99.8). Read from the format's
    first section (positive numbers), its quoted text, escapes and brackets left out."""
    section = _LITERAL.sub("", code).split(";")[0]
    commas = sum(len(m.group(1)) for m in _SCALING_COMMAS.finditer(section))
    return 100.0 ** section.count("%") / 1000.0 ** commas


def _number_styles(book: zipfile.ZipFile, name: str | None) -> tuple[set[int], dict[int, float]]:
    """The cell styles (the `s` of a cell) whose number format is a date, and those whose format shows a number
    multiplied (a percentage) or divided, with the factor: a cell is read as the number it shows."""
    custom: dict[int, str] = {}
    formats: list[int] = []
    inside: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        inside.append(tag)
        if tag == "numFmt":
            custom[int(attrs.get("numFmtId", "0") or 0)] = attrs.get("formatCode", "")
        elif tag == "xf" and len(inside) > 1 and inside[-2] == "cellXfs":
            formats.append(int(attrs.get("numFmtId", "0") or 0))

    def end(_tag: str) -> None:
        inside.pop()

    if name is not None and name in book.namelist():
        try:
            _parse(book, name, start, end)
        except ValueError:
            raise Stop(0, "broken workbook: a number format id is not a number", SAVE) from None
    codes = [custom.get(fmt) or BUILTIN_FORMATS.get(fmt) or "General" for fmt in formats]
    dates = {index for index, code in enumerate(codes) if is_date_format(code)}
    return dates, {index: factor for index, code in enumerate(codes) if index not in dates and (factor := scale(code))
                   != 1}


def _choose(display: str, sheets: list[tuple[str, str, str]], wanted: str | None) -> tuple[str, str, list[str]]:
    """(name, relationship id, names of the hidden sheets left out)."""
    visible = [(n, rid) for n, state, rid in sheets if state in ("", "visible")]
    hidden = [n for n, state, _ in sheets if state not in ("", "visible")]
    if wanted is not None:
        match = [(n, rid) for n, rid in visible if n == wanted]
        if not match:
            why = "is hidden" if wanted in hidden else "does not exist"
            names = ", ".join(repr(n) for n, _ in visible) or "none"
            raise fail(display, 0, f"sheet {wanted!r} {why} (visible sheets: {names})",
                       "name a visible sheet with --sheet (unhide a sheet in the spreadsheet program to import it)")
        return match[0][0], match[0][1], hidden
    if len(visible) != 1:
        names = ", ".join(repr(n) for n, _ in visible)
        raise fail(display, 0, f"has {len(visible)} visible sheets ({names or 'none'})",
                   "choose the one to import with --sheet NAME" if visible else "unhide the sheet to import")
    return visible[0][0], visible[0][1], hidden


def read_xlsx(raw: bytes, display: str, wanted: str | None, limits: Limits) -> Table:
    """The workbook's one visible sheet (or the visible sheet `wanted`) as a Table; DataError otherwise."""
    book = _open(raw, display)
    name = ""
    try:
        root = _relations(book, "")
        workbook = next((path for kind, path in root.values() if kind == "officeDocument"), "xl/workbook.xml")
        sheets: list[tuple[str, str, str]] = []
        flags = {"1904": False}

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "sheet":
                sheets.append((attrs.get("name", ""), attrs.get("state", ""), _attr(attrs, "id") or ""))
            elif tag == "workbookPr":
                flags["1904"] = attrs.get("date1904", "") in ("1", "true")

        _parse(book, workbook, start)
        relations = _relations(book, workbook)
        name, rid, hidden = _choose(display, sheets, wanted)
        kind, part = relations.get(rid, ("", ""))
        if kind != "worksheet":
            raise fail(display, 0, f"sheet {name!r} is a {kind or 'missing part'}, not a worksheet",
                       "choose a worksheet with --sheet NAME")
        shared = next((p for k, p in relations.values() if k == "sharedStrings"), None)
        styles = next((p for k, p in relations.values() if k == "styles"), None)
        reader = SheetReader(_shared_strings(book, shared, limits.cell), *_number_styles(book, styles),
                             CALENDAR_MAC_1904 if flags["1904"] else CALENDAR_WINDOWS_1900, limits)
        _parse(book, part, reader.start, reader.end, reader.text)
    except Stop as stop:
        where = f"{display}[{name}]" if name and stop.line else display
        raise DataError([Problem(where, stop.line, "", stop.message, stop.fix)]) from None
    sheet_display = f"{display}[{name}]"
    notes = (f"{display}: hidden sheet{'s' if len(hidden) > 1 else ''} "
             f"{', '.join(repr(h) for h in hidden)} left out (only visible sheets are read)",) if hidden else ()
    return reader.table(sheet_display, notes)

