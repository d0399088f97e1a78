"""How a reporter cites a region's answer, in the two styles a newsroom uses: a sentence for the story that names
the outlet(s) that said it and their dates ("Menurut headline.co.id (27 Januari 2026), ..., dihimpun UHC Awards
Indonesia"), and a reference line with every source's address. An inferred or disputed answer is never cited as
something a source stated."""

from __future__ import annotations

from dataclasses import dataclass

from generator import numfmt
from generator.judge.answers import Answer
from generator.judge.dataset import Entry
from generator.model import Source
from generator.vocabulary import Basis, Status

SITE = "UHC Awards Indonesia"
NAMED = 3  # outlets named in the sentence; the rest are counted


@dataclass(frozen=True, slots=True)
class Citation:
    sentence: str  # for the story
    reference: str  # the reference line (the page's address follows it; the reader's date of access is added)


def _outlets(sources: tuple[Source, ...]) -> list[tuple[str, str]]:
    """Each outlet once, in the record's order, with its first known date: [('headline.co.id', '27 Januari 2026')]."""
    found: dict[str, str] = {}
    for s in sources:
        if s.publisher not in found or not found[s.publisher]:
            found[s.publisher] = numfmt.date(s.date)
    return list(found.items())


def outlets(sources: tuple[Source, ...]) -> str:
    """'headline.co.id (27 Januari 2026) dan Kalimantan Post'; past NAMED, 'dan 2 sumber lain'."""
    named = [f"{name} ({when})" if when else name for name, when in _outlets(sources)]
    if len(named) > NAMED:
        named = [*named[:NAMED], f"{len(named) - NAMED} sumber lain"]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} dan {named[-1]}"


def _what(entry: Entry) -> str:
    """What the answer says, as a clause: 'Kabupaten Balangan menerima UHC Awards 2026 kategori Utama'."""
    record, name, edition = entry.record, entry.region.name, entry.criteria.edition
    assert record is not None
    if not record.awarded:
        return f"{name} tidak menerima {edition}"
    if record.tier is None:
        return f"{name} menerima {edition}" + (", tanpa disebut kategorinya" if entry.criteria.tiers_exist else "")
    return f"{name} menerima {edition} kategori {record.tier.label}"


def sentence(entry: Entry, updated: str) -> str:
    record, name, edition = entry.record, entry.region.name, entry.criteria.edition
    if record is None:
        return (f"{SITE} belum memiliki data {edition} untuk {name} (data diperbarui {updated}); ini bukan berarti "
                f"{name} tidak menerima penghargaan.")
    said = outlets(record.sources)
    if record.awarded is None:
        return (f"{said} memuat angka {name}, tetapi tidak menyebut apakah {name} menerima {edition}, "
                f"dihimpun {SITE}.")
    if record.basis is Basis.INFERRED:
        return (f"{SITE} menyimpulkan dari {said} bahwa {_what(entry)}; sumber tidak menyatakannya secara langsung "
                f"({Basis.INFERRED.label}).")
    if record.basis is Basis.DISPUTED:
        views = "; ".join(f"{s.publisher}{f' ({numfmt.date(s.date)})' if s.date else ''} menyebut kategori "
                          f"{s.tier.label}" for s in record.sources if s.tier)
        return (f"{Basis.DISPUTED.label.capitalize()} tentang {name} pada {edition}: {views}; dihimpun {SITE}, "
                f"yang mencatatnya sebagai {record.status.label} ({Basis.DISPUTED.label}).")
    return f"Menurut {said}, {_what(entry)}, dihimpun {SITE}."


def reference(entry: Entry, answer: Answer, updated: str) -> str:
    """'Kabupaten Balangan: Utama, UHC Awards 2026. Sumber: headline.co.id, 27 Januari 2026,
    https://...; ... Dihimpun UHC Awards Indonesia, data diperbarui 24 November 2026.'"""
    name, record = entry.region.name, entry.record
    head = f"{name}: {answer.headline}."
    if record is None:
        return f"{head} {SITE}, data diperbarui {updated}."
    cited = "; ".join(", ".join(p for p in (s.publisher, numfmt.date(s.date), s.url) if p) for s in record.sources)
    return f"{head} Sumber: {cited}. Dihimpun {SITE}, data diperbarui {updated}."


def citation(entry: Entry, answer: Answer, updated: str) -> Citation:
    assert answer.status is Status.NO_DATA or entry.record is not None
    return Citation(sentence(entry, updated), reference(entry, answer, updated))
