"""Across editions: what changed for a region since the edition before (naik, turun, tetap, baru menerima,
tidak lagi, or tidak dapat dibandingkan), the awards it received in consecutive editions ("berturut-turut"),
and when two editions can be compared at all. Derived from the answers and the criteria data only (pure).

Two editions compare on whether a region was awarded whenever both answers are known. Their tiers compare only
when both editions had tiers (`tiers_exist` in data/criteria/<year>.yaml): the same three tiers, ranked Utama,
Madya, Pratama. A change or a run rests on two or more answers, so it is only as certain as the least certain of
them (vocabulary.weakest)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from generator.judge.answers import Answer, answer_of
from generator.judge.dataset import Dataset
from generator.read.criteria import YearCriteria
from generator.vocabulary import AWARD_TIERS, Basis, Change, Status, certain, weakest


def tiers_comparable(earlier: YearCriteria, later: YearCriteria) -> bool:
    """Do the tiers of two editions mean the same thing? Both editions had tiers (the same three, ranked alike)."""
    return earlier.tiers_exist and later.tiers_exist


def previous_year(ds: Dataset, year: int) -> int | None:
    """The edition before `year` in the data (criteria years), or None for the first one."""
    earlier = [y for y in ds.years if y < year]
    return earlier[0] if earlier else None


def change_head(ds: Dataset, year: int) -> str:
    """The heading of a column of changes into `year`: 'Perubahan sejak 2024'; '' for the first edition."""
    earlier = previous_year(ds, year)
    return f"Perubahan sejak {earlier}" if earlier else ""


@dataclass(frozen=True, slots=True)
class EditionChange:
    """One region's change from the edition before to this one."""

    kind: Change
    year: int
    before_year: int
    before: Answer
    phrase: str  # 'Naik dari Madya (2024)', 'Tidak dapat dibandingkan: belum ada data 2024'
    basis: Basis | None  # the least certain of the two answers; None when they cannot be compared

    @property
    def qualifier(self) -> str:
        """'disimpulkan', 'sumber berbeda' when the change rests on an answer that is not stated; else ''."""
        return "" if certain(self.basis) or self.basis is None else self.basis.label

    @property
    def words(self) -> str:
        """'Naik dari Madya (2024)', 'Naik dari Madya (2024; disimpulkan)', 'Tetap Madya seperti 2024
        (disimpulkan)'."""
        if not self.qualifier:
            return self.phrase
        return f"{self.phrase[:-1]}; {self.qualifier})" if self.phrase.endswith(")") else \
            f"{self.phrase} ({self.qualifier})"

    @property
    def short(self) -> str:
        """For search results: the words, or where the two cannot be compared the answer before, which says why
        in fewer words: '2024: Belum ada data', '2024: Madya (disimpulkan)'."""
        return f"{self.before_year}: {self.before.words}" if self.kind is Change.NOT_COMPARABLE else self.words

    @property
    def code(self) -> str:
        return self.kind.value


def _why_not(answer: Answer, before: Answer, tierless: tuple[int, ...]) -> str:
    """Why two answers cannot be compared, in a few words (both were awarded unless one is unknown)."""
    for side in (before, answer):
        if side.status is Status.NO_DATA:
            return f"belum ada data {side.year}"
    if tierless:
        return f"{' dan '.join(map(str, tierless))} tanpa kategori"
    unnamed = [str(a.year) for a in (before, answer) if a.status is Status.AWARDED]
    return f"kategori {' dan '.join(unnamed)} tidak disebut"


@functools.cache  # pure, on values: rendering the shipped site asks 3,074 times for 54 distinct pairs
def compare(answer: Answer, before: Answer, tiers_then: bool, tiers_now: bool) -> EditionChange:
    """The change from `before` (the edition before) to `answer`; tiers_then, tiers_now: whether each edition
    had tiers (YearCriteria.tiers_exist)."""
    now, then = answer.status, before.status
    tierless = tuple(y for y, has in ((before.year, tiers_then), (answer.year, tiers_now)) if not has)
    label = then.label if then.tier else then.label.lower()
    if Status.NO_DATA in (now, then):
        kind = Change.NOT_COMPARABLE
    elif now.is_award != then.is_award:
        kind = Change.NEW if now.is_award else Change.ENDED
    elif not now.is_award:
        kind = Change.SAME
    elif len(tierless) == 2:  # neither edition had tiers: being awarded in both is the same status
        kind, label = Change.SAME, "menerima"
    elif now.tier and then.tier and not tierless:
        kind = Change.UP if now.tier.rank > then.tier.rank else Change.DOWN if now.tier.rank < then.tier.rank \
            else Change.SAME
    else:
        kind = Change.NOT_COMPARABLE
    if kind is Change.NOT_COMPARABLE:
        return EditionChange(kind, answer.year, before.year, before,
                             kind.phrase(_why_not(answer, before, tierless), before.year), None)
    return EditionChange(kind, answer.year, before.year, before, kind.phrase(label, before.year),
                         weakest(answer.basis, before.basis))


