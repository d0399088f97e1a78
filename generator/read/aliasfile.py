"""data/aliases.yaml read and checked (load_aliases): each section read into Alias records, every problem
located at file:line with a fix (unknown codes and sources, bad kinds and flags, an alias naming two regions...)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import Collector, DataError, Problem
from generator.model import Region
from generator.read.aliases import KINDS, MAX_ALIAS, MAX_PUBLISHER, Alias, Aliases, AliasKind, AliasSource
from generator.read.names import clean, key, split_prefix
from generator.read.regions import Registry, short_name
from generator.read.urls import url_problem
from generator.read.yamlsafe import YList, YMap, control_problems, parse, read_text

_SOURCE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SOURCE_FIELDS = {"url", "publisher"}
_ALIAS_FIELDS = {"alias", "kind", "source", "standard", "shared"}
_TOP = ("sources", "provinces", "regions")
README = "data/aliases-README.md"

Located = list[tuple[Alias, int]]  # an alias and its line

class AliasReader:
    def __init__(self, where: str, registry: Registry, problems: Collector) -> None:
        self.where, self.registry, self.problems = where, registry, problems

    def err(self, line: int, field: str, message: str, fix: str) -> None:
        self.problems.add(self.where, line, field, message, fix)

    def text(self, owner: YMap, name: str, field: str, limit: int) -> str | None:
        value, line = owner.get(name), owner.lines.get(name, owner.line)
        if value is None:
            self.err(line, field, "is missing", f"add {name}: with a text value")
        elif not isinstance(value, str):
            self.err(line, field, f"must be text, got {value!r}", f'put the value in quotes: {name}: "..."')
        elif _CONTROL.search(value):
            self.err(line, field, "contains control characters", "remove them (retype the text)")
        elif not clean(value):
            self.err(line, field, "is empty", f"write the {name}, or remove the entry")
        elif len(value.strip()) > limit:
            self.err(line, field, f"is {len(value.strip())} characters long (limit {limit})", "shorten it")
        else:
            return value.strip()
        return None

    def sources(self, data: YMap) -> dict[str, tuple[AliasSource, int]]:
        raw = data.get("sources")
        found: dict[str, tuple[AliasSource, int]] = {}
        if not isinstance(raw, YMap):
            self.err(data.lines.get("sources", data.line), "sources", "must be a mapping of source ids",
                     "write sources: with one entry per page, e.g. my-id: {url: https://..., publisher: NAME}")
            return found
        for source_id, item in raw.items():
            line, field = raw.lines[source_id], f"sources.{source_id}"
            if not _SOURCE_ID.match(source_id):
                self.err(line, field, "is not a valid source id", "use lower-case letters, digits and hyphens")
                continue
            if not isinstance(item, YMap):
                self.err(line, field, "must be a mapping with url and publisher", "{url: https://..., publisher: NAME}")
                continue
            for name in item:
                if name not in _SOURCE_FIELDS:
                    self.err(item.lines[name], f"{field}.{name}", "unknown field", f"use {sorted(_SOURCE_FIELDS)}")
            problem = url_problem(item.get("url"))
            if problem is not None:
                self.err(item.lines.get("url", line), f"{field}.url", *problem)
            publisher = self.text(item, "publisher", f"{field}.publisher", MAX_PUBLISHER)
            if problem is None and publisher:
                found[source_id] = (AliasSource(source_id, str(item["url"]).strip(), publisher), line)
        return found

    def section(self, data: YMap, name: str, sources: dict[str, Any]) -> dict[str, Located]:
        raw = data.get(name)
        result: dict[str, Located] = {}
        if raw is None:
            return result
        if not isinstance(raw, YMap):
            self.err(data.lines[name], name, "must be a mapping of codes",
                     f'write {name}: with one entry per code, e.g. "63": [...]')
            return result
        provinces = name == "provinces"
        for code, items in raw.items():
            line, field = raw.lines[code], f"{name}.{code}"
            region = self.registry.regions.get(code)
            if region is None or region.is_province != provinces:
                self.err(line, field, self._code_problem(code, region, provinces),
                         f'use a {"province" if provinces else "kabupaten/kota"} code from data/regions/, in '
                         'quotes ("63" or "63.06")')
                continue
            if not isinstance(items, YList) or not items:
                self.err(line, field, "must be a list of aliases", "- {alias: ..., kind: ..., source: ...}")
                continue
            entries: Located = []
            for index, (item, item_line) in enumerate(zip(items, items.lines, strict=True)):
                alias = self.alias(item, item_line, f"{field}[{index}]", region, sources)
                if alias is not None:
                    entries.append((alias, item_line))
            result[code] = entries
        return result

    @staticmethod
    def _code_problem(code: str, region: Region | None, provinces: bool) -> str:
        if region is not None:
            return "is a province: move it under provinces:" if provinces is False \
                else "is a kabupaten/kota: move it under regions:"
        if re.fullmatch(r"\d{2}\.\d", code):
            return f"unknown code {code!r}: was it written without quotes (63.10 is read as the number 63.1)?"
        return f"unknown {'province' if provinces else 'kabupaten/kota'} code {code!r}"

    def alias(self, item: Any, line: int, field: str, region: Region, sources: dict[str, Any]) -> Alias | None:
        if not isinstance(item, YMap):
            self.err(line, field, "must be a mapping", "- {alias: ..., kind: ..., source: ...}")
            return None
        before = len(self.problems.problems)
        for name in item:
            if name not in _ALIAS_FIELDS:
                self.err(item.lines[name], f"{field}.{name}", "unknown field", f"use {sorted(_ALIAS_FIELDS)}")
        text = self.text(item, "alias", f"{field}.alias", MAX_ALIAS)
        kind = next((k for k in AliasKind if k.value == item.get("kind")), None)
        if kind is None:
            self.err(item.lines.get("kind", line), f"{field}.kind", f"unknown kind {item.get('kind')!r}",
                     f"use one of {KINDS}")
        source = item.get("source")
        if not isinstance(source, str) or source not in sources:
            message = "is missing" if source is None else f"unknown source {source!r}"
            self.err(item.lines.get("source", line), f"{field}.source", message,
                     "add the page that uses this alias under sources: and write its id here")
        standard, shared = (self._flag(item, name, field) for name in ("standard", "shared"))
        if standard and not region.is_province:
            self.err(item.lines["standard"], f"{field}.standard", "only a province has a standard short form",
                     "remove standard:")
        if standard and kind is not None and kind is not AliasKind.ABBREVIATION:
            self.err(item.lines["standard"], f"{field}.standard", "the standard short form is an abbreviation",
                     "use kind: abbreviation, or remove standard:")
        if shared and region.is_province:
            self.err(item.lines["shared"], f"{field}.shared", "a province alias cannot be shared",
                     "remove shared: (no two provinces may have the same alias)")
        if text is None or kind is None or len(self.problems.problems) > before \
                or not self._fits(text, kind, line, field, region):
            return None
        return Alias(text, kind, str(source), standard, shared)

    def _flag(self, item: YMap, name: str, field: str) -> bool:
        value = item.get(name, False)
        if not isinstance(value, bool):
            self.err(item.lines[name], f"{field}.{name}", f"must be true or false, got {value!r}",
                     f"write {name}: true, or leave it out")
            return False
        return value

    def _fits(self, text: str, kind: AliasKind, line: int, field: str, region: Region) -> bool:
        """The alias against its own region's name."""
        name = region.name if region.is_province else short_name(region)
        level, _ = split_prefix(text)
        if level is not None:
            self.err(line, f"{field}.alias", f"{text!r} starts with a level word (Kota, Kabupaten, Kab, Provinsi...) "
                     "that the name matcher strips", "write the alias without it")
        elif clean(text) in (clean(name), clean(region.name)):
            self.err(line, f"{field}.alias", f"{text!r} is the region's own name", "remove the entry")
        elif kind is AliasKind.JOINED_OR_SPLIT and key(text) != key(name):
            self.err(line, f"{field}.kind", f"{text!r} is not {name!r} written joined or split",
                     "use kind: spelling (or abbreviation, old-name)")
        elif kind is not AliasKind.JOINED_OR_SPLIT and key(text) == key(name):
            self.err(line, f"{field}.kind", f"{text!r} differs from {name!r} only in spacing or punctuation",
                     "use kind: joined-or-split")
        else:
            return True
        return False

    def check_provinces(self, provinces: dict[str, Located]) -> None:
        """One standard short form per province; no alias names two provinces."""
        owners = {key(p.name): (p.code, 0) for p in self.registry.provinces}
        for code, entries in sorted(provinces.items()):
            standard = [line for alias, line in entries if alias.standard]
            for line in standard[1:]:
                self.err(line, f"provinces.{code}", f"a second standard short form (first at line {standard[0]})",
                         "keep standard: true on one alias only")
            for alias, line in self._unique(f"provinces.{code}", entries):
                owner, first = owners.setdefault(key(alias.text), (code, line))
                if owner != code:
                    where = f"line {first}" if first else "its name"
                    self.err(line, f"provinces.{code}", f"{alias.text!r} also names province {owner} ({where})",
                             "a province alias must name one province: remove it")

    def check_regions(self, regions: dict[str, Located]) -> None:
        """No alias names two regions of the same level in one province; a name shared with other regions is
        marked shared: true (the import then needs the province or the level to tell them apart)."""
        owners: dict[str, set[str]] = {}
        for region in self.registry.regencies:
            owners.setdefault(key(short_name(region)), set()).add(region.code)
        unique: dict[str, Located] = {code: list(self._unique(f"regions.{code}", e)) for code, e in regions.items()}
        for code, entries in unique.items():
            for alias, _ in entries:
                owners.setdefault(key(alias.text), set()).add(code)
        for code, entries in sorted(unique.items()):
            region = self.registry.regions[code]
            for alias, line in entries:
                others = [self.registry.regions[c] for c in sorted(owners[key(alias.text)] - {code})]
                clash = [r for r in others if r.province_code == region.province_code and r.level is region.level]
                if clash:
                    self.err(line, f"regions.{code}", f"{alias.text!r} also names {clash[0].name} in the same "
                             "province: the import could not tell them apart",
                             "remove the alias, or keep it on the one region the press means by it")
                elif others and not alias.shared:
                    self.err(line, f"regions.{code}", f"{alias.text!r} also names {others[0].name} "
                             f"({self.registry.province_of(others[0]).name})",
                             "add shared: true (the import will then ask for the province or the level)")
                elif alias.shared and not others:
                    self.err(line, f"regions.{code}", f"{alias.text!r} is marked shared but names no other region",
                             "remove shared: true")

    def _unique(self, field: str, entries: Located) -> Iterator[tuple[Alias, int]]:
        """The entries, each alias once: a repeat (same words, any case or punctuation) is an error."""
        seen: dict[str, int] = {}
        for alias, line in entries:
            first = seen.setdefault(clean(alias.text), line)
            if first != line:
                self.err(line, field, f"{alias.text!r} is listed twice (first at line {first})",
                         "remove one of the two entries")
            else:
                yield alias, line


