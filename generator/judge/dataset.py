"""Load everything under data/ and classify it: the one input the pages are rendered from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from generator import numfmt
from generator.errors import Collector, DataError, Problem
from generator.judge.classify import Classification, Verdict, explained, shared_verdict, verdict_of
from generator.model import AwardRecord, Figure, Metrics, Region
from generator.parallel import jobs_for, ordered_map
from generator.read.aliases import Aliases
from generator.read.aliasfile import load_aliases
from generator.read.criteria import YearCriteria, load_criteria
from generator.read.gazetteer import Gazetteer
from generator.read.gazetteerfile import load_gazetteer
from generator.read.geography import Geography, load_geography
from generator.read.meta import SiteMeta, load_meta
from generator.read.population import Population, load_population
from generator.read.records import Known, load_records
from generator.read.regions import Registry, load_registry
from generator.vocabulary import AWARD_TIERS, Status, Tier

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry:
    """One region in one year: its record (if any) and what its figures say."""

    region: Region
    year: int
    record: AwardRecord | None
    criteria: YearCriteria
    verdict: Verdict | None  # None: no figures, or no thresholds known for the year

    @property
    def status(self) -> Status:
        return Status.NO_DATA if self.record is None else self.record.status

    @property
    def contradiction(self) -> bool:
        return bool(self.record and self.verdict and self.verdict.contradicts(self.record.status))

    @property
    def classification(self) -> Classification | None:
        """Every check behind the verdict, for the page that explains it. Made on each call (the checks a page
        asks for take microseconds) so that memory does not grow with the checks of every year."""
        if self.verdict is None or self.record is None:
            return None
        return explained(self.verdict, self.record.metrics, self.record.gates, self.criteria)


class OutOfScope(LookupError):
    """A part of the site read an entry outside the slice it declared (outputs/pages.py): a bug in the part,
    caught where it happens instead of becoming a page that an edit elsewhere leaves stale."""


class ScopedEntries(Mapping[tuple[str, int], Entry]):
    """The entries of some regions in some editions (None: all of them). Reading any other entry, or going
    through all of them, raises OutOfScope: so what a part of the site declares it reads is all it can read.
    `facts`: the facts of the whole dataset it declares it reads too (Dataset.whole)."""

    __slots__ = ("_codes", "_entries", "_facts", "_name", "_years")

    def __init__(self, entries: Mapping[tuple[str, int], Entry], name: str, codes: Collection[str] | None,
                 years: Collection[int] | None, facts: Collection[str] = ()) -> None:
        self._entries, self._name, self._facts = entries, name, frozenset(facts)
        self._codes = None if codes is None else frozenset(codes)
        self._years = None if years is None else frozenset(years)

    def every(self, fact: str) -> Mapping[tuple[str, int], Entry]:
        """Every entry, to work out a declared fact of the whole dataset."""
        if fact not in self._facts:
            raise OutOfScope(f"{self._name} read {fact}, a fact of the whole dataset it does not declare")
        return self._entries

    def __getitem__(self, key: tuple[str, int]) -> Entry:
        code, year = key
        if self._codes is not None and code not in self._codes or self._years is not None and year not in self._years:
            raise OutOfScope(f"{self._name} read the entry of {code} in {year}, outside the slice it declares")
        return self._entries[key]

    def _whole(self) -> Mapping[tuple[str, int], Entry]:
        if self._codes is not None or self._years is not None:
            raise OutOfScope(f"{self._name} went through every entry; it declares a slice of them")
        return self._entries

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


@dataclass(frozen=True, slots=True)
class Dataset:
    registry: Registry
    criteria: dict[int, YearCriteria]
    entries: Mapping[tuple[str, int], Entry]  # every region x every criteria year
    notices: tuple[str, ...]  # acknowledged contradictions, printed by `check`
    meta: SiteMeta  # the data date and the redirects (data/dataset.yaml, data/redirects.yaml)
    aliases: Aliases  # press names of regions (data/aliases.yaml)
    gazetteer: Gazetteer  # seats, capitals, English names and towns (data/gazetteer.yaml)
    population: Population  # 2025 population of every region (data/population/)
    geography: Geography  # the map shapes (data/map/)

    @property
    def years(self) -> list[int]:
        """Award years, newest first."""
        return sorted(self.criteria, reverse=True)

    def entry(self, code: str, year: int) -> Entry:
        return self.entries[(code, year)]

    def scoped(self, name: str, codes: Collection[str] | None = None, years: Collection[int] | None = None,
               facts: Collection[str] = ()) -> Dataset:
        """This dataset seen by a part of the site that reads only these regions' entries in these editions
        (None: all), and the facts of the whole dataset it names (see whole); everything else (registry,
        criteria, aliases, population, maps) is shared."""
        return dataclasses.replace(self, entries=ScopedEntries(self.entries, name, codes, years, facts))

    def whole(self, fact: str) -> Mapping[tuple[str, int], Entry]:
        """Every entry, to work out `fact`, a fact of the whole dataset (the national counts a page quotes): a
        scoped dataset gives them only for the facts its part declares, which are in that part's digest."""
        return self.entries.every(fact) if isinstance(self.entries, ScopedEntries) else self.entries

    def history(self, code: str) -> list[Entry]:
        """Years with a record for this region, newest first."""
        return [e for y in self.years if (e := self.entries[(code, y)]).record is not None]

    def records(self, year: int | None = None) -> list[AwardRecord]:
        return [e.record for e in self.entries.values()
                if e.record is not None and (year is None or e.year == year)]

    @property
    def data_updated(self) -> dt.date:
        """The date the data last changed (data/dataset.yaml): never the build clock."""
        return self.meta.updated

    @property
    def corrections(self) -> list[tuple[dt.date, AwardRecord, str]]:
        """Every correction of every record, newest first."""
        found = [(c.date, r, c.text) for r in self.records() for c in r.corrections]
        return sorted(found, key=lambda x: (-x[0].toordinal(), x[1].region_code, x[1].year))


