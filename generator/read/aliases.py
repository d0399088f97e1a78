"""Other names of provinces and kabupaten/kota as the press writes them (data/aliases.yaml), each with a source.

The records only; read and checked by aliasfile.py. Used by the import's name matching (importing/match.py)
and by the pages, so that the site's search finds a region by its press names too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MAX_ALIAS = 60
MAX_PUBLISHER = 120


class AliasKind(Enum):
    ABBREVIATION = "abbreviation"  # a short form: Kukar, HSS, Kalsel, Siantar, Selayar
    OLD_NAME = "old-name"  # a former official name: Toba Samosir, Mamuju Utara
    SPELLING = "spelling"  # another spelling or name in common use: Padang Sidempuan, Sumatra Utara, Jogja
    JOINED_OR_SPLIT = "joined-or-split"  # the name's words written together or apart: Tanjungpinang


KINDS = [k.value for k in AliasKind]


@dataclass(frozen=True, slots=True)
class AliasSource:
    id: str
    url: str
    publisher: str


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    kind: AliasKind
    source_id: str
    standard: bool = False  # the province's standard short form (e.g. the map label): Kalsel
    shared: bool = False  # another region elsewhere (or of the other level) has this name too


@dataclass(frozen=True, slots=True)
class Aliases:
    sources: dict[str, AliasSource]  # by id
    provinces: dict[str, tuple[Alias, ...]]  # province code -> its aliases, in file order
    regions: dict[str, tuple[Alias, ...]]  # kabupaten/kota code -> its aliases, in file order
    short_forms: dict[str, str]  # province code -> its standard short form, where it has one

    def of(self, code: str) -> tuple[Alias, ...]:
        """The aliases of a province or kabupaten/kota (empty when it has none)."""
        return self.provinces.get(code) or self.regions.get(code) or ()

    def for_region(self, code: str) -> tuple[str, ...]:
        """The alias texts of a province or kabupaten/kota, as the page and the search index show them."""
        return tuple(a.text for a in self.of(code))

    def province_short(self, code: str) -> str | None:
        """'63' -> 'Kalsel'; None for a province without a common short form (Aceh, Riau, Bali...)."""
        return self.short_forms.get(code)

    def source(self, alias: Alias) -> AliasSource:
        return self.sources[alias.source_id]

    def texts(self) -> dict[str, tuple[str, ...]]:
        """Every code with aliases -> their texts (provinces and kabupaten/kota)."""
        return {code: tuple(a.text for a in entries) for code, entries in (*self.provinces.items(),
                                                                             *self.regions.items())}
