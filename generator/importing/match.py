"""Tolerant matching of region names as the press writes them to Kemendagri codes, for the import.

"Kab. Aceh Besar", "Pemkab Aceh Besar", "kabupaten  aceh besar", "Pangkalpinang" (registry: "Kota Pangkal
Pinang"), "Kalsel", "HSS": all resolve. Prefixes, case, spacing and punctuation are folded away
(read/names.py); press short forms and other names come from data/aliases.yaml. A name that matches no
region, or more than one, is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Region
from generator.read.aliases import Aliases
from generator.read.names import clean, key, split_prefix
from generator.read.regions import Registry, short_name
from generator.vocabulary import Level


@dataclass(frozen=True, slots=True)
class Match:
    region: Region | None
    candidates: tuple[Region, ...]  # when ambiguous
    reason: str  # why there is no match


class NameIndex:
    """Registry names and their aliases by folded key. An alias that another region shares (data/aliases.yaml
    marks it shared: true) makes the bare name ambiguous: the province or the level then decides."""

    def __init__(self, registry: Registry, aliases: Aliases) -> None:
        self.registry = registry
        self.by_key: dict[str, list[Region]] = {}
        for region in registry.regencies:
            self.by_key.setdefault(key(short_name(region)), []).append(region)
        for code, entries in sorted(aliases.regions.items()):
            region = registry.regions[code]
            for alias in entries:
                found = self.by_key.setdefault(key(alias.text), [])
                if region not in found:  # a joined or split spelling folds to the region's own key
                    found.append(region)
                    found.sort(key=lambda r: r.code)
        self.provinces: dict[str, str] = {clean(alias.text): code for code, entries in aliases.provinces.items()
                                          for alias in entries}
        for province in registry.provinces:
            self.provinces[clean(province.name)] = province.code

    def province(self, name: str) -> Region | None:
        _, text = split_prefix(name)
        code = self.provinces.get(text) or self.provinces.get(clean(name))
        if code is None:  # 'Daerah Khusus Ibukota Jakarta' style, or spacing variants
            code = next((c for n, c in self.provinces.items() if key(n) == key(text)), None)
        return self.registry.regions[code] if code else None

    def match(self, name: str, level: Level | None = None, province: str | None = None) -> Match:
        prefix_level, text = split_prefix(name)
        level = level or prefix_level
        if level is Level.PROVINSI:
            found = self.province(text)
            return Match(found, (), "" if found else f"no province called {name!r}")
        candidates = self.by_key.get(key(text), [])
        if level is not None:
            candidates = [r for r in candidates if r.level is level]
        if province:
            prov = self.province(province)
            if prov is None:
                return Match(None, (), f"unknown province {province!r}")
            candidates = [r for r in candidates if r.province_code == prov.code]
        if len(candidates) == 1:
            return Match(candidates[0], (), "")
        if not candidates:
            return Match(None, (), f"no {level.value if level else 'kabupaten/kota'} called {name!r}"
                         + (f" in {province}" if province else ""))
        return Match(None, tuple(candidates),
                     f"{name!r} is ambiguous: " + ", ".join(r.name for r in candidates))
