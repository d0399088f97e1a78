"""The rows of one region (in one import year) -> what they state together: awarded or not, the tier, the basis
(disputed when they state different tiers), texts and figures that must agree, and one source per address.
Rows that contradict each other are reported, never reconciled by a guess."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.errors import Collector
from generator.importing.rows import FIGURES, SheetRow, recipient_from_notes, sheet_code
from generator.read.urls import url_problem
from generator.vocabulary import Basis, Status, Tier


def _publisher(url: str) -> str:
    if url_problem(url) is not None:
        return "?"  # the address is refused on its own line
    host = urlsplit(url.strip()).hostname or url
    return host.removeprefix("www.").removeprefix("amp.")


def _agree(rows: list[SheetRow], column: str, problems: Collector, name: str) -> Any:
    """The one value the rows give for a column (None when none gives it); rows that differ are a problem."""
    given = [(r, r.values[column]) for r in rows if column in r.values]
    if len({repr(v) for _, v in given}) > 1:
        listed = ", ".join(f"{v} at line {r.line}" for r, v in given)
        for row, _ in given:
            problems.add(row.where, row.line, column, f"the rows of {name} disagree ({listed})",
                         "keep the value of the source that is right and empty the other cells")
    return given[0][1] if given else None


@dataclass(frozen=True, slots=True)
class Group:
    """One region's rows of the import year, and what they state together."""

    rows: list[SheetRow]
    awarded: bool
    tier: Tier | None
    disputed: bool  # the rows state different tiers
    basis: Basis | None  # the rows' basis (DISPUTED when they disagree on the tier), None when they give none
    texts: dict[str, str | None]  # basis_note, recipient
    figures: dict[str, Any]  # coverage, activity, pemda_share, as_of
    notes: str  # the compiler's notes, for a new record's research_notes


def group(rows: list[SheetRow], problems: Collector) -> Group:
    region = rows[0].region
    said = [r.status for r in rows]
    awarded = Status.NOT_AWARDED not in said
    if not awarded and any(s.is_award for s in said):
        listed = ", ".join(f"line {r.line}: {sheet_code(r.status) or 'awarded, tier not named'}" for r in rows)
        for row in rows:
            problems.add(row.where, row.line, "tier", f"the rows of {region.name} disagree on whether it was "
                         f"awarded ({listed})", "keep the rows of the sources that are right")
    tiers = [t for s in said if (t := s.tier) is not None]
    disputed = len(set(tiers)) > 1
    bases = {r.basis for r in rows if r.basis}
    if len(bases) > 1 or disputed and bases - {Basis.DISPUTED}:
        why = f"tiers {', '.join(sorted({t.value for t in tiers}))}" if disputed else "no dispute"
        for row in rows:
            problems.add(row.where, row.line, "basis", f"the rows of {region.name} give the bases "
                         f"{', '.join(sorted(b.value for b in bases))} ({why})", "two sources stating different "
                         f"tiers make a {Basis.DISPUTED.value} record: write {Basis.DISPUTED.value} on every row, "
                         "or leave basis empty")
    texts = {c: _agree(rows, c, problems, region.name) for c in ("basis_note", "recipient")}
    if texts["recipient"] is None:
        texts["recipient"] = next((n for r in rows if (n := recipient_from_notes(r.values.get("notes", "")))), None)
    return Group(rows, awarded, Counter(tiers).most_common(1)[0][0] if awarded and tiers else None, disputed,
                 Basis.DISPUTED if disputed else next(iter(bases), None), texts,
                 {c: _agree(rows, c, problems, region.name) for c in (*FIGURES, "as_of")},
                 " / ".join(dict.fromkeys(r.values["notes"] for r in rows if "notes" in r.values)))


def sources(group: Group, problems: Collector, tiers: bool) -> list[tuple[SheetRow, dict[str, Any]]]:
    """One source per address (the first row's), with the tier its row states when `tiers` (the record is
    disputed: each source says its own tier)."""
    found: dict[str, tuple[SheetRow, dict[str, Any]]] = {}
    for row in group.rows:
        url = row.values.get("source_url", "")
        if url in found:
            relation = _relation(row, problems)
            if relation and not any(k in found[url][1] for k in relation):  # the row that says how it relates
                found[url] = (row, {**found[url][1], **relation})
            if tiers and found[url][1].get("tier") != (row.status.tier and row.status.tier.value):
                problems.add(row.where, row.line, "tier", f"line {found[url][0].line} gives the same source with "
                             "another tier", "a source states one tier: correct one of the rows")
            continue
        source: dict[str, Any] = {"url": url, "publisher": row.values.get("publisher") or _publisher(url)}
        if "date" in row.values:
            source["date"] = row.values["date"]
        if tiers and row.status.tier is not None:
            source["tier"] = row.status.tier.value
        source.update(_relation(row, problems))
        found[url] = (row, source)
    return list(found.values())


YES, NO = ("yes", "true", "ya"), ("no", "false", "tidak")


def _relation(row: SheetRow, problems: Collector) -> dict[str, Any]:
    """How the row's page relates to the record's other sources: `copy_of` (the address of the source whose
    release it repeats) or `independent` (yes: an account of its own; no: then copy_of names what it repeats)."""
    said, copy_of = row.values.get("independent", "").casefold(), row.values.get("copy_of")
    if said and said not in YES + NO:
        problems.add(row.where, row.line, "independent", f"unknown value {row.values['independent']!r}",
                     "write yes (an account of its own) or no (then copy_of: the address of the source it repeats), "
                     "or leave it empty when not checked")
    elif said in NO and not copy_of:
        problems.add(row.where, row.line, "copy_of", "is empty, but the independent column says no",
                     "write in copy_of the address of the record's source whose release this page repeats")
    elif said in YES and copy_of:
        problems.add(row.where, row.line, "independent", "says yes, but copy_of names a source it repeats",
                     "keep the one that is true: empty copy_of, or write no")
    elif copy_of:
        return {"copy_of": copy_of}
    elif said in YES:
        return {"independent": True}
    return {}
