"""Other names of provinces and kabupaten/kota as the press writes them (data/aliases.yaml), each with a source.

Read like every record: safe YAML, every problem located at file:line with a fix. Used by the import's name
matching (names.NameIndex) and by the pages, so that the site's search finds a region by its press names too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Collector, DataError, Problem
from .yamlsafe import YMap, control_problems, load_file

if TYPE_CHECKING:
    from .regions import Registry

MAX_ALIAS = 60
MAX_PUBLISHER = 120
_TOP = {"sources", "provinces", "regions"}
README = "data/aliases-README.md"


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


def load_aliases(path: Path, root: Path, registry: Registry) -> Aliases:
    """data/aliases.yaml -> Aliases; raises DataError listing every problem."""
    from .aliases_reader import AliasReader  # it builds on the types above

    where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    if not path.exists():
        raise DataError([Problem(where, 0, "", "not found", "restore data/aliases.yaml from the repository "
                                 f"(the press names of regions, see {README})")])
    data = load_file(path, where)
    problems = Collector()
    problems.extend(control_problems(data, where))
    reader = AliasReader(where, registry, problems)
    if not isinstance(data, YMap):
        problems.add(where, 1, "", "must be a mapping with sources:, provinces: and regions:", f"see {README}")
        problems.raise_if_any()
    for name in data:
        if name not in _TOP:
            problems.add(where, data.lines[name], name, "unknown section", f"use {sorted(_TOP)}")
    sources = reader.sources(data)
    provinces = reader.section(data, "provinces", sources)
    regions = reader.section(data, "regions", sources)
    reader.check_provinces(provinces)
    reader.check_regions(regions)
    used = {a.source_id for entries in (*provinces.values(), *regions.values()) for a, _ in entries}
    for source_id in sorted(set(sources) - used):
        problems.add(where, sources[source_id][1], f"sources.{source_id}", "is not used by any alias",
                     "remove it, or refer to it with source: " + source_id)
    problems.raise_if_any()
    short = {code: a.text for code, entries in provinces.items() for a, _ in entries if a.standard}
    return Aliases({k: s for k, (s, _) in sorted(sources.items())},
                   {c: tuple(a for a, _ in e) for c, e in sorted(provinces.items())},
                   {c: tuple(a for a, _ in e) for c, e in sorted(regions.items())}, short)
