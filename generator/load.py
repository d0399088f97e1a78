"""YAML award records -> AwardRecord, every problem located at file:line with a fix."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .criteria import YearCriteria
from .errors import Collector, DataError, Problem
from .model import AwardRecord, Confidence, Correction, Location, Metrics, Source, Tier
from .parallel import jobs_for, ordered_map
from .regions import Registry
from .urls import url_problem
from .yamlsafe import YList, YMap, load_file

FIELDS = {"region", "year", "awarded", "tier", "confidence", "recipient", "metrics", "gates", "sources",
          "notes", "conflict_note", "corrections"}
PERCENT_FIELDS = ("coverage", "activity", "pemda_share")
COUNT_FIELDS = ("population", "participants", "active", "pemda_registered")
METRIC_FIELDS = {*PERCENT_FIELDS, *COUNT_FIELDS, "as_of"}
SOURCE_FIELDS = {"url", "publisher", "date", "title", "tier"}
MAX_TEXT = 2000
MAX_PERCENT = 150.0
DERIVE_TOLERANCE = 0.1  # percentage points between a stated percentage and the one from counts
MAX_COUNT = 1_000_000_000  # people; more is a typo (Indonesia has about 280 million)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DERIVED = {"coverage": "participants", "activity": "active", "pemda_share": "pemda_registered"}


def _show(value: Any) -> str:
    """A value as a message quotes it: repr, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Record:
    """Validation of one file's mapping; adds problems to the shared collector."""

    def __init__(self, data: YMap, where: str, problems: Collector) -> None:
        self.data, self.where, self.problems = data, where, problems

    def err(self, line: int, field: str, message: str, fix: str) -> None:
        self.problems.add(self.where, line, field, message, fix)

    def unknown(self, owner: YMap, key: str, field: str, allowed: set[str]) -> None:
        if key[:1].isdigit():  # {coverage: 99,5 %} is read as coverage: 99 and a field "5 %"
            self.err(owner.lines[key], field, f"{_show(key)} is not a field: inside {{...}} a comma separates "
                     "fields, so a decimal comma splits the number in two",
                     "write numbers with a dot and without %, e.g. {coverage: 99.5}")
        else:
            self.err(owner.lines[key], field, "unknown field", f"use one of {sorted(allowed)}")

    def text(self, owner: YMap, key: str, field: str, required: bool = False) -> str | None:
        value = owner.get(key)
        line = owner.lines.get(key, owner.line)
        if value is None:
            if required:
                self.err(line, field, "is missing", f"add {key}: with a text value")
            return None
        if not isinstance(value, str):
            self.err(line, field, f"must be text, got {_show(value)}",
                     f"put the value in quotes: {key}: \"...\"")
            return None
        if len(value) > MAX_TEXT:
            self.err(line, field, f"is {len(value)} characters long (limit {MAX_TEXT})",
                     "shorten it: the page links the source for the full story")
            return None
        if _CONTROL.search(value):
            self.err(line, field, "contains control characters", "remove them (retype the text)")
            return None
        return value.strip() or None

    def date(self, owner: YMap, key: str, field: str) -> dt.date | None:
        value = owner.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        self.err(owner.lines[key], field, f"{_show(value)} is not a date",
                 "write the date as YYYY-MM-DD, e.g. 2026-01-27")
        return None

    def url(self, value: Any, line: int, field: str) -> str | None:
        problem = url_problem(value)
        if problem is not None:
            self.err(line, field, *problem)
            return None
        return str(value).strip()


def _number(rec: _Record, metrics: YMap, key: str) -> float | int | None:
    value = metrics.get(key)
    line = metrics.lines.get(key, metrics.line)
    field = f"metrics.{key}"
    if value is None:
        return None
    if key in COUNT_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int):
            why = ""
            if isinstance(value, str) and value.isdigit():  # kept as text by yamlsafe
                why = ": it starts with 0" if value.startswith("0") else ": it has too many digits"
            rec.err(line, field, f"{_show(value)} is not a whole number{why}",
                    "write digits only, without dots, commas or leading zeros: 1234567")
            return None
        if not 0 <= value <= MAX_COUNT:
            rec.err(line, field, f"{value} is {'negative' if value < 0 else 'over a billion'}",
                    "counts of people are 0 or more: check the figure in the source")
            return None
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        rec.err(line, field, f"{_show(value)} is not a number",
                f"write a plain number with a dot as decimal separator and no % sign, e.g. {key}: 99.5")
        return None
    if not 0 <= value <= MAX_PERCENT:
        rec.err(line, field, f"{value} is outside 0-{MAX_PERCENT:g} %", "check the figure in the source")
        return None
    return float(value)


