"""The classifier against the 2026 rule, edge by edge: each threshold on, just below and above."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.judge.classify import classify
from generator.judge.dataset import load_dataset
from generator.model import Figure, Metrics
from generator.read.criteria import load_criteria
from generator.vocabulary import Bound, Status, Tier

REPO = Path(__file__).resolve().parent.parent
CRITERIA = load_criteria(REPO / "data" / "criteria", REPO)
C2026 = CRITERIA[2026]
GATES_OK = {"uhc_prioritas": True, "pbpu_pemda_paid": True}


def M(cov: float | Figure | None = None, act: float | Figure | None = None,  # noqa: N802
      pemda: float | Figure | None = None) -> Metrics:
    """Metrics from plain numbers (exact figures) or Figures (bounds)."""
    def fig(v: float | Figure | None) -> Figure | None:
        return v if isinstance(v, Figure) or v is None else Figure(v)
    return Metrics(coverage=fig(cov), activity=fig(act), pemda_share=fig(pemda))


def tier(cov: float | None, act: float | None, pemda: float | None,
         gates: dict[str, bool] | None = None) -> Status | None:
    return classify(M(cov, act, pemda), GATES_OK if gates is None else gates, C2026).status


CASES = [
    # (coverage, activity, pemda share) -> tier ; Utama: cov>=99, act>=95, (pemda>=18 or act>=100)
    ((99.0, 95.0, 18.0), Status.UTAMA, "every Utama threshold exactly on"),
    ((98.99, 95.0, 18.0), Status.MADYA, "coverage just below 99"),
    ((99.0, 94.99, 18.0), Status.MADYA, "activity just below 95"),
    ((99.0, 95.0, 17.99), Status.MADYA, "pemda just below 18, activity below 100"),
    ((99.0, 100.0, 12.0), Status.UTAMA, "100 % activity waives the 18 % clause"),
    ((99.0, 100.0, 0.0), Status.UTAMA, "the waiver holds even with no Pemda registration (as the rule is written)"),
    ((99.0, 99.99, 12.0), Status.MADYA, "activity 99.99 is not the exception"),
    ((120.0, 100.0, 17.0), Status.UTAMA, "coverage above 100 % counts"),
    # Madya: cov>=98, pemda>=10, (act>=85 or (pemda>=25 and act>=80))
    ((98.0, 85.0, 10.0), Status.MADYA, "every Madya threshold exactly on"),
    ((97.99, 85.0, 10.0), Status.NOT_AWARDED, "coverage just below 98: no tier at all"),
    ((98.0, 84.99, 10.0), Status.PRATAMA, "activity just below 85, pemda below 25"),
    ((98.0, 85.0, 9.99), Status.PRATAMA, "pemda just below 10"),
    ((98.0, 80.0, 25.0), Status.MADYA, "second route: pemda 25 and activity 80, exactly on"),
    ((98.0, 80.0, 24.99), Status.PRATAMA, "second route: pemda just below 25"),
    ((98.0, 79.99, 25.0), Status.NOT_AWARDED, "second route: activity just below 80 fails Pratama too"),
    ((98.0, 84.0, 30.0), Status.MADYA, "second route well inside"),
    # Pratama: cov>=98, act>=80
    ((98.0, 80.0, 0.0), Status.PRATAMA, "every Pratama threshold exactly on"),
    ((98.0, 79.99, 0.0), Status.NOT_AWARDED, "activity just below 80"),
    ((0.0, 0.0, 0.0), Status.NOT_AWARDED, "nothing"),
]


@pytest.mark.parametrize(("figures", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_2026_rule_edges(figures: tuple[float, float, float], expected: Status, why: str) -> None:
    assert tier(*figures) is expected, why


def test_worked_examples_from_the_criteria_notes() -> None:
    # Figures reported for winners (../shared/data/criteria.md 1.2); Pemda share unknown there, so
    # only the possible tiers can be checked: the announced tier must be among them.
    for cov, act, announced in [(99.69, 85.15, Status.MADYA), (98.77, 81.82, Status.PRATAMA),
                                (98.25, 81.53, Status.PRATAMA), (100.0, 93.11, Status.MADYA)]:
        result = classify(M(cov, act), GATES_OK, C2026)
        assert announced in result.possible
        assert not result.contradicts(announced)


def test_failed_gate_gives_no_tier() -> None:
    assert tier(100.0, 100.0, 50.0, {"uhc_prioritas": False, "pbpu_pemda_paid": True}) is Status.NOT_AWARDED
    assert tier(100.0, 100.0, 50.0, {"uhc_prioritas": True, "pbpu_pemda_paid": False}) is Status.NOT_AWARDED


def test_unknown_figures_leave_the_tier_open_but_bound_it() -> None:
    result = classify(M(98.33, 85.80), {}, C2026)  # Sinjai: no pemda share, no gates
    assert result.status is None
    assert result.possible == (Status.MADYA, Status.PRATAMA, Status.NOT_AWARDED)
    assert result.contradicts(Status.UTAMA)  # activity 85.8 < 95 rules Utama out
    assert not result.contradicts(Status.MADYA)


def test_contradiction_kepulauan_sula() -> None:
    result = classify(M(92.50, 84.04), {}, C2026)
    assert result.possible == (Status.NOT_AWARDED,)
    assert result.contradicts(Status.MADYA)
    assert not result.contradicts(Status.NOT_AWARDED) and not result.contradicts(Status.AWARDED)


def test_every_check_carries_value_threshold_and_verdict() -> None:
    result = classify(M(99.5, 96.0, 12.0), GATES_OK, C2026)
    utama = result.evaluation(Tier.UTAMA)
    assert utama is not None and utama.met is False
    leaves = {(c.metric.value, c.threshold): (c.value, c.met) for c in utama.check.children if c.metric}
    assert leaves == {("coverage", 99.0): (Figure(99.5), True), ("activity", 95.0): (Figure(96.0), True)}
    either = utama.check.children[-1]
    assert either.kind == "any" and either.met is False
    assert [(c.value, c.threshold, c.met) for c in either.children] == [(Figure(12.0), 18.0, False),
                                                                        (Figure(96.0), 100.0, False)]
    assert either.children[0].gap == 6.0
    assert result.status is Status.MADYA


def test_year_without_rules_classifies_nothing() -> None:
    result = classify(M(99.0, 99.0), GATES_OK, CRITERIA[2024])
    assert not result.rule_known and result.status is None and not result.contradicts(Status.UTAMA)


BOUNDS = [
    # a bound decides a check only when it settles it; otherwise the check stays unknown
    (Figure(85, Bound.ABOVE), 85.0, True, "> 85 meets >= 85"),
    (Figure(85, Bound.ABOVE), 95.0, None, "> 85 says nothing about 95"),
    (Figure(10, Bound.AT_LEAST), 10.0, True, ">= 10 meets 10 (Medan's pemda share)"),
    (Figure(10, Bound.AT_LEAST), 18.0, None, ">= 10 leaves 18 open"),
    (Figure(98, Bound.BELOW), 98.0, False, "< 98 fails 98"),
    (Figure(99, Bound.BELOW), 98.0, None, "< 99 leaves 98 open"),
    (Figure(97.5, Bound.AT_MOST), 98.0, False, "<= 97.5 fails 98"),
    (Figure(98, Bound.AT_MOST), 98.0, None, "<= 98 may be exactly 98"),
    (Figure(98, Bound.EXACT), 98.0, True, "exactly on"),
]


@pytest.mark.parametrize(("figure", "minimum", "met", "why"), BOUNDS, ids=[b[3] for b in BOUNDS])
def test_bounds_decide_a_threshold_only_when_they_settle_it(figure: Figure, minimum: float, met: bool | None,
                                                           why: str) -> None:
    assert figure.meets(minimum) is met, why


def test_medan_bounds_give_madya_or_pratama_not_utama() -> None:
    # Medan's sources: coverage 99.4 %, activity "above 85 %", Pemda-registered "at least 10 %"
    result = classify(M(99.4, Figure(85, Bound.ABOVE), Figure(10, Bound.AT_LEAST)), GATES_OK, C2026)
    madya = result.evaluation(Tier.MADYA)
    assert madya is not None and madya.met is True
    assert result.status is None and result.possible == (Status.UTAMA, Status.MADYA)
    assert not result.contradicts(Status.MADYA)


def test_a_gap_is_only_given_for_exact_figures() -> None:
    result = classify(M(Figure(98, Bound.BELOW), 90.0, 20.0), GATES_OK, C2026)
    pratama = result.evaluation(Tier.PRATAMA)
    assert pratama is not None and pratama.met is False
    coverage = next(c for c in pratama.check.children if c.metric and c.metric.value == "coverage")
    assert coverage.met is False and coverage.gap is None
    assert result.status is Status.NOT_AWARDED


def test_an_entry_explains_its_verdict_as_classify_would() -> None:
    """Entry.classification takes the outcome from the verdict the dataset keeps: the same outcome and checks as
    classify() works out from the figures, for every record of the shipped data and for an edited record."""
    ds = load_dataset(REPO)
    entries = [e for e in ds.entries.values() if e.record is not None and e.verdict is not None]
    assert len(entries) > 100
    for entry in entries:
        assert entry.record is not None
        kept, fresh = entry.classification, classify(entry.record.metrics, entry.record.gates, entry.criteria)
        assert kept is not None
        assert (kept.rule_known, kept.status, kept.possible, kept.evaluations) == \
            (fresh.rule_known, fresh.status, fresh.possible, fresh.evaluations), entry.record.location
