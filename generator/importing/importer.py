"""Spreadsheets (CSV or XLSX) -> award records, checked with the loader's own rules before anything is written.

Each region's rows become one record document, built in memory (a new record, or the existing file updated
in place with ruamel.yaml round trip, comments kept), serialized, and read back by the very parser `check` uses
(yamlsafe.parse + load.parse_record with the registry and the criteria); then the whole data folder as it would
be after the import is loaded once more (load_dataset), for the rules between records. Every problem is mapped
back to the sheet row(s) and column it came from (`sheet.csv:LINE: column: problem`, `book.xlsx[Sheet]:ROW:`),
and nothing is written while any remains; then every record is swapped in at once (publish/datafiles.py).
Re-importing a sheet changes nothing; hand edits win, and no row changes what a record's sources say (merge.py).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from generator.errors import Collector, DataError, Problem
from generator.importing.group import Group, group
from generator.importing.match import NameIndex
from generator.importing.merge import Origins, contradictions, merge, record_yaml
from generator.importing.rows import SheetRow, other_years, read_rows
from generator.importing.sheets import read_sheet
from generator.judge.dataset import Dataset, load_dataset
from generator.model import AwardRecord
from generator.publish.datafiles import replace_records
from generator.publish.write import WORK, OutputError
from generator.read.records import parse_record
from generator.read.yamlsafe import parse
from generator.vocabulary import Basis


@dataclass(frozen=True, slots=True)
class Plan:
    changes: dict[Path, bytes]  # record path -> its new bytes (only files that change), all in one year folder
    notes: tuple[str, ...]  # what was left out on purpose (rows of other years, hidden sheets)
    rows: int  # rows of the import year
    folder: Path  # data/awards/<year>/


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
        shutil.copytree(root / "data", overlay / "data", symlinks=True, copy_function=_link_or_copy)
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


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)  # no byte copied; the changed records are unlinked before they are written
    except OSError:
        shutil.copy2(source, target)


def _record(group: Group, ds: Dataset, root: Path, existing: dict[str, AwardRecord], yaml: YAML,
            problems: Collector) -> _Planned | None:
    region = group.rows[0].region
    record = existing.get(region.code)
    folder = root / "data" / "awards" / str(group.rows[0].year)
    path = root / record.location.path if record else folder / f"{region.code}-{region.slug}.yaml"
    display = path.relative_to(root).as_posix()
    new = record is None
    if record is not None and (clash := contradictions(record, group)):
        problems.extend(clash)
        return None
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
    origins = merge(doc, group, record, problems)
    buffer = io.StringIO()
    yaml.dump(doc, buffer)
    data = buffer.getvalue().encode("utf-8")
    found = Collector()
    try:
        parse_record(parse(buffer.getvalue(), display), display, group.rows[0].year, ds.registry, ds.criteria, found,
                     ds.data_updated)
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
    if not rows and displays:  # a run that would import nothing of --year is an error, never "0 rows imported"
        problems.add(displays[0], 0, "year", f"no row is of {year} (--year {year})" + (
            f", which has no criteria file (data/criteria/{year}.yaml)" if year not in ds.criteria else ""),
            "check --year against the sheets' year column")
    if year not in ds.criteria or not rows:
        problems.raise_if_any()
    groups: dict[str, list[SheetRow]] = {}
    for row in rows:
        groups.setdefault(row.region.code, []).append(row)
    existing = {r.region_code: r for r in ds.records(year)}
    yaml = record_yaml()
    planned = []
    for code in sorted(groups):
        before = len(problems.problems)
        stated = group(groups[code], problems)
        if len(problems.problems) == before and (item := _record(stated, ds, root, existing, yaml, problems)):
            planned.append(item)
    problems.raise_if_any()
    problems.extend(_check_overlay(root, planned))
    problems.raise_if_any()
    return Plan({p.path: p.data for p in planned}, tuple(notes), len(rows), root / "data" / "awards" / str(year))


def _display(path: Path, root: Path) -> str:
    """A sheet's name in messages: relative to the project, else to the current folder, else absolute."""
    for base in (root, Path.cwd()):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return str(path)


def _with_year(row: SheetRow, year: int) -> SheetRow:
    return SheetRow(row.where, row.line, row.region, year, row.status, row.basis, row.values)


def apply(plan: Plan, root: Path) -> None:
    """Swap the planned records into their year folder in one step (publish.datafiles): a failed or killed import
    leaves data/ as it was, or (killed after the swap) complete."""
    replace_records(root, plan.folder, plan.changes)
