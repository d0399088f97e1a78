"""MkDocs' own build, redone for only what changed: the `mkdocs` engine of `uhc-awards build` and `serve`.

A page's HTML is made from its source, the navigation, the config and the theme. Here the navigation comes
from mkdocs.yml (titles included) and the set of files in docs/. So when the config (as loaded, environment
included), the theme, the files of docs/ and the front matter of the pages in the navigation are as in the last
build (sitestate.signature), only the pages whose source (or a snippet it includes) changed are rendered; every
other page's HTML is the last build's, which the staged folder holds already (hard links, mirror.py: so every
file is replaced, never written through). Static files are copied when their source changed; 404.html and the
sitemap are made every time. Pages not rendered keep their anchors and links from the state, so that every
link to an anchor is checked as in a full build. Without a usable state, or with a plugin, a Markdown
extension not known to read only its page, or a nav page without a title in mkdocs.yml, every page is built,
as `mkdocs build --clean` does. tests/test_incremental.py proves the output byte-identical to a clean build.

Run as `python -m generator.publish.sitebuild build --strict --clean -f mkdocs.yml -d OUT` (MkDocs' own command
line, its build function replaced by build() below), with the last state in $UHC_SITE_STATE and the new one
written to $UHC_SITE_STATE_OUT.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.utils import CountHandler, clean_directory

from generator.publish import sitestate
from generator.publish.engine import Result
from generator.publish.mirror import flush
from generator.render.renderer import CompiledTemplates

log = logging.getLogger("mkdocs.commands.build")
SITEMAP_GZ = "sitemap.xml.gz"


def _replace(path: str) -> str:
    """The output path, its old file (a link to the live site's) unlinked so that it is never written through."""
    Path(path).unlink(missing_ok=True)
    return path


def _outputs(files: Files, config: MkDocsConfig) -> set[str]:
    """Every file a clean build writes, relative to site_dir."""
    made = {f.dest_uri for f in files if sitestate.included(f)}
    made |= set(config.theme.static_templates) | set(config.extra_templates)
    return made | ({SITEMAP_GZ} if "sitemap.xml" in made else set())


def _prune(site: Path, keep: set[str]) -> None:
    """Remove what a clean build would not have made (a page gone since the last build), and empty folders."""
    for folder, _, names in os.walk(site, topdown=False):
        rel = os.path.relpath(folder, site)
        for name in names:
            if (name if rel == "." else f"{rel}/{name}") not in keep:
                os.unlink(os.path.join(folder, name))
        if rel != "." and not os.listdir(folder):
            os.rmdir(folder)


def _theme_files(files: Files, env: jinja2.Environment, config: MkDocsConfig, previous: dict[str, Any]) -> list[Any]:
    """files.add_files_from_theme(), which lists every file of the theme's folders (Material's: thousands of
    icons) to find its static files; the list is kept in the state, for the same theme (sitestate.theme_key)."""
    key = sitestate.theme_key(config)
    found = previous.get("theme_files") if previous.get("theme_key") == key else None
    if found is None:
        before = {f.src_uri for f in files}
        files.add_files_from_theme(env, config)
        return [key, [[f.src_uri, f.src_dir] for f in files if f.src_uri not in before]]
    for path, folder in found:
        if files.get_file_from_path(path) is None:
            files.append(File(path, folder, config.site_dir, config.use_directory_urls))
    return [key, found]


def build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False,
          previous: dict[str, Any] | None = None, compiled: str | None = None) -> dict[str, Any]:
    """Build the site into config.site_dir, which holds the last build's output (or anything: a full build
    cleans it); returns the new state. `previous`: the last build's state. compiled: a folder where compiled
    templates are kept between runs (keyed by each template's source: never stale)."""
    previous = previous or {}
    logger = logging.getLogger("mkdocs")
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(counter)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        if compiled:
            env.bytecode_cache = CompiledTemplates(Path(compiled))
        theme = _theme_files(files, env, config, previous)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        pages = files.documentation_pages()
        for page in nav.pages:  # their front matter shows in every page's navigation (icons, status)
            page.read_source(config)
        site = Path(config.site_dir)
        now = sitestate.Signature.of(config, files, nav)
        old = sitestate.Previous(previous, now, site)
        if not old.usable:
            clean_directory(config.site_dir)
        untitled = {p.file.src_uri for p in nav.pages if "title" not in vars(p)}  # titled by their own text
        changed = [f for f in pages if old.page_changed(f) or f.src_uri in untitled]
        for file in changed:
            assert file.page is not None
            mkdocs_build._populate_page(file.page, config, files)
        for file in pages:
            if file not in changed:
                old.restore_anchors(file, files)
        env = config.plugins.on_env(env, config=config, files=files)
        written = []
        for file in files:
            if not file.is_documentation_page() and sitestate.included(file) and old.static_changed(file):
                _replace(file.abs_dest_path)
                file.copy_file()
                written.append(file.dest_uri)
        for template in config.theme.static_templates:
            for name in (template, SITEMAP_GZ) if template == "sitemap.xml" else (template,):
                _replace(os.path.join(config.site_dir, name))
                written.append(name)
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _replace(os.path.join(config.site_dir, template))
            mkdocs_build._build_extra_template(template, files, config, nav)
            written.append(template)
        for file in changed:
            assert file.page is not None
            _replace(file.abs_dest_path)
            mkdocs_build._build_page(file.page, config, pages, nav, env)
            written.append(file.dest_uri)
        for file in pages:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        made = _outputs(files, config)
        _prune(site, made)
        flush(site, [w for w in written if (site / w).exists()])  # before the site is swapped in
        log.info(f"Built {len(changed)} of {len(pages)} pages ({'incremental' if old.usable else 'full'} build)")
        return {**old.new(now, files, pages, {f.src_uri for f in changed}), "theme_key": theme[0],
                "theme_files": theme[1], "rendered": len(changed)}
    except Exception as exc:
        config.plugins.on_build_error(error=exc)
        if isinstance(exc, BuildError):
            log.error(str(exc))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logger.removeHandler(counter)


