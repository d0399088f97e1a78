"""One vocabulary, for real: every status and basis word, 'is this uncertain', every anchor and every page path
is spelled in one place (generator/vocabulary.py, generator/views/paths.py), and templates take them from their
view or the renderer's globals. Read from the source, so a new literal anywhere fails here."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.views import paths
from generator.vocabulary import Basis, Status, Tier

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
TEMPLATES = PACKAGE / "render" / "templates"
VOCABULARY = PACKAGE / "vocabulary.py"
PATHS = PACKAGE / "views" / "paths.py"
PY = sorted(PACKAGE.rglob("*.py"))
J2 = sorted(TEMPLATES.rglob("*.j2"))
# Basis words and codes, and the status words that name a basis: each a whole word, any case.
BASIS_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for b in Basis for w in (b.value, b.label)) + r")\b",
                         re.IGNORECASE)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string literal of a module (f-strings as their literal parts joined by '{}'), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    inner = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip | inner:
            yield node.lineno, node.value


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_basis_words_are_spelled_only_in_the_vocabulary() -> None:
    leaks = [f"{_rel(p)}:{line}: {text!r}" for p in PY if p != VOCABULARY for line, text in _strings(p)
             if BASIS_WORDS.search(text)]
    assert leaks == []


def test_templates_take_basis_words_from_views() -> None:
    leaks = []
    for path in J2:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            outside = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", line)
            if BASIS_WORDS.search(outside):
                leaks.append(f"{_rel(path)}:{number}: {outside.strip()[:80]}")
    assert leaks == []


def test_uncertainty_is_decided_once() -> None:
    """Whether an answer is uncertain: vocabulary.certain() (Basis.certain). No other module compares a basis
    with STATED, and every other 'certain'/'uncertain' asks it."""
    for path in (p for p in PY if p != VOCABULARY):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                named = [n for n in [node.left, *node.comparators] if isinstance(n, ast.Attribute)
                         and n.attr == "STATED" and isinstance(n.value, ast.Name) and n.value.id == "Basis"]
                assert not named, f"{_rel(path)}:{node.lineno}: compares with Basis.STATED: use certain()"
            if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") in ("certain", "uncertain"):
                calls = {n.func.id if isinstance(n.func, ast.Name) else n.func.attr
                         for n in ast.walk(node) if isinstance(n, ast.Call)
                         and isinstance(n.func, ast.Name | ast.Attribute)}
                assert "certain" in calls, f"{_rel(path)}:{node.lineno}: {node.name} must ask vocabulary.certain()"


ANCHORS = {paths.PROVINCE_TABLE, paths.CONTEXT, paths.CATEGORY_TABLE}
EDITION = paths.edition(2026).replace("2026", "{}")  # 'uhc-{}': an edition's anchor as an f-string writes it


def _names_an_anchor_or_page(text: str) -> bool:
    return (text in ANCHORS or f"#{paths.PROVINCE_TABLE}" in text or EDITION in text
            or paths.edition_sources(2026).replace("2026", "{}") in text
            or text in paths.PAGES.values() and text != paths.HOME)


def test_anchors_and_page_paths_are_spelled_only_in_paths() -> None:
    """An anchor that other pages link to, or a page's docs path, written anywhere but views/paths.py."""
    leaks = [f"{_rel(p)}:{line}: {text!r}" for p in PY if p != PATHS for line, text in _strings(p)
             if _names_an_anchor_or_page(text)]
    assert leaks == []


@pytest.mark.parametrize("template", J2, ids=lambda p: p.name)
def test_templates_build_no_anchor_or_path(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    literal_ids = re.findall(r"\{ #([^{} ]+) \}", text)
    assert not [i for i in literal_ids if i in ANCHORS or re.fullmatch(EDITION.replace("{}", "[0-9]+"), i)]
    assert not re.search(r"\}\}-[a-z]", text), "an anchor composed in the template: take it from the view"
    assert not re.search(r"[\"'][a-z_/]+\.md[\"']", text), "a page path spelled in the template: use pages.<name>"


def test_no_tier_or_basis_code_outside_the_vocabulary() -> None:
    codes = {t.value for t in Tier} | {b.value for b in Basis}
    assert [f"{_rel(p)}:{line}" for p in PY if p != VOCABULARY for line, text in _strings(p) if text in codes] == []


@pytest.mark.parametrize("template", J2, ids=lambda p: p.name)
def test_templates_carry_no_facts_of_the_data(template: Path) -> None:
    """Years, the registry's counts, file paths: the data's facts reach a template through its view."""
    for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
        outside = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", line)
        assert not re.search(r"\b(?:19|20)[0-9]{2}\b|\b(?:38|514|552)\b", outside), f"{template.name}:{number}"
        assert not re.search(r"[\"'][a-z0-9_/-]+\.(?:md|json|csv|xlsx|png)[\"']", line), f"{template.name}:{number}"


def test_the_vocabulary_is_complete() -> None:
    for status in Status:
        assert status.label and status.title and status.slug and status.colour.startswith("#")
    for basis in Basis:
        assert basis.words.label == basis.label and basis.words.opener and basis.words.note_heading
        assert (basis.words.pattern is None) == basis.certain == (basis.words.pattern_id is None)
