"""The answer for one region in one edition (status and basis) and counts of answers: what every badge,
table, chart, map, share image, export and search result shows, in the same words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.judge.dataset import Entry
from generator.vocabulary import STATUSES, Basis, Status, certain


@dataclass(frozen=True, slots=True)
class Answer:
    status: Status
    basis: Basis | None  # None: no data, or figures only
    year: int
    edition: str  # "UHC Awards 2026"

    @property
    def certain(self) -> bool:
        """Stated by a source (or 'no data', which claims nothing): model.certain."""
        return certain(self.basis)

    @property
    def qualifier(self) -> str:
        """The basis word where it must be said: 'disimpulkan', 'sumber berbeda'; '' when stated."""
        return "" if self.certain or self.basis is None else self.basis.label

    @property
    def words(self) -> str:
        """'Utama', 'Tidak menerima (disimpulkan)', 'Madya (sumber berbeda)'."""
        return f"{self.status.label} ({self.qualifier})" if self.qualifier else self.status.label

    @property
    def headline(self) -> str:
        """'Utama, UHC Awards 2026'; 'belum ada data UHC Awards 2026'."""
        if self.status is Status.NO_DATA:
            return f"belum ada data {self.edition}"
        return f"{self.words}, {self.edition}"

    @property
    def short(self) -> str:
        """For search results and compact lists: 'Utama 2026', 'Tidak menerima 2026 · disimpulkan'."""
        text = f"{self.status.label} {self.year}"
        return f"{text} · {self.qualifier}" if self.qualifier else text


def answer_of(entry: Entry) -> Answer:
    record = entry.record
    basis = record.basis if record is not None else None
    return Answer(entry.status, basis, entry.year, entry.criteria.edition)


@dataclass(frozen=True, slots=True)
class Counts:
    """How many answers have each status, and how many of those rest on each basis."""

    by_status: dict[Status, int]
    by_basis: dict[tuple[Status, Basis | None], int]

    def __getitem__(self, status: Status) -> int:
        return self.by_status.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def awarded(self) -> int:
        return sum(n for s, n in self.by_status.items() if s.is_award)

    def uncertain(self, status: Status) -> int:
        return sum(n for (s, b), n in self.by_basis.items() if s is status and not certain(b))

    def split(self, status: Status) -> str:
        """'2 dinyatakan, 5 disimpulkan' (only the bases present); '' when all are stated or none exist."""
        parts = [(b, self.by_basis.get((status, b), 0)) for b in Basis]
        if not self.uncertain(status):
            return ""
        return ", ".join(f"{n} {b.label}" for b, n in parts if n)

    def phrase(self, status: Status) -> str:
        """'7 Utama (2 dinyatakan, 5 disimpulkan)', '3 Madya', '1 tanpa kategori'."""
        split = self.split(status)
        text = f"{self[status]} {status.counted}"
        return f"{text} ({split})" if split else text

    def sentence(self, statuses: Iterable[Status] = STATUSES) -> str:
        """'2 Utama, 4 Madya (1 disimpulkan), 6 belum ada data': every status with at least one."""
        return ", ".join(self.phrase(s) for s in statuses if self[s])


def count(answers: Iterable[Answer]) -> Counts:
    items = list(answers)
    return Counts(dict(Counter(a.status for a in items)), dict(Counter((a.status, a.basis) for a in items)))
