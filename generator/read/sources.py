"""A record's sources -> Source records: address, publisher, date, title, the tier a source states, and how the
pages relate (`copy_of:` another source's address when a page repeats the same release, `independent: true`
when it was checked to be an account of its own, `figures_only: true` when the page backs the record's figures
but does not state its answer). Every problem located at file:line with a fix."""

from __future__ import annotations

from generator.model import Source
from generator.read.fields import Fields, show
from generator.read.yamlsafe import YList, YMap
from generator.vocabulary import AWARD_TIERS, Tier

SOURCE_FIELDS = {"url", "publisher", "date", "title", "tier", "copy_of", "independent", "figures_only"}
_FIX = "add sources: with at least one item: - url: https://... / publisher: NAME / date: YYYY-MM-DD"


def tier_of(rec: Fields, owner: YMap, field: str) -> Tier | None:
    value = owner.get("tier")
    if value is None:
        return None
    if value in {t.value for t in AWARD_TIERS}:
        return Tier(value)
    rec.err(owner.lines["tier"], field, f"unknown tier {show(value)}",
            f"use {', '.join(t.value for t in AWARD_TIERS[:-1])} or {AWARD_TIERS[-1].value} (lower case); leave it "
            "out when the source does not name the tier")
    return None


def _flag(rec: Fields, item: YMap, key: str, field: str, fix: str) -> int | None:
    """The line of a flag that may only be `true` (key: true), None when it is absent or refused (fix: how)."""
    value = item.get(key)
    if value is None:
        return None
    if value is not True:
        rec.err(item.lines[key], field, f"must be true, got {show(value)}", fix)
        return None
    return item.lines[key]


def _independent(rec: Fields, item: YMap, field: str) -> bool:
    line = _flag(rec, item, "independent", field,
                 "write independent: true for a page checked to be an account of its own; for a page that repeats "
                 "another source's release write copy_of: with that source's url instead; leave both out when "
                 "not checked")
    if line is None:
        return False
    if "copy_of" in item:
        rec.err(line, field, "a page is either independent or a copy_of another source, not both",
                "keep the one that is true and remove the other")
        return False
    return True


def _figures_only(rec: Fields, item: YMap, index: int, field: str) -> bool:
    """A page that backs the figures (coverage, activity: often of another occasion) and not the answer: listed
    as a source, never counted among the pages the answer rests on."""
    line = _flag(rec, item, "figures_only", field,
                 "write figures_only: true for a page that gives the figures but does not state the answer; "
                 "leave it out otherwise")
    if line is None:
        return False
    clash = [key for key in ("tier", "independent") if key in item]
    if index == 0:
        rec.err(line, field, "the first source must state the answer, not only the figures",
                "put a source that states the answer first")
    elif clash:
        rec.err(line, field, f"a page that does not state the answer has no {clash[0]}:",
                f"remove {clash[0]}: (it says what the page states about the answer) or figures_only:")
    else:
        return True
    return False


def read_sources(rec: Fields, data: YMap) -> tuple[Source, ...]:
    raw = data.get("sources")
    if not isinstance(raw, YList) or not raw:
        rec.err(data.lines.get("sources", data.line), "sources", "every record needs at least one source", _FIX)
        return ()
    result = []
    copies: list[tuple[int, int, str]] = []  # (index, line, the address it names)
    figure_pages: set[object] = set()  # the url: values (as written) of the sources that back only the figures
    for index, (item, line) in enumerate(zip(raw, raw.lines, strict=True)):
        field = f"sources[{index}]"
        if not isinstance(item, YMap):
            rec.err(line, field, "must be a mapping with url and publisher", _FIX)
            continue
        for key in item:
            if key not in SOURCE_FIELDS:
                rec.unknown(item, key, f"{field}.{key}", SOURCE_FIELDS)
        url = rec.url(item.get("url"), item.lines.get("url", line), f"{field}.url")
        publisher = rec.text(item, "publisher", f"{field}.publisher", required=True)
        tier = tier_of(rec, item, f"{field}.tier")
        independent = _independent(rec, item, f"{field}.independent")
        figures_only = _figures_only(rec, item, index, f"{field}.figures_only")
        if figures_only:
            figure_pages.add(item.get("url"))
        copy_of = rec.text(item, "copy_of", f"{field}.copy_of")
        if copy_of is not None:
            copies.append((index, item.lines["copy_of"], copy_of))
        if url and publisher:
            result.append(Source(url, publisher, rec.date(item, "date", f"{field}.date"),
                                 rec.text(item, "title", f"{field}.title"), tier, copy_of, independent,
                                 figures_only))
    urls = [item.get("url") if isinstance(item, YMap) else None for item in raw]
    for index, line, target in copies:
        if target in figure_pages and urls[index] not in figure_pages:
            rec.err(line, f"sources[{index}].copy_of", f"repeats {show(target)}, a page that backs only the figures",
                    "a copy says what its original says: write figures_only: true on this source too")
        elif target == urls[index] or target not in urls:
            rec.err(line, f"sources[{index}].copy_of", f"{show(target)} is not the url of another source of "
                    "this record" if target != urls[index] else "names the source itself",
                    "write the url of the source whose release this page repeats, exactly as that source's url: "
                    "gives it (add that source first if it is missing)")
    return tuple(result)
