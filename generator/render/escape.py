"""Escaping of data text for Markdown pages (and the HTML they become)."""

from __future__ import annotations

import functools
import html
import json
import re

from markupsafe import Markup

# Characters that Markdown, its extensions or HTML would interpret. Numeric character references
# are inert in Markdown text, in raw HTML and in attribute values alike.
_SPECIAL = "\\`*_{}[]()<>#+!|~&\"'$^=:%@"
_ENTITY = {c: f"&#{ord(c)};" for c in _SPECIAL}
_SPECIAL_FOUND = re.compile("[" + re.escape(_SPECIAL) + "]")  # one C scan, then a call per match (str.translate with a
# table looks every character up in a dict: half again as long for a typical text, which has one or two of them)
_SPACE = re.compile(r"\s+")
# At the start of a line, '-' begins a list or a rule ('---') and '1.' a numbered list: escape those too.
_LINE_START = re.compile(r"^(?:-(?=[\s-]|$)|(\d+)\.(?=\s|$))")


def md(value: object) -> Markup:
    """Data text -> Markdown that shows exactly that text: no markup, links, HTML or line breaks."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    return _md_short(text) if len(text) <= 256 else _md(text)


def _md(text: str) -> Markup:
    if not text.isprintable() or "  " in text or text != text.strip():
        text = _SPACE.sub(" ", text).strip()
    escaped = _SPECIAL_FOUND.sub(lambda m: _ENTITY[m.group()], text)
    return Markup(_LINE_START.sub(lambda m: f"{m.group(1)}&#46;" if m.group(1) else "&#45;", escaped))


# Every value a template prints passes through md(); names, labels and figures repeat on many pages.
_md_short = functools.lru_cache(maxsize=8192)(_md)


def attr(value: object) -> Markup:
    """A value for a double-quoted HTML attribute (URLs already validated as http(s) by the loader)."""
    return Markup(html.escape(str(value), quote=True))


def yaml_string(value: object) -> Markup:
    """A double-quoted scalar for YAML front matter (JSON strings are valid YAML), HTML-escaped as well:
    the theme prints front matter into the page unescaped (<title>, <meta name="description" content=...>)."""
    return Markup(json.dumps(html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True), ensure_ascii=False))
