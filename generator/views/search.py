"""The search page (cari/): the region finder without JavaScript, every region A-Z by province with its answer."""

from __future__ import annotations

from dataclasses import dataclass

from generator.judge.answers import answer_of
from generator.judge.dataset import Dataset
from generator.model import Region
from generator.read.regions import short_name
from generator.views import paths
from generator.vocabulary import Tier


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """A region in the search page's directory: its name, page and latest answer in short."""

    name: str
    path: str
    short: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    """cari/: every province A-Z with its kabupaten/kota A-Z, each with its latest answer (the finder without
    JavaScript)."""

    edition: str
    directory: tuple[tuple[DirectoryEntry, tuple[DirectoryEntry, ...]], ...]
    examples: tuple[str, ...]  # queries that ask for a list: 'utama 2026', 'madya jawa timur'




def search_page(ds: Dataset) -> SearchPage:
    registry, year = ds.registry, ds.years[0]

    def entry(r: Region) -> DirectoryEntry:
        return DirectoryEntry(r.name, paths.region(r), answer_of(ds.entry(r.code, year)).short)

    largest = max(registry.provinces, key=lambda p: (len(registry.children(p.code)), p.code))
    return SearchPage(ds.criteria[year].edition, tuple(
        (entry(p), tuple(entry(r) for r in sorted(registry.children(p.code), key=lambda r: (short_name(r), r.name))))
        for p in sorted(registry.provinces, key=lambda p: p.name)),
        (f"{Tier.UTAMA.value} {year}", f"{Tier.MADYA.value} {largest.name.lower()}"))
