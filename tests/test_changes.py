"""Across editions: the change from the edition before (every kind, its words and basis), runs of consecutive
awards, when two editions compare (derived from the criteria data), and how many independent pages back an
answer. Records written here are generated test fixtures (example.org addresses), not award data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.judge.answers import Answer
from generator.judge.backing import backing_of
from generator.judge.changes import EditionChange, change_of, compare, comparisons, runs_of
from generator.judge.completeness import completeness
from generator.judge.dataset import Dataset, load_dataset
from generator.model import Source
from generator.vocabulary import Basis, Change, Status
from tests.helpers import copy_project, write_record

S, INF, DIS = Basis.STATED, Basis.INFERRED, Basis.DISPUTED


def ans(status: Status, year: int, basis: Basis | None = S) -> Answer:
    return Answer(status, None if status is Status.NO_DATA else basis, year, f"UHC Awards {year}")


# (now, before, tiers then, tiers now) -> (kind, words)
CASES = [
    (ans(Status.UTAMA, 2026), ans(Status.MADYA, 2024), True, True, Change.UP, "Naik dari Madya (2024)"),
    (ans(Status.PRATAMA, 2026), ans(Status.UTAMA, 2024), True, True, Change.DOWN, "Turun dari Utama (2024)"),
    (ans(Status.MADYA, 2026), ans(Status.MADYA, 2024), True, True, Change.SAME, "Tetap Madya seperti 2024"),
    (ans(Status.NOT_AWARDED, 2026), ans(Status.NOT_AWARDED, 2024), True, True, Change.SAME,
     "Tetap tidak menerima seperti 2024"),
    (ans(Status.MADYA, 2026), ans(Status.NOT_AWARDED, 2024), True, True, Change.NEW,
     "Baru menerima (2024: tidak menerima)"),
    (ans(Status.NOT_AWARDED, 2026), ans(Status.UTAMA, 2024), True, True, Change.ENDED,
     "Tidak lagi menerima (2024: Utama)"),
    (ans(Status.UTAMA, 2026), ans(Status.NO_DATA, 2024), True, True, Change.NOT_COMPARABLE,
     "Tidak dapat dibandingkan: belum ada data 2024"),
    (ans(Status.NO_DATA, 2026), ans(Status.UTAMA, 2024), True, True, Change.NOT_COMPARABLE,
     "Tidak dapat dibandingkan: belum ada data 2026"),  # (change_of gives no change where there is no answer)
    (ans(Status.MADYA, 2024), ans(Status.AWARDED, 2023), False, True, Change.NOT_COMPARABLE,
     "Tidak dapat dibandingkan: 2023 tanpa kategori"),
    (ans(Status.MADYA, 2026), ans(Status.AWARDED, 2024), True, True, Change.NOT_COMPARABLE,
     "Tidak dapat dibandingkan: kategori 2024 tidak disebut"),
    (ans(Status.AWARDED, 2023), ans(Status.AWARDED, 2022), False, False, Change.SAME, "Tetap menerima seperti 2022"),
    (ans(Status.NOT_AWARDED, 2024), ans(Status.AWARDED, 2023), False, True, Change.ENDED,
     "Tidak lagi menerima (2023: penerima, kategori tidak disebut)"),
]


@pytest.mark.parametrize(("now", "before", "then_tiers", "now_tiers", "kind", "words"), CASES,
                         ids=[c[-1] for c in CASES])
def test_every_kind_of_change_in_its_words(now: Answer, before: Answer, then_tiers: bool, now_tiers: bool,
                                           kind: Change, words: str) -> None:
    change = compare(now, before, then_tiers, now_tiers)
    assert (change.kind, change.words, change.code) == (kind, words, kind.value)
    assert change.qualifier == ""  # both answers stated (or no data, which claims nothing)
    assert change.short == (f"{before.year}: {before.words}" if kind is Change.NOT_COMPARABLE else words)


def test_a_change_is_as_certain_as_its_least_certain_answer() -> None:
    up = compare(ans(Status.UTAMA, 2026), ans(Status.MADYA, 2024, INF), True, True)
    assert (up.basis, up.words) == (INF, "Naik dari Madya (2024; disimpulkan)")
    same = compare(ans(Status.MADYA, 2026, DIS), ans(Status.MADYA, 2024, INF), True, True)
    assert (same.basis, same.words) == (DIS, "Tetap Madya seperti 2024 (sumber berbeda)")
    # nothing is compared when one side is unknown: no basis is claimed
    unknown = compare(ans(Status.UTAMA, 2026, INF), ans(Status.NO_DATA, 2024), True, True)
    assert (unknown.basis, unknown.qualifier) == (None, "")


TIERED = st.sampled_from([Status.UTAMA, Status.MADYA, Status.PRATAMA, Status.NOT_AWARDED])


@given(TIERED, TIERED)
def test_a_change_read_backwards_is_its_opposite(a: Status, b: Status) -> None:
    forward = compare(ans(a, 2026), ans(b, 2024), True, True).kind
    backward = compare(ans(b, 2026), ans(a, 2024), True, True).kind
    opposite = {Change.UP: Change.DOWN, Change.DOWN: Change.UP, Change.NEW: Change.ENDED, Change.ENDED: Change.NEW,
                Change.SAME: Change.SAME}
    assert backward is opposite[forward]
    assert (forward is Change.SAME) == (a is b)


@given(TIERED, TIERED)
def test_tiers_of_an_edition_without_tiers_never_go_up_or_down(a: Status, b: Status) -> None:
    for then_tiers, now_tiers in ((False, True), (True, False)):
        kind = compare(ans(a, 2024), ans(b, 2023), then_tiers, now_tiers).kind
        assert kind not in (Change.UP, Change.DOWN)


def _fixture(tmp_path: Path, records: dict[str, str]) -> Dataset:
    """A project with the shipped criteria (2023 without tiers, 2024, 2026) and the given generated records."""
    project = copy_project(tmp_path / "p", with_awards=False)
    for rel, text in records.items():
        write_record(project, rel, text)
    return load_dataset(project)


def _record(code: str, year: int, body: str, url: str = "https://example.org/generated-fixture") -> str:
    return (f'region: "{code}"\nyear: {year}\n{body}\nsources:\n  - url: {url}\n    publisher: example.org\n')


def _change(ds: Dataset, code: str, year: int) -> EditionChange:
    change = change_of(ds, code, year)
    assert change is not None
    return change


def test_runs_and_changes_of_a_region_across_editions(tmp_path: Path) -> None:
    ds = _fixture(tmp_path, {
        "2023/a.yaml": _record("63.11", 2023, "awarded: true\nbasis: stated"),
        "2024/a.yaml": _record("63.11", 2024, "awarded: true\ntier: madya\nbasis: inferred\nbasis_note: Generated."),
        "2026/a.yaml": _record("63.11", 2026, "awarded: true\ntier: madya\nbasis: stated"),
        "2024/b.yaml": _record("63.10", 2024, "awarded: false\nbasis: stated"),
        "2026/b.yaml": _record("63.10", 2026, "awarded: true\ntier: pratama\nbasis: stated"),
        "2023/c.yaml": _record("63.09", 2023, "awarded: true\nbasis: stated"),
        "2026/c.yaml": _record("63.09", 2026, "awarded: true\ntier: utama\nbasis: stated"),
    })
    assert [r.words for r in runs_of(ds, "63.11", 2026)] == [
        "Menerima pada 3 edisi berturut-turut: 2023, 2024, 2026 (disimpulkan; edisi sebelum 2023 belum tercatat di "
        "situs ini)",
        "Madya pada 2 edisi berturut-turut: 2024, 2026 (disimpulkan; edisi 2023 tanpa kategori)"]
    assert runs_of(ds, "63.11", 2023) == ()  # one edition is no run
    assert change_of(ds, "63.11", 2023) is None  # the first edition of the data has nothing before it
    assert _change(ds, "63.11", 2024).words == "Tidak dapat dibandingkan: 2023 tanpa kategori"
    assert _change(ds, "63.11", 2026).words == "Tetap Madya seperti 2024 (disimpulkan)"
    assert _change(ds, "63.10", 2026).words == "Baru menerima (2024: tidak menerima)"
    assert runs_of(ds, "63.10", 2026) == ()
    assert change_of(ds, "63.08", 2026) is None  # no answer in 2026: no change to speak of
    # a gap (no 2024 record) breaks the run and the comparison
    assert runs_of(ds, "63.09", 2026) == ()
    assert _change(ds, "63.09", 2026).kind is Change.NOT_COMPARABLE


def test_when_editions_compare_is_derived_from_the_criteria(tmp_path: Path) -> None:
    ds = _fixture(tmp_path, {})
    found = {(c.earlier, c.later): c for c in comparisons(ds)}
    assert list(found) == [("UHC Awards 2024", "UHC Awards 2026"), ("UHC Awards 2023", "UHC Awards 2024")]
    tiers = found[("UHC Awards 2024", "UHC Awards 2026")]
    assert tiers.tiers and "Utama, Madya dan Pratama" in tiers.text
    assert "Ambang batas kategori 2024 tidak ditemukan" in tiers.text  # 2024 has tiers but no rules in its file
    assert not found[("UHC Awards 2023", "UHC Awards 2024")].tiers
    assert "edisi 2023 tanpa kategori" in found[("UHC Awards 2023", "UHC Awards 2024")].text
    # the same code with other criteria data: 2024 declared without tiers
    project = tmp_path / "p"
    criteria = project / "data" / "criteria" / "2024.yaml"
    criteria.write_text(re.sub(r"official_totals:", "tiers_exist: false\nofficial_totals:", criteria.read_text()))
    changed = {(c.earlier, c.later): c for c in comparisons(load_dataset(project))}
    assert not changed[("UHC Awards 2024", "UHC Awards 2026")].tiers
    assert "edisi 2024 tanpa kategori" in changed[("UHC Awards 2024", "UHC Awards 2026")].text


def _src(url: str, copy_of: str | None = None, independent: bool = False, figures_only: bool = False) -> Source:
    return Source(f"https://example.org/{url}", "example.org", copy_of=copy_of and f"https://example.org/{copy_of}",
                  independent=independent, figures_only=figures_only)


@pytest.mark.parametrize(("sources", "words", "accounts"), [
    ((_src("a"),), "Satu sumber", 1),
    ((_src("a"), _src("b")), "Dua sumber (belum diperiksa apakah saling independen)", None),
    ((_src("a"), _src("b", independent=True)), "Dua sumber independen", 2),
    ((_src("a"), _src("b", "a"), _src("c", "a"), _src("d", "b")), "Satu sumber, dimuat ulang oleh tiga media", 1),
    ((_src("a", "b"), _src("b")), "Satu sumber, dimuat ulang oleh satu media", 1),  # the copy may come first
    ((_src("a"), _src("b", independent=True), _src("c", "a")),
     "Dua sumber independen, salah satunya dimuat ulang oleh satu media", 2),
    ((_src("a"), _src("b", independent=True), _src("c")), "Tiga sumber (belum diperiksa apakah saling independen)",
     None),
    # pages that back only the figures are listed, never counted as evidence of the answer
    ((_src("a"), _src("b", figures_only=True)), "Satu sumber; satu halaman lain hanya memuat angka", 1),
    ((_src("a"), _src("b", figures_only=True), _src("c", "b", figures_only=True)),
     "Satu sumber; dua halaman lain hanya memuat angka", 1),
    ((_src("a"), _src("b", independent=True), _src("c", figures_only=True)),
     "Dua sumber independen; satu halaman lain hanya memuat angka", 2),
    ((_src("a"), _src("b"), _src("c", figures_only=True)),
     "Dua sumber (belum diperiksa apakah saling independen); satu halaman lain hanya memuat angka", None),
])
def test_how_many_independent_pages_back_an_answer(sources: tuple[Source, ...], words: str,
                                                   accounts: int | None) -> None:
    backing = backing_of(sources)
    stating = sum(not s.figures_only for s in sources)
    assert (backing.words, backing.accounts, backing.pages) == (words, accounts, stating)
    assert backing.several == (stating >= 2)


def test_completeness_of_each_shipped_edition() -> None:
    ds = load_dataset(Path(__file__).resolve().parent.parent)
    for year in ds.years:
        c = completeness(ds, year)
        answered = [r for r in ds.records(year) if r.awarded is not None]
        assert c.answers == len(answered)
        assert c.several == sum(sum(not s.figures_only for s in r.sources) >= 2 for r in answered)
        assert c.independent + c.unchecked <= c.several
        assert c.kabkota.total == len(ds.registry.regencies) and c.provinces.total == len(ds.registry.provinces)
        assert c.official_kabkota == ds.criteria[year].official_kabkota_total
        assert c.sources_sentence.startswith(f"{c.several} dari {c.answers} jawaban")


def test_pages_of_another_occasion_back_the_figures_not_the_answer() -> None:
    """Kabupaten Rokan Hilir's figures come from the Riau provincial award of November 2025 (dumaipos-news.com and
    its copy): listed as sources, but the answer's backing does not count them."""
    record = load_dataset(Path(__file__).resolve().parent.parent).entry("14.07", 2026).record
    assert record is not None and sum(s.figures_only for s in record.sources) == 2
    backing = backing_of(record.sources)
    assert backing.figures == 2 and backing.pages == len(record.sources) - 2
    assert backing.words.endswith("; dua halaman lain hanya memuat angka")


def test_a_first_run_names_its_parts_as_the_plan_would() -> None:
    """A run with no state before makes every part and works out their digests while the workers work
    (changes.everything, then changes.name): the digests it records are those plan() finds, part for part."""
    from generator.outputs import pages
    from generator.publish import changes
    from generator.read.datatree import scan_files
    from generator.views.corrections import NONE

    root = Path(__file__).resolve().parent.parent
    files = scan_files(root)[1]
    ds = load_dataset(root, None, files)
    parts, summaries = pages.site_parts(ds), pages.Summaries(ds, "https://example.org/", NONE)
    planned = changes.plan(ds, parts, files, "shared", pages.facts(ds), summaries, {}, {})
    first = changes.everything(parts)
    assert first.full and planned.full and first.rebuild == planned.rebuild and not first.digests
    changes.name(first, ds, parts, files, "shared", pages.facts(ds), summaries)
    assert first.digests == planned.digests and len(first.digests) == len(parts)
    assert sum(1 for inputs, views in first.digests.values() if views) == len(ds.registry.regions) + 1  # + site
