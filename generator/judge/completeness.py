"""How complete the register of one edition is: recorded answers against the official totals (kabupaten/kota
and provinces), and how many answers rest on two or more pages. What `check` prints and the summary page shows."""

from __future__ import annotations

from dataclasses import dataclass

from generator import numfmt
from generator.judge.answers import Counts, answer_of, count
from generator.judge.backing import backing_of
from generator.judge.dataset import Dataset


@dataclass(frozen=True, slots=True)
class Completeness:
    year: int
    edition: str
    kabkota: Counts  # every kabupaten/kota's answer
    provinces: Counts
    official_kabkota: int | None  # awarded, according to the organisers
    official_provinces: int | None
    answers: int  # records that say whether the region was awarded
    several: int  # of those, resting on two or more pages
    independent: int  # resting on two or more accounts of their own, checked
    unchecked: int  # with two or more pages whose independence is not recorded

    @staticmethod
    def share(part: int, whole: int | None) -> float | None:
        """part of whole in per cent, one decimal; None without a whole."""
        return round(100 * part / whole, 1) if whole else None

    @property
    def kabkota_share(self) -> float | None:
        return self.share(self.kabkota.awarded, self.official_kabkota)

    @property
    def province_share(self) -> float | None:
        return self.share(self.provinces.awarded, self.official_provinces)

    @property
    def several_share(self) -> float | None:
        return self.share(self.several, self.answers)

    @property
    def sources_sentence(self) -> str:
        """'129 dari 285 jawaban (45,3 %) bersandar pada dua halaman atau lebih: 40 pada dua sumber independen
        atau lebih, 9 pada satu sumber yang dimuat ulang media lain, 80 pada halaman yang belum diperiksa apakah
        saling independen.'"""
        if not self.answers:
            return ""
        n = numfmt.integer
        copies = self.several - self.independent - self.unchecked
        parts = [f"{n(k)} {what}" for k, what in (
            (self.independent, "pada dua sumber independen atau lebih"),
            (copies, "pada satu sumber yang dimuat ulang media lain"),
            (self.unchecked, "pada halaman yang belum diperiksa apakah saling independen")) if k]
        share = numfmt.decimal(self.several_share or 0, 1)
        return (f"{n(self.several)} dari {n(self.answers)} jawaban ({share} %) bersandar pada dua halaman atau lebih"
                + (f": {', '.join(parts)}." if parts else "."))


def completeness(ds: Dataset, year: int) -> Completeness:
    crit = ds.criteria[year]
    answered = [r for r in ds.records(year) if r.awarded is not None]
    backings = [backing_of(r.sources) for r in answered]
    return Completeness(
        year, crit.edition, count(answer_of(ds.entry(r.code, year)) for r in ds.registry.regencies),
        count(answer_of(ds.entry(r.code, year)) for r in ds.registry.provinces), crit.official_kabkota_total,
        crit.official_provinces, len(answered), sum(b.several for b in backings), sum(b.independent for b in backings),
        sum(b.several and b.accounts is None for b in backings))
