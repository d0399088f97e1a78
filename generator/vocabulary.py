"""The closed vocabularies of the site (level, tier, status, basis, change, metric, bound), each defined once
with its Indonesian words, colours and export codes. Strings become these enums once, at load;
every page, picture, export and message takes its words from here."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Word(Enum):
    """A closed vocabulary. Each member exists once: hashed by identity, not by Enum's hash of its name (a Python
    call, some 400,000 a run); equality was identity already."""
    __hash__ = object.__hash__


class Level(Word):
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"

    @property
    def label(self) -> str:
        return _LEVEL[self]


class Tier(Word):
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
        return _RANK[self]

    @property
    def status(self) -> Status:
        return _TIER_STATUS[self]


# Tables by member (hashed by identity), not literals by `value`: read some 200,000 times a run
_LEVEL = {Level.PROVINSI: "Provinsi", Level.KABUPATEN: "Kabupaten", Level.KOTA: "Kota"}
_RANK = {Tier.UTAMA: 3, Tier.MADYA: 2, Tier.PRATAMA: 1}
AWARD_TIERS = (Tier.UTAMA, Tier.MADYA, Tier.PRATAMA)


class Status(Word):
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
        return _TIER.get(self)

    @property
    def is_award(self) -> bool:
        """Awarded, with or without a stated tier."""
        return self in (Status.UTAMA, Status.MADYA, Status.PRATAMA, Status.AWARDED)

    @property
    def explained(self) -> str:
        """One sentence for the methodology and 'about' pages."""
        return _STATUS[self][4]


_TIER = {Status.UTAMA: Tier.UTAMA, Status.MADYA: Tier.MADYA, Status.PRATAMA: Tier.PRATAMA}
_TIER_STATUS = {tier: status for status, tier in _TIER.items()}
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


class BasisWords(NamedTuple):
    label: str  # beside a status: 'Utama · disimpulkan'
    explained: str  # for the methodology and downloads pages
    opener: str  # how the answer's sentence starts: 'Menurut sumber,'
    note_heading: str  # above a record's basis_note: how it was worked out, or what the sources disagree on
    pattern: str | None  # laid over an uncertain answer's colour on maps and charts: 'arsir', 'titik'
    pattern_id: str | None  # that pattern's SVG id
    legend: str  # the pattern explained in a legend


class Basis(Word):
    """How the answer (a status) is known. Written in every record; shown wherever the status is shown, always
    in the words of `words`."""

    STATED = "stated"  # a source says it of this region
    INFERRED = "inferred"  # worked out: elimination from a list, a group statement, a count in a headline
    DISPUTED = "disputed"  # the sources disagree

    @property
    def words(self) -> BasisWords:
        return _BASIS[self]

    @property
    def label(self) -> str:
        return _BASIS[self].label

    @property
    def explained(self) -> str:
        return _BASIS[self].explained

    @property
    def certain(self) -> bool:
        """Stated by a source: the one rule for 'is this answer certain' (see `certain()` for no basis)."""
        return self is Basis.STATED


_BASIS = {
    Basis.STATED: BasisWords("dinyatakan", "sebuah sumber menyatakannya tentang wilayah ini secara langsung",
                             "Menurut sumber,", "Cara disimpulkan", None, None, "dinyatakan sumber"),
    Basis.INFERRED: BasisWords(
        "disimpulkan", "disimpulkan penyusun data dari sumber yang tidak menyebut wilayah ini secara langsung "
        "(misalnya dari daftar penerima yang tidak memuatnya, atau dari pernyataan tentang sekelompok daerah); "
        "belum dinyatakan sumber", "Disimpulkan, tidak dinyatakan sumber:", "Cara disimpulkan", "arsir",
        "uhc-hatch", "disimpulkan, tidak dinyatakan sumber"),
    Basis.DISPUTED: BasisWords(
        "sumber berbeda", "sumber-sumber menyebut hal yang berbeda; setiap sumber dan yang disebutnya ditampilkan",
        "Sumber berbeda pendapat; yang dicatat di sini:", "Perbedaan sumber", "titik", "uhc-dots", "sumber berbeda"),
}


def certain(basis: Basis | None) -> bool:
    """Is an answer of this basis certain? Stated, or no basis at all (no data, figures only), which claims
    nothing. Every 'is this uncertain' (badges, counts, maps, share images) asks this."""
    return basis is None or basis.certain


INFERENCE_WORDS = (Basis.INFERRED.label, Basis.INFERRED.value, "tersirat", "inferensi", "diduga")


def weakest(*bases: Basis | None) -> Basis | None:
    """The least certain of several answers' bases (disputed, then inferred, then stated): what a statement
    resting on all of them (a change between editions, a run of awards) can claim. None when none has a basis."""
    present = [b for b in bases if b is not None]
    for basis in (Basis.DISPUTED, Basis.INFERRED):
        if basis in present:
            return basis
    return present[0] if present else None


class Change(Word):
    """What changed for a region from the edition before to this one, as far as the data can tell. The value
    is the export code (CSV/JSON `change`); each member carries its label, how its phrase is written and what
    it means. Tiers compare only between editions that both had tiers (judge/changes.py)."""

    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"  # not awarded in the edition before, awarded in this one
    ENDED = "ended"  # awarded in the edition before, not in this one
    NOT_COMPARABLE = "not-comparable"  # either side unknown, or both awarded in tiers that do not compare

    @property
    def label(self) -> str:
        """'Naik', 'Tidak lagi menerima', 'Tidak dapat dibandingkan'."""
        return _CHANGE[self][0]

    @property
    def explained(self) -> str:
        """One sentence for the methodology and downloads pages."""
        return _CHANGE[self][2]

    def phrase(self, before: str, year: int) -> str:
        """'Naik dari Madya (2024)', 'Tetap Madya seperti 2024', 'Baru menerima (2024: tidak menerima)',
        'Tidak dapat dibandingkan: belum ada data 2024'. before: the earlier status in words (for NOT_COMPARABLE:
        why the two cannot be compared)."""
        return _CHANGE[self][1].format(label=self.label, before=before, year=year)


# label, phrase (label, before, year), explanation
_CHANGE: dict[Change, tuple[str, str, str]] = {
    Change.UP: ("Naik", "{label} dari {before} ({year})", "kategori lebih tinggi daripada di edisi sebelumnya"),
    Change.DOWN: ("Turun", "{label} dari {before} ({year})", "kategori lebih rendah daripada di edisi sebelumnya"),
    Change.SAME: ("Tetap", "{label} {before} seperti {year}",
                  "status sama dengan di edisi sebelumnya (kategori yang sama, atau sama-sama tidak menerima)"),
    Change.NEW: ("Baru menerima", "{label} ({year}: {before})",
                 "tidak menerima di edisi sebelumnya, menerima di edisi ini"),
    Change.ENDED: ("Tidak lagi menerima", "{label} ({year}: {before})",
                   "menerima di edisi sebelumnya, tidak menerima di edisi ini"),
    Change.NOT_COMPARABLE: ("Tidak dapat dibandingkan", "{label}: {before}",
                            "status salah satu edisi belum diketahui, atau kedua edisi menerima tetapi kategorinya "
                            "tidak dapat dibandingkan (edisi tanpa kategori, atau kategori yang tidak disebut sumber)"),
}
CHANGES = tuple(Change)


class Metric(Word):
    COVERAGE = "coverage"
    ACTIVITY = "activity"
    PEMDA_SHARE = "pemda_share"

    @property
    def label(self) -> str:
        return _METRIC[self][0]

    @property
    def short(self) -> str:
        return _METRIC[self][1]


_METRIC = {Metric.COVERAGE: ("Cakupan kepesertaan JKN", "cakupan"),
           Metric.ACTIVITY: ("Tingkat keaktifan peserta", "keaktifan"),
           Metric.PEMDA_SHARE: ("Penduduk didaftarkan Pemda (PBPU/BP Pemda)", "didaftarkan Pemda")}


class Bound(Word):
    """What a published figure says: exactly this, or only a bound ('aktif > 85 %', '>= 10 %')."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    ABOVE = "above"
    AT_MOST = "at_most"
    BELOW = "below"

    @property
    def sign(self) -> str:  # export code and page prefix: '', '>=', '>', '<=', '<'
        return _BOUND[self][0]

    @property
    def symbol(self) -> str:
        return _BOUND[self][1]


_BOUND = {Bound.EXACT: ("", ""), Bound.AT_LEAST: (">=", "≥ "), Bound.ABOVE: (">", "> "),
          Bound.AT_MOST: ("<=", "≤ "), Bound.BELOW: ("<", "< ")}
