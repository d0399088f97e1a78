"""The rows of an import sheet -> typed rows, each matched to exactly one region, never guessed.

Columns are found by name (any order, case and surrounding spaces ignored); a column named twice, an unknown
column or a missing required one is refused. A row's region is found from its name, level and province: a name
that is both a province and a kabupaten/kota (Jambi, Bengkulu, Gorontalo) needs its level, and a level that
contradicts the name's own prefix ("Kota Bogor", kabupaten) is refused. Values are kept as the sheet gives them;
the record loader judges them later (importer.py), so no rule here can drift from the loader's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.errors import Collector
from generator.importing.match import NameIndex
from generator.model import Region
from generator.read.names import split_prefix
from generator.read.tables import Cell, Table
from generator.read.yamlsafe import plain_scalar
from generator.vocabulary import Basis, Level, Status, Tier

REQUIRED = ("name", "tier", "source_url")
OPTIONAL = ("year", "level", "province", "basis", "basis_note", "notes", "publisher", "date", "recipient",
            "coverage", "activity", "pemda_share", "as_of", "copy_of", "independent")
KNOWN = REQUIRED + OPTIONAL
FIGURES = ("coverage", "activity", "pemda_share")
# What a sheet's tier cell may say: a tier, `none` (not awarded) or nothing (awarded, tier not stated): the
# export codes of these statuses (vocabulary.Status), so a sheet, a record and an export spell them alike.
SHEET_STATUSES = {s.value: s for s in (Status.UTAMA, Status.MADYA, Status.PRATAMA, Status.NOT_AWARDED)}


def sheet_code(status: Status) -> str:
    """What a sheet's tier cell says for a status: its code, empty for 'awarded, tier not stated'."""
    return "" if status is Status.AWARDED else status.value


TIER_WORDS = f"{Tier.UTAMA.value}, {Tier.MADYA.value} or {Tier.PRATAMA.value}"
BASIS_WORDS = (f"{Basis.STATED.value} (a source says it of this region), {Basis.INFERRED.value} (worked out) or "
               f"{Basis.DISPUTED.value}")
_YEAR = re.compile(r"[0-9]{4}")


@dataclass(frozen=True, slots=True)
class SheetRow:
    where: str  # the table's display: "sheet.csv", "book.xlsx[Sheet1]"
    line: int
    region: Region
    year: int
    status: Status  # a tier's status, NOT_AWARDED (`none`), or AWARDED (the cell empty: tier not stated)
    basis: Basis | None  # None: the sheet does not say
    values: dict[str, Any]  # the other non-empty cells by column, as values a record holds (text, number, date)


def text(value: Cell) -> str:
    """A cell as text: numbers without a spurious '.0', dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return str(value).strip()


def _typed(column: str, value: Cell) -> Any:
    """A figure or date cell as the record would hold it, read with the loader's own scalar rule: '99.5' is a
    number, '2026-01-27' a date; anything else stays text, for the loader to refuse with its own message."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raw = text(value)
    typed = plain_scalar(raw)
    wanted = dt.date if column in ("date", "as_of") else (int, float)
    return typed if isinstance(typed, wanted) and not isinstance(typed, bool) else raw


def columns(table: Table, problems: Collector) -> dict[str, int] | None:
    """Column name -> index, or None (with the problems added) when the header cannot be used."""
    where, line = table.display, table.header_line
    if not table.header:
        problems.add(where, 0, "", "the sheet is empty", "add a header row: name,level,province,tier,source_url,...")
        return None
    found: dict[str, int] = {}
    before = len(problems.problems)
    for index, raw in enumerate(table.header):
        name = raw.strip().casefold()
        if not name:
            if any(index < len(r.cells) and text(r.cells[index]) for r in table.rows):
                problems.add(where, line, f"column {index + 1}", "has values but no name in the header row",
                             f"name the column (one of: {', '.join(KNOWN)}) or delete it")
            continue
        if name in found:
            problems.add(where, line, raw.strip(), f"column {raw.strip()!r} appears twice (columns {found[name] + 1} "
                         f"and {index + 1})", "keep one of the two columns: delete or rename the other")
        elif name not in KNOWN:
            problems.add(where, line, raw.strip(), f"unknown column {raw.strip()!r}",
                         f"use the known columns: {', '.join(KNOWN)} (or delete this one)")
        else:
            found[name] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        problems.add(where, line, "header", f"required column{'s' if len(missing) > 1 else ''} missing: "
                     f"{', '.join(missing)}", "add a header row with at least name, tier and source_url")
    if not table.rows and len(problems.problems) == before:
        problems.add(where, line, "", "has no rows under its header", "add the rows to import, or leave the file out")
    return found if len(problems.problems) == before else None


def _year(cell: str | Cell, where: str, line: int, problems: Collector) -> int | None:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool) and 1000 <= cell <= 9999:
        return cell
    value = cell.strip() if isinstance(cell, str) else text(cell)
    if isinstance(cell, str) and _YEAR.fullmatch(value):
        return int(value)
    problems.add(where, line, "year", f"{value!r} is not a year" if value else "is empty",
                 "write the award year in four digits 0-9, e.g. 2026 (or remove the year column: every row is "
                 "then of --year)")
    return None


