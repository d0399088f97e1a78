"""Corrections: where readers send them (the publisher's e-mail address and the repository's issues, both from
mkdocs.yml's `extra`, never invented), each region page's prefilled report, and the log of corrections made."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from generator.judge.answers import Answer
from generator.judge.dataset import Dataset
from generator.model import Region
from generator.views import paths


@dataclass(frozen=True, slots=True)
class Channels:
    """mkdocs.yml `extra.corrections_email` and `extra.issues`; None where not set."""

    email: str | None = None
    issues: str | None = None


NONE = Channels()  # no channel configured


@dataclass(frozen=True, slots=True)
class Report:
    """A page's correction links, prefilled with the page, the region and the edition."""

    anchor: str
    subject: str
    text: str  # the body: also shown to copy, for readers whose e-mail does not open from a link
    email: str | None
    mailto: str | None
    issue: str | None

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


@dataclass(frozen=True, slots=True)
class CorrectionRow:
    date: dt.date
    name: str
    path: str
    edition: str
    text: str


@dataclass(frozen=True, slots=True)
class CorrectionsPage:
    channels: Channels
    rows: tuple[CorrectionRow, ...]
    updated: dt.date


def _query(text: str) -> str:
    """Percent-encoded for a mailto: or query value; line breaks as CRLF (RFC 6068)."""
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")


def report(channels: Channels, region: Region, answer: Answer, address: str) -> Report:
    subject = f"Koreksi: {region.name}, {answer.edition}"
    text = (f"Halaman: {address}\nWilayah: {region.name} (kode {region.code})\nEdisi: {answer.edition}\n"
            f"Di situs: {answer.words}\n\nYang salah:\n\nYang benar, dengan sumbernya (tautan):\n")
    query = f"subject={_query(subject)}&body={_query(text)}"
    return Report(paths.REPORT, subject, text, channels.email,
                  f"mailto:{channels.email}?{query}" if channels.email else None,
                  f"{channels.issues}?title={_query(subject)}&body={_query(text)}" if channels.issues else None)


def corrections(ds: Dataset, channels: Channels) -> CorrectionsPage:
    rows = tuple(CorrectionRow(date, ds.registry.regions[r.region_code].name,
                               paths.region(ds.registry.regions[r.region_code]), ds.criteria[r.year].edition, text)
                 for date, r, text in ds.corrections)
    return CorrectionsPage(channels, rows, ds.data_updated)
