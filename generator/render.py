"""Records -> page text through jinja2 templates. Returns text; writes nothing.

Every value a template prints passes through escape.md (the environment's finalize), so text from
the data can never become markup; code that builds trusted markup returns Markup.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import charts, checklist, numfmt
from .escape import attr, md, yaml_string
from .model import Figure, Status, Tier

TEMPLATES = Path(__file__).parent / "templates"

STATUS_LABEL = {
    "utama": "Utama",
    "madya": "Madya",
    "pratama": "Pratama",
    "awarded": "Penerima, kategori tidak disebut",
    "none": "Tidak menerima",
    "nodata": "Belum ada data",
}


def badge(status: str | Tier | Status | None) -> Markup:
    """A tier badge: colour by class, the words always present (never colour alone)."""
    key = status.value if isinstance(status, Tier | Status) else (status or "awarded")
    return Markup('<span class="uhc-badge uhc-badge--{0}">{1}</span>').format(key, STATUS_LABEL[key])


def _percent(value: Figure | float | None) -> str:
    return numfmt.figure(value) if isinstance(value, Figure) else numfmt.percent(value)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # Markdown, not HTML: escape.md below is the escaping, applied to every value
        finalize=md,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        pct=_percent,
        num=numfmt.integer,
        dec=numfmt.decimal,
        date=numfmt.date,
        yaml=yaml_string,
        attr=attr,
        badge=badge,
    )
    env.globals.update(status_label=STATUS_LABEL, checklist=checklist, charts=charts, Tier=Tier, Status=Status)
    return env


def linker(page_path: str) -> Callable[[str], Markup]:
    """A function giving the relative link from page_path to another docs/ path."""
    base = posixpath.dirname(page_path)

    def link(target: str) -> Markup:
        return Markup(posixpath.relpath(target, base or "."))

    return link


class Renderer:
    def __init__(self) -> None:
        self.env = environment()

    def page(self, template: str, path: str, **context: Any) -> bytes:
        text = self.env.get_template(template).render(link=linker(path), page_path=path, **context)
        return text.encode("utf-8")
