"""Escaping of data text for Markdown pages (and the HTML they become)."""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Characters that Markdown, its extensions or HTML would interpret. Numeric character references
# are inert in Markdown text, in raw HTML and in attribute values alike.
_SPECIAL = re.compile(r"[\\`*_{}\[\]()<>#+!|~&\"'$^=:%@]")
_SPACE = re.compile(r"\s+")


def md(value: object) -> Markup:
    """Data text -> Markdown that shows exactly that text: no markup, links, HTML or line breaks."""
    if isinstance(value, Markup):
        return value
    text = _SPACE.sub(" ", str(value)).strip()
    return Markup(_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def attr(value: object) -> Markup:
    """A value for a double-quoted HTML attribute (URLs already validated as http(s) by the loader)."""
    return Markup(html.escape(str(value), quote=True))


def yaml_string(value: object) -> Markup:
    """A double-quoted scalar for YAML front matter (JSON strings are valid YAML)."""
    return Markup(json.dumps(_SPACE.sub(" ", str(value)).strip(), ensure_ascii=False))
