"""Property tests (hypothesis): the classifier's invariants, and a loader that never crashes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Collector, DataError
from generator.judge.classify import classify, verdict_of
from generator.model import Figure, Metrics
from generator.read.criteria import load_criteria
from generator.read.records import parse_record
from generator.read.regions import load_registry
from generator.read.texts import REFUSED_CATEGORIES, control_problem, reader_problem
from generator.read.yamlsafe import parse
from generator.vocabulary import Status, Tier

REPO = Path(__file__).resolve().parent.parent
CRITERIA = load_criteria(REPO / "data" / "criteria", REPO)
C2026 = CRITERIA[2026]
REGISTRY = load_registry(REPO / "data" / "regions")
GATES = {"uhc_prioritas": True, "pbpu_pemda_paid": True}
percent = st.floats(min_value=0, max_value=150, allow_nan=False).map(lambda x: round(x, 2))
THRESHOLDS = [0.0, 10.0, 18.0, 25.0, 80.0, 85.0, 95.0, 98.0, 99.0, 100.0]
near = st.sampled_from(THRESHOLDS).flatmap(lambda t: st.sampled_from([t - 0.01, t, t + 0.01]))
figure = st.one_of(percent, near)
FAST = settings(max_examples=300, deadline=None)


def M(cov: float | None, act: float | None, pemda: float | None) -> Metrics:  # noqa: N802
    return Metrics(*(None if v is None else Figure(v) for v in (cov, act, pemda)))


def rank(status: Status) -> int:
    return status.tier.rank if status.tier else 0


def tier_of(cov: float, act: float, pemda: float) -> Status:
    result = classify(M(cov, act, pemda), GATES, C2026)
    assert result.status is not None
    return result.status


@FAST
@given(figure, figure, figure, st.floats(0, 20).map(lambda x: round(x, 2)), st.integers(0, 2))
def test_better_figures_never_give_a_lower_tier(cov: float, act: float, pemda: float, bump: float, which: int) -> None:
    better = [cov, act, pemda]
    better[which] = round(better[which] + bump, 2)
    assert rank(tier_of(*better)) >= rank(tier_of(cov, act, pemda))


@FAST
@given(figure, figure, figure)
def test_thresholds_are_inclusive(cov: float, act: float, pemda: float) -> None:
    tier = tier_of(cov, act, pemda)
    if tier is Status.UTAMA:
        assert cov >= 99 and act >= 95 and (pemda >= 18 or act >= 100)
    if cov >= 99 and act >= 95 and (pemda >= 18 or act >= 100):
        assert tier is Status.UTAMA
    if tier is Status.NOT_AWARDED:
        assert cov < 98 or act < 80


@FAST
@given(st.sampled_from(THRESHOLDS), st.sampled_from(THRESHOLDS), st.sampled_from(THRESHOLDS))
def test_exactly_on_a_threshold_counts_as_met(cov: float, act: float, pemda: float) -> None:
    result = classify(M(cov, act, pemda), GATES, C2026)
    for ev in result.evaluations:
        for check in ev.check.children:
            if check.kind == "metric" and check.value == Figure(check.threshold or 0):
                assert check.met is True


@FAST
@given(st.one_of(st.none(), figure), st.one_of(st.none(), figure), st.one_of(st.none(), figure),
       st.one_of(st.none(), st.booleans()), st.one_of(st.none(), st.booleans()))
def test_unknown_figures_bound_the_tier(cov: float | None, act: float | None, pemda: float | None,
                                        prio: bool | None, paid: bool | None) -> None:
    gates = {k: v for k, v in (("uhc_prioritas", prio), ("pbpu_pemda_paid", paid)) if v is not None}
    result = classify(M(cov, act, pemda), gates, C2026)
    assert result.possible
    if result.status is not None:
        assert result.status in result.possible
    for fill in (0.0, 150.0):  # any completion of the unknowns lands in `possible`
        full = M(fill if cov is None else cov, fill if act is None else act, fill if pemda is None else pemda)
        for gate in (True, False):
            done = classify(full, {"uhc_prioritas": gate if prio is None else prio,
                                   "pbpu_pemda_paid": gate if paid is None else paid}, C2026)
            assert done.status in result.possible


@FAST
@given(st.one_of(st.none(), figure), st.one_of(st.none(), figure), st.one_of(st.none(), figure),
       st.one_of(st.none(), st.booleans()), st.one_of(st.none(), st.booleans()), st.sampled_from(sorted(CRITERIA)))
def test_the_kept_verdict_is_the_classification_s(cov: float | None, act: float | None, pemda: float | None,
                                                   prio: bool | None, paid: bool | None, year: int) -> None:
    """What the Dataset keeps (verdict_of, no checks built) is what the page's classification decides."""
    gates = {k: v for k, v in (("uhc_prioritas", prio), ("pbpu_pemda_paid", paid)) if v is not None}
    metrics = M(cov, act, pemda)
    assert verdict_of(metrics, gates, CRITERIA[year]) == classify(metrics, gates, CRITERIA[year]).verdict

def _record(cov: float, act: float, tier: str, recipient: str, url_path: str) -> str:
    return (f'region: "63.11"\nyear: 2026\nawarded: true\ntier: {tier}\nbasis: stated\nrecipient: "{recipient}"\n'
            f"metrics:\n  coverage: {cov}\n  activity: {act}\n"
            f"sources:\n  - url: https://example.org/{url_path}\n    publisher: GENERATED FIXTURE\n")


# Any text a record may hold: every character outside the refused Unicode categories (and the default-ignorable
# marks and letters, filtered by the rule itself).
text = st.text(st.characters(codec="utf-8", exclude_categories=tuple(REFUSED_CATEGORIES)), max_size=40).map(
    lambda s: s.replace("\\", "").replace('"', "")).filter(
    lambda s: reader_problem(s) is None and control_problem(s) is None)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(percent, percent, st.sampled_from(["utama", "madya", "pratama"]), text,
       st.from_regex(r"[a-z0-9/-]{0,20}", fullmatch=True))
def test_any_valid_record_loads(cov: float, act: float, tier: str, recipient: str, url_path: str) -> None:
    problems = Collector()
    record = parse_record(parse(_record(cov, act, tier, recipient, url_path), "x.yaml"), "x.yaml", 2026,
                          REGISTRY, CRITERIA, problems)
    assert problems.problems == [] and record is not None
    assert record.metrics.coverage == Figure(cov) and record.tier is Tier(tier)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mangled_record_gives_a_located_error_never_a_crash(data: st.DataObject) -> None:
    raw = bytearray(_record(99.5, 96.0, "utama", "Bupati", "x").encode())
    for _ in range(data.draw(st.integers(1, 6))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if action == "flip" and raw:
            raw[pos] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[pos:]
        elif action == "insert":
            raw[pos:pos] = data.draw(st.sampled_from([b":", b"-", b"\t", b"[", b"{", b"&a ", b"*a", b"!!python/x ",
                                                      b"\n  ", b'"', b"\xff", b"#"]))
        elif raw:
            del raw[pos]
    problems = Collector()
    try:
        text_value = bytes(raw).decode("utf-8")
        record = parse_record(parse(text_value, "x.yaml"), "x.yaml", 2026, REGISTRY, CRITERIA, problems)
    except UnicodeDecodeError:
        return  # read_text turns this into a located error; covered by the corpus
    except DataError as exc:
        assert exc.problems and all(p.path == "x.yaml" for p in exc.problems)
        return
    assert record is not None or problems.problems
    assert all(p.path == "x.yaml" and p.message for p in problems.problems)
