"""data/gazetteer.yaml read and checked (load_gazetteer), with the rules of data/gazetteer-README.md: every
problem located at file:line with the field and a fix, as for data/aliases.yaml (whose reader this extends)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.errors import Collector
from generator.read.aliases import MAX_ALIAS, Aliases, AliasSource
from generator.read.aliasfile import AliasReader, read_sections
from generator.read.gazetteer import Capital, Gazetteer, Place
from generator.read.names import key, split_prefix
from generator.read.regions import Registry, short_name
from generator.read.yamlsafe import YList, YMap
from generator.vocabulary import Level

README = "data/gazetteer-README.md"
SECTIONS = ("sources", "provinces", "seats", "towns")
_PLACE_FIELDS = {"name", "source", "checked", "shared", "note"}
_SEAT_FIELDS = {"seat", "source", "checked", "shared", "note"}
_CAPITAL_FIELDS = {*_PLACE_FIELDS, "region"}
_MAX_NOTE = 300
_MAX_LISTED = 10  # more missing entries than this are reported as one problem
_CODE_LINE = re.compile(r'^\s*("?)(\d[\d.]*)\1:\s*(?:#\s*(.*?))?\s*$')  # '  "63.11":  # Kabupaten Balangan'
_REGION_COMMENT = re.compile(r'region:\s*"([\d.]+)".*}\s*#\s*(.*?)\s*$')  # a capital's region and its comment

Located = tuple[Place, int, str, str]  # a place, its line, its field and the code of the region it leads to


class GazetteerReader(AliasReader):
    def __init__(self, where: str, registry: Registry, problems: Collector, sources: dict[str, Any]) -> None:
        super().__init__(where, registry, problems)
        self.known = sources
        self.used: set[str] = set()
        self.lines: dict[str, int] = {}  # a section's line

    def place(self, item: YMap, line: int, field: str, allowed: set[str], name_key: str = "name") -> Place | None:
        """One entry's name, sources, flags and note; None when any of them is wrong (each reported)."""
        before = len(self.problems.problems)
        for name in item:
            if name not in allowed:
                self.err(item.lines[name], f"{field}.{name}", "unknown field", f"use {sorted(allowed)}")
        text = self.text(item, name_key, f"{field}.{name_key}", MAX_ALIAS)
        note = self.text(item, "note", f"{field}.note", _MAX_NOTE) if "note" in item else None
        source = item.get("source")
        if not isinstance(source, str) or source not in self.known:
            message = "is missing" if source is None else f"unknown source {source!r}"
            self.err(item.lines.get("source", line), f"{field}.source", message,
                     "add the page that gives this name under sources: and write its id here")
        checked = item.get("checked", [])
        if not isinstance(checked, list) or not all(isinstance(c, str) and c in self.known for c in checked):
            self.err(item.lines.get("checked", line), f"{field}.checked", f"must list source ids, got {checked!r}",
                     "write checked: [id, ...] with ids from sources:, or leave it out")
            checked = []
        shared = self._flag(item, "shared", field)
        if text is not None and (level := split_prefix(text)[0]) is not None and not (note and text in note):
            self.err(item.lines.get(name_key, line), f"{field}.{name_key}", f"{text!r} starts with a level word "
                     f"({level.label})", "write the name without it; if the word is part of the town's real name "
                     "(Kota Jantho), say so in a note: that names the town")
        if text is None or len(self.problems.problems) > before:
            return None
        self.used.update([str(source), *checked])
        return Place(text, str(source), shared, note, tuple(checked))

    def mapping(self, data: YMap, name: str, example: str) -> YMap:
        raw = data.get(name)
        line = self.lines[name] = data.lines.get(name, data.line)
        if isinstance(raw, YMap):
            return raw
        self.err(line, name, "is missing" if raw is None else "must be a mapping of codes",
                 f"write {name}: with one entry per code, e.g. {example} (see {README})")
        return YMap(line)

    def code(self, section: YMap, code: str, want: Level) -> bool:
        """The code is known and of the level the section holds (towns: kabupaten or kota); else reported."""
        region, line, field = self.registry.regions.get(code), section.lines[code], f"{section_name(want)}.{code}"
        fix = 'remove the entry'
        if region is None:
            message = self._code_problem(code, None, want is Level.PROVINSI)
            fix = 'use a code from data/regions/, in quotes ("63" or "63.06")'
        elif want is Level.PROVINSI and not region.is_province:
            message = f"{region.name} is a kabupaten/kota: its seat goes under seats:, its towns under towns:"
        elif want is not Level.PROVINSI and region.is_province:
            message = f"{region.name} is a province: its capital and English names go under provinces:"
        elif want is Level.KABUPATEN and region.level is Level.KOTA:
            message = f"{region.name} is a kota: a kota is its own seat"
        else:
            return True
        self.err(line, field, message, fix)
        return False

    def missing(self, section: YMap, name: str, codes: list[str], what: str) -> None:
        gone = [c for c in codes if c not in section]
        listed = ", ".join(f"{c} {self.registry.regions[c].name}" for c in gone[:_MAX_LISTED])
        more = f" and {len(gone) - _MAX_LISTED} more" if len(gone) > _MAX_LISTED else ""
        if gone:
            self.err(self.lines[name], name, f"{what} missing for {listed}{more}",
                     f"add each under {name}: with its source (see {README})")

    def provinces(self, raw: YMap) -> tuple[dict[str, Capital], dict[str, list[tuple[Place, int]]], list[Located]]:
        capitals: dict[str, Capital] = {}
        english: dict[str, list[tuple[Place, int]]] = {}
        located: list[Located] = []
        for code, item in raw.items():
            field = f"provinces.{code}"
            if not self.code(raw, code, Level.PROVINSI):
                continue
            if not isinstance(item, YMap):
                self.err(raw.lines[code], field, "must be a mapping with capital: and english:", f"see {README}")
                continue
            for name in item:
                if name not in ("capital", "english"):
                    self.err(item.lines[name], f"{field}.{name}", "unknown field", "use capital: and english:")
            capital, line = item.get("capital"), item.lines.get("capital", item.line)
            if not isinstance(capital, YMap):
                self.err(line, f"{field}.capital", "is missing", "capital: {name: ..., region: ..., source: ...}")
            elif (place := self.place(capital, line, f"{field}.capital", _CAPITAL_FIELDS)) is not None:
                region = capital.get("region")
                inside = self.registry.regions.get(str(region)) if region is not None else None
                if region is not None and (inside is None or inside.is_province or inside.province_code != code):
                    self.err(line, f"{field}.capital.region", f"{region!r} is not a kabupaten/kota of {code}",
                             "write the code (in quotes) of the kabupaten/kota the capital lies in")
                else:
                    capitals[code] = Capital(place, None if region is None else str(region))
                    if region is not None:
                        located.append((place, line, f"{field}.capital", str(region)))
            names, line = item.get("english"), item.lines.get("english", item.line)
            if not isinstance(names, YList) or not names:
                self.err(line, f"{field}.english", "must list at least one English name",
                         "english:\n      - {name: ..., source: ...}")
                continue
            for index, (entry, at) in enumerate(zip(names, names.lines, strict=True)):
                if (place := self.entry(entry, at, f"{field}.english[{index}]", {"name", "source", "note"})):
                    english.setdefault(code, []).append((place, at))
        self.missing(raw, "provinces", [p.code for p in self.registry.provinces], "the capital and English name are")
        return capitals, english, located

    def entry(self, item: Any, line: int, field: str, allowed: set[str]) -> Place | None:
        if isinstance(item, YMap):
            return self.place(item, line, field, allowed)
        self.err(line, field, "must be a mapping", "- {name: ..., source: ...}")
        return None

    def seats(self, raw: YMap) -> tuple[dict[str, Place], list[Located]]:
        seats: dict[str, Place] = {}
        located: list[Located] = []
        for code, item in raw.items():
            if not self.code(raw, code, Level.KABUPATEN):
                continue
            field, line = f"seats.{code}", raw.lines[code]
            if not isinstance(item, YMap):
                self.err(line, field, "must be a mapping with seat: and source:", "seat: NAME\n    source: ID")
            elif (place := self.place(item, line, field, _SEAT_FIELDS, "seat")) is not None:
                seats[code] = place
                located.append((place, item.lines.get("seat", line), field, code))
        self.missing(raw, "seats", [r.code for r in self.registry.regencies if r.level is Level.KABUPATEN],
                     "the seat is")
        return seats, located

    def towns(self, raw: YMap, seats: dict[str, Place], aliases: Aliases | None) -> tuple[dict[str, tuple[Place, ...]],
                                                                                         list[Located]]:
        province_names = {key(p.name) for p in self.registry.provinces}
        if aliases is not None:
            province_names |= {key(a.text) for entries in aliases.provinces.values() for a in entries}
        towns: dict[str, tuple[Place, ...]] = {}
        located: list[Located] = []
        for code, items in raw.items():
            if not self.code(raw, code, Level.KOTA):
                continue
            field, region = f"towns.{code}", self.registry.regions[code]
            if not isinstance(items, YList) or not items:
                self.err(raw.lines[code], field, "must be a list of towns", "- {name: ..., source: ...}")
                continue
            own = {key(seats[code].name): "its seat: it is listed under seats:"} if code in seats else {}
            own[key(short_name(region))] = "the region's own name"
            found: list[Place] = []
            seen: dict[str, int] = {}
            for index, (item, line) in enumerate(zip(items, items.lines, strict=True)):
                place = self.entry(item, line, f"{field}[{index}]", _PLACE_FIELDS)
                if place is None:
                    continue
                folded = key(place.name)
                if folded in own:
                    self.err(line, f"{field}[{index}].name", f"{place.name!r} is {own[folded]}", "remove the entry")
                elif folded in province_names:
                    self.err(line, f"{field}[{index}].name", f"{place.name!r} names a province",
                             "remove the entry: the province's own name and aliases lead to it")
                elif folded in seen:
                    self.err(line, field, f"{place.name!r} is listed twice (first at line {seen[folded]})",
                             "remove one of the two entries")
                else:
                    seen[folded] = line
                    found.append(place)
                    located.append((place, line, f"{field}[{index}]", code))
            towns[code] = tuple(found)
        return towns, located

    def check_english(self, english: dict[str, list[tuple[Place, int]]], aliases: Aliases | None) -> None:
        """An English name leads to one province: not listed twice, not another province's name or alias."""
        owners = {key(p.name): p.code for p in self.registry.provinces}
        if aliases is not None:
            owners |= {key(a.text): code for code, entries in aliases.provinces.items() for a in entries}
        for code, places in english.items():
            here: set[str] = set()
            for index, (place, line) in enumerate(places):
                folded, field = key(place.name), f"provinces.{code}.english[{index}]"
                other = owners.setdefault(folded, code)
                if other != code:
                    self.err(line, field, f"{place.name!r} also names province {other} "
                             f"({self.registry.regions[other].name})", "an English name must lead to one province: "
                             "remove it")
                elif folded in here:
                    self.err(line, field, f"{place.name!r} is listed twice", "remove one of the two entries")
                here.add(folded)

    def check_shared(self, located: list[Located], aliases: Aliases | None) -> None:
        """shared: true exactly where the name leads to another region too (another kabupaten/kota's name or
        alias, or a place of another region)."""
        owners: dict[str, set[str]] = {}
        for region in self.registry.regencies:
            owners.setdefault(key(short_name(region)), set()).add(region.code)
        for code, entries in (aliases.regions.items() if aliases is not None else ()):
            for alias in entries:
                owners.setdefault(key(alias.text), set()).add(code)
        for place, _, _, target in located:
            owners.setdefault(key(place.name), set()).add(target)
        for place, line, field, target in located:
            others = sorted(owners[key(place.name)] - {target})
            if others and not place.shared:
                self.err(line, field, f"{place.name!r} also leads to {self.registry.regions[others[0]].name}",
                         "add shared: true (the finder then shows every region the name may mean)")
            elif place.shared and not others and aliases is not None:  # an alias may be the other
                self.err(line, field, f"{place.name!r} is marked shared but leads to no other region",
                         "remove shared: true")


