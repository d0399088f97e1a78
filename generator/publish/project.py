"""The project folder: where data, pages and the site are, and the site's published address (mkdocs.yml)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.read.files import fail, read_bytes
from generator.read.urls import url_problem
from generator.views.corrections import Channels

MAX_CONFIG = 256 * 1024
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Project:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


def _items(events: Iterator[yaml.Event]) -> list[str]:
    """The scalars of a flat sequence, up to its end (nested collections skipped)."""
    items, depth = [], 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            if depth == 0:
                break
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and depth == 0:
            items.append(event.value)
    return items


def _site_url_node(text: str) -> tuple[str | None, list[str]]:
    """The tag and the scalar(s) of mkdocs.yml's top-level site_url, from the YAML event stream: nothing is
    constructed, so tags such as !ENV or !!python/name cannot run anything."""
    events = iter(yaml.parse(text, Loader=_Loader))
    depth, key, want_key = 0, None, False
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            if depth == 1 and not want_key and key == "site_url":
                if isinstance(event, yaml.SequenceStartEvent):
                    return event.tag, _items(events)
                return None, []
            depth += 1
            want_key = depth == 1 and isinstance(event, yaml.MappingStartEvent)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            want_key = depth == 1
        elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent) and depth == 1:
            if want_key:
                key, want_key = getattr(event, "value", None), False
            elif key == "site_url" and isinstance(event, yaml.ScalarEvent):
                return event.tag, [event.value]
            else:
                want_key = True
    return None, []


def site_url(project: Project, environ: Mapping[str, str] | None = None) -> str:
    """The published address, read from mkdocs.yml as MkDocs reads it: `site_url: ADDRESS`, or
    `site_url: !ENV [VAR, ..., default]` (the first variable set in the environment, else the default);
    "/" when there is none. Always ends with "/"."""
    environ = os.environ if environ is None else environ
    if not project.config.exists():
        return "/"
    raw = read_bytes(project.config, "mkdocs.yml", MAX_CONFIG, follow=False, fix_size="mkdocs.yml is a short file")
    try:
        tag, values = _site_url_node(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail("mkdocs.yml", mark.line + 1 if mark else 1, f"cannot be read: {exc}".splitlines()[0],
                   "fix mkdocs.yml (MkDocs would refuse it too)") from None
    url = values[0] if values else ""
    if tag == "!ENV":
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, "")
        url = next((environ[name] for name in names if name in environ), default)
    url = url.strip() or "/"
    return url if url.endswith("/") else url + "/"


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
EMAIL_KEY, ISSUES_KEY = "corrections_email", "issues"


def _extra(text: str) -> dict[str, tuple[str, int]]:
    """mkdocs.yml's top-level `extra:` plain scalars, each with its line, composed (never constructed: a tag
    such as !ENV or !!python/name stays a tag)."""
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    extra = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "extra"), None)
    if not isinstance(extra, yaml.MappingNode):
        return {}
    return {k.value: (v.value, v.start_mark.line + 1) for k, v in extra.value
            if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) and v.tag.endswith(":str")}


def channels(project: Project) -> Channels:
    """Where readers send corrections: `extra.corrections_email` (the publisher's address: never invented, so
    none when not set) and `extra.issues` (the repository's new-issue page), each checked."""
    if not project.config.exists():
        return Channels()
    raw = read_bytes(project.config, "mkdocs.yml", MAX_CONFIG, follow=False, fix_size="mkdocs.yml is a short file")
    try:
        extra = _extra(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail("mkdocs.yml", mark.line + 1 if mark else 1, f"cannot be read: {exc}".splitlines()[0],
                   "fix mkdocs.yml (MkDocs would refuse it too)") from None
    email, issues = extra.get(EMAIL_KEY), extra.get(ISSUES_KEY)
    if email and not _EMAIL.fullmatch(email[0].strip()):
        raise fail("mkdocs.yml", email[1], f"extra.{EMAIL_KEY}: {email[0][:80]!r} is not an e-mail address",
                   "write the publisher's address, e.g. koreksi@example.org, or remove the line")
    if issues and (problem := url_problem(issues[0])):
        raise fail("mkdocs.yml", issues[1], f"extra.{ISSUES_KEY}: {problem[0]}", problem[1])
    return Channels(email[0].strip() if email and email[0].strip() else None,
                    issues[0].strip() if issues else None)