def _metrics(rec: _Record, data: YMap) -> Metrics:
    raw = data.get("metrics")
    if raw is None:
        return Metrics()
    if not isinstance(raw, YMap):
        rec.err(data.lines["metrics"], "metrics", "must be a mapping", "write metrics: then indented fields")
        return Metrics()
    for key in raw:
        if key not in METRIC_FIELDS:
            rec.unknown(raw, key, f"metrics.{key}", METRIC_FIELDS)
    values: dict[str, Any] = {k: _number(rec, raw, k) for k in (*PERCENT_FIELDS, *COUNT_FIELDS)}
    population = values["population"]
    if values["active"] is not None and values["participants"] is not None \
            and values["active"] > values["participants"]:
        rec.err(raw.lines["active"], "metrics.active", "active participants exceed participants",
                "check both counts in the source")
    if values["pemda_registered"] is not None and values["participants"] is not None \
            and values["pemda_registered"] > values["participants"]:
        rec.err(raw.lines["pemda_registered"], "metrics.pemda_registered", "exceeds participants",
                "check both counts in the source")
    for pct, count in _DERIVED.items():
        if values[count] is None or not population:
            continue
        derived = round(values[count] / population * 100, 2)
        if values[pct] is None:
            if derived > MAX_PERCENT:
                rec.err(raw.lines[count], f"metrics.{count}", f"gives {derived} % of the population",
                        "check the count and the population")
            values[pct] = derived
        elif abs(values[pct] - derived) > DERIVE_TOLERANCE:
            rec.err(raw.lines[pct], f"metrics.{pct}",
                    f"{values[pct]} % disagrees with {count}/population = {derived} %",
                    f"keep only the figure the source states, or correct {pct} or {count}")
    return Metrics(**values, as_of=rec.date(raw, "as_of", "metrics.as_of"))


def _sources(rec: _Record, data: YMap) -> tuple[Source, ...]:
    raw = data.get("sources")
    fix = "add sources: with at least one item: - url: https://... / publisher: NAME / date: YYYY-MM-DD"
    if not isinstance(raw, YList) or not raw:
        rec.err(data.lines.get("sources", data.line), "sources", "every record needs at least one source", fix)
        return ()
    result = []
    for index, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
        field = f"sources[{index}]"
        if not isinstance(item, YMap):
            rec.err(line, field, "must be a mapping with url and publisher", fix)
            continue
        for key in item:
            if key not in SOURCE_FIELDS:
                rec.unknown(item, key, f"{field}.{key}", SOURCE_FIELDS)
        url = rec.url(item.get("url"), item.lines.get("url", line), f"{field}.url")
        publisher = rec.text(item, "publisher", f"{field}.publisher", required=True)
        tier = _tier(rec, item, f"{field}.tier")
        if url and publisher:
            result.append(Source(url, publisher, rec.date(item, "date", f"{field}.date"),
                                 rec.text(item, "title", f"{field}.title"), tier))
    return tuple(result)


def _tier(rec: _Record, owner: YMap, field: str) -> Tier | None:
    value = owner.get("tier")
    if value is None:
        return None
    if value in ("utama", "madya", "pratama"):
        return Tier(value)
    rec.err(owner.lines["tier"], field, f"unknown tier {_show(value)}",
            "use utama, madya or pratama (lower case); leave it out when the tier is not stated")
    return None


def _corrections(rec: _Record, data: YMap) -> tuple[Correction, ...]:
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
        text = rec.text(item, "text", f"{field}.text", required=True)
        date = rec.date(item, "date", f"{field}.date")
        if text and date:
            result.append(Correction(date, text))
    return tuple(sorted(result, key=lambda c: c.date))


def _region_code(rec: _Record, data: YMap, registry: Registry) -> str | None:
    value, line = data.get("region"), data.lines.get("region", data.line)
    if isinstance(value, float):
        rec.err(line, "region", f"{value!r} was read as a number", f"put the code in quotes: region: \"{value}\"")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:02d}"
    if not isinstance(value, str):
        message = "is missing" if value is None else f"must be a code in quotes, got {_show(value)}"
        rec.err(line, "region", message, "add region: \"NN.NN\" (Kemendagri code, see data/regions/)")
        return None
    if value not in registry.regions:
        rec.err(line, "region", f"unknown region code {_show(value)}",
                "use a code from data/regions/regencies.csv or provinces.csv, e.g. \"63.11\"")
        return None
    return value