def section_name(level: Level) -> str:
    return {Level.PROVINSI: "provinces", Level.KABUPATEN: "seats", Level.KOTA: "towns"}[level]


def check_comments(text: str, where: str, registry: Registry, problems: Collector) -> None:
    """Codes are written in quotes, and the comment after a code is the registry's name (it is for people: a
    wrong one would hide a wrong code)."""
    for number, line in enumerate(text.splitlines(), 1):
        found = _CODE_LINE.match(line)
        pairs = [(found.group(2), found.group(3))] if found else []
        if found and not found.group(1):
            problems.add(where, number, found.group(2), "a code must be written in quotes",
                         f'write "{found.group(2)}": (63.10 without quotes is read as the number 63.1)')
        if (capital := _REGION_COMMENT.search(line)) is not None:
            pairs.append((capital.group(1), capital.group(2)))
        for code, comment in pairs:
            region = registry.regions.get(code)
            if region is not None and comment is not None and not comment.startswith(region.name):
                problems.add(where, number, code, f"the comment says {comment!r}, the registry {region.name!r}",
                             f"write # {region.name} (or check the code)")


def load_gazetteer(path: Path, root: Path, registry: Registry, aliases: Aliases | None) -> Gazetteer:
    """data/gazetteer.yaml -> Gazetteer; raises DataError listing every problem. Without aliases (they could
    not be read) the checks against them are left out."""
    where, text, data, problems = read_sections(path, root, SECTIONS, "the seats, capitals, English names and "
                                                "towns", README)
    check_comments(text, where, registry, problems)
    sources = AliasReader(where, registry, problems).sources(data)
    reader = GazetteerReader(where, registry, problems, sources)
    raw = {name: reader.mapping(data, name, example) for name, example in
           (("provinces", '"63": {capital: ..., english: [...]}'), ("seats", '"63.11": {seat: ..., source: ...}'),
            ("towns", '"51.04": [{name: ..., source: ...}]'))}
    capitals, english, on_capitals = reader.provinces(raw["provinces"])
    seats, on_seats = reader.seats(raw["seats"])
    towns, on_towns = reader.towns(raw["towns"], seats, aliases)
    reader.check_english(english, aliases)
    reader.check_shared([*on_capitals, *on_seats, *on_towns], aliases)
    for source_id in sorted(set(sources) - reader.used):
        problems.add(where, sources[source_id][1], f"sources.{source_id}", "is not used by any entry",
                     "remove it, or refer to it with source: " + source_id)
    problems.raise_if_any()
    found: dict[str, AliasSource] = {k: s for k, (s, _) in sorted(sources.items())}
    return Gazetteer(found, dict(sorted(seats.items())), dict(sorted(capitals.items())),
                     {code: tuple(p for p, _ in places) for code, places in sorted(english.items())},
                     dict(sorted(towns.items())))
