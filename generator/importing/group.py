"""The rows of one region (in one import year) -> what they state together: awarded or not, the tier, the basis
(disputed when they state different tiers), texts and figures that must agree, and one source per address.
Rows that contradict each other are reported, never reconciled by a guess."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.errors import Collector
from generator.importing.rows import FIGURES, TIERS, SheetRow, recipient_from_notes
from generator.read.urls import url_problem


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
    tier: str | None
    disputed: bool  # the rows state different tiers
    basis: str  # the rows' basis ("disputed" when they disagree on the tier), "" when they give none
    texts: dict[str, str | None]  # basis_note, recipient
    figures: dict[str, Any]  # coverage, activity, pemda_share, as_of
    notes: str  # the compiler's notes, for a new record's research_notes


def group(rows: list[SheetRow], problems: Collector) -> Group:
    region = rows[0].region
    said = [r.tier for r in rows]
    if "none" in said and any(t != "none" for t in said):
        listed = ", ".join(f"line {r.line}: {r.tier or 'awarded, tier not named'}" for r in rows)
        for row in rows:
            problems.add(row.where, row.line, "tier", f"the rows of {region.name} disagree on whether it was "
                         f"awarded ({listed})", "keep the rows of the sources that are right")
    tiers = [t for t in said if t in TIERS]
    disputed = len(set(tiers)) > 1
    bases = {r.basis for r in rows if r.basis}
    if len(bases) > 1 or disputed and bases - {"disputed"}:
        why = f"tiers {', '.join(sorted(set(tiers)))}" if disputed else "no dispute"
        for row in rows:
            problems.add(row.where, row.line, "basis", f"the rows of {region.name} give the bases "
                         f"{', '.join(sorted(bases))} ({why})", "two sources stating different tiers make a "
                         "disputed record: write disputed on every row, or leave basis empty")
    texts = {c: _agree(rows, c, problems, region.name) for c in ("basis_note", "recipient")}
    if texts["recipient"] is None:
        texts["recipient"] = next((n for r in rows if (n := recipient_from_notes(r.values.get("notes", "")))), None)
    awarded = "none" not in said
    return Group(rows, awarded, Counter(tiers).most_common(1)[0][0] if awarded and tiers else None, disputed,
                 "disputed" if disputed else next(iter(bases), ""), texts,
                 {c: _agree(rows, c, problems, region.name) for c in (*FIGURES, "as_of")},
                 " / ".join(dict.fromkeys(r.values["notes"] for r in rows if "notes" in r.values)))


def sources(group: Group, problems: Collector) -> list[tuple[SheetRow, dict[str, Any]]]:
    """One source per address (the first row's), with its tier when the record is disputed."""
    found: dict[str, tuple[SheetRow, dict[str, Any]]] = {}
    for row in group.rows:
        url = row.values.get("source_url", "")
        if url in found:
            if group.disputed and found[url][1].get("tier") != (row.tier or None):
                problems.add(row.where, row.line, "tier", f"line {found[url][0].line} gives the same source with "
                             "another tier", "a source states one tier: correct one of the rows")
            continue
        source: dict[str, Any] = {"url": url, "publisher": row.values.get("publisher") or _publisher(url)}
        if "date" in row.values:
            source["date"] = row.values["date"]
        if group.disputed and row.tier in TIERS:
            source["tier"] = row.tier
        found[url] = (row, source)
    return list(found.values())
