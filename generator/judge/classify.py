"""Pure classification: figures + a year's criteria -> tier, with every check explained.

Unknown figures, and bounds that do not decide a threshold ('> 85 %' against 90), give unknown checks
(three-valued logic): the tier is then 'not determined' but the
set of tiers still possible is known, which is what catches an announced tier the figures contradict.
No I/O, no globals, no clock.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from generator.model import Figure, Metrics
from generator.read.criteria import AllOf, AnyOf, Condition, Gate, Threshold, YearCriteria
from generator.vocabulary import AWARD_TIERS, Metric, Status, Tier


class Check(NamedTuple):
    """One evaluated node of a tier's rule. kind: 'metric', 'gate', 'all' or 'any'.

    Immutable like the frozen records, but a NamedTuple: a classification builds about 30 of these, and a
    NamedTuple is built three times faster than a frozen dataclass."""

    kind: str
    met: bool | None  # None: a figure it needs was not published
    metric: Metric | None = None
    gate: str | None = None
    value: Figure | bool | None = None
    threshold: float | None = None
    children: tuple[Check, ...] = ()

    @property
    def gap(self) -> float | None:
        """How far a metric is below its threshold (percentage points), when it is."""
        if self.kind != "metric" or self.met is not False or not isinstance(self.value, Figure) \
                or not self.value.exact:
            return None
        assert self.threshold is not None
        return round(self.threshold - self.value.value, 2)


@dataclass(frozen=True, slots=True)
class TierEvaluation:
    tier: Tier
    check: Check

    @property
    def met(self) -> bool | None:
        return self.check.met


class Classification:
    """What the figures give against a year's rules, and every check behind it: each tier's checks are worked out
    when first asked for (a page shows one or two tiers of three), the same checks either way."""

    __slots__ = ("_found", "_gates", "_metrics", "_rules", "possible", "rule_known", "status")

    def __init__(self, rule_known: bool, status: Status | None, possible: tuple[Status, ...],
                 metrics: Metrics | None = None, gates: dict[str, bool] | None = None,
                 rules: dict[Tier, Condition] | None = None) -> None:
        self.rule_known = rule_known
        self.status = status  # a tier or NOT_AWARDED; None when unknown figures leave it open
        self.possible = possible  # every outcome the figures still allow, best first (NOT_AWARDED included)
        self._metrics, self._gates, self._rules = metrics, gates or {}, rules or {}
        self._found: dict[Tier, TierEvaluation] = {}

    def evaluation(self, tier: Tier) -> TierEvaluation | None:
        if tier not in self._rules or self._metrics is None:
            return None
        found = self._found.get(tier)
        if found is None:
            found = self._found[tier] = TierEvaluation(tier, evaluate(self._rules[tier], self._metrics, self._gates))
        return found

    @property
    def evaluations(self) -> tuple[TierEvaluation, ...]:
        """Every tier's checks, best tier first."""
        return tuple(found for tier in AWARD_TIERS if (found := self.evaluation(tier)) is not None)

    def contradicts(self, announced: Status) -> bool:
        """True when the figures rule out the announced tier (the verdict's rule, which pages use)."""
        found = self.verdict
        return found is not None and found.contradicts(announced)

    @property
    def verdict(self) -> Verdict | None:
        return shared_verdict(self.status, self.possible) if self.rule_known else None


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the figures decide, without the checks that explain it: small enough to keep for every region
    and year (the checks are recomputed, purely, for the page that shows them)."""

    status: Status | None  # a tier's status or NOT_AWARDED; None: the figures leave it open
    possible: tuple[Status, ...]

    def contradicts(self, announced: Status) -> bool:
        """An announced tier the figures rule out. Only tiers are checked: 'not awarded' and 'tier not
        stated' claim no threshold."""
        return announced.tier is not None and announced not in self.possible


@functools.lru_cache(maxsize=64)
def shared_verdict(status: Status | None, possible: tuple[Status, ...]) -> Verdict:
    """One shared Verdict per outcome: there are only a few dozen possible ones."""
    return Verdict(status, possible)


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
        met = None if value is None else value.meets(condition.minimum)
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


def _met(condition: Condition, metrics: Metrics, gates: dict[str, bool]) -> bool | None:
    """evaluate(...).met, without building the checks that explain it."""
    if isinstance(condition, Threshold):
        value = metrics.value(condition.metric)
        return None if value is None else value.meets(condition.minimum)
    if isinstance(condition, Gate):
        return gates.get(condition.name)
    values = [_met(c, metrics, gates) for c in condition.items]
    return _and(values) if isinstance(condition, AllOf) else _or(values)


def _outcome(tiers: Iterable[tuple[Tier, bool | None]]) -> tuple[Status | None, tuple[Status, ...]]:
    """(status, possible) from each tier's check, best tier first; a tier after a met one is not looked at."""
    possible: list[Status] = []
    determined: Status | None = None
    blocked = False  # an earlier tier might hold, so later ones are only 'possible'
    for tier, met in tiers:
        if met is not False:
            possible.append(tier.status)
        if met is True:
            if not blocked:
                determined = tier.status
            break
        if met is None:
            blocked = True
    else:
        possible.append(Status.NOT_AWARDED)
        if not blocked:
            determined = Status.NOT_AWARDED
    return determined, tuple(possible)


def classify(metrics: Metrics, gates: dict[str, bool], criteria: YearCriteria) -> Classification:
    rules = criteria.rules
    if rules is None:
        return Classification(False, None, ())
    status, possible = _outcome((tier, _met(rules[tier], metrics, gates)) for tier in AWARD_TIERS)
    return Classification(True, status, possible, metrics, gates, rules)


def explained(verdict: Verdict, metrics: Metrics, gates: dict[str, bool], criteria: YearCriteria) -> Classification:
    """classify(...) for figures whose verdict is known (verdict_of: the Dataset keeps one per record): the same
    outcome and the same checks, without deciding the outcome again."""
    assert criteria.rules is not None  # a verdict is made only where the rules are known
    return Classification(True, verdict.status, verdict.possible, metrics, gates, criteria.rules)


def verdict_of(metrics: Metrics, gates: dict[str, bool], criteria: YearCriteria) -> Verdict | None:
    """classify(...).verdict, without the checks (what the Dataset keeps for every record)."""
    rules = criteria.rules
    if rules is None:
        return None
    return shared_verdict(*_outcome((tier, _met(rules[tier], metrics, gates)) for tier in AWARD_TIERS))
