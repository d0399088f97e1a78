"""The project folder: where data, pages and the site are, and the site's published address (mkdocs.yml), read
as the site engine reads it.

mkdocs.yml is loaded by MkDocs' own loader (mkdocs.utils.yaml: `!ENV`, anchors, merge keys, `INHERIT:`), on
PyYAML's safe base, so a `!!python/...` tag is never run (it stands for a placeholder: only the values the
generator needs are read). What the generator and the engine could read differently is refused: a key written
twice (MkDocs takes the last, another engine perhaps the first), a site address that is not plain http(s), and a
docs folder or URL style other than the ones the generator writes for.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from generator.read.files import fail, read_bytes
from generator.read.urls import url_problem
from generator.views.corrections import Channels

MAX_CONFIG = 256 * 1024
CONFIG = "mkdocs.yml"
_Composer: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SITE_URL_FIX = ("write the address the site is served at, http or https, without a query or a fragment, e.g. "
                "site_url: https://uhc-awards.github.io/uhc-awards/ (or set $SITE_URL to it)")


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
        return self.root / CONFIG


def _top_keys(text: str) -> dict[str, tuple[int, Any]]:
    """Every top-level key of mkdocs.yml with its line and its value's node; DataError at the first key written
    twice in any mapping. Composed, not constructed: no tag runs, and a shared (aliased) node is walked once."""
    try:
        root = yaml.compose(text, Loader=_Composer)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise fail(CONFIG, mark.line + 1 if mark else 1, f"cannot be read: {exc}".splitlines()[0],
                   f"fix {CONFIG} (MkDocs would refuse it too)") from None
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else ""
                if name and name != "<<" and name in first:
                    raise fail(CONFIG, key.start_mark.line + 1, f"{name}: written twice (first at line {first[name]}):"
                               " MkDocs takes the last, the generator and other engines could take the first",
                               "keep one of the two")
                first.setdefault(name, key.start_mark.line + 1)
                pending.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {str(k.value): (k.start_mark.line + 1, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}


class _Unread(str):
    """What a `!!python/...` or `!relative` value stands for here: a placeholder, never run."""


def _placeholder(loader: Any, suffix: Any, node: Any = None) -> str:
    return _Unread("<tag>")


def _engine_config(project: Project, raw: bytes) -> dict[str, Any]:
    """mkdocs.yml as MkDocs loads it (its loader, its `!ENV`, its INHERIT), on the safe base loader."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(yaml.SafeLoader)
    loader.add_constructor("!relative", _placeholder)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", _placeholder)
    stream = io.BytesIO(raw)
    stream.name = str(project.config)  # INHERIT: a parent file is found next to mkdocs.yml
    try:
        config = yaml_load(stream, loader)
    except ConfigurationError as exc:
        mark = getattr(exc.__context__, "problem_mark", None)
        raise fail(CONFIG, mark.line + 1 if mark else 1, f"cannot be read: {exc}".splitlines()[0],
                   f"fix {CONFIG} (MkDocs would refuse it too)") from None
    if not isinstance(config, dict):
        raise fail(CONFIG, 1, "is not a mapping of settings", "write mkdocs.yml as MkDocs documents it")
    return config


def _variable(node: Any) -> str | None:
    """The environment variable a `!ENV` value was taken from (MkDocs: the first one set), None for another."""
    if node is None or node.tag != "!ENV":
        return None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    names = [n.value for n in (items[:-1] if len(items) > 1 else items) if isinstance(n, yaml.ScalarNode)]
    return next((name for name in names if name in os.environ), None)