def _why(classification: Classification, announced: Tier) -> str:
    """The announced tier's failed checks, e.g. 'coverage 92,5 < 98'."""
    evaluation = classification.evaluation(announced)
    checks = evaluation.check.children if evaluation else ()
    return "; ".join(f"{c.metric.value} {numfmt.figure(c.value)} < {numfmt.decimal(c.threshold or 0)}"
                     for c in checks
                     if c.kind == "metric" and c.met is False and c.metric and isinstance(c.value, Figure))


def _verdict(context: tuple[list[AwardRecord], dict[int, YearCriteria]], index: int) -> Verdict | None:
    """What one record's figures decide (None: no figures or no thresholds); on every core at scale."""
    records, criteria = context
    record, year_criteria = records[index], criteria[records[index].year]
    if not record.metrics.any_percentage or not year_criteria.rule_known:
        return None
    return verdict_of(record.metrics, record.gates, year_criteria)


# What a process that judges again and again keeps (Memo.verdicts): each verdict by what decides it, the figures,
# gates and year of a record (the year's criteria are the same while the Memo is kept).
Verdicts = dict[tuple[Metrics, tuple[tuple[str, bool], ...], int], Verdict | None]


def _decides(record: AwardRecord) -> tuple[Metrics, tuple[tuple[str, bool], ...], int]:
    return record.metrics, tuple(sorted(record.gates.items())), record.year


def judge(registry: Registry, criteria: dict[int, YearCriteria], records: list[AwardRecord],
          known: Verdicts | None = None) -> tuple[dict[tuple[str, int], Entry], tuple[str, ...]]:
    """Classify every record: an Entry for every region and criteria year, and the acknowledged contradictions
    (notices); an unexplained contradiction between tier and figures is an error. known: see Verdicts (the
    verdicts not in it are worked out and added)."""
    problems = Collector()
    notices: list[str] = []
    by_key = {(r.region_code, r.year): r for r in records}
    known = {} if known is None else known
    keys = [_decides(r) for r in records]
    for gone in set(known).difference(keys):
        del known[gone]
    fresh = [i for i, k in enumerate(keys) if k not in known]
    known.update(zip([keys[i] for i in fresh],
                     ordered_map(_verdict, (records, criteria), fresh, jobs_for(len(fresh))), strict=True))
    found = [known[k] for k in keys]
    verdicts = {(r.region_code, r.year): v and shared_verdict(v.status, v.possible)
                for r, v in zip(records, found, strict=True)}
    entries: dict[tuple[str, int], Entry] = {}
    for year, year_criteria in criteria.items():
        for code, region in registry.regions.items():
            record = by_key.get((code, year))
            entry = Entry(region, year, record, year_criteria, verdicts.get((code, year)))
            entries[(code, year)] = entry
            if record is None or not entry.contradiction:
                continue
            result = entry.classification  # the checks, to say why
            assert result is not None and record.tier is not None
            possible = ", ".join(t.label for t in result.possible)
            message = (f"announced tier {record.tier.label} but the figures allow only: {possible} "
                       f"({_why(result, record.tier)})")
            if record.conflict_note:
                notices.append(f"{record.location.path}:{record.line_of('tier')}: {message} "
                               "(explained in conflict_note, shown on the page)")
            else:
                problems.add(record.location.path, record.line_of("tier") if record.tier in AWARD_TIERS
                             else record.line_of("awarded"), "tier", message,
                             "check the figures against the source; if the source really says both, "
                             "add conflict_note: explaining it, and the page will show the contradiction")
    problems.raise_if_any()
    return entries, tuple(sorted(notices))


