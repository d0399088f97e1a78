"""The loader: valid records load; mistakes are reported together, each with file:line, field and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import DataError
from generator.judge.dataset import load_dataset
from generator.model import Figure
from generator.vocabulary import Basis, Bound, Status, Tier
from tests.helpers import copy_project, run_cli, tree_bytes, write_record

# Test-only records, generated for these tests (the URLs are placeholders, not real reports).
GOOD = """
region: "63.11"
year: 2026
awarded: true
tier: utama
basis: stated
recipient: Bupati (test fixture)
metrics:
  coverage: 100.5
  activity: 97.25
  pemda_share: 20
sources:
  - url: https://example.org/test-fixture
    publisher: TEST FIXTURE
    date: 2026-01-27
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p", with_awards=False)


def problems_of(project: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_dataset(project)
    return [str(p) for p in info.value.problems]


def test_valid_record_loads_with_its_fields(project: Path) -> None:
    write_record(project, "2026/63.11.yaml", GOOD)
    ds = load_dataset(project)
    entry = ds.entry("63.11", 2026)
    assert entry.record is not None
    assert entry.record.tier is Tier.UTAMA and entry.record.basis is Basis.STATED
    assert entry.record.metrics.coverage == Figure(100.5)
    assert entry.classification is not None and Status.UTAMA in entry.classification.possible
    assert ds.entry("12.75", 2026).record is None and ds.entry("12.75", 2026).status is Status.NO_DATA


def test_percentages_are_derived_from_counts(project: Path) -> None:
    write_record(project, "2026/a.yaml", GOOD.replace("  coverage: 100.5\n", "  population: 200000\n"
                                                      "  participants: 201000\n"))
    metrics = load_dataset(project).entry("63.11", 2026).record.metrics  # type: ignore[union-attr]
    assert metrics.coverage == Figure(100.5) and metrics.population == 200000


def test_mistakes_are_all_reported_with_file_line_field_and_fix(project: Path) -> None:
    write_record(project, "2026/comma.yaml", GOOD.replace("coverage: 100.5", 'coverage: "99,5 %"'))
    write_record(project, "2026/unknown.yaml", GOOD.replace('"63.11"', '"99.99"'))
    write_record(project, "2026/nosource.yaml", GOOD.replace('"63.11"', '"12.75"').split("sources:")[0])
    write_record(project, "2026/broken.yaml", 'region: "63"\nyear: 2026\nawarded: [true\n')
    found = problems_of(project)
    text = "\n".join(found)
    assert "data/awards/2026/comma.yaml:8: metrics.coverage: '99,5 %' is not a number" in text
    assert "fix: write a plain number with a dot as decimal separator and no % sign" in text
    assert "data/awards/2026/unknown.yaml:1: region: unknown region code '99.99'" in text
    assert "data/awards/2026/nosource.yaml:1: sources: every record needs at least one source" in text
    assert "data/awards/2026/broken.yaml:4: invalid YAML" in text
    assert len(found) == 4


def test_same_region_twice_in_a_year(project: Path) -> None:
    write_record(project, "2026/one.yaml", GOOD)
    write_record(project, "2026/two.yaml", GOOD)
    (problem,) = problems_of(project)
    assert "data/awards/2026/two.yaml:1: region: 63.11 already has a 2026 record at data/awards/2026/one.yaml:1" \
        in problem


def test_contradiction_needs_an_explanation(project: Path) -> None:
    low = GOOD.replace("coverage: 100.5", "coverage: 92.5")
    write_record(project, "2026/low.yaml", low)
    (problem,) = problems_of(project)
    assert problem.startswith("data/awards/2026/low.yaml:4: tier: announced tier Utama but the figures allow "
                              "only: Tidak menerima")
    write_record(project, "2026/low.yaml", low + "conflict_note: Angka dari sumber tidak cocok (fixture).\n")
    ds = load_dataset(project)
    assert ds.entry("63.11", 2026).contradiction
    assert ds.notices and "low.yaml:4" in ds.notices[0]


def test_check_fails_and_leaves_docs_and_site_unchanged(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_record(project, "2026/63.11.yaml", GOOD)
    assert run_cli(project, "build") == 0
    before_docs, before_site = tree_bytes(project / "docs"), tree_bytes(project / "site")
    write_record(project, "2026/bad.yaml", GOOD.replace('"63.11"', '"12.75"').replace("coverage: 100.5",
                                                                                    "coverage: 99,5 %"))
    capsys.readouterr()
    assert run_cli(project, "check") == 1
    assert run_cli(project, "build") == 1
    err = capsys.readouterr().err
    assert "data/awards/2026/bad.yaml:8: metrics.coverage" in err and "Traceback" not in err
    assert tree_bytes(project / "docs") == before_docs
    assert tree_bytes(project / "site") == before_site


def test_criteria_sources_must_be_http(project: Path) -> None:
    path = project / "data" / "criteria" / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "https://reportase.co/", "javascript:alert(1)//reportase.co/"), encoding="utf-8")
    (problem,) = problems_of(project)
    assert problem.startswith("data/criteria/2024.yaml:") and "is not an http(s) address" in problem


