"""Turn a classification into rows a reader can follow: criterion, requirement, value, met?"""

from __future__ import annotations

from dataclasses import dataclass

from generator import numfmt
from generator.judge.classify import Check, Classification
from generator.model import Figure
from generator.read.criteria import AllOf, AnyOf, Condition, Gate, Threshold, YearCriteria
from generator.vocabulary import AWARD_TIERS, Metric, Tier

LOWEST = Tier.PRATAMA  # the tier a region without one is explained against


@dataclass(frozen=True, slots=True)
class CheckRow:
    criterion: str
    requirement: str
    value: str
    met: bool | None
    gap: str = ""  # e.g. "kurang 0,5 poin"

    @property
    def status(self) -> str:
        return {True: "Ya", False: "Tidak", None: "Tidak diketahui"}[self.met]


def _value_text(check: Check) -> str:
    if check.kind == "metric":
        return numfmt.figure(check.value if isinstance(check.value, Figure) else None)
    if check.kind == "gate":
        return {True: "ya", False: "tidak", None: "tidak dipublikasikan"}[check.met]
    unique: dict[tuple[Metric | None, str | None], Check] = {}
    for leaf in _leaves(check):
        unique.setdefault((leaf.metric, leaf.gate), leaf)
    return "; ".join(f"{c.metric.short} {_value_text(c)}" if c.metric else _value_text(c) for c in unique.values())


def _leaves(check: Check) -> list[Check]:
    """The metric and gate checks under a compound check, in order."""
    if check.kind in ("metric", "gate"):
        return [check]
    return [leaf for child in check.children for leaf in _leaves(child)]


def _requirement(check: Check, criteria: YearCriteria, short: bool = False) -> str:
    if check.kind == "metric":
        assert check.metric is not None and check.threshold is not None
        name = check.metric.short if short else check.metric.label
        return f"{name} ≥ {numfmt.decimal(check.threshold)} %"
    if check.kind == "gate":
        assert check.gate is not None
        return criteria.gates.get(check.gate, check.gate)
    joiner = " atau " if check.kind == "any" else " dan "
    parts = [_requirement(c, criteria, short=True) for c in check.children]
    return joiner.join(f"({p})" if c.kind in ("any", "all") else p for p, c in zip(parts, check.children, strict=True))


def rows(check: Check, criteria: YearCriteria) -> list[CheckRow]:
    """One row per top-level condition of a tier's rule."""
    result = []
    for child in check.children if check.kind == "all" else (check,):
        if child.kind == "metric":
            assert child.metric is not None and child.threshold is not None
            criterion, requirement = child.metric.label, f"≥ {numfmt.decimal(child.threshold)} %"
        elif child.kind == "gate":
            criterion, requirement = _requirement(child, criteria), "ya"
        else:
            criterion = _requirement(child, criteria, short=True)
            requirement = "salah satu terpenuhi" if child.kind == "any" else "semua terpenuhi"
        gap = f"kurang {numfmt.decimal(child.gap)} poin" if child.gap is not None else ""
        result.append(CheckRow(criterion, requirement, _value_text(child), child.met, gap))
    return result


def _unknown(condition: Condition) -> Check:
    """The rule's shape with nothing known, to list a tier's requirements where no figures exist."""
    if isinstance(condition, Threshold):
        return Check("metric", None, metric=condition.metric, threshold=condition.minimum)
    if isinstance(condition, Gate):
        return Check("gate", None, gate=condition.name)
    kind = "all" if isinstance(condition, AllOf) else "any"
    assert isinstance(condition, AllOf | AnyOf)
    return Check(kind, None, children=tuple(_unknown(c) for c in condition.items))


def requirement_rows(tier: Tier, criteria: YearCriteria) -> list[CheckRow]:
    if criteria.rules is None or tier not in criteria.rules:
        return []
    return rows(_unknown(criteria.rules[tier]), criteria)


def shown_tier(announced: Tier | None, result: Classification | None) -> Tier | None:
    """The tier whose rule explains the region: the announced one, else the one the figures give."""
    if announced in AWARD_TIERS:
        return announced
    if result is not None and result.status is not None and result.status.tier is not None:
        return result.status.tier
    return None


def next_tier(current: Tier | None) -> Tier | None:
    """The tier just above: None -> Pratama ... Madya -> Utama; Utama -> None."""
    rank = current.rank if current is not None else 0
    above = [t for t in AWARD_TIERS if t.rank == rank + 1]
    return above[0] if above else None


def describe_rule(condition: Condition, criteria: YearCriteria) -> str:
    """A tier's whole rule in one Indonesian sentence, for the methodology page."""
    return _requirement(_unknown(condition), criteria)