def _command_line_build(config: MkDocsConfig, *, serve_url: str | None = None, dirty: bool = False) -> None:
    """build() as `mkdocs build` calls it, with the files the caller names: the last state ($UHC_SITE_STATE),
    taken only if it names the site the output folder holds now ($UHC_SITE_TREE: that site's inode), and the
    new one ($UHC_SITE_STATE_OUT), naming the output folder (the site it becomes when swapped in)."""
    previous = sitestate.load(os.environ.get("UHC_SITE_STATE"))
    if previous.get("tree") != int(os.environ.get("UHC_SITE_TREE") or 0) or not previous.get("tree"):
        previous = {}
    state = build(config, previous=previous, compiled=os.environ.get("UHC_COMPILED"))
    out = os.environ.get("UHC_SITE_STATE_OUT")
    if out:
        state["tree"] = os.stat(config.site_dir).st_ino
        Path(out).write_text(json.dumps(state, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def build_here(config_file: Path, out: Path, env: dict[str, str], cwd: Path) -> Result:
    """The same build in this process (serve: everything already imported), its output captured as the child
    process's would be. The environment and working folder (pymdownx.snippets finds its base_path from it) are
    the child's for the build, and restored after it."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    here = os.getcwd()
    os.chdir(cwd)
    logger = logging.getLogger("mkdocs")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    code = 0
    try:
        _command_line_build(load_config(str(config_file), site_dir=str(out), strict=True))
    except (Abort, ConfigurationError) as exc:
        stream.write(f"Aborted: {exc}\n")
        code = 1
    except Exception:  # noqa: BLE001 (a crash of the engine, told like the child's: its last line)
        stream.write(traceback.format_exc())
        code = 1
    finally:
        os.chdir(here)
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Result(code, stream.getvalue())


def main(argv: list[str]) -> None:
    """MkDocs' command line with this module's build."""
    from mkdocs.__main__ import cli

    mkdocs_build.build = _command_line_build
    cli(argv)


if __name__ == "__main__":
    main(sys.argv[1:])

