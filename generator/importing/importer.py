"""Spreadsheets (CSV or XLSX) -> award records, checked with the loader's own rules before anything is written.

Each region's rows become one record document, built in memory (a new record, or the existing file updated
in place with ruamel.yaml round trip, comments kept), serialized, and read back by the very parser `check` uses
(yamlsafe.parse + load.parse_record with the registry and the criteria); then the whole data folder as it would
be after the import is loaded once more (load_dataset), for the rules between records. Every problem is mapped
back to the sheet row(s) and column it came from (`sheet.csv:LINE: column: problem`, `book.xlsx[Sheet]:ROW:`),
and nothing is written while any remains. Re-importing a sheet changes nothing; hand edits win (see merge()).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

from generator.errors import Collector, DataError, Problem
from generator.importing.group import Group, group, sources
from generator.importing.match import NameIndex
from generator.importing.rows import SheetRow, other_years, read_rows
from generator.importing.sheets import read_sheet
from generator.judge.dataset import Dataset, load_dataset
from generator.publish.write import WORK, OutputError, write_file
from generator.read.records import parse_record
from generator.read.yamlsafe import parse, plain_scalar
from generator.vocabulary import Basis

ORDER = ("region", "year", "awarded", "tier", "basis", "basis_note", "recipient", "metrics", "gates", "sources",
         "research_notes")
Origins = dict[str, list[tuple[SheetRow, str]]]  # record field -> the rows and columns it came from
RELATIONS = (("copy_of", "copy_of"), ("independent", "independent"))  # a source's field, the sheet's column


@dataclass(frozen=True, slots=True)
class Plan:
    changes: dict[Path, bytes]  # record path -> its new bytes (only files that change)
    notes: tuple[str, ...]  # what was left out on purpose (rows of other years, hidden sheets)
    rows: int  # rows of the import year


class _Representer(RoundTripRepresenter):
    """Text that the loader would read as something else when plain ('yes', 'on': true in YAML 1.1) is quoted."""

    def represent_str(self, data: str) -> Any:
        if not isinstance(plain_scalar(data), str):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def merge(doc: CommentedMap, group: Group, found: list[tuple[SheetRow, dict[str, Any]]], new: bool) -> Origins:
    """Update a record in place from its rows, and say where each field came from. The sheet decides awarded,
    tier and (when it gives one) basis; sources are added by address; basis_note, recipient and figures only
    fill what the record lacks, so hand edits and comments stay; research notes go only into a new record."""
    rows = group.rows
    every = {c: [(r, c) for r in rows] for c in ("name", "tier", "basis", "notes")}
    origins: Origins = {"": every["name"], "region": every["name"], "year": [(r, "year") for r in rows],
                        "awarded": every["tier"], "tier": every["tier"],
                        "basis": [(r, "basis") for r in rows if r.basis] or every["basis"]}
    fields: dict[str, Any] = {"region": rows[0].region.code, "year": rows[0].year, "awarded": group.awarded}
    if group.tier:
        fields["tier"] = group.tier.value
    if group.basis:
        fields["basis"] = group.basis.value
    for key in ("basis_note", "recipient"):
        value = group.texts[key]
        if value is not None and key not in doc:
            fields[key] = value
            column = key if any(key in r.values for r in rows) else "notes"
            origins[key] = [(r, column) for r in rows if column in r.values] or every["notes"]
    origins.setdefault("basis_note", [(r, "basis_note") for r in rows if "basis_note" in r.values]
                       or [(r, "basis_note") for r in rows if r.basis] or [(r, "basis_note") for r in rows])
    if new and group.notes:
        fields["research_notes"] = group.notes
        origins["research_notes"] = [(r, "notes") for r in rows if "notes" in r.values]
    figures = {k: v for k, v in group.figures.items() if v is not None}
    if new:  # placeholders, so that a new record's fields come in the documented order
        fields["sources"] = CommentedSeq()
        if figures:
            fields["metrics"] = CommentedMap()
    for key in ORDER:  # a new record's fields in the documented order; an existing one keeps its own
        if key in fields and (new or key in ("awarded", "tier", "basis") or key not in doc):
            doc[key] = fields[key]
    if not group.awarded:
        doc.pop("tier", None)
    if figures:
        metrics = doc.setdefault("metrics", CommentedMap())
        origins["metrics"] = [(r, k) for r in rows for k in figures if k in r.values]
        for key, value in figures.items():
            if key not in metrics:
                metrics[key] = value
                origins[f"metrics.{key}"] = [(r, key) for r in rows if key in r.values]
    sources = doc.setdefault("sources", CommentedSeq())
    known = {s.get("url"): i for i, s in enumerate(sources) if isinstance(s, dict)}
    for row, source in found:
        index = known.get(source["url"])
        if index is None:
            index = len(sources)
            sources.append(CommentedMap(source))
            origins[f"sources[{index}]"] = [(row, "source_url")]
            for key, column in (("url", "source_url"), ("date", "date"), ("tier", "tier"),
                                ("publisher", "publisher" if "publisher" in row.values else "source_url"),
                                *RELATIONS):
                origins[f"sources[{index}].{key}"] = [(row, column)]
            continue
        if "tier" in source:
            sources[index]["tier"] = source["tier"]
            origins[f"sources[{index}].tier"] = [(row, "tier")]
        if not any(key in sources[index] for key, _ in RELATIONS):  # a hand-written relation wins
            for key, column in RELATIONS:
                if key in source:
                    sources[index][key] = source[key]
                    origins[f"sources[{index}].{key}"] = [(row, column)]
    return origins


def _locate(problem: Problem, origins: Origins) -> list[Problem]:
    """A loader problem of a planned record -> the same problem at the sheet rows and columns behind its field."""
    field = problem.field
    while field not in origins and field:
        field = field[:max(field.rfind("."), field.rfind("["), 0)]
    if field or problem.field == "":
        return [Problem(row.where, row.line, column, problem.message, problem.fix) for row, column in origins[field]]
    return [Problem(row.where, row.line, column, f"{problem.path}: {problem.field}: {problem.message}", problem.fix)
            for row, column in origins[""]]


@dataclass(frozen=True, slots=True)
class _Planned:
    path: Path
    display: str
    data: bytes
    origins: Origins


def _check_overlay(root: Path, planned: list[_Planned]) -> list[Problem]:
    """Load data/ as it would be after the import (hard-linked into .uhc-work/, changed files written there):
    the rules between records (one per region and year, tier against figures, the data date) included."""
    overlay = root / WORK / "import-check"
    shutil.rmtree(overlay, ignore_errors=True)
    try:
        shutil.copytree(root / "data", overlay / "data", symlinks=True)
        for item in planned:
            target = overlay / item.display
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            target.write_bytes(item.data)
        load_dataset(overlay)
    except DataError as exc:
        by_path = {item.display: item.origins for item in planned}
        return [mapped for p in exc.problems for mapped in (_locate(p, by_path[p.path]) if p.path in by_path else [p])]
    except OSError as exc:
        raise OutputError(f"cannot check the import in {WORK}/ ({exc.strerror})", "free disk space, then import "
                          "again") from None
    finally:
        shutil.rmtree(overlay, ignore_errors=True)
        with contextlib.suppress(OSError):  # left when another run's files are in it
            overlay.parent.rmdir()
    return []


def _record(group: Group, ds: Dataset, root: Path, existing: dict[str, Path], yaml: YAML,
            problems: Collector) -> _Planned | None:
    region = group.rows[0].region
    folder = root / "data" / "awards" / str(group.rows[0].year)
    path = existing.get(region.code) or folder / f"{region.code}-{region.slug}.yaml"
    display = path.relative_to(root).as_posix()
    new = region.code not in existing
    if new and os.path.lexists(path):
        for row in group.rows:
            problems.add(row.where, row.line, "name", f"{display} exists but holds another region's record",
                         "rename that file after the region it holds, then import again")
        return None
    if new and not group.basis:
        for row in group.rows:
            problems.add(row.where, row.line, "basis", f"{region.name} has no {group.rows[0].year} record yet and "
                         "the sheet does not say how its answer is known",
                         f"add a basis column: {Basis.STATED.value} (a source says it of this region), "
                         f"{Basis.INFERRED.value} (worked out; add basis_note) or {Basis.DISPUTED.value}")
    old = b"" if new else path.read_bytes()
    doc = CommentedMap() if new else yaml.load(old.decode("utf-8"))
    origins = merge(doc, group, sources(group, problems), new)
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    data = buffer.getvalue().encode("utf-8")
    found = Collector()
    try:
        parse_record(parse(buffer.getvalue(), display), display, group.rows[0].year, ds.registry, ds.criteria, found)
    except DataError as exc:
        found.extend(exc.problems)
    for problem in found.problems:
        if not (new and not group.basis and problem.field == "basis"):  # said above, in the sheet's words
            problems.extend(_locate(problem, origins))
    return _Planned(path, display, data, origins) if data != old else None


def plan_import(files: list[Path], year: int, root: Path, ds: Dataset, sheet: str | None = None) -> Plan:
    """The record files the sheets create or change, checked; raises DataError listing every problem."""
    problems = Collector()
    index = NameIndex(ds.registry, ds.aliases)
    rows: list[SheetRow] = []
    notes: list[str] = []
    displays: list[str] = []
    for path in files:
        display = _display(path, root)
        try:
            table = read_sheet(path, display, sheet)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        notes.extend(table.notes)
        displays.append(table.display)
        found = read_rows(table, index, problems)
        for row in found:
            if row.year not in (0, year) and row.year not in ds.criteria:
                problems.add(row.where, row.line, "year", f"{row.year} has no criteria file "
                             f"(data/criteria/{row.year}.yaml)", "check the year; a new edition needs its criteria "
                             "file first")
        for later in sorted(other_years(found, year).items()):
            notes.append(f"{table.display}: {later[1]} row{'s' if later[1] > 1 else ''} of {later[0]} left out "
                         f"(import them with --year {later[0]})")
        rows.extend(r if r.year else _with_year(r, year) for r in found if r.year in (0, year))
    if year not in ds.criteria:
        for where in dict.fromkeys(r.where for r in rows):
            first = next(r for r in rows if r.where == where)
            problems.add(where, first.line, "year", f"{year} has no criteria file (data/criteria/{year}.yaml)",
                         "check --year and the year column; a new edition needs its criteria file first")
        problems.raise_if_any()
    elif not rows and not problems.problems:
        problems.add(displays[0] if displays else "", 0, "year", f"no row is of {year} (--year {year})",
                     "check --year against the sheets' year column")
    groups: dict[str, list[SheetRow]] = {}
    for row in rows:
        groups.setdefault(row.region.code, []).append(row)
    existing = {r.region_code: root / r.location.path for r in ds.records(year)}
    yaml = _yaml()
    planned = []
    for code in sorted(groups):
        before = len(problems.problems)
        stated = group(groups[code], problems)
        if len(problems.problems) == before and (item := _record(stated, ds, root, existing, yaml, problems)):
            planned.append(item)
    problems.raise_if_any()
    problems.extend(_check_overlay(root, planned))
    problems.raise_if_any()
    return Plan({p.path: p.data for p in planned}, tuple(notes), len(rows))


def _display(path: Path, root: Path) -> str:
    """A sheet's name in messages: relative to the project, else to the current folder, else absolute."""
    for base in (root, Path.cwd()):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return str(path)


def _with_year(row: SheetRow, year: int) -> SheetRow:
    return SheetRow(row.where, row.line, row.region, year, row.status, row.basis, row.values)


def apply(plan: Plan, root: Path) -> None:
    """Write the planned records, each atomically (publish.write.write_file)."""
    for path, data in sorted(plan.changes.items()):
        try:
            write_file(path, data)
        except OSError as exc:
            raise OutputError(f"cannot write {path.relative_to(root)} ({exc.strerror})", "free disk space and "
                              "import again (a re-run writes only what is still missing)",
                              "the records before it were written, each complete") from None