def test_bounds_load_as_figures_and_must_agree_with_counts(project: Path) -> None:
    write_record(project, "2026/a.yaml", GOOD.replace("  activity: 97.25\n", "  activity: {above: 85}\n")
                 .replace("  pemda_share: 20\n", "  pemda_share: {at_least: 10}\n"))
    metrics = load_dataset(project).entry("63.11", 2026).record.metrics  # type: ignore[union-attr]
    assert metrics.activity == Figure(85, Bound.ABOVE) and metrics.pemda_share == Figure(10, Bound.AT_LEAST)
    write_record(project, "2026/a.yaml", GOOD.replace("  activity: 97.25\n", "  activity: {around: 85}\n"))
    (problem,) = problems_of(project)
    assert problem.startswith("data/awards/2026/a.yaml:9: metrics.activity: {'around': 85} is not a figure or a "
                              "bound") and "{above: 85}" in problem
    write_record(project, "2026/a.yaml", GOOD.replace("  coverage: 100.5\n", "  coverage: {below: 98}\n"
                                                      "  population: 1000\n  participants: 990\n"))
    (problem,) = problems_of(project)
    assert "a.yaml:8: metrics.coverage: < 98.0 % disagrees with participants/population = 99.0 %" in problem


RULES = [
    ("basis: stated\n", "", "basis: is missing: every answer says how it is known"),
    ("basis: stated\n", "basis: probably\n", "basis: unknown basis 'probably'"),
    ("basis: stated\n", "confidence: confirmed\n", "confidence: confidence: is now basis:"),
    ("basis: stated\n", "basis: inferred\n", "basis_note: an inferred answer needs basis_note:"),
    ("basis: stated\n", "basis: stated\nbasis_note: Disimpulkan dari daftar.\n",
     "basis_note: only an inferred or disputed answer has a basis note"),
    ("basis: stated\n", "basis: stated\nnotes: Kategori disimpulkan dari judul berita.\n",
     "notes: says 'disimpulkan' but basis is stated"),
    ("basis: stated\n", "basis: stated\nresearch_notes: tier tersirat dari daftar\n",
     "research_notes: says 'tersirat' but basis is stated"),
    ("basis: stated\n", "basis: stated\nnotes: 'TIDAK MENERIMA: dari daftar'\n",
     "notes: contains the research tag 'TIDAK MENERIMA' in capitals"),
    ("basis: stated\n", "basis: stated\nnotes: Menurut sumber, KATEGORI TIDAK DISEBUT di berita.\n",
     "notes: contains the research tag 'KATEGORI TIDAK DISEBUT' in capitals"),
    ("basis: stated\n", "basis: stated\nnotes: Lihat juga detik.com/berita/123 untuk rinciannya.\n",
     "notes: contains a web address"),
    ("recipient: Bupati (test fixture)\n", "recipient: \"Bupati \\u202eX\"\n",
     "recipient: contains U+202E (right-to-left override) at character 8"),
]


@pytest.mark.parametrize(("old", "new", "message"), RULES, ids=[r[2][:40] for r in RULES])
def test_basis_and_reader_text_rules(project: Path, old: str, new: str, message: str) -> None:
    write_record(project, "2026/r.yaml", GOOD.replace(old, new))
    found = "\n".join(problems_of(project))
    assert "data/awards/2026/r.yaml:" in found and message in found, found


def test_reader_notes_may_name_acronyms_and_research_notes_may_hold_addresses(project: Path) -> None:
    write_record(project, "2026/r.yaml", GOOD + "notes: Diserahkan BPJS Kesehatan; cakupan JKN dan PBPU naik.\n"
                 "research_notes: 'TIER NOT STATED: lihat contoh.co.id/berita/1'\n")
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None and record.research_notes and record.notes


def test_inferred_and_disputed_records_load_with_their_basis(project: Path) -> None:
    write_record(project, "2026/i.yaml", GOOD.replace("basis: stated\n", "basis: inferred\nbasis_note: "
                                                      "Disimpulkan dari pernyataan tentang lima kabupaten.\n"))
    record = load_dataset(project).entry("63.11", 2026).record
    assert record is not None and record.basis is Basis.INFERRED and record.status is Status.UTAMA
    assert record.basis_note == "Disimpulkan dari pernyataan tentang lima kabupaten."


def test_a_figures_only_record_states_nothing_about_the_award(project: Path) -> None:
    figures = ('region: "14.01"\nyear: 2026\nmetrics: {coverage: 100.44, activity: 84.56, as_of: 2025-11-01}\n'
               "sources:\n  - {url: 'https://example.org/fixture', publisher: TEST FIXTURE}\n")
    write_record(project, "2026/f.yaml", figures)
    entry = load_dataset(project).entry("14.01", 2026)
    assert entry.record is not None and entry.record.awarded is None and entry.record.basis is None
    assert entry.record.status is Status.NO_DATA and entry.status is Status.NO_DATA
    write_record(project, "2026/f.yaml", figures.replace("metrics:", "tier: madya\nmetrics:"))
    assert "f.yaml:3: tier: a record without awarded: only gives figures" in "\n".join(problems_of(project))
    write_record(project, "2026/f.yaml", figures.replace("metrics: {coverage: 100.44, activity: 84.56, as_of: "
                                                         "2025-11-01}", "metrics: {as_of: 2025-11-01}"))
    assert "f.yaml:3: metrics: a record without awarded: must give figures" in "\n".join(problems_of(project))
