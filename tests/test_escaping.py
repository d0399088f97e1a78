"""Every text from the data reaches a page as text: escaped for Markdown (with the site's own extensions),
for HTML attributes and for YAML front matter. First per escaping function, through the same Markdown
pipeline MkDocs uses (hypothesis feeds it arbitrary text), then on a whole site built from hostile data.
The browser test (tests/browser/test_injection.py) checks the same site in chromium."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from generator.render.escape import attr, md, yaml_string
from tests.hostile import PageScan, criteria_texts, hostile_project, hostile_texts

REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = "PLACEHOLDERTEXT"

# Where templates put data text: a paragraph, a table cell, link text, headings, list items, an admonition,
# raw HTML link text (the sources list), a raw HTML table cell (the editions), a paragraph of its own (notes).
CONTEXTS = [
    "Diterima oleh: {}.",
    "| Kriteria | Nilai |\n|---|---|\n| {} | 99 % |",
    "[{}](../x/)",
    "## {} {{ #uhc-2026 }}",
    "## {}",
    "- 1 Februari 2026: {}",
    '!!! danger "Angka tidak cocok"\n    Teks {}',
    '- <a href="https://example.org/x" rel="nofollow noopener">{}</a>, 27 Januari 2026',
    '<div class="uhc-history" data-search-exclude>\n<table>\n<tbody>\n<tr><td><a href="#uhc-2026">{}</a></td>'
    "<td>x</td></tr>\n</tbody>\n</table>\n</div>",
    "### Catatan\n\n{}\n\n### Sumber",
    "**Cara mengutip:** {}, UHC Awards 2026",
]
PAYLOADS = [
    "<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">', "[a](javascript:alert(1))",
    "![x](https://example.org/x.png)", '{: onclick="alert(1)" }', "--8<-- \"ringkasan.md\"", "&lt;b&gt; &amp; &#60;",
    "| a | b |", "a\n# judul\nb", "---\ntitle: x\n---", "- daftar", "1. daftar", "***", "___", "* x", "+ x",
    "> kutipan", "    kode", "```\nkode\n```", "~~~", "<!-- komentar", "]]>", "[^1]", "*[HTML]: x", "!!! note",
    "<https://evil.example/>", "a  \nb", "a\\", "{{ jinja }} {% raw %}", "x\u2028y\x85z", "=== x", ": definisi",
    '" onmouseover="alert(1)', "' onmouseover='alert(1)", "<div markdown>**x**</div>", "`kode`", "ke-2", "2. x",
]
_SNIPPET_MARKER = "SNIPPET-INCLUDED"


class Tree(HTMLParser):
    """A page's structure (tags and attributes, ids and in-page links neutralised) and its text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append((tag, tuple((k, "#" if k == "id" or (v or "").startswith("#") else v) for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.shape.append(("/" + tag, ()))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.shape.append(("<!--", ()))


