"""YAML award records -> AwardRecord, every problem located at file:line with a fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.errors import Collector, DataError, Problem
from generator.model import AwardRecord, Correction, Location, Source
from generator.parallel import jobs_for, ordered_map
from generator.read.criteria import YearCriteria
from generator.read.fields import Fields, show
from generator.read.figures import read_metrics
from generator.read.recordfiles import record_files
from generator.read.regions import Registry
from generator.read.sources import read_sources, tier_of
from generator.read.texts import INFERENCE_WORDS
from generator.read.yamlsafe import YList, YMap, load_file
from generator.vocabulary import Basis

FIELDS = {"region", "year", "awarded", "tier", "basis", "basis_note", "recipient", "metrics", "gates", "sources",
          "notes", "research_notes", "conflict_note", "corrections"}
READER_TEXTS = ("recipient", "notes", "basis_note", "conflict_note")  # edited sentences shown to readers
MAX_RESEARCH_TEXT = 4000


def _basis(rec: Fields, data: YMap) -> Basis | None:
    value = data.get("basis")
    fix = (f"write basis: {Basis.STATED.value} (a source says it of this region), {Basis.INFERRED.value} (worked "
           f"out from a list, a group statement or a count) or {Basis.DISPUTED.value} (the sources disagree)")
    if value is None:
        if "confidence" not in data:  # confidence: gets its own message
            rec.err(data.line, "basis", "is missing: every answer says how it is known", fix)
        return None
    try:
        return Basis(value)
    except ValueError:
        rec.err(data.lines["basis"], "basis", f"unknown basis {show(value)}", fix)
        return None


def _basis_rules(rec: Fields, data: YMap, basis: Basis | None, sources: tuple[Source, ...],
                 texts: dict[str, str | None]) -> None:
    """The basis agrees with the record: an inference is explained, a dispute has sources that disagree, and
    a record whose own words say it was worked out is not marked stated."""
    line = data.lines.get("basis", data.line)
    if basis is Basis.DISPUTED and len({s.tier for s in sources if s.tier}) < 2:
        rec.err(line, "basis", f"a {Basis.DISPUTED.value} record needs sources that state different tiers",
                "add tier: to each source (the tier it states)")
    if basis is Basis.INFERRED and not texts["basis_note"]:
        rec.err(line, "basis_note", f"an {Basis.INFERRED.value} answer needs basis_note: saying how it was worked "
                "out",
                "write basis_note: one sentence for readers, e.g. 'Tidak tercantum dalam daftar penerima di "
                "Jawa Timur yang dimuat ...'")
    if basis is not None and basis.certain:
        if texts["basis_note"]:
            rec.err(data.lines["basis_note"], "basis_note", f"only an {Basis.INFERRED.value} or "
                    f"{Basis.DISPUTED.value} answer has a basis note",
                    "remove basis_note:, or change basis:")
        for key in ("notes", "research_notes"):
            found = INFERENCE_WORDS.search(texts[key] or "")
            if found:
                rec.err(data.lines[key], key, f"says {found.group()!r} but basis is {basis.value}",
                        f"write basis: {Basis.INFERRED.value} with a basis_note:, or reword the note if the answer "
                        "is what a source says")


def _corrections(rec: Fields, data: YMap) -> tuple[Correction, ...]:
    raw = data.get("corrections")
    if raw is None:
        return ()
    if not isinstance(raw, YList):
        rec.err(data.lines["corrections"], "corrections", "must be a list", "- date: YYYY-MM-DD / text: ...")
        return ()
    result = []
    for index, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
        field = f"corrections[{index}]"
        if not isinstance(item, YMap) or not isinstance(item.get("date"), dt.date):
            rec.err(line, field, "needs date: YYYY-MM-DD and text:", "- date: 2026-02-01 / text: what changed")
            continue
        text = rec.text(item, "text", f"{field}.text", required=True, reader=True)
        date = rec.date(item, "date", f"{field}.date")
        if text and date:
            result.append(Correction(date, text))
    return tuple(sorted(result, key=lambda c: c.date))


def _region_code(rec: Fields, data: YMap, registry: Registry) -> str | None:
    value, line = data.get("region"), data.lines.get("region", data.line)
    if isinstance(value, float):
        rec.err(line, "region", f"{value!r} was read as a number", f"put the code in quotes: region: \"{value}\"")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:02d}"
    if not isinstance(value, str):
        message = "is missing" if value is None else f"must be a code in quotes, got {show(value)}"
        rec.err(line, "region", message, "add region: \"NN.NN\" (Kemendagri code, see data/regions/)")
        return None
    if value not in registry.regions:
        rec.err(line, "region", f"unknown region code {show(value)}",
                "use a code from data/regions/regencies.csv or provinces.csv, e.g. \"63.11\"")
        return None
    return value


def parse_record(data: Any, where: str, folder_year: int, registry: Registry, criteria: dict[int, YearCriteria],
                 problems: Collector, updated: dt.date | None = None) -> AwardRecord | None:
    """One parsed record file -> its record; `updated`: the data date, which no date of the record may follow."""
    if not isinstance(data, YMap):
        problems.add(where, 1, "", "a record must be a mapping of fields", "see data/awards/README.md")
        return None
    rec = Fields(data, where, problems, updated)
    before = len(problems.problems)
    for key in data:
        if key not in FIELDS:
            rec.unknown(data, key, key, FIELDS)
    code = _region_code(rec, data, registry)
    year = data.get("year")
    if isinstance(year, str) and year.strip() == str(folder_year):
        rec.err(data.lines["year"], "year", f"must be a number, got the text {show(year)}",
                f"write year: {folder_year} without quotes")
    elif year != folder_year:
        rec.err(data.lines.get("year", data.line), "year", f"{show(year)} does not match the folder {folder_year}",
                f"write year: {folder_year}, or move the file to data/awards/<year>/ of the award")
    year_criteria = criteria.get(folder_year)
    if year_criteria is None:
        rec.err(data.line, "year", f"no criteria file for {folder_year}",
                f"add data/criteria/{folder_year}.yaml or check the folder name")
    awarded = data.get("awarded")
    figures_only = "awarded" not in data and "metrics" in data  # a source gives figures, says nothing of the award
    if figures_only:
        for key in ("tier", "basis", "basis_note"):
            if key in data:
                rec.err(data.lines[key], key, "a record without awarded: only gives figures",
                        f"add awarded: true/false if a source says it, or remove {key}:")
    elif not isinstance(awarded, bool):
        rec.err(data.lines.get("awarded", data.line), "awarded", f"must be true or false, got {show(awarded)}",
                "awarded: true when a source says the region received the award, false when it says it did not "
                "(leave it out only in a record that gives figures without saying anything of the award)")
    tier = tier_of(rec, data, "tier")
    if awarded is False and "tier" in data:
        rec.err(data.lines["tier"], "tier", "a region not awarded has no tier", "remove tier:")
    if tier is not None and year_criteria is not None and not year_criteria.tiers_exist:
        rec.err(data.lines["tier"], "tier", f"{folder_year} had no tiers", "remove tier:")
    basis = None if figures_only else _basis(rec, data)
    gates: dict[str, bool] = {}
    raw_gates = data.get("gates")
    if raw_gates is not None:
        if not isinstance(raw_gates, YMap):
            rec.err(data.lines["gates"], "gates", "must be a mapping", "gates: / uhc_prioritas: true")
        else:
            known = year_criteria.gates if year_criteria else {}
            for key, value in raw_gates.items():
                if key not in known or not isinstance(value, bool):
                    rec.err(raw_gates.lines[key], f"gates.{key}", f"unknown gate or not true/false: {show(value)}",
                            f"use {sorted(known)} with true or false")
                else:
                    gates[key] = value
    metrics = read_metrics(rec, data)
    if figures_only and not (metrics.any_percentage or metrics.participants is not None):
        rec.err(data.lines["metrics"], "metrics", "a record without awarded: must give figures",
                "add the figures the source gives, or awarded: true/false")
    sources = read_sources(rec, data)
    texts = {k: rec.text(data, k, k, reader=True) for k in READER_TEXTS}
    texts["research_notes"] = rec.text(data, "research_notes", "research_notes", limit=MAX_RESEARCH_TEXT)
    _basis_rules(rec, data, basis, sources, texts)
    corrections = _corrections(rec, data)
    if len(problems.problems) > before or code is None or not (figures_only or isinstance(awarded, bool) and basis):
        return None
    return AwardRecord(
        region_code=code, year=folder_year, awarded=None if figures_only else bool(awarded),
        tier=tier if awarded else None, basis=basis, basis_note=texts["basis_note"], metrics=metrics, gates=gates,
        recipient=texts["recipient"], sources=sources, notes=texts["notes"],
        research_notes=texts["research_notes"], conflict_note=texts["conflict_note"], corrections=corrections,
        location=Location(where, data.line), field_lines=dict(data.lines),
    )


def _read_record(context: tuple[Registry, dict[int, YearCriteria], dt.date | None],
                 item: tuple[str, str, int]) -> tuple[AwardRecord | None, list[Problem]]:
    """One record file -> its record, or the problems that keep it out. Runs in a worker process at scale."""
    registry, criteria, updated = context
    path, where, year = item
    problems = Collector()
    try:
        data = load_file(Path(path), where)
    except DataError as exc:
        return None, exc.problems
    return parse_record(data, where, year, registry, criteria, problems, updated), problems.problems


# What a process that reads data/ again and again (serve) keeps: each record file's result by (display, digest of its
# bytes, datatree.scan_files); load_records reads only the files not in it, and leaves in it the files there are now.
Known = dict[tuple[str, str], tuple[AwardRecord | None, list[Problem]]]


def load_records(folder: Path, root: Path, registry: Registry, criteria: dict[int, YearCriteria],
                 updated: dt.date | None = None, digests: Mapping[str, str] | None = None,
                 known: Known | None = None) -> list[AwardRecord]:
    """Every record under data/awards/<year>/*.yaml, no date after `updated` (the data date); raises DataError
    listing all problems. digests, known: see Known (a file without a digest is always read)."""
    problems = Collector()
    records: list[AwardRecord] = []
    seen: dict[tuple[str, int], AwardRecord] = {}
    files = record_files(folder, root, problems, digests)
    names = [(where, (digests or {}).get(where, "")) for _, where, _ in files]
    fresh = [i for i, name in enumerate(names) if not name[1] or name not in (known or {})]
    results = {**(known or {}), **dict(zip([names[i] for i in fresh], ordered_map(
        _read_record, (registry, criteria, updated), [files[i] for i in fresh], jobs_for(len(fresh))), strict=True))}
    if known is not None:
        known.clear()
        known.update((name, results[name]) for name in names if name[1])
    for record, found in (results[name] for name in names):
        problems.extend(found)
        if record is None:
            continue
        where = record.location.path
        key = (record.region_code, record.year)
        if key in seen:
            first = seen[key].location
            problems.add(where, record.line_of("region"), "region",
                         f"{record.region_code} already has a {record.year} record at {first}",
                         "merge the two files into one record (list every source under sources:)")
            continue
        seen[key] = record
        records.append(record)
    problems.raise_if_any()
    return sorted(records, key=lambda r: (r.region_code, r.year))

