"""What changed since the last run, part by part (outputs/pages.py): a part is rebuilt only when the inputs it
reads changed, or when its files are not as the last run left them; every other part's files are kept as they
are, neither rendered nor written (so their times stay, and the site engine skips them too).

A part's inputs are named by the digests of the files they come from (datatree.scan_files): the record files
of the regions and editions it declares, plus everything that is not a record (registry, criteria, aliases,
population, maps, dataset.yaml, redirects), the generator's code and templates, and site_url (a change in
these changes every part's digest, so every part is rebuilt); and by the values of the facts of the whole
dataset it declares (a national count it quotes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.judge.dataset import Dataset

if TYPE_CHECKING:  # the parts come from outputs/, loaded only by the commands that render
    from generator.outputs.pages import Part


@dataclass(frozen=True, slots=True)
class Plan:
    rebuild: tuple[Part, ...]  # the parts to render and write again
    kept: dict[str, int]  # docs path -> size: the files of the parts whose inputs did not change, left as they are
    digests: dict[str, str]  # part key -> the digest of its inputs
    parts: int  # how many parts the site has

    @property
    def full(self) -> bool:
        return len(self.rebuild) == self.parts

    def recorded(self, made: Mapping[str, list[str]], previous: Mapping[str, Any]) -> dict[str, tuple[str, list[str]]]:
        """What the state file keeps of each part: its digest and its files (made now, or kept from before)."""
        rebuilt = {p.key for p in self.rebuild}
        return {key: (digest, list(made.get(key, ())) if key in rebuilt else list(previous[key][1]))
                for key, digest in self.digests.items()}


def digests(ds: Dataset, parts: Sequence[Part], files: Mapping[str, str], shared: str,
            facts: Mapping[str, str]) -> dict[str, str]:
    """Each part's inputs as one digest. files: data/ entry -> digest; shared: the code's digest and site_url;
    facts: the value of every fact of the whole dataset a part may declare (outputs/pages.facts)."""
    where = {(e.region.code, e.year): e.record.location.path for e in ds.entries.values() if e.record is not None}
    records = {key: files[path] for key, path in where.items()}
    mine = set(where.values())
    common = hashlib.sha256(shared.encode("utf-8"))
    for rel, digest in sorted(files.items()):
        if rel not in mine:
            common.update(f"{rel}\0{digest}\0".encode("utf-8", "surrogateescape"))
    codes = sorted(ds.registry.regions)
    found = {}
    for part in parts:
        inputs = common.copy()
        for fact in part.facts:
            inputs.update(f"{fact}\0{facts[fact]}\0".encode())
        for code in part.codes or codes:
            for year in part.years or ds.years:
                if (code, year) in records:
                    inputs.update(f"{code} {year} {records[code, year]}\0".encode())
        found[part.key] = inputs.hexdigest()
    return found


def plan(ds: Dataset, parts: Sequence[Part], files: Mapping[str, str], shared: str, facts: Mapping[str, str],
         state: Mapping[str, Any], on_disk: Mapping[str, list[int]]) -> Plan:
    """Which parts to rebuild, against the last run's state and the generated files on disk now."""
    found = digests(ds, parts, files, shared, facts)
    before, recorded = state.get("parts") or {}, state.get("files") or {}
    rebuild, kept = [], {}
    for part in parts:
        old = before.get(part.key) or ["", ()]
        if old[0] == found[part.key] and all(on_disk.get(path) == recorded.get(path) is not None for path in old[1]):
            kept.update({path: on_disk[path][0] for path in old[1]})
        else:
            rebuild.append(part)
    return Plan(tuple(rebuild), kept, found, len(parts))
