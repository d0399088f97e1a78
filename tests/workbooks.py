"""Generated XLSX workbooks for the import tests: ordinary ones made with openpyxl, and hostile ones written
part by part (DTDs, far cells, huge or many parts) that a spreadsheet program would never save."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from xml.sax.saxutils import escape

from openpyxl import Workbook

HEADER = ["name", "level", "province", "tier", "basis", "source_url"]
ROW = ["Balangan", "kabupaten", "Kalimantan Selatan", "utama", "stated", "https://example.org/generated-1"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def book(*sheets: tuple[str, Sequence[Sequence[object]]], hidden: Sequence[str] = (),
         edit: Callable[[Workbook], None] | None = None) -> bytes:
    """An ordinary workbook: sheets of rows, some hidden; `edit` may merge cells, add formulas..."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        if title in hidden:
            sheet.sheet_state = "hidden"
    if edit is not None:
        edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_xml(rows: Sequence[Sequence[str]], dimension: str | None = None, extra_cells: str = "",
              prolog: str = "") -> bytes:
    """A worksheet part with inline strings (and extra raw XML after the rows)."""
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{column(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                                   for c, v in enumerate(row, start=1) if v != "") + "</row>"
        for r, row in enumerate(rows, start=1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">{dim}<sheetData>{body}'
            f"{extra_cells}</sheetData></worksheet>").encode()


def raw(sheet: bytes, shared: bytes | None = None, workbook_prolog: str = "",
        method: int = zipfile.ZIP_DEFLATED, parts: dict[str, bytes] | None = None, kind: str = "worksheet",
        state: str = "visible") -> bytes:
    """A workbook written part by part around one sheet part."""
    rels = (f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/{kind}" '
            'Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
               if shared is not None else "")
            + "</Relationships>")
    files = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>'.encode(),
        "xl/workbook.xml": f'<?xml version="1.0"?>{workbook_prolog}<workbook xmlns="{MAIN}" xmlns:r="{DOC}">'
                           f'<sheets><sheet name="Daftar" sheetId="1" state="{state}" r:id="rId1"/></sheets>'
                           "</workbook>".encode(),
        "xl/_rels/workbook.xml.rels": rels.encode(),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        files["xl/sharedStrings.xml"] = shared
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _streamed(sheet: Iterator[bytes], shared: Iterator[bytes] | None = None) -> bytes:
    """A workbook whose sheet (and shared texts) are compressed as they are produced: a million rows or a
    600 MB text cost the test a few MB."""
    buffer = io.BytesIO()
    template = zipfile.ZipFile(io.BytesIO(raw(b"", b"" if shared else None)))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in template.namelist():
            if name not in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
                archive.writestr(name, template.read(name))
        for name, chunks in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            if chunks is not None:
                with archive.open(name, "w", force_zip64=True) as part:
                    for chunk in chunks:
                        part.write(chunk)
    return buffer.getvalue()


def streamed_rows(count: int, dimension: str | None) -> bytes:
    """A one-column sheet of `count` rows (under a header)."""
    def chunks() -> Iterator[bytes]:
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""
        yield f'<worksheet xmlns="{MAIN}">{dim}<sheetData>'.encode()
        yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
        for start in range(2, count + 2, 10_000):
            yield "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>'
                          for r in range(start, min(start + 10_000, count + 2))).encode()
        yield b"</sheetData></worksheet>"
    return _streamed(chunks())


def shared_strings(*texts: str, prolog: str = "") -> bytes:
    items = "".join(f"<si><t>{escape(t)}</t></si>" for t in texts)
    return f'<?xml version="1.0"?>{prolog}<sst xmlns="{MAIN}">{items}</sst>'.encode()


def huge_shared_string(size: int) -> bytes:
    """A workbook whose one shared text is `size` characters long."""
    def shared() -> Iterator[bytes]:
        yield f'<sst xmlns="{MAIN}"><si><t>'.encode()
        for start in range(0, size, 1 << 20):
            yield b"x" * min(1 << 20, size - start)
        yield b"</t></si></sst>"
    sheet = (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>'
             "</sheetData></worksheet>").encode()
    return _streamed(iter([sheet]), shared())
