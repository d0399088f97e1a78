"""Hostile data in a real browser: the pages of a site built from hostile records and criteria
(tests/hostile.py) run no payload, gain no element, attribute, script or request, and show the text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.read.regions import load_registry
from tests.browser.conftest import serve
from tests.hostile import criteria_texts, hostile_project, hostile_texts

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parent.parent.parent
REGISTRY = load_registry(REPO / "data" / "regions")


def _region_path(code: str) -> str:
    region = REGISTRY.regions[code]
    return f"{'provinsi' if region.is_province else 'wilayah'}/{region.slug}/"


PAGES = {**{_region_path(code): code for code in hostile_texts()},
         "koreksi/": None, "metodologi/": None, "ringkasan/": None, "kategori/2026/belum-ada-data/": None,
         "kategori/2026/utama/": None, "": None, "provinsi/": None, "unduh/": None}

# Elements a payload would bring (HTML, or Markdown: **b**, `code`, > quote, 1. list, ![img]); tables, lists
# and charts are not here, since hostile records add legitimate sections the shipped data may not have.
FORBIDDEN = {"script", "style", "img", "iframe", "object", "embed", "form", "input", "textarea", "button", "select",
             "base", "meta", "link", "details", "math", "video", "audio", "source", "template", "dialog", "marquee",
             "b", "em", "code", "blockquote", "ol"}
# What the page's document looks like to a script: flags set by payloads, inline handlers, scripts, the
# elements of the article, and its text.
INSPECT = """() => {
  const article = document.querySelector('article');
  return {
    flags: Object.keys(window).filter(k => k.startsWith('__pwned')),
    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
      .filter(n => n.startsWith('on')),
    scripts: [...document.scripts].map(s => s.src.replace(location.origin, '') || s.textContent),
    tags: [...new Set([...article.querySelectorAll('*')].map(e => e.tagName.toLowerCase()))].sort(),
    links: [...article.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    styled: [...article.querySelectorAll('[style]')].map(e => e.tagName),
    text: article.innerText.replace(/\\s+/g, ' '),
    base: document.querySelectorAll('base').length,
    refresh: document.querySelectorAll('meta[http-equiv]').length,
  };
}"""
# Fire what a reader's mouse, keyboard and a <details> toggle would, on every element of the article.
POKE = """() => { for (const e of document.querySelectorAll('article *')) {
  for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) e.dispatchEvent(new Event(type));
} }"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server, url = serve(hostile_project(tmp_path_factory) / "site")
    yield url
    server.shutdown()
    server.server_close()


def visit(page: Any, url: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """Open url with every request outside the local server blocked and recorded; inspect the page."""
    dialogs: list[str] = []
    outside: list[str] = []
    local = url.split("/uhc-awards/")[0]

    def route(r: Any) -> None:
        if r.request.url.startswith(local):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url, wait_until="load")
    page.evaluate(POKE)
    page.wait_for_timeout(300)  # a delayed payload (a meta refresh, an onload) would have run by now
    assert page.url == url, f"the page navigated away to {page.url}"
    return page.evaluate(INSPECT), dialogs, outside


@pytest.mark.parametrize("path", sorted(PAGES))
def test_hostile_data_runs_nothing_and_shows_as_text(page: Any, hostile_url: str, site_url: str,
                                                     path: str) -> None:
    got, dialogs, outside = visit(page, hostile_url + path)
    clean, _, theirs = visit(page, site_url + path)  # the same page built from the shipped data
    assert got["flags"] == [] and dialogs == []
    assert got["handlers"] == []
    assert got["scripts"] == clean["scripts"], "scripts differ from the theme's"
    extra = set(got["tags"]) - set(clean["tags"])
    assert not extra & FORBIDDEN, f"elements in the article the page does not have by design: {extra & FORBIDDEN}"
    assert not [h for h in got["links"] if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    assert got["styled"] == clean["styled"] and got["base"] == 0 and got["refresh"] == 0
    assert not set(outside) - set(theirs), f"requests left the site: {set(outside) - set(theirs)}"
    code = PAGES[path]
    texts = hostile_texts()[code] if code else []
    if code or path == "metodologi/":
        texts += criteria_texts()[:1] if code else criteria_texts()
    for text in texts:
        assert text in got["text"], f"{text!r} is not shown as text"
