"""What changed since the last run, part by part (outputs/pages.py): a part is rebuilt only when the inputs it
reads changed, or when its files are not as the last run left them; every other part's files are kept as they
are, neither rendered nor written (so their times stay, and the site engine skips them too).

A part's inputs are named by the digests of the files they come from (datatree.scan_files): the record files
of the regions and editions it declares, plus everything that is not a record (registry, criteria, aliases,
population, maps, dataset.yaml, redirects), the generator's code and templates, and site_url (a change in
these changes every part's digest, so every part is rebuilt); and by the values of the facts of the whole
dataset it declares (a national count it quotes). The site's part (lists, summary, search...) is named by its
views instead of its records: a reader's note changes no list, so none is rendered.
"""

from __future__ import annotations

import hashlib
import io
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.judge.dataset import Dataset
from generator.publish.memofile import FieldsPickler

if TYPE_CHECKING:  # the parts come from outputs/, loaded only by the commands that render
    from generator.outputs.pages import Part


class _Summary(FieldsPickler):
    """Pickles views for a digest: a function they hold (a column's value) by its name and place in the code,
    which the code's digest covers; a dataclass with slots by its fields' values (memofile.FieldsPickler)."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.FunctionType):
            return str, (f"{obj.__module__}:{obj.__qualname__}:{obj.__code__.co_firstlineno}",)
        return super().reducer_override(obj)


def summary(views: object) -> bytes:
    """What a part is made from, decided (frozen views), as bytes to digest: equal bytes, equal files."""
    out = io.BytesIO()
    _Summary(out, protocol=5).dump(views)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Plan:
    rebuild: tuple[Part, ...]  # the parts to render and write again
    kept: dict[str, int]  # docs path -> size: the files of the parts whose inputs did not change, left as they are
    digests: dict[str, tuple[str, str]]  # part key -> the digest of its inputs, and of its views ("": none)
    parts: int  # how many parts the site has

    @property
    def full(self) -> bool:
        return len(self.rebuild) == self.parts

    def recorded(self, made: Mapping[str, list[str]],
                 previous: Mapping[str, Any]) -> dict[str, tuple[str, str, list[str]]]:
        """What the state file keeps of each part: its digests and its files (made now, or kept from before)."""
        rebuilt = {p.key for p in self.rebuild}
        return {key: (inputs, views, list(made.get(key, ())) if key in rebuilt else list(previous[key][2]))
                for key, (inputs, views) in self.digests.items()}


def digests(ds: Dataset, parts: Sequence[Part], files: Mapping[str, str], shared: str,
            facts: Mapping[str, str]) -> tuple[dict[str, str], Any]:
    """Each part's inputs as one digest (files: data/ entry -> digest; shared: the code's digest, site_url and
    the libraries' versions; facts: the value of every fact of the whole dataset a part may declare,
    outputs/pages.facts); and the digest every part's digest starts from."""
    where = {(e.region.code, e.year): e.record.location.path for e in ds.entries.values() if e.record is not None}
    records = {key: files[path] for key, path in where.items()}
    mine = set(where.values())
    common = hashlib.sha256(shared.encode("utf-8"))
    for rel, digest in sorted(files.items()):
        if rel not in mine:
            common.update(f"{rel}\0{digest}\0".encode("utf-8", "surrogateescape"))
    codes = sorted(ds.registry.regions)
    lines = {(code, year): f"{code} {year} {digest}\0".encode() for (code, year), digest in records.items()}
    every = {code: b"".join(lines[code, year] for year in ds.years if (code, year) in lines)
             for code in codes}  # a region in every edition
    found = {}
    for part in parts:
        inputs = common.copy()
        for fact in part.facts:
            inputs.update(f"{fact}\0{facts[fact]}\0".encode())
        for code in part.codes or codes:
            if not part.years:
                inputs.update(every[code])
                continue
            for year in part.years:
                if (code, year) in lines:
                    inputs.update(lines[code, year])
        found[part.key] = inputs.hexdigest()
    return found, common


def _views(part: Part, summarize: Callable[[Part], object | None], common: Any) -> str:
    """The digest of a part's views (with the code's, site_url and every file that is not a record); "" for a
    part without views."""
    shown = summarize(part)
    if shown is None:
        return ""
    views = common.copy()
    views.update(summary(shown))
    return str(views.hexdigest())


def plan(ds: Dataset, parts: Sequence[Part], files: Mapping[str, str], shared: str, facts: Mapping[str, str],
         summarize: Callable[[Part], object | None], state: Mapping[str, Any],
         on_disk: Mapping[str, list[int]]) -> Plan:
    """Which parts to rebuild, against the last run's state and the generated files on disk now (see digests). A
    part whose inputs changed but whose views did not (summarize: a part's views, None for a part without) is
    kept too: its views' digest is compared."""
    found, common = digests(ds, parts, files, shared, facts)
    before, recorded = state.get("parts") or {}, state.get("files") or {}
    rebuild, kept, named = [], {}, {}
    for part in parts:
        old = before.get(part.key)
        old = old if isinstance(old, list) and len(old) == 3 else ["", "", ()]
        intact = all(on_disk.get(path) == recorded.get(path) is not None for path in old[2])
        views = old[1] if intact and old[0] == found[part.key] else ""
        views = views or _views(part, summarize, common)
        named[part.key] = (found[part.key], views)
        if intact and (old[0] == found[part.key] or views and old[1] == views):
            kept.update({path: on_disk[path][0] for path in old[2]})
        else:
            rebuild.append(part)
    return Plan(tuple(rebuild), kept, named, len(parts))


def everything(parts: Sequence[Part]) -> Plan:
    """The plan of a run with no state of a run before (a fresh checkout's first): every part is made. Its digests
    are not needed to decide anything; name() works them out later, while the workers make the files."""
    return Plan(tuple(parts), {}, {}, len(parts))


def name(plan: Plan, ds: Dataset, parts: Sequence[Part], files: Mapping[str, str], shared: str,
         facts: Mapping[str, str], summarize: Callable[[Part], object | None]) -> None:
    """Fill in the digests of everything()'s plan, for the state file: what plan() would have found."""
    found, common = digests(ds, parts, files, shared, facts)
    plan.digests.update({part.key: (found[part.key], _views(part, summarize, common)) for part in parts})
