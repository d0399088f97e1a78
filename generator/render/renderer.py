"""Views -> page text through jinja2 templates. Returns text; writes nothing.

Templates get their view and formatting filters only. Every value a template prints passes through
escape.md (the environment's finalize), so text from the data can never become markup; the filters that
build trusted markup (badges, maps, charts) escape what they take from the data and return Markup."""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from markupsafe import Markup, escape

from generator import numfmt
from generator.judge.answers import Answer
from generator.judge.changes import EditionChange
from generator.pictures import charts, maps
from generator.render.escape import attr, md, yaml_string
from generator.views import paths
from generator.views.parts import FiguresChart, MapView, TierBars
from generator.vocabulary import Basis, Status

TEMPLATES = Path(__file__).parent / "templates"


def badge(value: Answer | Status, big: bool = False) -> Markup:
    """A status badge that always says its words, with the basis when it is not stated: never colour alone."""
    status = value.status if isinstance(value, Answer) else value
    return _badge(status, value.qualifier if isinstance(value, Answer) else "", big)


@functools.lru_cache(maxsize=64)  # a few dozen distinct badges, printed some 15,000 times
def _badge(status: Status, qualifier: str, big: bool) -> Markup:
    classes = f"uhc-badge uhc-badge--{status.value}" + (" uhc-badge--big" if big else "") + \
        (" uhc-badge--uncertain" if qualifier else "")
    extra = Markup('<span class="uhc-badge__basis"> · {0}</span>').format(qualifier) if qualifier else ""
    return Markup('<span class="{0}">{1}{2}</span>').format(classes, status.label, extra)


def change(value: EditionChange | None) -> Markup:
    """A change since the edition before, in its words (with its basis when not stated); '–' for none."""
    if value is None:
        return Markup("–")
    # escape() and an f-string, not Markup.format: the same text, without a Python formatter (printed 60,000 times)
    return Markup(f'<span class="uhc-change uhc-change--{escape(value.code)}">{escape(value.words)}</span>')


@jinja2.pass_context
def _link(context: Any, target: str) -> Markup:
    """A Markdown link target from the page being rendered to another docs file."""
    return Markup(paths.relative(context["page_path"], target))


@jinja2.pass_context
def _href(context: Any, target: str) -> Markup:
    """A link for raw HTML to another page's address, from the site's root path (see paths.absolute)."""
    return attr(paths.absolute(context["site_path"], target))


@jinja2.pass_context
def _permalink(context: Any, target: str) -> str:
    return str(context["site_url"]) + paths.url(target)


@jinja2.pass_context
def _draw(context: Any, item: MapView | FiguresChart | TierBars) -> Markup:
    if isinstance(item, MapView):
        return maps.draw(item, context["site_path"])
    if isinstance(item, FiguresChart):
        return charts.figures_chart(item)
    return charts.tier_bars(item)


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in a folder between runs, keyed by each template's source (never stale): a fresh
    process loads them instead of compiling. Kept in the project's own folder, never a shared cache: compiled
    code is code. A folder that cannot be written is no error: the templates are compiled again next time."""

    def __init__(self, folder: Path) -> None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def environment(compiled: Path | None = None) -> jinja2.Environment:
    """The templates' environment; compiled: a folder where compiled templates are kept between runs (keyed by
    each template's source, so never stale), saving their compilation in a fresh process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=CompiledTemplates(compiled) if compiled else None,
        autoescape=False,  # Markdown, not HTML: escape.md below is the escaping, applied to every value
        finalize=md,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=numfmt.integer, dec=numfmt.decimal, date=numfmt.date, yaml=yaml_string, attr=attr,
                       badge=badge, change=change, link=_link, href=_href, permalink=_permalink, draw=_draw,
                       bar=charts.stacked_bar, page_image=paths.page_image,
                       archived=paths.archived)
    # The site's words and page paths, the same for every page: templates never spell them.
    env.globals.update(bases={b.name.lower(): b for b in Basis}, statuses={s.name.lower(): s for s in Status},
                       pages=paths.PAGES, anchors={"cite": paths.CITE, "badge": paths.BADGE, "report": paths.REPORT,
                                                   "glossary": paths.GLOSSARY})
    return env


class Renderer:
    def __init__(self, site_url: str = "/", compiled: Path | None = None) -> None:
        self.env = environment(compiled)
        self.site_url = site_url
        self.site_path = urlsplit(site_url).path or "/"
        # The site's address is the same for every page: globals, so that the pieces a page imports see it without
        # the page's context (an import with context would tie each page's views into a cycle with the import).
        self.env.globals.update(site_url=self.site_url, site_path=self.site_path)

    def page(self, template: str, path: str, **context: Any) -> bytes:
        return self.env.get_template(template).render(page_path=path, **context).encode("utf-8")
