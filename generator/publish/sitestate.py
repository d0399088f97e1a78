"""What the last site build was made from (sitebuild.py): its signature, and for every page and static file
the identity of its source (inode, size, modification time) and of its output (size, modification time),
with each page's anchors and links to anchors, so that links are checked without rendering the page again."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown  # type: ignore[import-untyped]
import material  # type: ignore[import-untyped]
import mkdocs
import pymdownx  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

FORMAT = 1
SNIPPETS = "pymdownx.snippets"
# Markdown extensions known to read nothing but the page and its config; any other makes every build full.
PURE = frozenset({
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs",
    "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
    "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details", "pymdownx.emoji",
    "pymdownx.escapeall", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.magiclink",
    "pymdownx.mark", "pymdownx.progressbar", "pymdownx.saneheaders", "pymdownx.smartsymbols", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde", SNIPPETS,
})


def included(file: File) -> bool:
    """Whether a build writes the file (not a draft, not excluded): MkDocs' own test."""
    return bool(file.inclusion.is_included())  # type: ignore[no-untyped-call]


def _ident(path: str | None) -> list[int] | None:
    """A source file as it is now: inode, size, modification time (a rewritten file is a new inode or time)."""
    try:
        info = os.stat(path) if path else None
    except OSError:
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns] if info else None


def _out(path: Path) -> list[int] | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


class _Unstable(Exception):
    """A config value without a stable form (an object shown by its address): the build cannot be compared."""


def _plain(value: Any) -> Any:
    """A config value as plain data, in a stable order (sets sorted)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict) or hasattr(value, "items"):
        items = {str(k): _plain(v) for k, v in value.items()}
        extra = {k: _plain(getattr(value, k)) for k in ("name", "dirs", "static_templates") if hasattr(value, k)}
        return {**extra, **items}
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    text = repr(value)
    if " at 0x" in text:
        raise _Unstable(text)
    return text


def _folder(folder: str | None) -> list[list[Any]]:
    """Every file under folder with its identity (the theme's custom_dir, the snippets' base paths)."""
    found: list[list[Any]] = []
    for top, dirs, names in os.walk(folder or "", topdown=True):
        dirs.sort()
        found.extend([os.path.relpath(os.path.join(top, n), folder or ""), _ident(os.path.join(top, n))]
                     for n in sorted(names))
    return found


def theme_key(config: MkDocsConfig) -> str:
    """What decides the theme's static files: its folders, the versions of the packages that hold them, the
    files of its custom_dir."""
    theme = config.theme
    return hashlib.sha256(json.dumps([theme.dirs, sorted(theme.static_templates), mkdocs.__version__,
                                      material.__version__, _folder(theme.custom_dir)]).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Signature:
    text: str | None  # what every page depends on; None: this configuration is always built in full
    snippets: str  # the files snippets may include
    all_snippets: bool  # snippets appended to every page

    @classmethod
    def of(cls, config: MkDocsConfig, files: Files, nav: Navigation) -> Signature:
        extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
        snippets = config.mdx_configs.get(SNIPPETS, {}) or {}
        bases = snippets.get("base_path", ["."])
        digest = hashlib.sha256(json.dumps([_folder(b) for b in ([bases] if isinstance(bases, str) else bases)])
                                .encode("utf-8")).hexdigest() if SNIPPETS in extensions else ""
        try:
            settings = _plain({k: v for k, v in config.items() if k != "site_dir"})
        except _Unstable:
            return cls(None, digest, False)
        if len(extensions) < len(config.markdown_extensions) or not set(extensions) <= PURE or len(config.plugins) \
                or snippets.get("url_download"):
            return cls(None, digest, False)
        versions = [sys.version, mkdocs.__version__, material.__version__, markdown.__version__, pymdownx.__version__,
                    jinja2.__version__]
        layout = [(f.src_uri, f.dest_uri, f.inclusion.name) for f in sorted(files, key=lambda f: f.src_uri)]
        front = [p.meta for p in nav.pages]
        text = json.dumps([FORMAT, versions, settings, os.environ.get("SOURCE_DATE_EPOCH"),
                           _folder(config.theme.custom_dir), layout, str(nav), front], default=repr)
        return cls(hashlib.sha256(text.encode("utf-8")).hexdigest(), digest, bool(snippets.get("auto_append")))


def load(path: str | None) -> dict[str, Any]:
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


class Previous:
    """The last build's state, as far as it still holds for the build under way."""

    def __init__(self, state: dict[str, Any], now: Signature, site: Path) -> None:
        self.usable = now.text is not None and state.get("format") == FORMAT and state.get("signature") == now.text
        self.pages: dict[str, Any] = state.get("pages", {}) if self.usable else {}
        self.static: dict[str, Any] = state.get("static", {}) if self.usable else {}
        self.snippets_changed = state.get("snippets") != now.snippets
        self.site = site
        self.sources: dict[str, list[int] | None] = {}  # each file's source as it was when this build read it

    def page_changed(self, file: File) -> bool:
        self.sources[file.src_uri] = now = _ident(file.abs_src_path)
        old = self.pages.get(file.src_uri)
        return not old or old["src"] != now or old["snippets"] and self.snippets_changed or \
            old["out"] != _out(self.site / file.dest_uri)

    def static_changed(self, file: File) -> bool:
        self.sources[file.dest_uri] = now = _ident(file.abs_src_path)
        old = self.static.get(file.dest_uri)
        return not old or now is None or old["src"] != now or old["out"] != _out(self.site / file.dest_uri)

    def restore_anchors(self, file: File, files: Files) -> None:
        """A page kept from the last build: its anchors and links to anchors, as its rendering found them."""
        old, page = self.pages[file.src_uri], file.page
        assert page is not None
        page.present_anchor_ids = set(old["anchors"])
        page.links_to_anchors = {target: dict(links) for src, links in old["links"].items()
                                 if (target := files.get_file_from_path(src)) is not None}

    def new(self, now: Signature, files: Files, pages: Sequence[File], rendered: set[str]) -> dict[str, Any]:
        """The state after this build (its outputs as they are now in the site folder)."""
        def page(file: File) -> dict[str, Any]:
            if file.src_uri not in rendered:
                return dict(self.pages[file.src_uri], out=_out(self.site / file.dest_uri))
            it: Page | None = file.page
            assert it is not None
            return {"src": self.sources[file.src_uri], "out": _out(self.site / file.dest_uri),
                    "snippets": now.all_snippets or "--8<--" in (it.markdown or ""),
                    "anchors": sorted(it.present_anchor_ids or ()),
                    "links": {to.src_uri: links for to, links in sorted((it.links_to_anchors or {}).items(),
                                                                           key=lambda x: x[0].src_uri)}}

        static = {f.dest_uri: {"src": self.sources.get(f.dest_uri), "out": _out(self.site / f.dest_uri)}
                  for f in files if not f.is_documentation_page() and included(f)}
        return {"format": FORMAT, "signature": now.text, "snippets": now.snippets,
                "pages": {f.src_uri: page(f) for f in pages}, "static": static}