def read_sections(path: Path, root: Path, sections: tuple[str, ...], what: str, readme: str) \
        -> tuple[str, str, YMap, Collector]:
    """A data file of top-level sections (aliases.yaml, gazetteer.yaml): its name as shown, its text, its
    mapping and the problems found so far. A missing file or one that is no mapping is raised at once; control
    characters and unknown sections are collected with the rest."""
    where = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    if not path.exists():
        raise DataError([Problem(where, 0, "", "not found", f"restore {where} from the repository ({what}, see "
                                 f"{readme})")])
    text = read_text(path, where)
    data = parse(text, where)
    problems = Collector()
    problems.extend(control_problems(data, where))
    if not isinstance(data, YMap):
        listed = ", ".join(f"{name}:" for name in sections[:-1]) + f" and {sections[-1]}:"
        problems.add(where, 1, "", f"must be a mapping with {listed}", f"see {readme}")
        problems.raise_if_any()
    for name in data:
        if name not in sections:
            problems.add(where, data.lines[name], name, "unknown section", f"use {list(sections)}")
    return where, text, data, problems


def load_aliases(path: Path, root: Path, registry: Registry) -> Aliases:
    """data/aliases.yaml -> Aliases; raises DataError listing every problem."""
    where, _, data, problems = read_sections(path, root, _TOP, "the press names of regions", README)
    reader = AliasReader(where, registry, problems)
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