def _address(value: object, line: int, variable: str | None) -> str:
    """site_url as MkDocs validates and normalizes it (a folder: its path ends with '/'), http(s) only."""
    said = f"site_url: {value!r}" + (f" (from ${variable})" if variable else "")
    if isinstance(value, _Unread):
        raise fail(CONFIG, line, "site_url: is a tag the engine would run as code (!!python/...) or resolve as a "
                   "path (!relative), not an address", SITE_URL_FIX)
    if not isinstance(value, str):
        raise fail(CONFIG, line, f"{said} is not text", SITE_URL_FIX)
    problem = url_problem(value)
    parts = urlsplit(value.strip()) if problem is None else None
    if parts is not None and (parts.query or parts.fragment):
        problem = ("has a query or a fragment, which MkDocs would keep after the path", SITE_URL_FIX)
    if problem is not None or parts is None:
        message = problem[0] if problem else "is not an http(s) address"
        message = message.removeprefix(repr(value.strip()[:80])).strip()  # the value is said once, in full
        raise fail(CONFIG, line, f"{said} {message}", SITE_URL_FIX)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit(parts._replace(path=path))


def site_url(project: Project) -> str:
    """The published address, read from mkdocs.yml as MkDocs reads it (`site_url: ADDRESS`, `!ENV [VAR, ...,
    default]`, INHERIT), normalized as MkDocs normalizes it; "/" when there is none. Always ends with "/".
    DataError (located in mkdocs.yml) for a setting the engine would read differently or must not publish."""
    if not project.config.exists():
        return "/"
    raw = read_bytes(project.config, CONFIG, MAX_CONFIG, follow=False, fix_size=f"{CONFIG} is a short file")
    try:
        keys = _top_keys(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise fail(CONFIG, 1, "is not UTF-8", f"save {CONFIG} as UTF-8") from None
    config = _engine_config(project, raw)
    docs_dir = config.get("docs_dir", "docs")
    if not isinstance(docs_dir, str) or (project.root / docs_dir).resolve() != project.docs.resolve():
        raise fail(CONFIG, keys.get("docs_dir", (1, None))[0], f"docs_dir: {docs_dir!r}: the generator writes the "
                   "pages into docs/, so MkDocs would build other pages than the generated ones",
                   "write docs_dir: docs")
    if config.get("use_directory_urls", True) is not True:
        raise fail(CONFIG, keys.get("use_directory_urls", (1, None))[0], f"use_directory_urls: "
                   f"{config['use_directory_urls']!r}: the generator's links lead to folders (wilayah/<slug>/), which "
                   "MkDocs would then not write", "write use_directory_urls: true, or leave it out")
    value = config.get("site_url")
    if value is None or value == "":
        return "/"
    line, node = keys.get("site_url", (keys.get("INHERIT", (1, None))[0], None))
    return _address(value, line, _variable(node))


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
EMAIL_KEY, ISSUES_KEY = "corrections_email", "issues"


def channels(project: Project) -> Channels:
    """Where readers send corrections: `extra.corrections_email` (the publisher's address: never invented, so
    none when not set) and `extra.issues` (the repository's new-issue page), read as MkDocs reads them and
    each checked at its line."""
    if not project.config.exists():
        return Channels()
    raw = read_bytes(project.config, CONFIG, MAX_CONFIG, follow=False, fix_size=f"{CONFIG} is a short file")
    try:
        keys = _top_keys(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise fail(CONFIG, 1, "is not UTF-8", f"save {CONFIG} as UTF-8") from None
    extra = _engine_config(project, raw).get("extra")
    extra = extra if isinstance(extra, dict) else {}
    node = keys.get("extra", (1, None))[1]
    lines = {str(k.value): v.start_mark.line + 1 for k, v in node.value
             if isinstance(k, yaml.ScalarNode)} if isinstance(node, yaml.MappingNode) else {}
    email, issues = extra.get(EMAIL_KEY), extra.get(ISSUES_KEY)
    if email is not None and not (isinstance(email, str) and _EMAIL.fullmatch(email.strip())):
        raise fail(CONFIG, lines.get(EMAIL_KEY, 1), f"extra.{EMAIL_KEY}: {str(email)[:80]!r} is not an e-mail address",
                   "write the publisher's address, e.g. koreksi@example.org, or remove the line")
    if issues is not None and (problem := url_problem(str(issues))):
        raise fail(CONFIG, lines.get(ISSUES_KEY, 1), f"extra.{ISSUES_KEY}: {problem[0]}", problem[1])
    return Channels(email.strip() if isinstance(email, str) and email.strip() else None,
                    str(issues).strip() if issues else None)
