"""A site built from hostile (but valid) data, shared by tests/test_escaping.py and the browser test.

The records are tests/bad_inputs/hostile/*.yaml; the 2026 criteria get hostile texts too (edition, place,
eligibility, notes, a gate label, a source's publisher), since criteria are data that reach pages as well.
Built once per test session, on first use.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import copy_project, run_cli

HOSTILE = Path(__file__).parent / "bad_inputs" / "hostile"

# Generated hostile criteria texts (double-quoted YAML, so \n is a newline). Each could inject something.
CRITERIA_TEXTS = {
    "edition: UHC Awards 2026":
        'edition: "UHC Awards 2026 \\"><script>window.__pwned20=1</script>\\n---\\ntitle: pwned\\n'
        '{: onclick=\\"window.__pwned21=1\\"} description: x"',
    "  place: JIExpo Kemayoran, Jakarta":
        '  place: "JIExpo <img src=x onerror=\\"window.__pwned22=1\\"> | pecah | [x](javascript:void(0))"',
    "  uhc_prioritas: Berstatus UHC Prioritas":
        '  uhc_prioritas: "Berstatus UHC Prioritas <svg onload=\\"window.__pwned23=1\\"> `kode` *miring*"',
    "publisher: headline9.com}":
        "publisher: \"headline9.com <script>window.__pwned24=1</script> --8<-- 'ringkasan.md'\"}",
}
_BUILT: dict[str, Path] = {}


def hostile_texts() -> dict[str, list[str]]:
    """Region code -> every text its hostile record shows, whitespace collapsed as the page shows it."""
    found: dict[str, list[str]] = {}
    for path in sorted(HOSTILE.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [data.get(k) for k in ("recipient", "notes", "conflict_note")]
        texts += [s.get(k) for s in data["sources"] for k in ("publisher", "title")]
        texts += [c["text"] for c in data.get("corrections", [])]
        found[data["region"]] = [" ".join(t.split()) for t in texts if t]
    return found


def criteria_texts() -> list[str]:
    """The hostile criteria texts as they read after YAML and whitespace collapsing."""
    values = [yaml.safe_load(line.strip().rstrip("}"))  # the publisher line is part of a flow mapping
              for line in CRITERIA_TEXTS.values()]
    return [" ".join(str(next(iter(v.values()))).split()) for v in values]


def build_hostile_project(base: Path) -> Path:
    project = copy_project(base / "p", with_awards=False)
    (project / "data" / "awards" / "2026").mkdir(parents=True)
    for path in HOSTILE.glob("*.yaml"):
        shutil.copy(path, project / "data" / "awards" / "2026" / path.name)
    criteria = project / "data" / "criteria" / "2026.yaml"
    text = criteria.read_text(encoding="utf-8")
    for plain, hostile in CRITERIA_TEXTS.items():
        assert text.count(plain) == 1, f"data/criteria/2026.yaml changed: update CRITERIA_TEXTS ({plain})"
        text = text.replace(plain, hostile)
    criteria.write_text(text, encoding="utf-8")
    assert run_cli(project, "build") == 0
    return project


def hostile_project(tmp_path_factory: Any) -> Path:
    """The hostile project, built on first use in this test session."""
    if "project" not in _BUILT:
        _BUILT["project"] = build_hostile_project(tmp_path_factory.mktemp("hostile"))
    return _BUILT["project"]


class PageScan(HTMLParser):
    """What a built page holds: every tag with its attributes, its scripts, and the article's text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None], bool]] = []  # (tag, attrs, inside the article)
        self.scripts: list[str] = []
        self.article_text: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._article = 0
        self._in: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self._article += 1
        self.tags.append((tag, values, self._article > 0))
        if tag == "script":
            self.scripts.append(values.get("src") or "")
        if tag == "meta" and (values.get("name") or values.get("property")):
            self.meta[str(values.get("name") or values.get("property"))] = values.get("content") or ""
        if tag == "script" or tag == "title" and not self.title:  # the document's title, not an SVG's
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article -= 1
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "title":
            self.title += data
            self._in = None
        elif self._article:
            self.article_text.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.article_text).split())
