"""Typed reading of one data file's mapping: each field read with its type, every problem added to the
shared collector with file:line, the field and a fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.errors import Collector
from generator.read.texts import control_problem, reader_problem
from generator.read.urls import url_problem
from generator.read.yamlsafe import YMap
from generator.vocabulary import Basis

MAX_TEXT = 2000


def show(value: Any) -> str:
    """A value as a message quotes it: repr, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Fields:
    """Validation of one file's mapping; adds problems to the shared collector."""

    def __init__(self, data: YMap, where: str, problems: Collector, latest: dt.date | None = None) -> None:
        self.data, self.where, self.problems = data, where, problems
        self.latest = latest  # the data date (data/dataset.yaml): no date of the data may be after it

    def err(self, line: int, field: str, message: str, fix: str) -> None:
        self.problems.add(self.where, line, field, message, fix)

    def unknown(self, owner: YMap, key: str, field: str, allowed: set[str]) -> None:
        if key[:1].isdigit():  # {coverage: 99,5 %} is read as coverage: 99 and a field "5 %"
            self.err(owner.lines[key], field, f"{show(key)} is not a field: inside {{...}} a comma separates "
                     "fields, so a decimal comma splits the number in two",
                     "write numbers with a dot and without %, e.g. {coverage: 99.5}")
        elif key == "confidence" and field == key:
            self.err(owner.lines[key], field, "confidence: is now basis:",
                     f"write basis: {Basis.STATED.value} (a source says it of this region), {Basis.INFERRED.value} "
                     f"(worked out) or {Basis.DISPUTED.value}")
        else:
            self.err(owner.lines[key], field, "unknown field", f"use one of {sorted(allowed)}")

    def text(self, owner: YMap, key: str, field: str, required: bool = False, reader: bool = False,
             limit: int = MAX_TEXT) -> str | None:
        """A text field; `reader`: an edited sentence for readers (no research tags, no bare addresses)."""
        value = owner.get(key)
        line = owner.lines.get(key, owner.line)
        if value is None:
            if required:
                self.err(line, field, "is missing", f"add {key}: with a text value")
            return None
        if not isinstance(value, str):
            self.err(line, field, f"must be text, got {show(value)}",
                     f"put the value in quotes: {key}: \"...\"")
            return None
        if len(value) > limit:
            self.err(line, field, f"is {len(value)} characters long (limit {limit})",
                     "shorten it: the page links the source for the full story")
            return None
        problem = control_problem(value) or (reader_problem(value) if reader else None)
        if problem is not None:
            self.err(line, field, *problem)
            return None
        return value.strip() or None

    def date(self, owner: YMap, key: str, field: str) -> dt.date | None:
        value = owner.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            self.err(owner.lines[key], field, f"{show(value)} is not a date",
                     "write the date as YYYY-MM-DD, e.g. 2026-01-27")
            return None
        problem = after_data_date(value, self.latest)
        if problem is not None:
            self.err(owner.lines[key], field, *problem)
            return None
        return value

    def url(self, value: Any, line: int, field: str) -> str | None:
        problem = url_problem(value)
        if problem is not None:
            self.err(line, field, *problem)
            return None
        return str(value).strip()


def after_data_date(value: dt.date, latest: dt.date | None) -> tuple[str, str] | None:
    """(message, fix) when a date of the data is after the data date: what happened after the data last changed
    cannot be in it (a typo, or data/dataset.yaml not updated)."""
    if latest is None or value <= latest:
        return None
    return (f"{value} is after the data date {latest} (data/dataset.yaml)",
            f"check the date; if the data really changed on {value}, write updated: {value} (or later) in "
            "data/dataset.yaml")