def _region(index: NameIndex, name: str, level: Level | None, province: str) -> tuple[Region | None, str, str]:
    """(region, problem, fix): the one region the name, level and province designate."""
    named, _ = split_prefix(name)
    if level is not None and named is not None and named is not level:
        return None, f"{name!r} is a {named.value} by its name, but the level column says {level.value}", \
            "correct the level or the name"
    level = level or named
    fix = ("write the full name (e.g. 'Kabupaten Aceh Besar') with its province and level, or add the press "
           "spelling, with its source, to data/aliases.yaml")
    as_province = index.province(name) if level in (None, Level.PROVINSI) else None
    region: Region | None = as_province
    if level is Level.PROVINSI:
        if as_province is None:
            return None, f"cannot match {name!r}: no province called {name!r}", fix
    else:
        match = index.match(name, level, province or None)
        found = [match.region] if match.region else list(match.candidates)
        if as_province is not None and found:
            others = ", ".join(r.name for r in found)
            return None, f"{name!r} names both the province {as_province.name} and {others}", \
                "write its level in the level column: provinsi, kabupaten or kota"
        if as_province is None and match.region is None:
            return None, f"cannot match {name!r}: {match.reason}", fix
        region = as_province or match.region
    assert region is not None
    if region.is_province and province and index.province(province) != region:
        return None, f"{name!r} is a province, but the province column says {province!r}", \
            "leave the province column empty for a province, or write the same province"
    return region, "", ""


def read_rows(table: Table, index: NameIndex, problems: Collector) -> list[SheetRow]:
    """Every row of the table, typed and matched; rows with a problem are reported and left out."""
    found = columns(table, problems)
    if found is None:
        return []
    rows = []
    for row in table.rows:
        cells = {name: row.cells[i] if i < len(row.cells) else None for name, i in found.items()}
        before = len(problems.problems)
        year = _year(cells["year"], table.display, row.line, problems) if "year" in cells else 0
        level_text = text(cells.get("level")).casefold()
        level = next((lv for lv in Level if lv.value == level_text), None)
        if level_text and level is None:
            problems.add(table.display, row.line, "level", f"unknown level {text(cells['level'])!r}",
                         "write kabupaten, kota or provinsi (any case), or leave it empty")
        tier, basis_text = text(cells["tier"]).casefold(), text(cells.get("basis")).casefold()
        status = SHEET_STATUSES.get(tier, Status.AWARDED if not tier else None)
        basis = next((b for b in Basis if b.value == basis_text), None)
        if status is None:
            problems.add(table.display, row.line, "tier", f"unknown tier {text(cells['tier'])!r}",
                         f"write {TIER_WORDS}; {Status.NOT_AWARDED.value} when a source says the region was not "
                         "awarded; leave it empty when the source does not name the tier")
        if basis_text and basis is None:
            problems.add(table.display, row.line, "basis", f"unknown basis {text(cells['basis'])!r}",
                         f"write {BASIS_WORDS}")
        name = text(cells["name"])
        region = None
        if not name:
            problems.add(table.display, row.line, "name", "is empty", "write the region's name")
        elif not (level_text and level is None):
            region, message, fix = _region(index, name, level, text(cells.get("province")))
            if region is None:
                problems.add(table.display, row.line, "name", message, fix)
        if region is None or year is None or status is None or len(problems.problems) > before:
            continue
        values = {c: _typed(c, v) if c in (*FIGURES, "as_of", "date") else text(v) for c, v in cells.items()
                  if c not in ("year", "level", "province", "name", "tier", "basis") and text(v)}
        rows.append(SheetRow(table.display, row.line, region, year, status, basis, values))
    return rows


def other_years(rows: list[SheetRow], year: int) -> Counter[int]:
    return Counter(r.year for r in rows if r.year not in (0, year))


_RECIPIENT_WORDS = ((" on behalf of ", " mewakili "), (" for ", " mewakili "), (" with ", " bersama "), (" the ", " "))


def _name_end(rest: str) -> int:
    """Where a recipient's name ends in the rest of a clause: before ' from ', ' at ', ' on ' (not ' on behalf')
    or '(', whichever comes first (at least one character in)."""
    ends = [rest.find(word, 1) for word in (" from ", " at ")]
    on = rest.find(" on ", 1)
    while on != -1 and rest.startswith("behalf", on + 4):
        on = rest.find(" on ", on + 1)
    ends += [on, rest.find("(", 1)]
    return min((e for e in ends if e != -1), default=len(rest))


def recipient_from_notes(notes: str) -> str:
    """'received [at PLACE ]by NAME[ from ...| at ...| on ...| (...)]' in the compiler's notes -> NAME in
    Indonesian words ('Sekda X mewakili Bupati'), '' when the notes name nobody. Linear in the length of the
    notes: they are split at ';' once and each clause is read with str.find (no backtracking regex)."""
    for clause in notes.split(";"):
        start = clause.find("received ")
        while start != -1:
            if start == 0 or not (clause[start - 1].isalnum() or clause[start - 1] == "_"):
                rest = clause[start + len("received "):]
                if rest.startswith("by "):
                    after = 3
                elif rest.startswith("at ") and (by := rest.find(" by ", 3)) != -1:
                    after = by + 4
                else:
                    after = -1
                if after != -1 and rest[after:after + 1] not in ("", "("):
                    name = rest[after:][:_name_end(rest[after:])].strip()
                    for english, indonesian in _RECIPIENT_WORDS:
                        name = name.replace(english, indonesian)
                    return name
            start = clause.find("received ", start + 1)
    return ""