def change_of(ds: Dataset, code: str, year: int) -> EditionChange | None:
    """The region's change from the edition before `year`; None for the first edition in the data, and where
    the region has no answer in `year` (nothing has changed that the data could say)."""
    earlier = previous_year(ds, year)
    answer = answer_of(ds.entry(code, year))
    if earlier is None or answer.status is Status.NO_DATA:
        return None
    return compare(answer, answer_of(ds.entry(code, earlier)), ds.criteria[earlier].tiers_exist,
                   ds.criteria[year].tiers_exist)


@dataclass(frozen=True, slots=True)
class Run:
    """Awards in consecutive editions of the data, up to and including one edition ("berturut-turut")."""

    what: str  # 'Menerima' (any award) or a tier's label ('Utama')
    years: tuple[int, ...]  # oldest first
    basis: Basis | None  # the least certain of its answers
    limit: str  # why the run may reach further back, or cannot: '' when the edition before it is known

    @property
    def words(self) -> str:
        """'Menerima pada 3 edisi berturut-turut: 2023, 2024, 2026 (disimpulkan; edisi sebelum 2023 belum
        tercatat di situs ini)'."""
        said = [self.basis.label] if not certain(self.basis) and self.basis else []
        after = "; ".join(said + ([self.limit] if self.limit else []))
        years = ", ".join(map(str, self.years))
        return f"{self.what} pada {len(self.years)} edisi berturut-turut: {years}" + (f" ({after})" if after else "")


def runs_of(ds: Dataset, code: str, year: int) -> tuple[Run, ...]:
    """The region's runs that end in `year`: of awards, then of the same tier (only across editions whose tiers
    compare). A run of one edition is no run."""
    editions = [y for y in ds.years if y <= year]  # newest first
    answers = [answer_of(ds.entry(code, y)) for y in editions]
    first = ds.years[-1]
    runs = []
    awarded = _take(answers, lambda a, _: a.status.is_award)
    if len(awarded) >= 2:
        limit = f"edisi sebelum {first} belum tercatat di situs ini" if awarded[-1].year == first else ""
        runs.append(_run("Menerima", awarded, limit))
    tier = answers[0].status.tier
    same = _take(answers, lambda a, later: a.status.tier is tier and tier is not None and tiers_comparable(
        ds.criteria[a.year], ds.criteria[later.year]))
    if len(same) >= 2:
        stop = answers[len(same)] if len(same) < len(answers) else None
        limit = f"edisi {stop.year} tanpa kategori" if stop and stop.status.is_award and not \
            ds.criteria[stop.year].tiers_exist else f"edisi sebelum {first} belum tercatat di situs ini" \
            if same[-1].year == first else ""
        assert tier is not None
        runs.append(_run(tier.label, same, limit))
    return tuple(runs)


def _take(answers: list[Answer], holds: Callable[[Answer, Answer], bool]) -> list[Answer]:
    """The answers from the newest back while `holds(answer, the answer after it)` (the newest: with itself)."""
    taken: list[Answer] = []
    for answer in answers:
        if not holds(answer, taken[-1] if taken else answer):
            break
        taken.append(answer)
    return taken


def _run(what: str, answers: list[Answer], limit: str) -> Run:
    return Run(what, tuple(a.year for a in reversed(answers)), weakest(*(a.basis for a in answers)), limit)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What two consecutive editions of the data can be compared on, derived from their criteria."""

    earlier: str  # 'UHC Awards 2024'
    later: str
    tiers: bool  # their tiers compare (naik, turun, tetap in a tier)
    text: str


def comparisons(ds: Dataset) -> tuple[Comparison, ...]:
    """Every pair of consecutive editions, newest first, with what the criteria data allows to compare."""
    found = []
    for later in ds.years:
        before = previous_year(ds, later)
        if before is None:
            continue
        then, now = ds.criteria[before], ds.criteria[later]
        if tiers_comparable(then, now):
            unknown = [str(c.year) for c in (then, now) if not c.rule_known]
            caveat = f" Ambang batas kategori {' dan '.join(unknown)} tidak ditemukan: yang dibandingkan adalah " \
                "kategori yang diumumkan." if unknown else ""
            tiers = f"{', '.join(t.label for t in AWARD_TIERS[:-1])} dan {AWARD_TIERS[-1].label}"
            text = (f"Menerima atau tidak, dan kategorinya: kedua edisi memakai kategori {tiers}, dibandingkan "
                    "menurut urutannya. Syarat setiap kategori dapat berbeda antaredisi (lihat kriteria di bawah)."
                    f"{caveat}")
        else:
            tierless = [str(c.year) for c in (then, now) if not c.tiers_exist]
            text = (f"Hanya menerima atau tidak: edisi {' dan '.join(tierless)} tanpa kategori, sehingga naik, turun "
                    f"atau tetap dalam kategori tidak dapat ditentukan.")
        found.append(Comparison(then.edition, now.edition, tiers_comparable(then, now), text))
    return tuple(found)