@pytest.fixture(scope="module")
def render(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Markdown -> HTML with the extensions and settings of mkdocs.yml; snippets come from a folder
    holding a marker file, so that an include that got through would show."""
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    snippets = tmp_path_factory.mktemp("snippets")
    (snippets / "ringkasan.md").write_text(_SNIPPET_MARKER, encoding="utf-8")
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        configs[name] = dict(options, base_path=[str(snippets)]) if name == "pymdownx.snippets" else options

    def convert(source: str) -> str:
        return markdown.markdown(source, extensions=names, extension_configs=configs)
    return convert


def shown(value: str) -> str:
    """The text a reader must see for value: the same characters, whitespace collapsed."""
    return " ".join(value.split())


def assert_literal(render: Any, value: str) -> None:
    for context in CONTEXTS:
        expected = Tree(render(context.format(PLACEHOLDER)))
        got = Tree(render(context.format(md(value))))
        assert got.shape == expected.shape, f"{value!r} changed the structure of {context!r}"
        want = shown("".join(expected.text).replace(PLACEHOLDER, shown(value)))
        assert shown("".join(got.text)) == want, f"{value!r} is not shown literally in {context!r}"


@pytest.mark.parametrize("value", PAYLOADS)
def test_hostile_text_renders_as_literal_text(render: Any, value: str) -> None:
    assert_literal(render, value)


def test_hostile_record_texts_render_as_literal_text(render: Any) -> None:
    for texts in hostile_texts().values():
        for value in texts:
            assert_literal(render, value)
    for value in criteria_texts():
        assert_literal(render, value)


_MARKDOWN_CHARS = st.sampled_from(list("<>&\"'`*_-+.#|!~=:;%@$^{}[]()\\/ \n\t0123456789aZ"))
_ANY_CHAR = st.characters(exclude_categories=("Cs", "Cc"))  # control characters: the loader rejects them
markdownish = st.text(st.one_of(_MARKDOWN_CHARS, _ANY_CHAR), max_size=60)


@settings(max_examples=300, deadline=None, database=None)
@given(markdownish)
def test_any_text_renders_as_literal_text(render: Any, value: str) -> None:
    assume(shown(value))  # the loader turns blank text into no value
    assert_literal(render, value)


@settings(max_examples=300, deadline=None, database=None)
@given(markdownish)
def test_attribute_values_cannot_end_the_attribute(value: str) -> None:
    page = PageScan(f'<article><a href="{attr(value)}" rel="nofollow">x</a></article>')
    assert [(tag, attrs) for tag, attrs, _ in page.tags] == [("article", {}), ("a", {"href": value, "rel": "nofollow"})]
    assert page.text == "x"


@settings(max_examples=300, deadline=None, database=None)
@given(markdownish)
def test_front_matter_strings_stay_one_value(value: str) -> None:
    page = f"---\ntitle: {yaml_string(value)}\nsearch:\n  boost: 3\n---\n\n# Judul\n"
    body, meta = get_data(page)  # how MkDocs reads front matter
    assert set(meta) == {"title", "search"} and meta["search"] == {"boost": 3}
    assert body.strip() == "# Judul"
    # The theme prints front matter into HTML as it is (<title>, <meta content="...">): what a browser
    # reads from there must be the text itself, with nothing else in the element.
    head = PageScan(f'<article><meta name="description" content="{meta["title"]}"><p>{meta["title"]}</p></article>')
    assert [(tag, attrs) for tag, attrs, _ in head.tags] == [
        ("article", {}), ("meta", {"name": "description", "content": shown(value)}), ("p", {})]
    assert head.text == shown(value)
    assert yaml.safe_load(f"description: {yaml_string(value)}") == {"description": meta["title"]}


# The whole site, built from hostile records and criteria (tests/hostile.py): static checks of every page.

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_project(tmp_path_factory) / "site"


FORBIDDEN_IN_ARTICLE = {"script", "style", "img", "iframe", "object", "embed", "form", "input", "base", "meta", "link",
                        "details", "math", "video", "audio", "source", "b", "em", "code", "blockquote", "ol"}


def test_no_page_of_the_hostile_site_carries_injected_markup(hostile_site: Path, built_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 500
    for path in pages:
        rel = path.relative_to(hostile_site)
        page = PageScan(path.read_text(encoding="utf-8"))
        handlers = [(tag, name) for tag, attrs, _ in page.tags for name in attrs if name.startswith("on")]
        assert not handlers, f"{rel}: event handler attributes {handlers}"
        hrefs = [attrs.get("href") or "" for tag, attrs, _ in page.tags if tag == "a"]
        assert not [h for h in hrefs if re.match(r"\s*(javascript|data|vbscript):", h, re.I)], rel
        assert "__pwned" not in "".join(page.scripts), f"{rel}: a payload reached a script"
        assert _SNIPPET_MARKER not in page.text
        # The same page built from the shipped data: the theme's scripts only, and no kind of element
        # in the article that the page does not have by design (the 404 page has a search form).
        clean = PageScan((built_site / rel).read_text(encoding="utf-8"))
        assert page.scripts == clean.scripts, f"{rel}: scripts differ"
        # the one <details> the templates write (research notes, class uhc-research) is by design
        inside = {tag for tag, attrs, in_article in page.tags
                  if in_article and not (tag == "details" and attrs.get("class") == "uhc-research")}
        extra = inside & FORBIDDEN_IN_ARTICLE - {tag for tag, _, in_article in clean.tags if in_article}
        assert not extra, f"{rel}: {extra} in the article"


@pytest.mark.parametrize("code", sorted(hostile_texts()))
def test_hostile_texts_show_literally_on_the_region_page(hostile_site: Path, code: str) -> None:
    from generator.read.regions import load_registry

    region = load_registry(REPO / "data" / "regions").regions[code]
    folder = "provinsi" if region.is_province else "wilayah"
    page = PageScan((hostile_site / folder / region.slug / "index.html").read_text(encoding="utf-8"))
    for text in hostile_texts()[code]:
        assert text in page.text, f"{text!r} is not shown as text on {region.slug}"
    edition = criteria_texts()[0]
    assert edition in page.text
    # the title is the registry's name, then the answer with the edition's (hostile) name shown as text
    assert page.title.startswith(region.name + ":")
    assert edition in html.unescape(page.meta["description"]) and edition in page.title


def test_criteria_texts_show_literally_on_the_methodology_page(hostile_site: Path) -> None:
    page = PageScan((hostile_site / "metodologi" / "index.html").read_text(encoding="utf-8"))
    for text in criteria_texts():
        assert text in page.text, f"{text!r} is not shown as text on the methodology page"
