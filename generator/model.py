"""Typed, frozen records for the whole pipeline, and the closed vocabularies (level, tier, status, basis,
bound) with their Indonesian labels, colours and export codes, each defined once. Strings become enums
once, at load."""

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
    """The award tiers, best first. A tier is only ever one of these three: 'not awarded', 'tier not
    stated' and 'no data' are statuses (Status), not tiers."""

    UTAMA = "utama"
    MADYA = "madya"
    PRATAMA = "pratama"

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def rank(self) -> int:
        """Higher is better: UTAMA 3, MADYA 2, PRATAMA 1 (0 is 'no tier')."""
        return {"utama": 3, "madya": 2, "pratama": 1}[self.value]

    @property
    def status(self) -> Status:
        return Status(self.value)


AWARD_TIERS = (Tier.UTAMA, Tier.MADYA, Tier.PRATAMA)


class Status(Enum):
    """What is known of one region in one edition. The value is the export code (CSV/JSON `status`);
    each member carries its label, the title of its category list, the list's slug and its colour."""

    UTAMA = "utama"
    MADYA = "madya"
    PRATAMA = "pratama"
    AWARDED = "awarded"  # awarded, the sources name no tier
    NOT_AWARDED = "none"  # a source says (or it is inferred) that the region was not awarded
    NO_DATA = "nodata"  # this site has no record: never the same as not awarded

    @property
    def label(self) -> str:
        return _STATUS[self][0]

    @property
    def title(self) -> str:
        """Heading of the category list: 'Kategori Utama'."""
        return _STATUS[self][1]

    @property
    def slug(self) -> str:
        """The category list's file name: kategori/<year>/<slug>/."""
        return _STATUS[self][2]

    @property
    def counted(self) -> str:
        """The words after a count: '2 Utama', '1 tanpa kategori', '6 belum ada data'."""
        return {"awarded": "tanpa kategori", "none": "tidak menerima", "nodata": "belum ada data"}.get(
            self.value, self.label)

    @property
    def colour(self) -> str:
        """Fill colour (badges, maps, charts, share images); white text on it has contrast >= 4.5:1,
        except NO_DATA, which takes dark text. docs/stylesheets/uhc.css repeats these (tested)."""
        return _STATUS[self][3]

    @property
    def text_colour(self) -> str:
        return "#202124" if self is Status.NO_DATA else "#ffffff"

    @property
    def tier(self) -> Tier | None:
        return Tier(self.value) if self.value in _TIER_VALUES else None

    @property
    def is_award(self) -> bool:
        """Awarded, with or without a stated tier."""
        return self in (Status.UTAMA, Status.MADYA, Status.PRATAMA, Status.AWARDED)

    @property
    def explained(self) -> str:
        """One sentence for the methodology and 'about' pages."""
        return _STATUS[self][4]


_TIER_VALUES = frozenset(t.value for t in Tier)
# label, list title, slug, colour, explanation
_STATUS: dict[Status, tuple[str, str, str, str, str]] = {
    Status.UTAMA: ("Utama", "Kategori Utama", "utama", "#8a5a00", "kategori tertinggi yang diumumkan"),
    Status.MADYA: ("Madya", "Kategori Madya", "madya", "#1d5f8a", "kategori menengah"),
    Status.PRATAMA: ("Pratama", "Kategori Pratama", "pratama", "#2e7031", "kategori dasar"),
    Status.AWARDED: ("Penerima, kategori tidak disebut", "Penerima dengan kategori tidak disebut",
                     "kategori-tidak-disebut", "#5b4a8a",
                     "sumber menyebut wilayah menerima penghargaan tanpa menyebut kategorinya"),
    Status.NOT_AWARDED: ("Tidak menerima", "Tidak menerima penghargaan", "tidak-menerima", "#9b2c2c",
                         "wilayah tidak menerima penghargaan pada edisi itu"),
    Status.NO_DATA: ("Belum ada data", "Belum ada data", "belum-ada-data", "#e8eaed",
                     "situs ini belum memiliki sumber untuk wilayah tersebut; ini bukan berarti tidak menerima"),
}
STATUSES = tuple(Status)


class Basis(Enum):
    """How the answer (a status) is known. Written in every record; shown wherever the status is shown."""

    STATED = "stated"  # a source says it of this region
    INFERRED = "inferred"  # worked out: elimination from a list, a group statement, a count in a headline
    DISPUTED = "disputed"  # the sources disagree

    @property
    def label(self) -> str:
        """The word shown beside a status: 'Utama · disimpulkan'."""
        return {"stated": "dinyatakan", "inferred": "disimpulkan", "disputed": "sumber berbeda"}[self.value]

    @property
    def explained(self) -> str:
        return {
            "stated": "sebuah sumber menyatakannya tentang wilayah ini secara langsung",
            "inferred": "disimpulkan penyusun data dari sumber yang tidak menyebut wilayah ini secara langsung "
                        "(misalnya dari daftar penerima yang tidak memuatnya, atau dari pernyataan tentang "
                        "sekelompok daerah); belum dinyatakan sumber",
            "disputed": "sumber-sumber menyebut hal yang berbeda; setiap sumber dan yang disebutnya ditampilkan",
        }[self.value]

    @property
    def certain(self) -> bool:
        return self is Basis.STATED


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

    @property
    def short(self) -> str:
        return {"coverage": "cakupan", "activity": "keaktifan", "pemda_share": "didaftarkan Pemda"}[self.value]


class Bound(Enum):
    """What a published figure says: exactly this, or only a bound ('aktif > 85 %', '>= 10 %')."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    ABOVE = "above"
    AT_MOST = "at_most"
    BELOW = "below"

    @property
    def sign(self) -> str:
        """Export code and page prefix: '', '>=', '>', '<=', '<'."""
        return {"exact": "", "at_least": ">=", "above": ">", "at_most": "<=", "below": "<"}[self.value]

    @property
    def symbol(self) -> str:
        return {"exact": "", "at_least": "≥ ", "above": "> ", "at_most": "≤ ", "below": "< "}[self.value]


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
