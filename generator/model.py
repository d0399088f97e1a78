"""Typed, frozen records for the whole pipeline: a published figure, a region of the registry, an award record
with its sources, figures and corrections, and where in a file it was read. Their closed vocabularies are in
vocabulary.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.vocabulary import Basis, Bound, Level, Metric, Status, Tier

_FIELDS = {m: m.value for m in Metric}  # Metrics attribute per metric (an Enum's .value is slow in hot loops)


@dataclass(frozen=True, slots=True)
class Figure:
    """A published percentage, exact or a bound."""

    value: float
    bound: Bound = Bound.EXACT

    @property
    def exact(self) -> bool:
        return self.bound is Bound.EXACT

    def meets(self, minimum: float) -> bool | None:
        """Does the true figure reach `minimum`? A bound that decides it decides it; else unknown (None)."""
        v, b = self.value, self.bound
        if b is Bound.EXACT:
            return v >= minimum
        if b in (Bound.AT_LEAST, Bound.ABOVE):
            return True if v >= minimum else None
        if b is Bound.AT_MOST:
            return False if v < minimum else None
        return False if v <= minimum else None  # BELOW

    def admits(self, x: float) -> bool:
        """Can the true figure be x? (For an exact figure: equality; callers allow their own tolerance.)"""
        v, b = self.value, self.bound
        return {Bound.EXACT: x == v, Bound.AT_LEAST: x >= v, Bound.ABOVE: x > v, Bound.AT_MOST: x <= v,
                Bound.BELOW: x < v}[b]


@dataclass(frozen=True, slots=True)
class Region:
    code: str  # Kemendagri code: "63" or "63.11"
    name: str  # full name with prefix: "Kabupaten Balangan"
    level: Level
    province_code: str
    slug: str

    @property
    def is_province(self) -> bool:
        return self.level is Level.PROVINSI


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    publisher: str
    date: dt.date | None = None
    title: str | None = None
    tier: Tier | None = None  # the tier this source states, where sources disagree
    copy_of: str | None = None  # the address of another source of the record whose release this page repeats
    independent: bool = False  # checked: an account of its own, not a copy of another source of the record
    figures_only: bool = False  # the page backs the record's figures (another occasion), not its answer


@dataclass(frozen=True, slots=True)
class Metrics:
    """Percentages of the population (exact figures or bounds) and counts. None = not published."""

    coverage: Figure | None = None
    activity: Figure | None = None
    pemda_share: Figure | None = None
    population: int | None = None
    participants: int | None = None
    active: int | None = None
    pemda_registered: int | None = None
    as_of: dt.date | None = None

    def value(self, metric: Metric) -> Figure | None:
        result: Figure | None = getattr(self, _FIELDS[metric])
        return result

    @property
    def any_percentage(self) -> bool:
        return any(self.value(m) is not None for m in Metric)


@dataclass(frozen=True, slots=True)
class Correction:
    date: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class AwardRecord:
    region_code: str
    year: int
    awarded: bool | None  # None: a record that only gives figures; the sources say nothing of the award
    tier: Tier | None  # the announced tier; None when not awarded or when the sources name no tier
    basis: Basis | None  # None only in a figures-only record
    basis_note: str | None  # for readers: how an inference was made, or what the sources disagree on
    metrics: Metrics
    gates: dict[str, bool]
    recipient: str | None
    sources: tuple[Source, ...]
    notes: str | None  # for readers
    research_notes: str | None  # how the record was compiled; shown collapsed, never as the answer
    conflict_note: str | None
    corrections: tuple[Correction, ...]
    location: Location
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def status(self) -> Status:
        if self.awarded is None:
            return Status.NO_DATA
        if not self.awarded:
            return Status.NOT_AWARDED
        return self.tier.status if self.tier is not None else Status.AWARDED

    def line_of(self, key: str) -> int:
        return self.field_lines.get(key, self.location.line)
