"""One region's rows -> its record document, built in place with ruamel.yaml's round trip (comments and hand
edits kept), and what an import may change of a record that exists.

An import creates a record, confirms one, or fills what it lacks (the answer of a record of figures only, the
tier of an answer without one, figures, a recipient); it never makes a record say what its sources do not. A row
whose answer contradicts the record's (another tier, awarded against not awarded) is refused with the row named
(contradictions()); a disputed record takes each row's source with the tier that source states. Whenever the
import sets or changes the answer, the sources that give it come first, since a page shows the first source as
the answer's. New fields go where data/awards/README.md documents them, and no YAML anchor is ever written.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

from generator.errors import Collector, Problem
from generator.importing.group import Group, sources
from generator.importing.rows import SheetRow, sheet_code
from generator.model import AwardRecord
from generator.read.figures import COUNT_FIELDS, PERCENT_FIELDS
from generator.read.yamlsafe import plain_scalar
from generator.vocabulary import Basis, Status

# A record's fields and its figures in the order data/awards/README.md documents them.
RELATIONS = (("copy_of", "copy_of"), ("independent", "independent"))  # a source's field, the sheet's column
# A source's fields that say how its page relates to the others: the sheet's relations, and figures_only (by hand).
MARKS = (*(key for key, _ in RELATIONS), "figures_only")
ORDER = ("region", "year", "awarded", "tier", "basis", "basis_note", "recipient", "metrics", "gates", "sources",
         "notes", "research_notes", "conflict_note", "corrections")
METRICS_ORDER = (*PERCENT_FIELDS, *COUNT_FIELDS, "as_of")
Origins = dict[str, list[tuple[SheetRow, str]]]  # record field -> the rows and columns it came from


class _Representer(RoundTripRepresenter):
    """Text that the loader would read as something else when plain ('yes', 'on': true in YAML 1.1) is quoted;
    a value met twice (two rows' equal dates are one object) is written twice, never as an anchor and alias,
    which the loader refuses."""

    def represent_str(self, data: str) -> Any:
        if not isinstance(plain_scalar(data), str):
            return self.represent_scalar("tag:yaml.org,2002:str", data, style="'")
        return super().represent_str(data)

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Representer.add_representer(str, _Representer.represent_str)


def record_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _place(owner: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set owner[key]; a new key goes after the last key that comes before it in `order`."""
    if key in owner:
        owner[key] = value
        return
    rank = order.index(key)
    keys = list(owner)
    before = [i for i, k in enumerate(keys) if k in order and order.index(k) < rank]
    owner.insert(before[-1] + 1 if before else 0, key, value)


def _words(status: Status) -> str:
    return {Status.AWARDED: "awarded, tier not named", Status.NOT_AWARDED: "none (not awarded)"}.get(
        status, sheet_code(status))


def contradictions(record: AwardRecord, group: Group) -> list[Problem]:
    """The rows whose answer contradicts the record's (another tier, or awarded against not awarded): an import
    never changes a record's answer, which its sources give. A row that only adds what the record lacks (a tier
    where none is named) or agrees with it is fine; a disputed record takes any tier with its source."""
    if record.awarded is None or record.basis is None:
        return []
    first = record.sources[0].publisher if record.sources else "?"
    where = f"{record.location.path}:{record.line_of('tier' if record.tier else 'awarded')}"
    found = []
    for row in group.rows:
        tier = row.status.tier
        if row.status.is_award == record.awarded and (record.basis is Basis.DISPUTED or tier is None
                                                      or record.tier is None or tier is record.tier):
            continue
        found.append(Problem(row.where, row.line, "tier", f"{where} says {_words(record.status)} "
                             f"({record.basis.value}, first source {first}); this row says {_words(row.status)}: an "
                             "import never changes a record's answer",
                             "if the record is wrong, correct its tier, basis and sources by hand; if the sources "
                             f"disagree, make it {Basis.DISPUTED.value} by hand (basis: {Basis.DISPUTED.value}, tier: "
                             "on each source); then import again"))
    return found


def _answer(doc: CommentedMap) -> tuple[Any, Any, Any]:
    return doc.get("awarded"), doc.get("tier"), doc.get("basis")


def _gives(status: Status, awarded: Any, tier: Any) -> bool:
    """Whether a row's status gives the record's answer (awarded or not, and its tier when it has one)."""
    if awarded is not True:
        return status is Status.NOT_AWARDED
    return status.is_award and (tier is None or status.tier is not None and status.tier.value == tier)


def merge(doc: CommentedMap, group: Group, record: AwardRecord | None, problems: Collector) -> Origins:
    """Update a record in place from its rows (`record`: the record as it is, None for a new one), and say where
    each field came from. The rows decide awarded, tier and (when they give one) basis of a new record or of one
    whose answer they confirm or complete; a disputed record keeps its own. Sources are added by address;
    basis_note, recipient and figures only fill what the record lacks, so hand edits and comments stay; research
    notes go only into a new record."""
    rows, new = group.rows, record is None
    disputed = record is not None and record.basis is Basis.DISPUTED
    before = _answer(doc)
    every = {c: [(r, c) for r in rows] for c in ("name", "tier", "basis", "notes")}
    origins: Origins = {"": every["name"], "region": every["name"], "year": [(r, "year") for r in rows],
                        "awarded": every["tier"], "tier": every["tier"],
                        "basis": [(r, "basis") for r in rows if r.basis] or every["basis"]}
    fields: dict[str, Any] = {"region": rows[0].region.code, "year": rows[0].year, "awarded": group.awarded}
    if group.tier and not disputed:
        fields["tier"] = group.tier.value
    if group.basis and not disputed:
        fields["basis"] = group.basis.value
    for key in ("basis_note", "recipient"):
        value = group.texts[key]
        if value is not None and key not in doc:
            fields[key] = value
            column = key if any(key in r.values for r in rows) else "notes"
            origins[key] = [(r, column) for r in rows if column in r.values] or every["notes"]
    origins.setdefault("basis_note", [(r, "basis_note") for r in rows if "basis_note" in r.values]
                       or [(r, "basis_note") for r in rows if r.basis] or [(r, "basis_note") for r in rows])
    if new and group.notes:
        fields["research_notes"] = group.notes
        origins["research_notes"] = [(r, "notes") for r in rows if "notes" in r.values]
    for key in ORDER:
        if key in fields and (new or key in ("awarded", "tier", "basis") or key not in doc):
            _place(doc, key, fields[key], ORDER)
    if not group.awarded:
        doc.pop("tier", None)
    figures = {k: v for k, v in group.figures.items() if v is not None}
    if figures:
        if "metrics" not in doc:
            _place(doc, "metrics", CommentedMap(), ORDER)
        origins["metrics"] = [(r, k) for r in rows for k in figures if k in r.values]
        for key, value in figures.items():
            if key not in doc["metrics"]:
                _place(doc["metrics"], key, value, METRICS_ORDER)
                origins[f"metrics.{key}"] = [(r, key) for r in rows if key in r.values]
    if "sources" not in doc:
        _place(doc, "sources", CommentedSeq(), ORDER)
    tiers = group.disputed or disputed or doc.get("basis") == Basis.DISPUTED.value
    _add_sources(doc["sources"], sources(group, problems, tiers), problems, origins)
    if new or _answer(doc) != before:  # the answer was set or changed here: its sources first
        awarded, tier, _ = _answer(doc)
        giving = {str(r.values.get("source_url", "")) for r in rows if _gives(r.status, awarded, tier)}
        _lead(doc["sources"], giving, origins)
    return origins


def _add_sources(seq: CommentedSeq, found: list[tuple[SheetRow, dict[str, Any]]], problems: Collector,
                 origins: Origins) -> None:
    """Each row's source added by address; a known source takes the tier a row gives it, unless it says another,
    and how its page relates to the others (copy_of, independent) where it says neither (nor figures_only)."""
    known = {s.get("url"): i for i, s in enumerate(seq) if isinstance(s, dict)}
    for row, source in found:
        index = known.get(source["url"])
        if index is None:
            index = len(seq)
            seq.append(CommentedMap(source))
            origins[f"sources[{index}]"] = [(row, "source_url")]
            for key, column in (("url", "source_url"), ("date", "date"), ("tier", "tier"),
                                ("publisher", "publisher" if "publisher" in row.values else "source_url"),
                                *RELATIONS):
                origins[f"sources[{index}].{key}"] = [(row, column)]
            continue
        if "tier" in source:
            said = seq[index].get("tier")
            if said not in (None, source["tier"]):
                problems.add(row.where, row.line, "tier", f"the record gives this source the tier {said}, the row "
                             f"{source['tier']}", "a source states one tier: correct the row or the record")
            seq[index]["tier"] = source["tier"]
            origins[f"sources[{index}].tier"] = [(row, "tier")]
        if not any(key in seq[index] for key in MARKS):  # a hand-written mark wins
            for key, column in RELATIONS:
                if key in source:
                    seq[index][key] = source[key]
                    origins[f"sources[{index}].{key}"] = [(row, column)]


def _lead(seq: CommentedSeq, giving: set[str], origins: Origins) -> None:
    """Move the sources whose rows give the answer to the front (keeping their order, and the others'), with
    their comments and the origins of their fields."""
    order = sorted(range(len(seq)), key=lambda i: not (isinstance(seq[i], dict) and seq[i].get("url") in giving))
    if order == list(range(len(seq))):
        return
    items, comments = list(seq), dict(seq.ca.items)
    del seq[:]
    seq.ca.items.clear()
    for place, old in enumerate(order):
        seq.append(items[old])
        if old in comments:
            seq.ca.items[place] = comments[old]
    moved = {f"sources[{old}]": f"sources[{place}]" for place, old in enumerate(order)}
    renamed = {}
    for key in [k for k in origins if k.startswith("sources[")]:
        head, _, rest = key.partition("]")
        renamed[moved[head + "]"] + rest] = origins.pop(key)
    origins.update(renamed)
