"""Where places are (data/gazetteer.yaml): the seat (ibu kota) of every kabupaten, the capital and English
name(s) of every province, and well-known towns that are not seats, each with its source.

The records only; read and checked by gazetteerfile.py. Used by the region pages ("Ibu kota: Wamena") and by
the finder's index (a reporter writes "Wamena", an international reader "West Java"); never by the import,
which does not guess a region from a town.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.read.aliases import AliasSource
from generator.read.names import key


class PlaceKind(Enum):
    """How a name leads to a region, strongest first (the finder ranks them in this order, below a region's
    own name and its aliases)."""

    ENGLISH = "english"  # an English name of a province: West Java
    SEAT = "seat"  # the seat of a kabupaten: Wamena
    CAPITAL = "capital"  # a province's capital, leading to the kabupaten/kota it lies in: Sofifi
    TOWN = "town"  # a well-known place that is not a seat: Ubud, Kuta


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # as the source writes it: Tapak Tuan, Palangkaraya
    source_id: str
    shared: bool = False  # the same name leads elsewhere too (another region's name, alias or place)
    note: str | None = None
    checked: tuple[str, ...] = ()  # other sources that give the same


@dataclass(frozen=True, slots=True)
class Capital:
    place: Place
    region: str | None  # the kabupaten/kota the capital lies in; None where the province is the city (Jakarta)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    sources: dict[str, AliasSource]  # by id
    seats: dict[str, Place]  # kabupaten code -> its seat (a kota is its own seat)
    capitals: dict[str, Capital]  # province code -> its capital
    english: dict[str, tuple[Place, ...]]  # province code -> its English names, the current one first
    towns: dict[str, tuple[Place, ...]]  # kabupaten/kota code -> its towns, in file order

    def seat(self, code: str) -> str | None:
        """'95.01' -> 'Wamena'; the capital's name for a province; None for a kota."""
        place = self.seats.get(code) or (self.capitals[code].place if code in self.capitals else None)
        return place.name if place else None

    def english_names(self, code: str) -> tuple[str, ...]:
        return tuple(p.name for p in self.english.get(code, ()))

    def town_names(self, code: str) -> tuple[str, ...]:
        return tuple(p.name for p in self.towns.get(code, ()))

    def places(self, code: str, own_name: str) -> tuple[tuple[str, PlaceKind], ...]:
        """Every name that leads a reader to this region, strongest kind first, each once, without the region's
        own name (a seat called like its kabupaten, Bantul, adds nothing): its English names (a province), its
        seat, a province's capital lying in it, its towns."""
        found: list[tuple[str, PlaceKind]] = [(p.name, PlaceKind.ENGLISH) for p in self.english.get(code, ())]
        if code in self.seats:
            found.append((self.seats[code].name, PlaceKind.SEAT))
        found += [(c.place.name, PlaceKind.CAPITAL) for c in self.capitals.values() if c.region == code]
        found += [(p.name, PlaceKind.TOWN) for p in self.towns.get(code, ())]
        seen = {key(own_name)}
        unique = []
        for name, kind in found:
            if key(name) not in seen:
                seen.add(key(name))
                unique.append((name, kind))
        return tuple(unique)
