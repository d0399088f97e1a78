"""Per-year award criteria, read from data/criteria/<year>.yaml. Rules are data, not code."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import Collector, DataError
from generator.read.fields import after_data_date
from generator.read.urls import url_problem
from generator.read.yamlsafe import YList, YMap, control_problems, load_file
from generator.vocabulary import AWARD_TIERS, STATUSES, Metric, Status, Tier

MAX_THRESHOLD = 150.0  # percentages, as in records (coverage can pass 100 against a population estimate)
_YEAR_FILE = re.compile(r"[0-9]{4}\.yaml")  # ASCII digits only: '２０２６' and '²⁰²⁶' pass str.isdigit()


@dataclass(frozen=True, slots=True)
class Threshold:
    metric: Metric
    minimum: float


@dataclass(frozen=True, slots=True)
class Gate:
    name: str


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]


Condition = Threshold | Gate | AllOf | AnyOf


@dataclass(frozen=True, slots=True)
class CriteriaSource:
    url: str
    publisher: str


@dataclass(frozen=True, slots=True)
class YearCriteria:
    year: int
    edition: str
    ceremony_date: dt.date | None
    ceremony_place: str | None
    tiers_exist: bool
    rules: dict[Tier, Condition] | None  # None: thresholds unknown (tiers announced only)
    gates: dict[str, str]  # gate name -> Indonesian label
    official_kabkota: dict[Tier, int]
    official_kabkota_total: int | None
    official_provinces: int | None
    eligibility: str
    notes: tuple[str, ...]
    sources: tuple[CriteriaSource, ...]
    path: str
    ticks: dict[Metric, tuple[float, ...]]  # each metric's thresholds across the tiers, sorted (chart marks)

    @property
    def rule_known(self) -> bool:
        return self.rules is not None

    @property
    def statuses(self) -> tuple[Status, ...]:
        """The statuses this edition can give, each with its category list: the tiers only where the edition
        had tiers."""
        return tuple(s for s in STATUSES if s.tier is None or self.tiers_exist)


def _condition(raw: Any, gates: dict[str, str], where: str, line: int, problems: Collector) -> Condition | None:
    fix = "write {metric: coverage|activity|pemda_share, min: NUMBER}, {gate: NAME}, {all: [...]} or {any: [...]}"
    if not isinstance(raw, YMap) or len(raw) != 1 and set(raw) != {"metric", "min"}:
        problems.add(where, getattr(raw, "line", line), "condition", f"cannot read condition {raw!r}", fix)
        return None
    if set(raw) == {"metric", "min"}:
        try:
            metric = Metric(raw["metric"])
        except ValueError:
            problems.add(where, raw.line, "metric", f"unknown metric {raw['metric']!r}", fix)
            return None
        minimum = raw["min"]
        if isinstance(minimum, bool) or not isinstance(minimum, int | float):
            problems.add(where, raw.lines["min"], "min", f"{minimum!r} is not a number", "write e.g. 98.5")
            return None
        if not 0 <= minimum <= MAX_THRESHOLD:
            problems.add(where, raw.lines["min"], "min", f"{minimum:g} is outside 0-{MAX_THRESHOLD:g} %",
                         "a threshold is a percentage of the population: check it against the source")
            return None
        return Threshold(metric, float(minimum))
    key, value = next(iter(raw.items()))
    if key == "gate":
        if not isinstance(value, str) or value not in gates:
            problems.add(where, raw.line, "gate", f"unknown gate {value!r}",
                         f"declare it under gates: ({sorted(gates)})")
            return None
        return Gate(value)
    if key in ("all", "any") and isinstance(value, YList) and value:
        items = [_condition(v, gates, where, ln, problems) for v, ln in zip(value, value.lines, strict=True)]
        if any(i is None for i in items):
            return None
        parts = tuple(i for i in items if i is not None)
        return AllOf(parts) if key == "all" else AnyOf(parts)
    problems.add(where, raw.line, str(key), f"cannot read condition {key!r}", fix)
    return None


FIELDS = {"year", "edition", "ceremony", "tiers_exist", "official_totals", "eligibility", "gates", "rules",
          "notes", "sources"}
_KINDS: dict[type, str] = {str: "text", int: "a whole number", bool: "true or false", dt.date: "a date (YYYY-MM-DD)",
                           YMap: "a mapping", YList: "a list"}


class _Fields:
    """Typed reading of one criteria file: a value of the wrong type is a located problem, never a crash."""

    def __init__(self, where: str, problems: Collector) -> None:
        self.where, self.problems = where, problems

    def get(self, owner: YMap, key: str, kind: type, field: str) -> Any:
        value = owner.get(key)
        if value is None:
            return None
        wrong = isinstance(value, bool) and kind is not bool or kind is int and isinstance(value, int) and value < 0
        if wrong or not isinstance(value, kind):
            self.problems.add(self.where, owner.lines.get(key, owner.line), field,
                              f"must be {_KINDS[kind]}" + (" of 0 or more" if kind is int else ""),
                              f"write {key}: as {_KINDS[kind]}, as data/criteria/2026.yaml does")
            return None
        return value

    def mapping(self, owner: YMap, key: str, field: str) -> YMap:
        return self.get(owner, key, YMap, field) or YMap(owner.lines.get(key, owner.line))


def _criteria_sources(f: _Fields, data: YMap) -> tuple[CriteriaSource, ...]:
    result = []
    raw = f.get(data, "sources", YList, "sources") or YList(0)
    for index, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
        field = f"sources[{index}]"
        if not isinstance(item, YMap):
            f.problems.add(f.where, line, field, "must be a mapping", "write {url: https://..., publisher: NAME}")
            continue
        problem = url_problem(item.get("url"))
        if problem is not None:
            f.problems.add(f.where, item.lines.get("url", line), f"{field}.url", *problem)
            continue
        publisher = f.get(item, "publisher", str, f"{field}.publisher")
        if not publisher:
            f.problems.add(f.where, item.lines.get("publisher", line), f"{field}.publisher", "is missing",
                           "add publisher: the name of the newspaper or office")
            continue
        result.append(CriteriaSource(str(item["url"]).strip(), publisher))
    return tuple(result)


def _parse(data: Any, where: str, year: int, problems: Collector, latest: dt.date | None,
           late: Collector) -> YearCriteria | None:
    if not isinstance(data, YMap):
        problems.add(where, 1, "", "criteria file must be a mapping", "see data/criteria/2026.yaml")
        return None
    f = _Fields(where, problems)
    for key in data:
        if key not in FIELDS:
            problems.add(where, data.lines[key], key, "unknown field", f"use one of {sorted(FIELDS)}")
    if data.get("year") != year or isinstance(data.get("year"), bool):
        problems.add(where, data.lines.get("year", 1), "year", f"year must be {year} (the file name)",
                     f"write year: {year}")
    gates_raw = f.mapping(data, "gates", "gates")
    gates = {str(k): v for k in gates_raw if (v := f.get(gates_raw, k, str, f"gates.{k}")) is not None}
    tiers_exist = f.get(data, "tiers_exist", bool, "tiers_exist")
    rules: dict[Tier, Condition] | None = None
    raw_rules = f.get(data, "rules", YMap, "rules")
    if raw_rules is not None:
        rules = {}
        for name, raw in raw_rules.items():
            if name not in {t.value for t in AWARD_TIERS}:
                problems.add(where, raw_rules.lines[name], f"rules.{name}", "unknown tier", "use utama, madya, pratama")
                continue
            cond = _condition(raw, gates, where, raw_rules.lines[name], problems)
            if cond is not None:
                rules[Tier(name)] = cond
        if set(rules) != set(AWARD_TIERS):
            problems.add(where, data.lines["rules"], "rules", "rules must define utama, madya and pratama",
                         "add the missing tier, or remove rules: when thresholds are unknown")
    totals = f.mapping(data, "official_totals", "official_totals")
    kabkota = f.mapping(totals, "kabkota", "official_totals.kabkota")
    official: dict[Tier, int] = {}
    for name in kabkota:
        count = f.get(kabkota, name, int, f"official_totals.kabkota.{name}")
        if name not in {t.value for t in AWARD_TIERS}:
            problems.add(where, kabkota.lines[name], f"official_totals.kabkota.{name}", "unknown tier",
                         "use utama, madya, pratama")
        elif count is not None:
            official[Tier(name)] = count
    ceremony = f.mapping(data, "ceremony", "ceremony")
    ceremony_date = f.get(ceremony, "date", dt.date, "ceremony.date")
    if ceremony_date is not None and (after := after_data_date(ceremony_date, latest)) is not None:
        late.add(where, ceremony.lines["date"], "ceremony.date", *after)
    notes = f.get(data, "notes", YList, "notes") or YList(0)
    for index, (note, line) in enumerate(zip(notes, notes.lines, strict=True)):
        if not isinstance(note, str):
            problems.add(where, line, f"notes[{index}]", "must be text", "write each note as a line of text")
    return YearCriteria(
        year=year,
        edition=f.get(data, "edition", str, "edition") or f"UHC Awards {year}",
        ceremony_date=ceremony_date,
        ceremony_place=f.get(ceremony, "place", str, "ceremony.place"),
        tiers_exist=True if tiers_exist is None else tiers_exist,
        rules=rules,
        gates=gates,
        official_kabkota=official,
        official_kabkota_total=f.get(totals, "kabkota_total", int, "official_totals.kabkota_total"),
        official_provinces=f.get(totals, "provinces", int, "official_totals.provinces"),
        eligibility=f.get(data, "eligibility", str, "eligibility") or "",
        notes=tuple(n for n in notes if isinstance(n, str)),
        sources=_criteria_sources(f, data),
        path=where,
        ticks={m: thresholds(tuple(rules.values()), m) for m in Metric} if rules else {},
    )


def thresholds(conditions: tuple[Condition, ...], metric: Metric) -> tuple[float, ...]:
    """Every minimum the conditions set for one metric, sorted."""
    found: set[float] = set()
    for condition in conditions:
        if isinstance(condition, Threshold):
            if condition.metric is metric:
                found.add(condition.minimum)
        elif isinstance(condition, AllOf | AnyOf):
            found.update(thresholds(condition.items, metric))
    return tuple(sorted(found))


def load_criteria(folder: Path, root: Path, latest: dt.date | None = None,
                  late: Collector | None = None) -> dict[int, YearCriteria]:
    """Every data/criteria/<year>.yaml (four ASCII digits); at least one is required. A ceremony after the data
    date `latest` is a problem added to `late`, which leaves the criteria usable (to check the records too)."""
    problems = Collector()
    result: dict[int, YearCriteria] = {}
    where_folder = str(folder.relative_to(root)) if folder.is_relative_to(root) else str(folder)
    for path in sorted(folder.iterdir()):
        where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        if path.name.startswith(".") or path.name.lower() == "readme.md":
            continue
        if not _YEAR_FILE.fullmatch(path.name):
            problems.add(where, 0, "", "criteria files are named <year>.yaml with the year in four digits 0-9",
                         "rename the file, e.g. 2026.yaml")
            continue
        try:
            data = load_file(path, where)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(control_problems(data, where))
        parsed = _parse(data, where, int(path.stem), problems, latest, late or problems)
        if parsed is not None:
            result[parsed.year] = parsed
    if not result and not problems.problems:
        problems.add(where_folder, 0, "", "holds no criteria file: every award year needs its tiers and thresholds",
                     "add data/criteria/<year>.yaml (see data/criteria/2026.yaml in the repository)")
    problems.raise_if_any()
    return result
