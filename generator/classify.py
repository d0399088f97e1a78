"""Pure classification: figures + a year's criteria -> tier, with every check explained.

Unknown figures give unknown checks (three-valued logic): the tier is then 'not determined' but the
set of tiers still possible is known, which is what catches an announced tier the figures contradict.
No I/O, no globals, no clock.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from .criteria import AllOf, AnyOf, Condition, Gate, Threshold, YearCriteria
from .model import AWARD_TIERS, Metric, Metrics, Tier


class Check(NamedTuple):
    """One evaluated node of a tier's rule. kind: 'metric', 'gate', 'all' or 'any'.

    Immutable like the frozen records, but a NamedTuple: a classification builds about 30 of these, and a
    NamedTuple is built three times faster than a frozen dataclass."""

    kind: str
    met: bool | None  # None: a figure it needs was not published
    metric: Metric | None = None
    gate: str | None = None
    value: float | bool | None = None
    threshold: float | None = None
    children: tuple[Check, ...] = ()

    @property
    def gap(self) -> float | None:
        """How far a metric is below its threshold (percentage points), when it is."""
        if self.kind != "metric" or self.met is not False or not isinstance(self.value, float):
            return None
        assert self.threshold is not None
        return round(self.threshold - self.value, 2)


@dataclass(frozen=True, slots=True)
class TierEvaluation:
    tier: Tier
    check: Check

    @property
    def met(self) -> bool | None:
        return self.check.met


@dataclass(frozen=True, slots=True)
class Classification:
    rule_known: bool
    evaluations: tuple[TierEvaluation, ...]  # best tier first
    tier: Tier | None  # the tier the figures give; None when unknown figures leave it open
    possible: tuple[Tier, ...]  # every tier the figures still allow, best first (Tier.NONE included)

    def evaluation(self, tier: Tier) -> TierEvaluation | None:
        return next((e for e in self.evaluations if e.tier is tier), None)

    def contradicts(self, announced: Tier) -> bool:
        """True when the figures rule out the announced tier (the verdict's rule, which pages use)."""
        found = self.verdict
        return found is not None and found.contradicts(announced)

    @property
    def verdict(self) -> Verdict | None:
        return verdict(self.tier, self.possible) if self.rule_known else None


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the figures decide, without the checks that explain it: small enough to keep for every region
    and year (the checks are recomputed, purely, for the page that shows them)."""

    tier: Tier | None
    possible: tuple[Tier, ...]

    def contradicts(self, announced: Tier) -> bool:
        return announced not in self.possible


@functools.lru_cache(maxsize=64)
def verdict(tier: Tier | None, possible: tuple[Tier, ...]) -> Verdict:
    """One shared Verdict per outcome: there are only a few dozen possible ones."""
    return Verdict(tier, possible)


def _and(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _or(values: list[bool | None]) -> bool | None:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def evaluate(condition: Condition, metrics: Metrics, gates: dict[str, bool]) -> Check:
    if isinstance(condition, Threshold):
        value = metrics.value(condition.metric)
        met = None if value is None else value >= condition.minimum
        return Check("metric", met, metric=condition.metric, value=value, threshold=condition.minimum)
    if isinstance(condition, Gate):
        gate_value = gates.get(condition.name)
        return Check("gate", gate_value, gate=condition.name, value=gate_value)
    children = tuple([evaluate(c, metrics, gates) for c in condition.items])
    values = [c.met for c in children]
    if isinstance(condition, AllOf):
        return Check("all", _and(values), children=children)
    assert isinstance(condition, AnyOf)
    return Check("any", _or(values), children=children)


def classify(metrics: Metrics, gates: dict[str, bool], criteria: YearCriteria) -> Classification:
    if criteria.rules is None:
        return Classification(False, (), None, ())
    evaluations = tuple(
        TierEvaluation(tier, evaluate(criteria.rules[tier], metrics, gates)) for tier in AWARD_TIERS
    )
    possible: list[Tier] = []
    determined: Tier | None = None
    blocked = False  # an earlier tier might hold, so later ones are only 'possible'
    for ev in evaluations:
        if ev.met is not False:
            possible.append(ev.tier)
        if ev.met is True:
            if not blocked:
                determined = ev.tier
            break
        if ev.met is None:
            blocked = True
    else:
        possible.append(Tier.NONE)
        if not blocked:
            determined = Tier.NONE
    return Classification(True, evaluations, determined, tuple(possible))