def parse_record(data: Any, where: str, folder_year: int, registry: Registry,
                 criteria: dict[int, YearCriteria], problems: Collector) -> AwardRecord | None:
    if not isinstance(data, YMap):
        problems.add(where, 1, "", "a record must be a mapping of fields", "see data/awards/README.md")
        return None
    rec = _Record(data, where, problems)
    before = len(problems.problems)
    for key in data:
        if key not in FIELDS:
            rec.unknown(data, key, key, FIELDS)
    code = _region_code(rec, data, registry)
    year = data.get("year")
    if isinstance(year, str) and year.strip() == str(folder_year):
        rec.err(data.lines["year"], "year", f"must be a number, got the text {_show(year)}",
                f"write year: {folder_year} without quotes")
    elif year != folder_year:
        rec.err(data.lines.get("year", data.line), "year", f"{_show(year)} does not match the folder {folder_year}",
                f"write year: {folder_year}, or move the file to data/awards/<year>/ of the award")
    year_criteria = criteria.get(folder_year)
    if year_criteria is None:
        rec.err(data.line, "year", f"no criteria file for {folder_year}",
                f"add data/criteria/{folder_year}.yaml or check the folder name")
    awarded = data.get("awarded")
    if not isinstance(awarded, bool):
        rec.err(data.lines.get("awarded", data.line), "awarded", f"must be true or false, got {_show(awarded)}",
                "awarded: true when a source says the region received the award, false when it says it did not")
    tier = _tier(rec, data, "tier")
    if awarded is False and "tier" in data:
        rec.err(data.lines["tier"], "tier", "a region not awarded has no tier", "remove tier:")
    if tier is not None and year_criteria is not None and not year_criteria.tiers_exist:
        rec.err(data.lines["tier"], "tier", f"{folder_year} had no tiers", "remove tier:")
    confidence = Confidence.CONFIRMED
    if "confidence" in data:
        try:
            confidence = Confidence(data["confidence"])
        except ValueError:
            rec.err(data.lines["confidence"], "confidence", f"unknown value {_show(data['confidence'])}",
                    "use confirmed, inferred or disputed")
    gates: dict[str, bool] = {}
    raw_gates = data.get("gates")
    if raw_gates is not None:
        if not isinstance(raw_gates, YMap):
            rec.err(data.lines["gates"], "gates", "must be a mapping", "gates: / uhc_prioritas: true")
        else:
            known = year_criteria.gates if year_criteria else {}
            for key, value in raw_gates.items():
                if key not in known or not isinstance(value, bool):
                    rec.err(raw_gates.lines[key], f"gates.{key}", f"unknown gate or not true/false: {_show(value)}",
                            f"use {sorted(known)} with true or false")
                else:
                    gates[key] = value
    metrics = _metrics(rec, data)
    sources = _sources(rec, data)
    if confidence is Confidence.DISPUTED and len({s.tier for s in sources if s.tier}) < 2:
        rec.err(data.lines.get("confidence", data.line), "confidence",
                "a disputed record needs sources that state different tiers", "add tier: to each source")
    texts = {k: rec.text(data, k, k) for k in ("recipient", "notes", "conflict_note")}
    corrections = _corrections(rec, data)
    if len(problems.problems) > before or code is None or not isinstance(awarded, bool):
        return None
    return AwardRecord(
        region_code=code, year=folder_year, awarded=awarded,
        tier=tier if awarded else Tier.NONE, confidence=confidence, metrics=metrics, gates=gates,
        recipient=texts["recipient"], sources=sources, notes=texts["notes"],
        conflict_note=texts["conflict_note"], corrections=corrections,
        location=Location(where, data.line), field_lines=dict(data.lines),
    )


def _read_record(context: tuple[Registry, dict[int, YearCriteria]],
                 item: tuple[Path, str, int]) -> tuple[AwardRecord | None, list[Problem]]:
    """One record file -> its record, or the problems that keep it out. Runs in a worker process at scale."""
    registry, criteria = context
    path, where, year = item
    problems = Collector()
    try:
        data = load_file(path, where)
    except DataError as exc:
        return None, exc.problems
    return parse_record(data, where, year, registry, criteria, problems), problems.problems


def load_records(folder: Path, root: Path, registry: Registry,
                 criteria: dict[int, YearCriteria]) -> list[AwardRecord]:
    """Every record under data/awards/<year>/*.yaml; raises DataError listing all problems."""
    problems = Collector()
    records: list[AwardRecord] = []
    seen: dict[tuple[str, int], AwardRecord] = {}
    files: list[tuple[Path, str, int]] = []
    for path in sorted(folder.rglob("*")):
        where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        if path.is_symlink():  # never followed: a link could pull in any file of the machine
            problems.add(where, 0, "", "is a symbolic link", "copy the record into data/awards/<year>/ instead")
            continue
        if path.is_dir() or path.name.startswith(".") or path.name.lower() == "readme.md":
            continue
        year_dir = path.parent.name
        if path.suffix not in (".yaml", ".yml") or path.parent.parent != folder or not year_dir.isdigit():
            problems.add(where, 0, "", "unexpected file", "award records are data/awards/<year>/<name>.yaml")
            continue
        files.append((path, where, int(year_dir)))
    for record, found in ordered_map(_read_record, (registry, criteria), files, jobs_for(len(files))):
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
