"""Per-year award criteria, read from data/criteria/<year>.yaml. Rules are data, not code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

from .errors import Collector, DataError
from .model import AWARD_TIERS, Metric, Tier
from .yamlsafe import YList, YMap, load_file


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

    @property
    def rule_known(self) -> bool:
        return self.rules is not None


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
        return Threshold(metric, float(minimum))
    key, value = next(iter(raw.items()))
    if key == "gate":
        if value not in gates:
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


def _parse(data: Any, where: str, year: int, problems: Collector) -> YearCriteria | None:
    if not isinstance(data, YMap):
        problems.add(where, 1, "", "criteria file must be a mapping", "see data/criteria/2026.yaml")
        return None
    if data.get("year") != year:
        problems.add(where, data.lines.get("year", 1), "year", f"year must be {year} (the file name)",
                     f"write year: {year}")
    gates_raw = data.get("gates") or YMap(0)
    gates = {str(k): str(v) for k, v in gates_raw.items()}
    tiers_exist = bool(data.get("tiers_exist", True))
    rules: dict[Tier, Condition] | None = None
    raw_rules = data.get("rules")
    if isinstance(raw_rules, YMap):
        rules = {}
        for name, raw in raw_rules.items():
            try:
                tier = Tier(name)
            except ValueError:
                problems.add(where, raw_rules.lines[name], f"rules.{name}", "unknown tier", "use utama, madya, pratama")
                continue
            cond = _condition(raw, gates, where, raw_rules.lines[name], problems)
            if cond is not None:
                rules[tier] = cond
        if set(rules) != set(AWARD_TIERS):
            problems.add(where, data.lines["rules"], "rules", "rules must define utama, madya and pratama",
                         "add the missing tier, or remove rules: when thresholds are unknown")
    totals = data.get("official_totals") or YMap(0)
    kabkota = totals.get("kabkota") or YMap(0)
    ceremony = data.get("ceremony") or YMap(0)
    sources = []
    raw_sources = data.get("sources") or YList(0)
    for item, line in zip(raw_sources, raw_sources.lines, strict=True):
        url = str(item.get("url", "")) if isinstance(item, YMap) else ""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in " <>\"'`"):
            problems.add(where, line, "sources.url", f"{url[:60]!r} is not an http(s) address",
                         "give the full address of the source, starting with https://")
            continue
        sources.append(CriteriaSource(url, str(item.get("publisher", parts.netloc))))
    return YearCriteria(
        year=year,
        edition=str(data.get("edition", f"UHC Awards {year}")),
        ceremony_date=ceremony.get("date"),
        ceremony_place=ceremony.get("place"),
        tiers_exist=tiers_exist,
        rules=rules,
        gates=gates,
        official_kabkota={Tier(k): int(v) for k, v in kabkota.items()},
        official_kabkota_total=totals.get("kabkota_total"),
        official_provinces=totals.get("provinces"),
        eligibility=str(data.get("eligibility", "")),
        notes=tuple(str(n) for n in data.get("notes") or []),
        sources=tuple(sources),
        path=where,
    )


def load_criteria(folder: Path, root: Path) -> dict[int, YearCriteria]:
    problems = Collector()
    result: dict[int, YearCriteria] = {}
    for path in sorted(folder.glob("*.yaml")):
        where = str(path.relative_to(root))
        if not path.stem.isdigit():
            problems.add(where, 0, "", "criteria files are named <year>.yaml", "rename the file, e.g. 2026.yaml")
            continue
        try:
            data = load_file(path, where)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        parsed = _parse(data, where, int(path.stem), problems)
        if parsed is not None:
            result[parsed.year] = parsed
    problems.raise_if_any()
    return result
