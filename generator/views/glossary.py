"""The terms a reader may not know, each with a short definition for the place it appears (a region's answer
card) and a longer one for the methodology page, where each has its anchor. Cited where the meaning comes from a
source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.views import paths

_BPJS_2025 = "https://mediaasuransinews.co.id/news-in-brief/uhc-prioritas-jaminan-jkn-langsung-aktif"


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    slug: str
    short: str  # in place, after the term: what it is in a few words
    meaning: str  # on the methodology page
    pattern: str  # how texts write it (a regular expression, any case)
    source: str | None = None  # where the meaning comes from
    publisher: str | None = None

    @property
    def anchor(self) -> str:
        return paths.term(self.slug)


TERMS = (
    Term("UHC Prioritas", "uhc-prioritas",
         "status dari BPJS Kesehatan bagi daerah yang memenuhi syarat cakupan dan keaktifan JKN dan tidak menunggak "
         "iuran; warga yang didaftarkan langsung aktif hari itu",
         "predikat dari BPJS Kesehatan bagi kabupaten/kota dengan cakupan kepesertaan JKN lebih dari 98 % dan "
         "keaktifan peserta lebih dari 80 %, yang tidak menunggak iuran PBPU Pemda dan permohonannya disetujui "
         "BPJS Kesehatan. Penduduk yang didaftarkan langsung aktif sebagai peserta pada hari pendaftaran.",
         r"UHC[ -]Prioritas", _BPJS_2025, "Media Asuransi, 29 September 2025 (Humas BPJS Kesehatan)"),
    Term("UHC Cut Off", "uhc-cut-off",
         "status UHC lain dari BPJS Kesehatan: kepesertaan warga yang baru didaftarkan tidak langsung aktif",
         "predikat lain bagi daerah yang mencapai UHC tetapi tidak berstatus UHC Prioritas: kepesertaan penduduk "
         "yang baru didaftarkan tidak langsung aktif pada hari pendaftaran.",
         r"UHC[ -]Cut[ -]?Off", _BPJS_2025, "Media Asuransi, 29 September 2025 (Humas BPJS Kesehatan)"),
    Term("JKN", "jkn", "Jaminan Kesehatan Nasional, yang diselenggarakan BPJS Kesehatan",
         "Jaminan Kesehatan Nasional, program jaminan kesehatan yang diselenggarakan BPJS Kesehatan.", r"JKN"),
    Term("PBPU/BP Pemda", "pbpu-pemda", "warga yang iuran JKN-nya dibayar pemerintah daerah",
         "Pekerja Bukan Penerima Upah dan Bukan Pekerja yang didaftarkan pemerintah daerah, yang membayar iurannya.",
         r"PBPU(?:/BP)?(?: Pemda)?"),
    Term("Cakupan kepesertaan JKN", "cakupan", "peserta JKN dibagi jumlah penduduk",
         "penduduk yang terdaftar sebagai peserta JKN dibagi jumlah penduduk (bisa lebih dari 100 %, karena "
         "jumlah penduduk adalah perkiraan).", r"cakupan kepesertaan"),
    Term("Tingkat keaktifan", "keaktifan", "peserta JKN aktif dibagi jumlah penduduk",
         "peserta JKN aktif dibagi jumlah penduduk.", r"tingkat keaktifan"),
    Term("Penduduk didaftarkan Pemda", "didaftarkan-pemda", "penduduk yang iurannya dibayar pemerintah daerah",
         "penduduk yang iurannya dibayar pemerintah daerah (segmen PBPU/BP Pemda) dibagi jumlah penduduk.",
         r"didaftarkan Pemda"),
    Term("Batas", "batas", "sumber hanya menyebut batasnya",
         "sumber hanya menyebut batasnya (\"> 85 %\", \"≥ 10 %\"). Batas menentukan suatu syarat hanya bila batas itu "
         "cukup (misalnya \"> 85 %\" memenuhi syarat 85 %, tetapi tidak menjawab syarat 95 %).", r"(?!)"),
)
BY_SLUG = {t.slug: t for t in TERMS}
# The terms explained in place when a card's text uses them (the figures' names link to theirs instead).
IN_PLACE = ("uhc-prioritas", "uhc-cut-off", "pbpu-pemda")
_PATTERNS = {slug: re.compile(rf"(?<!\w){BY_SLUG[slug].pattern}(?!\w)", re.IGNORECASE) for slug in IN_PLACE}


def used(texts: Iterable[str | None]) -> tuple[Term, ...]:
    """The terms, in glossary order, that the texts use."""
    joined = " ".join(t for t in texts if t)
    return tuple(BY_SLUG[slug] for slug in IN_PLACE if _PATTERNS[slug].search(joined))
