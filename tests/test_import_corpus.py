"""The corpus of bad sheets: each must make `uhc-awards import` exit 1 with its located message (`sheet:LINE:`
or `book.xlsx[Sheet]:ROW:`) and a fix, print no traceback, finish in bounded time and memory, and leave data/
(and docs/) byte for byte as they were.

CSV cases are tests/bad_inputs/import/*.case (header lines, then the sheet's bytes):

    # expect: {f}:LINE: column: message      the error line that must be printed ({f}: the sheet's name)
    # args: --year 2030                      optional (default --year 2026)
    # file: name.csv                         optional (default <case>.csv)
    # ---                                    the sheet follows

Cases whose bytes are binary, huge or not a file (XLSX workbooks, other encodings, a FIFO...) are made here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import workbooks as wb
from tests.helpers import assert_located, copy_project, pin_data_date

CORPUS = Path(__file__).parent / "bad_inputs" / "import"
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the importing process
MAX_RSS_KB = 300 * 1024
TIME_LIMIT = 10.0  # seconds; a case takes about 1 s here
LOCATED = re.compile(r"error: [^:\s]+(\[[^\]]+\])?(:[1-9][0-9]*)?: \S")
H = "name,level,province,tier,basis,source_url"
OK = "Balangan,kabupaten,Kalimantan Selatan,utama,stated,https://example.org/generated-1"
BALANGAN = ["Balangan", "kabupaten", "Kalimantan Selatan", "utama", "stated", "https://example.org/generated-1"]


@dataclass(frozen=True)
class Case:
    expect: str
    file: str
    body: bytes | Callable[[], bytes] = b""
    args: tuple[str, ...] = ("--year", "2026")
    install: Callable[[Path, Path], None] | None = None  # (project, sheet path): makes the file itself
    fix: str = ""


def _read_case(path: Path) -> Case:
    head, body = path.read_bytes().split(b"# ---\n", 1)
    fields = {"file": f"{path.stem}.csv", "args": "--year 2026", "fix": ""}
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.removeprefix("# ").partition(": ")
        fields[key] = value
    return Case(fields["expect"], fields["file"], body, tuple(fields["args"].split()), fix=fields["fix"])


def _fifo(_project: Path, sheet: Path) -> None:
    os.mkfifo(sheet)


def _folder(_project: Path, sheet: Path) -> None:
    sheet.mkdir()


def _sparse(_project: Path, sheet: Path) -> None:
    with sheet.open("wb") as handle:
        handle.write((H + "\n").encode())
        handle.truncate(11 * 1024 * 1024)


def _other_region_in_the_way(project: Path, sheet: Path) -> None:
    record = project / "data" / "awards" / "2026" / "63.11-kabupaten-balangan.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text('region: "12.75"\nyear: 2026\nawarded: true\nbasis: stated\nsources:\n'
                      "  - {url: 'https://example.org/generated-9', publisher: FIXTURE}\n", encoding="utf-8")
    sheet.write_text(H + "\n" + OK + "\n", encoding="utf-8")


# Records already in data/ (generated test fixtures), and sheet rows that would change what their sources say.
STATED_PRATAMA = ('region: "63.11"\nyear: 2026\nawarded: true\ntier: pratama\nbasis: stated\nsources:\n'
                  "  - url: https://example.org/generated-9\n    publisher: FIXTURE\n")
INFERRED_MADYA = ('region: "63.11"\nyear: 2026\nawarded: true\ntier: madya\nbasis: inferred\n'
                  "basis_note: Disimpulkan dari daftar (generated fixture).\nsources:\n"
                  "  - url: https://example.org/generated-9\n    publisher: FIXTURE\n")
NOT_AWARDED = ('region: "63.11"\nyear: 2026\nawarded: false\nbasis: inferred\n'
               "basis_note: Tidak tercantum dalam daftar (generated fixture).\nsources:\n"
               "  - url: https://example.org/generated-9\n    publisher: FIXTURE\n")
DISPUTED = ('region: "63.11"\nyear: 2026\nawarded: true\ntier: madya\nbasis: disputed\n'
            "basis_note: Sumber berbeda (generated fixture).\nsources:\n"
            "  - url: https://example.org/generated-8\n    publisher: FIXTURE A\n    tier: madya\n"
            "  - url: https://example.org/generated-9\n    publisher: FIXTURE B\n    tier: utama\n")
NEVER = "{f}:2: tier: data/awards/2026/63.11-kabupaten-balangan.yaml:%d says %s; this row says %s: an import never " \
        "changes a record's answer"


def _record_and_sheet(record: str, sheet: str) -> Callable[[Path, Path], None]:
    def install(project: Path, path: Path) -> None:
        target = project / "data" / "awards" / "2026" / "63.11-kabupaten-balangan.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(record, encoding="utf-8")
        path.write_text(sheet, encoding="utf-8")
    return install


def _book(rows: list[list[object]], header: list[str] | None = None, **kwargs: object) -> Callable[[], bytes]:
    return lambda: wb.book(("Daftar", [wb.HEADER + (header or []), *rows]), **kwargs)  # type: ignore[arg-type]


def _format(cell: str, number_format: str) -> Callable[[object], None]:
    def edit(book: object) -> None:
        book["Daftar"][cell].number_format = number_format  # type: ignore[index]
    return edit


def _raw_cell(cell: str) -> Callable[[], bytes]:
    """A sheet with the usual header and one row whose tier cell is raw XML."""
    def make() -> bytes:
        return wb.raw(re.sub(r'<c r="D2".*?</c>', cell, wb.sheet_xml([wb.HEADER, BALANGAN]).decode()).encode())
    return make


BOMB = '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
XXE = '<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
FORMULA = _book([BALANGAN], edit=lambda b: b["Daftar"].__setitem__("D2", "=LOWER(\"UTAMA\")"))


def _generated() -> dict[str, Case]:
    long_notes = (H + ",notes\n" + OK + ",received at " + "x " * 65_000 + "\n").encode()
    return {
        "windows-1252": Case("{f}:2: file is not UTF-8 (byte 0xfc at byte 143; Windows-1252 or Latin-1?)", "s.csv",
                             (H + ",recipient\n" + OK + ",Bupati Müller\n").encode("cp1252"), fix="CSV UTF-8"),
        "utf-16": Case("{f}:1: file is UTF-16 text, not UTF-8", "s.csv", (H + "\n" + OK + "\n").encode("utf-16"),
                       fix="CSV UTF-8"),
        "cell-of-130k": Case("{f}:2: a cell is longer than 4,000 characters", "s.csv",
                             (H + ",notes\n" + OK + "," + "x" * 130_000 + "\n").encode()),
        "notes-of-130000-characters": Case("{f}:2: a cell is longer than 4,000 characters", "s.csv", long_notes),
        "million-rows-csv": Case("{f}:20002: more than 20,000 rows", "s.csv", (H + "\n" + "x\n" * 1_000_000).encode()),
        "too-many-columns": Case("{f}:1: 51 columns, over the limit of 50", "s.csv", (",".join(["a"] * 51)).encode()),
        "file-over-10-mb": Case("{f}:1: file is 11,534,336 bytes, over the limit of 10,485,760", "s.csv",
                                install=_sparse),
        "missing-file": Case("{f}: not found", "missing.csv", install=lambda p, s: None),
        "folder": Case("{f}: is a folder, not a regular file", "folder.csv", install=_folder),
        "fifo": Case("{f}: is a FIFO (named pipe), not a regular file", "fifo.csv", install=_fifo),
        "old-excel": Case("{f}: an old Excel or macro workbook (.xls)", "s.xls", b"\xd0\xcf\x11\xe0"),
        "text-file": Case("{f}: not a CSV or XLSX file (.txt)", "s.txt", (H + "\n").encode()),
        "sheet-option-on-csv": Case("{f}: --sheet applies to XLSX workbooks only", "s.csv", (H + "\n" + OK).encode(),
                                    ("--year", "2026", "--sheet", "Daftar")),
        "file-of-another-region": Case("{f}:2: name: data/awards/2026/63.11-kabupaten-balangan.yaml exists but "
                                       "holds another region's record", "s.csv", install=_other_region_in_the_way),
        "xlsx-not-a-zip": Case("{f}: is not an XLSX workbook (not a zip archive", "b.xlsx", b"name,tier\n"),
        "xlsx-cut-short": Case("{f}: is not an XLSX workbook (not a zip archive", "b.xlsx",
                               lambda: _book([BALANGAN])()[:3000]),
        "xlsx-two-visible-sheets": Case("{f}: has 2 visible sheets ('A', 'B')", "b.xlsx",
                                        lambda: wb.book(("A", [wb.HEADER]), ("B", [wb.HEADER])),
                                        fix="--sheet NAME"),
        "xlsx-hidden-sheet-named": Case("{f}: sheet 'Draft' is hidden (visible sheets: 'Daftar')", "b.xlsx",
                                        lambda: wb.book(("Daftar", [wb.HEADER, BALANGAN]), ("Draft", [wb.HEADER]),
                                                        hidden=["Draft"]), ("--year", "2026", "--sheet", "Draft")),
        "xlsx-no-visible-sheet": Case("{f}: has 0 visible sheets (none)", "b.xlsx",
                                      lambda: wb.raw(wb.sheet_xml([wb.HEADER]), state="hidden")),
        "xlsx-formula-without-value": Case("{f}[Daftar]:2: tier: holds a formula without a computed value", "b.xlsx",
                                           FORMULA),
        "xlsx-error-value": Case("{f}[Daftar]:2: tier: holds the error value #N/A", "b.xlsx",
                                 _raw_cell('<c r="D2" t="e"><v>#N/A</v></c>')),
        "xlsx-boolean-tier": Case("{f}[Daftar]:2: tier: unknown tier 'true'", "b.xlsx",
                                  _raw_cell('<c r="D2" t="b"><v>1</v></c>')),
        "xlsx-missing-shared-text": Case("{f}[Daftar]:2: broken workbook: a cell refers to a missing shared text",
                                         "b.xlsx", _raw_cell('<c r="D2" t="s"><v>7</v></c>')),
        "xlsx-year-as-text-with-decimals": Case("{f}[Daftar]:2: year: '2026.0' is not a year", "b.xlsx",
                                                lambda: wb.raw(wb.sheet_xml([[*wb.HEADER, "year"],
                                                                             [*BALANGAN, "2026.0"]]))),
        "xlsx-entity-expansion": Case("{f}: xl/sharedStrings.xml declares a DTD or XML entities", "b.xlsx",
                                      lambda: wb.raw(wb.sheet_xml([wb.HEADER]), wb.shared_strings("&b;", prolog=BOMB)
                                                     .replace(b"&amp;b;", b"&b;"))),
        "xlsx-external-entity": Case("{f}: xl/workbook.xml declares a DTD or XML entities", "b.xlsx",
                                     lambda: wb.raw(wb.sheet_xml([wb.HEADER]), workbook_prolog=XXE)),
        "xlsx-dtd-in-sheet": Case("{f}: xl/worksheets/sheet1.xml declares a DTD or XML entities", "b.xlsx",
                                  lambda: wb.raw(wb.sheet_xml([wb.HEADER], prolog="<!DOCTYPE worksheet>"))),
        "xlsx-not-well-formed": Case("{f}: broken workbook: xl/worksheets/sheet1.xml: not well-formed", "b.xlsx",
                                     lambda: wb.raw(wb.sheet_xml([wb.HEADER]).replace(b"name", b"na\x07me"))),
        "xlsx-zero-width-space": Case("{f}[Daftar]:2: name: contains U+200B (zero width space) at character 4",
                                      "b.xlsx", _book([["Bal\u200bangan", *BALANGAN[1:]]])),
        "xlsx-far-cell-declared": Case("{f}: the sheet's size is XFD1048576 (1,048,576 rows, 16,384 columns), over "
                                       "the limit of 20,000 rows and 50 columns", "b.xlsx",
                                       lambda: wb.raw(wb.sheet_xml([wb.HEADER], "A1:XFD1048576",
                                                                   '<row r="1048576"><c r="XFD1048576"><v>1</v></c>'
                                                                   "</row>"))),
        "xlsx-far-cell": Case("{f}[Daftar]:1048576: a value in cell XFD1048576 is beyond the limit of 20,000 rows "
                              "and 50 columns", "b.xlsx",
                              lambda: wb.raw(wb.sheet_xml([wb.HEADER], None, '<row r="1048576"><c r="XFD1048576">'
                                                                             "<v>1</v></c></row>"))),
        "xlsx-600-mb-text": Case("{f}: unpacks to 600,0", "b.xlsx", lambda: wb.huge_shared_string(600_000_000)),
        "xlsx-5000-character-text": Case("{f}[Daftar]:1: column A: is 5,000 characters long, over the limit of 4,000",
                                         "b.xlsx", lambda: wb.huge_shared_string(5_000)),
        "xlsx-million-rows-declared": Case("{f}: the sheet's size is A1000001 (1,000,001 rows, 1 columns)", "b.xlsx",
                                           lambda: wb.streamed_rows(1_000_000, "A1:A1000001")),
        "xlsx-million-rows": Case("{f}[Daftar]:20002: a value in cell A20002 is beyond the limit of 20,000 rows",
                                  "b.xlsx", lambda: wb.streamed_rows(1_000_000, None)),
        "xlsx-zip-bomb-part": Case("{f}: xl/media/zeros.bin unpacks 1,0", "b.xlsx",
                                   lambda: wb.raw(wb.sheet_xml([wb.HEADER]), parts={"xl/media/zeros.bin":
                                                                                    bytes(40 * 1024 * 1024)})),
        "xlsx-bzip2": Case("{f}: [Content_Types].xml uses an unusual compression method", "b.xlsx",
                           lambda: wb.raw(wb.sheet_xml([wb.HEADER]), method=zipfile.ZIP_BZIP2)),
        "xlsx-thousands-of-parts": Case("{f}: unpacks to", "b.xlsx",
                                        lambda: wb.raw(wb.sheet_xml([wb.HEADER]),
                                                       parts={f"xl/p{i}.xml": b"" for i in range(1001)})),
        "stated-record-another-tier": Case(
            NEVER % (4, "pratama (stated, first source FIXTURE)", "madya"), "s.csv",
            install=_record_and_sheet(STATED_PRATAMA, f"{H}\n{OK.replace('utama', 'madya')}\n"),
            fix="correct its tier, basis and sources by hand"),
        "inferred-row-against-a-stated-record": Case(
            NEVER % (4, "pratama (stated, first source FIXTURE)", "madya"), "s.csv",
            install=_record_and_sheet(STATED_PRATAMA, "name,level,province,tier,basis,basis_note,source_url\n"
                                      "Balangan,kabupaten,Kalimantan Selatan,madya,inferred,Disimpulkan.,"
                                      "https://example.org/generated-1\n")),
        "not-awarded-row-against-an-awarded-record": Case(
            NEVER % (4, "pratama (stated, first source FIXTURE)", "none (not awarded)"), "s.csv",
            install=_record_and_sheet(STATED_PRATAMA, f"{H}\n{OK.replace('utama', 'none')}\n")),
        "awarded-row-against-a-not-awarded-record": Case(
            NEVER % (3, "none (not awarded) (inferred, first source FIXTURE)", "utama"), "s.csv",
            install=_record_and_sheet(NOT_AWARDED, f"{H}\n{OK}\n")),
        "inferred-record-another-tier": Case(NEVER % (4, "madya (inferred, first source FIXTURE)", "utama"), "s.csv",
                                             install=_record_and_sheet(INFERRED_MADYA, f"{H}\n{OK}\n")),
        "tier-not-named-row-against-a-not-awarded-record": Case(
            NEVER % (3, "none (not awarded) (inferred, first source FIXTURE)", "awarded, tier not named"), "s.csv",
            install=_record_and_sheet(NOT_AWARDED, f"{H}\n{OK.replace('utama', '')}\n")),
        "disputed-record-not-awarded-row": Case(
            NEVER % (4, "madya (disputed, first source FIXTURE A)", "none (not awarded)"), "s.csv",
            install=_record_and_sheet(DISPUTED, f"{H}\n{OK.replace('utama', 'none')}\n")),
        "disputed-record-source-with-another-tier": Case(
            "{f}:2: tier: the record gives this source the tier madya, the row utama", "s.csv",
            install=_record_and_sheet(DISPUTED, f"{H}\n{OK.replace('generated-1', 'generated-8')}\n")),
        "xlsx-percent-cell-over-150": Case("{f}[Daftar]:2: coverage: 190.0 is outside 0-150 %", "b.xlsx",
                                           _book([[*BALANGAN, 1.9]], edit=_format("G2", "0%"), header=["coverage"])),
        "xlsx-date-after-data-date": Case(
            "{f}[Daftar]:2: date: 2027-01-05 is after the data date 2026-11-24 (data/dataset.yaml)", "b.xlsx",
            _book([[*BALANGAN, dt.datetime(2027, 1, 5)]], header=["date"])),
        "xlsx-chartsheet": Case("{f}: sheet 'Daftar' is a chartsheet, not a worksheet", "b.xlsx",
                                lambda: wb.raw(wb.sheet_xml([wb.HEADER]), kind="chartsheet")),
    }


CASES = {p.stem: _read_case(p) for p in sorted(CORPUS.glob("*.case"))} | _generated()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pin_data_date(copy_project(tmp_path_factory.mktemp("import-corpus") / "p", with_awards=False))


def _snapshot(project: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(project).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for folder in ("data", "docs") for p in sorted((project / folder).rglob("*")) if p.is_file()}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_import(project: Path, *args: str) -> tuple[int, str, str, float, int]:
    """`python -m generator import ...` in a child process (cwd: the project): exit code, stdout, stderr,
    seconds, peak RSS (KiB)."""
    out, err = project.parent / "stdout.txt", project.parent / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "import", *args],
                                stdout=stdout, stderr=stderr, cwd=project, preexec_fn=_limit_memory)
        timer = threading.Timer(60, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.monotonic() - started
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4
    return proc.returncode, out.read_text(), err.read_text(), elapsed, usage.ru_maxrss


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 90


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_sheet_gives_located_error_and_writes_nothing(name: str, base: Path, tmp_path: Path) -> None:
    case = CASES[name]
    project = tmp_path / "p"
    shutil.copytree(base, project, symlinks=True, copy_function=os.link)
    (project / "sheets").mkdir()
    sheet = project / "sheets" / case.file
    if case.install is not None:
        for path in (project / "data" / "awards").rglob("*"):  # never write through a hard link into the base
            path.unlink() if path.is_file() else None
        case.install(project, sheet)
    else:
        sheet.write_bytes(case.body() if callable(case.body) else case.body)
    before = _snapshot(project)
    code, stdout, stderr, elapsed, rss = run_import(project, f"sheets/{case.file}", *case.args)
    assert code == 1, stdout + stderr
    assert "Traceback" not in stderr, stderr
    assert_located(stderr, "error: " + case.expect.format(f=f"sheets/{case.file}"), case.fix, LOCATED)
    assert "imported:" not in stdout
    assert "nothing was written (data/ is as it was)" in stderr
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.2f} s"
    assert rss < MAX_RSS_KB, f"{name} used {rss} KiB"
    assert _snapshot(project) == before, "a failing import changed data/ or docs/"
    assert not (project / ".uhc-work").exists()