def _read(problems: Collector, read: Callable[[], T]) -> T | None:
    """One reader's result, or None with its problems collected, so that every file's problems are reported."""
    try:
        return read()
    except DataError as exc:
        problems.extend(exc.problems)
        return None


@dataclass
class Memo:
    """What a process that loads data/ again and again (serve) keeps between loads: everything but the records,
    while no file but the records changed, each record file's result by its bytes' digest, and the verdicts
    (Verdicts). The readers are pure functions of the files, so a load with a Memo gives what a load without one
    gives. publish/memofile.py keeps it between runs."""

    shared: str = ""  # the digest of every file under data/ but the records, when `parts` were read
    parts: tuple[Any, ...] = ()  # registry, criteria, meta, aliases, gazetteer, geography, population
    records: Known = dataclasses.field(default_factory=dict)
    verdicts: Verdicts = dataclasses.field(default_factory=dict)


def load_dataset(root: Path, memo: Memo | None = None, files: Mapping[str, str] | None = None) -> Dataset:
    """Registry, criteria and records from <root>/data; every problem in one DataError. memo, files: a Memo to
    use and update, with the digest of every file under data/ now (datatree.scan_files)."""
    data = root / "data"
    required = [data / "regions" / "provinces.csv", data / "regions" / "regencies.csv", data / "criteria"]
    missing = [p for p in required if not p.exists()]
    if missing:
        raise DataError([Problem(str(p), 0, "", "not found: is this a uhc-awards project folder?",
                                 "run the command from the repository root, or pass --root FOLDER")
                         for p in missing])
    if memo is not None and files is not None:
        shared = hashlib.sha256("".join(f"{k}\0{v}\0" for k, v in sorted(files.items())
                                        if not k.startswith("data/awards/")).encode("utf-8", "surrogateescape"))
        if memo.shared != shared.hexdigest():
            memo.shared, memo.parts, memo.records, memo.verdicts = shared.hexdigest(), (), {}, {}
    problems = Collector()
    if memo is not None and memo.parts:
        registry, criteria, meta, aliases, gazetteer, geography, population = memo.parts
    else:
        registry = load_registry(data / "regions")
        meta = load_meta(data, root, registry, problems)
        updated = meta.updated if meta else None  # no date of the data may follow it: each is checked where it is
        criteria = _read(problems, lambda: load_criteria(data / "criteria", root, updated, problems))
        if criteria is None:
            raise DataError(problems.problems)  # records cannot be read without their criteria
        aliases = _read(problems, lambda: load_aliases(data / "aliases.yaml", root, registry))
        gazetteer = _read(problems, lambda: load_gazetteer(data / "gazetteer.yaml", root, registry, aliases))
        geography = _read(problems, lambda: load_geography(data / "map", root, registry))
        population = load_population(data / "population", root, registry, problems)
        if memo is not None and files is not None and not problems.problems \
                and None not in (meta, aliases, gazetteer, geography):
            memo.parts = (registry, criteria, meta, aliases, gazetteer, geography, population)
    updated = meta.updated if meta else None
    known = memo.records if memo is not None and files is not None else None
    records = _read(problems, lambda: load_records(data / "awards", root, registry, criteria, updated, files, known))
    if meta is None or aliases is None or gazetteer is None or geography is None or records is None \
            or problems.problems:
        raise DataError(problems.problems)  # every part that could not be read has said why
    verdicts = memo.verdicts if memo is not None and files is not None else None  # kept while `shared` holds
    entries, notices = judge(registry, criteria, records, verdicts)
    return Dataset(registry, criteria, entries, notices, meta, aliases, gazetteer, population, geography)


__all__ = ["Dataset", "Entry", "Memo", "OutOfScope", "Tier", "judge", "load_dataset"]
