"""Spreadsheet (CSV or XLSX) -> award records, updated in place with ruamel.yaml round trip.

Columns (header row, any order): name, tier, source_url; optional year, level, province, notes,
publisher, date, recipient. One row per region and source; rows of one region are merged. Every row
that matches no region, or more than one, is reported with its line number and nothing is written.
Re-importing keeps comments and hand-added fields; importing the same sheet twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .aliases import load_aliases
from .errors import Collector, DataError, Problem
from .model import Level, Region
from .names import NameIndex
from .regions import Registry

REQUIRED = ("name", "tier", "source_url")
TIERS = ("utama", "madya", "pratama")
# "received [at JIExpo ]by NAME[ from ...| at ...| on ...| (...)]": the name only, in Indonesian words
_RECIPIENT = re.compile(r"\breceived (?:at [^;]*? )?by ([^;(]+?)(?: (?:from|at|on(?! behalf)) [^;]*| ?\([^;]*)?(?:;|$)")
_RECIPIENT_WORDS = ((" on behalf of ", " mewakili "), (" for ", " mewakili "), (" with ", " bersama "), (" the ", " "))
_COVERAGE = re.compile(r"\bcoverage (\d{2,3}(?:\.\d+)?) ?%")
_ACTIVITY = re.compile(r"\b(?:active|activity) (\d{2,3}(?:\.\d+)?) ?%")


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    region: Region
    year: int
    tier: str  # utama | madya | pratama | none | "" (awarded, tier not stated)
    url: str
    notes: str
    publisher: str
    date: str
    recipient: str


def read_table(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a CSV or the first sheet of an XLSX file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook  # type: ignore[import-untyped]  # only `import` needs it

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
        header = [h.lower() for h in rows[0]] if rows else []
        return [(n, dict(zip(header, r, strict=False))) for n, r in enumerate(rows[1:], start=2) if any(r)]
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
    return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]


def parse_rows(path: Path, display: str, year: int, index: NameIndex, problems: Collector) -> list[Row]:
    table = read_table(path)
    if table and not set(REQUIRED) <= set(table[0][1]):
        problems.add(display, 1, "header", f"columns {list(REQUIRED)} are required",
                     "add a header row: year,level,name,province,tier,source_url,notes")
        return []
    rows = []
    for line, raw in table:
        if raw.get("year") and raw["year"] != str(year):
            continue  # another year's row: imported with --year of that year
        level = Level(raw["level"]) if raw.get("level") in ("kabupaten", "kota", "provinsi") else None
        match = index.match(raw["name"], level, raw.get("province") or None)
        if match.region is None:
            problems.add(display, line, "name", f"cannot match {raw['name']!r}: {match.reason}",
                         "write the full name (e.g. 'Kabupaten Aceh Besar') and the province, "
                         "or add the press spelling, with its source, to data/aliases.yaml")
            continue
        tier = raw.get("tier", "").lower()
        if tier not in (*TIERS, "none", ""):
            problems.add(display, line, "tier", f"unknown tier {tier!r}",
                         "use utama, madya, pratama, none or leave empty")
            continue
        if raw.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw["date"]):
            problems.add(display, line, "date", f"{raw['date']!r} is not a date", "write YYYY-MM-DD")
            continue
        url = raw.get("source_url", "")
        if urlsplit(url).scheme not in ("http", "https"):
            problems.add(display, line, "source_url", f"{url[:60]!r} is not an http(s) address",
                         "give the full address of the report")
            continue
        rows.append(Row(line, match.region, year, tier, url, raw.get("notes", ""), raw.get("publisher", ""),
                        raw.get("date", ""), raw.get("recipient", "")))
    return rows


def _publisher(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.").removeprefix("amp.")


def _recipient(rows: list[Row]) -> str:
    for row in rows:
        if row.recipient:
            return row.recipient
        found = _RECIPIENT.search(row.notes)
        if found:
            name = found.group(1).strip()
            for english, indonesian in _RECIPIENT_WORDS:
                name = name.replace(english, indonesian)
            return name
    return ""


def _figure(pattern: re.Pattern[str], rows: list[Row]) -> float | None:
    values = {float(m.group(1)) for row in rows for m in pattern.finditer(row.notes)}
    return values.pop() if len(values) == 1 else None  # two different figures: leave them in the notes


def build_fields(rows: list[Row]) -> dict[str, Any]:
    """The fields a group of rows (one region, one year) states."""
    stated = [r.tier for r in rows if r.tier]
    fields: dict[str, Any] = {"region": rows[0].region.code, "year": rows[0].year}
    fields["awarded"] = "none" not in stated
    awarded_tiers = [t for t in stated if t in TIERS]
    disputed = len(set(awarded_tiers)) > 1
    if fields["awarded"] and awarded_tiers:
        fields["tier"] = Counter(awarded_tiers).most_common(1)[0][0]
    if disputed:
        fields["basis"] = "disputed"
    elif any(r.notes.upper().startswith("INFERRED") for r in rows):
        fields["basis"] = "inferred"
        fields["basis_note"] = ("Disimpulkan penyusun data dari sumber yang tidak menyebut wilayah ini secara "
                                "langsung; lihat catatan penelusuran.")
    else:
        fields["basis"] = "stated"
    recipient = _recipient(rows)
    if recipient:
        fields["recipient"] = recipient
    metrics = {k: v for k, v in (("coverage", _figure(_COVERAGE, rows)), ("activity", _figure(_ACTIVITY, rows)))
               if v is not None}
    if metrics:
        fields["metrics"] = metrics
    sources = []
    for row in rows:
        source: dict[str, Any] = {"url": row.url, "publisher": row.publisher or _publisher(row.url)}
        if row.date:
            source["date"] = dt.date.fromisoformat(row.date)
        if disputed and row.tier:
            source["tier"] = row.tier
        sources.append(source)
    fields["sources"] = sources
    notes = " / ".join(dict.fromkeys(r.notes for r in rows if r.notes))
    if notes:
        fields["research_notes"] = notes
    return fields


def merge(doc: CommentedMap, fields: dict[str, Any]) -> None:
    """Update a record in place: the sheet decides awarded/tier/confidence; sources are added by URL;
    recipient, notes and metrics only fill what is missing, so hand edits and comments stay."""
    for key in ("region", "year", "awarded"):
        doc[key] = fields[key]
    if not fields["awarded"]:
        doc.pop("tier", None)
    elif "tier" in fields:
        doc["tier"] = fields["tier"]
    if fields["basis"] != "stated":  # a sheet without the marks keeps the record's own basis
        doc["basis"] = fields["basis"]
    doc.setdefault("basis", fields["basis"])
    for key in ("recipient",):
        if key in fields and key not in doc:
            doc[key] = fields[key]
    if "metrics" in fields:
        metrics = doc.setdefault("metrics", CommentedMap())
        for key, value in fields["metrics"].items():
            metrics.setdefault(key, value)
    sources = doc.setdefault("sources", CommentedSeq())
    known = {s.get("url"): s for s in sources if isinstance(s, dict)}
    for source in fields["sources"]:
        if source["url"] in known:
            if "tier" in source:
                known[source["url"]]["tier"] = source["tier"]
        else:
            sources.append(CommentedMap(source))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


ORDER = ("region", "year", "awarded", "tier", "basis", "basis_note", "recipient", "metrics", "gates", "sources",
         "research_notes")


def plan_import(files: list[Path], year: int, root: Path, registry: Registry) -> dict[Path, bytes]:
    """{record path: new bytes} for every record the sheets create or change. Raises DataError."""
    problems = Collector()
    index = NameIndex(registry, load_aliases(root / "data" / "aliases.yaml", root, registry))
    rows: list[Row] = []
    for path in files:
        display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        rows.extend(parse_rows(path, display, year, index, problems))
    problems.raise_if_any()
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.region.code, []).append(row)
    folder = root / "data" / "awards" / str(year)
    yaml = _yaml()
    existing: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and doc.get("region") is not None:
            existing.setdefault(str(doc["region"]), path)
    changes: dict[Path, bytes] = {}
    for code, group in sorted(groups.items()):
        fields = build_fields(group)
        path = existing.get(code) or folder / f"{code}-{group[0].region.slug}.yaml"
        old = path.read_bytes() if path.exists() else b""
        doc = yaml.load(old.decode("utf-8")) if old else CommentedMap()
        if not isinstance(doc, CommentedMap):
            raise DataError([Problem(str(path), 1, "", "existing record is not a mapping",
                                     "fix the file by hand (uhc-awards check shows the problem), then import")])
        if not old:
            for key in ORDER:
                if key in fields:
                    doc[key] = fields[key]
        merge(doc, fields)
        buffer = io.StringIO()
        yaml.dump(doc, buffer)
        new = buffer.getvalue().encode("utf-8")
        if new != old:
            changes[path] = new
    return changes
