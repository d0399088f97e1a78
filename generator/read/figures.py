"""The figures of a record (metrics:): percentages, exact or as bounds, and counts of people, checked
against each other."""

from __future__ import annotations

from typing import Any

from generator.model import Figure, Metrics
from generator.read.fields import Fields, show
from generator.read.yamlsafe import YMap
from generator.vocabulary import Bound

PERCENT_FIELDS = ("coverage", "activity", "pemda_share")
COUNT_FIELDS = ("population", "participants", "active", "pemda_registered")
METRIC_FIELDS = {*PERCENT_FIELDS, *COUNT_FIELDS, "as_of"}
BOUNDS = {b.value: b for b in Bound if b is not Bound.EXACT}  # {at_least: 85} etc.
MAX_PERCENT = 150.0
DERIVE_TOLERANCE = 0.1  # percentage points between a stated percentage and the one from counts
MAX_COUNT = 1_000_000_000  # people; more is a typo (Indonesia has about 280 million)
_DERIVED = {"coverage": "participants", "activity": "active", "pemda_share": "pemda_registered"}


def _percent(rec: Fields, value: Any, line: int, field: str, key: str) -> Figure | None:
    """A percentage: a plain number, or a bound such as {above: 85} ('aktif > 85 %')."""
    bound = Bound.EXACT
    if isinstance(value, YMap):
        if len(value) != 1 or next(iter(value)) not in BOUNDS:
            rec.err(line, field, f"{show(dict(value))} is not a figure or a bound",
                    f"write {key}: 99.5, or a bound the source states: {{at_least: 85}}, {{above: 85}}, "
                    "{at_most: 98} or {below: 98}")
            return None
        name = next(iter(value))
        bound, value, line = BOUNDS[name], value[name], value.lines[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        rec.err(line, field, f"{show(value)} is not a number",
                f"write a plain number with a dot as decimal separator and no % sign, e.g. {key}: 99.5")
        return None
    if not 0 <= value <= MAX_PERCENT:
        rec.err(line, field, f"{value} is outside 0-{MAX_PERCENT:g} %", "check the figure in the source")
        return None
    return Figure(float(value), bound)


def _number(rec: Fields, metrics: YMap, key: str) -> Figure | int | None:
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
            rec.err(line, field, f"{show(value)} is not a whole number{why}",
                    "write digits only, without dots, commas or leading zeros: 1234567")
            return None
        if not 0 <= value <= MAX_COUNT:
            rec.err(line, field, f"{value} is {'negative' if value < 0 else 'over a billion'}",
                    "counts of people are 0 or more: check the figure in the source")
            return None
        return value
    return _percent(rec, value, line, field, key)


def read_metrics(rec: Fields, data: YMap) -> Metrics:
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
        stated: Figure | None = values[pct]
        if stated is None:
            if derived > MAX_PERCENT:
                rec.err(raw.lines[count], f"metrics.{count}", f"gives {derived} % of the population",
                        "check the count and the population")
            values[pct] = Figure(derived)
        elif abs(stated.value - derived) > DERIVE_TOLERANCE if stated.exact else not stated.admits(derived):
            rec.err(raw.lines[pct], f"metrics.{pct}",
                    f"{stated.bound.symbol}{stated.value} % disagrees with {count}/population = {derived} %",
                    f"keep only the figure the source states, or correct {pct} or {count}")
    return Metrics(**values, as_of=rec.date(raw, "as_of", "metrics.as_of"))
