"""Typed, frozen records for the whole pipeline. Strings become enums once, at load."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Level(Enum):
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"

    @property
    def label(self) -> str:
        return {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}[self.value]


class Tier(Enum):
    """Award tiers, best first. NONE means 'not awarded' (a fact), never 'no data'."""

    UTAMA = "utama"
    MADYA = "madya"
    PRATAMA = "pratama"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "utama": "Utama",
            "madya": "Madya",
            "pratama": "Pratama",
            "none": "Tidak menerima",
        }[self.value]

    @property
    def rank(self) -> int:
        """Higher is better: UTAMA 3 ... NONE 0."""
        return {"utama": 3, "madya": 2, "pratama": 1, "none": 0}[self.value]

    @property
    def slug(self) -> str:
        return "tidak-menerima" if self is Tier.NONE else self.value


AWARD_TIERS = (Tier.UTAMA, Tier.MADYA, Tier.PRATAMA)


class Confidence(Enum):
    """How sure the sources are about the announced tier."""

    CONFIRMED = "confirmed"  # a source names the region and its tier
    INFERRED = "inferred"  # follows from a statement about a group of regions
    DISPUTED = "disputed"  # sources disagree; see each source's `tier`

    @property
    def label(self) -> str:
        return {
            "confirmed": "terkonfirmasi",
            "inferred": "disimpulkan dari pernyataan kelompok",
            "disputed": "sumber berbeda pendapat",
        }[self.value]


class Metric(Enum):
    COVERAGE = "coverage"
    ACTIVITY = "activity"
    PEMDA_SHARE = "pemda_share"

    @property
    def label(self) -> str:
        return {
            "coverage": "Cakupan kepesertaan JKN",
            "activity": "Tingkat keaktifan peserta",
            "pemda_share": "Penduduk didaftarkan Pemda (PBPU/BP Pemda)",
        }[self.value]


_FIELDS = {m: m.value for m in Metric}  # Metrics attribute per metric (an Enum's .value is slow in hot loops)


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


@dataclass(frozen=True, slots=True)
class Metrics:
    """Percentages of the population. None = not published."""

    coverage: float | None = None
    activity: float | None = None
    pemda_share: float | None = None
    population: int | None = None
    participants: int | None = None
    active: int | None = None
    pemda_registered: int | None = None
    as_of: dt.date | None = None

    def value(self, metric: Metric) -> float | None:
        result: float | None = getattr(self, _FIELDS[metric])
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
    awarded: bool
    tier: Tier | None  # None: awarded but tier not stated; Tier.NONE when not awarded
    confidence: Confidence
    metrics: Metrics
    gates: dict[str, bool]
    recipient: str | None
    sources: tuple[Source, ...]
    notes: str | None
    conflict_note: str | None
    corrections: tuple[Correction, ...]
    location: Location
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> int:
        return self.field_lines.get(key, self.location.line)
