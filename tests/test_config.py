"""mkdocs.yml is read as the site engine reads it: the generator's site_url is MkDocs' own (its loader, `!ENV`,
anchors, merge keys, INHERIT, its normalization), and what the two could read differently, or what must never
become a link, is refused at its line: a key written twice, a site address that is not plain http(s), a docs
folder or URL style the generator does not write for. `check` says so too; `build` writes nothing."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publish.project import Project, site_url
from tests.helpers import copy_project

LINE = 'site_url: !ENV [SITE_URL, "https://uhc-awards.github.io/uhc-awards/"]\n'
FIX = "fix: write the address the site is served at, http or https"


def _config(project: Path, edit: tuple[str, str] | None) -> None:
    if edit is not None:
        path = project / "mkdocs.yml"
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text
        path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")


# (mkdocs.yml edit, $SITE_URL, the error line after "error: ", a fragment of its fix)
BAD = {
    "site-url-twice": ((LINE, LINE + "site_url: https://other.example.org/\n"), None,
                       "mkdocs.yml:7: site_url: written twice (first at line 6): MkDocs takes the last, the generator "
                       "and other engines could take the first", "keep one of the two"),
    "nested-key-twice": (("  language: id\n", "  language: id\n  language: en\n"), None,
                         "mkdocs.yml:16: language: written twice (first at line 15)", "keep one"),
    "javascript-site-url": (None, "javascript://x/%0aalert(document.domain)",
                            "mkdocs.yml:6: site_url: 'javascript://x/%0aalert(document.domain)' (from $SITE_URL) "
                            "is not an http(s) address", FIX),
    "javascript-upper-case": (None, "JavaScript://uhc.example.org/", "mkdocs.yml:6: site_url: "
                              "'JavaScript://uhc.example.org/' (from $SITE_URL) is not an http(s) address", FIX),
    "data-site-url": (None, "data:text/html,<script>x</script>", "mkdocs.yml:6: site_url: "
                      "'data:text/html,<script>x</script>' (from $SITE_URL) is not an http(s) address", FIX),
    "relative-site-url": (None, "/uhc-awards/", "mkdocs.yml:6: site_url: '/uhc-awards/' (from $SITE_URL) is not an "
                          "http(s) address", FIX),
    "site-url-with-a-query": (None, "https://uhc.example.org/?v=1", "mkdocs.yml:6: site_url: "
                              "'https://uhc.example.org/?v=1' (from $SITE_URL) has a query or a fragment", FIX),
    "site-url-with-a-quote": (None, 'https://uhc.example.org/"onmouseover=x', "mkdocs.yml:6: site_url: "
                              "'https://uhc.example.org/\"onmouseover=x' (from $SITE_URL) contains spaces, quotes",
                              FIX),
    "site-url-with-a-user": (None, "https://bpjs-kesehatan.go.id@evil.example/", "mkdocs.yml:6: site_url: "
                             "'https://bpjs-kesehatan.go.id@evil.example/' (from $SITE_URL) has a user name before "
                             "the host", FIX),
    "site-url-zero-width-space": (None, "https://uhc.example\u200b.org/", "mkdocs.yml:6: site_url: "
                                  "'https://uhc.example\\u200b.org/' (from $SITE_URL) contains U+200B (zero width "
                                  "space)", FIX),
    "site-url-read-as-true": (None, "true", "mkdocs.yml:6: site_url: True (from $SITE_URL) is not text", FIX),
    "site-url-python-tag": ((LINE, "site_url: !!python/name:os.getcwd\n"), None,
                            "mkdocs.yml:6: site_url: is a tag the engine would run as code", FIX),
    "site-url-in-the-file": ((LINE, "site_url: ftp://uhc.example.org/\n"), None,
                             "mkdocs.yml:6: site_url: 'ftp://uhc.example.org/' is not an http(s) address", FIX),
    "docs-dir-elsewhere": (("docs_dir: docs\n", "docs_dir: pages\n"), None,
                           "mkdocs.yml:8: docs_dir: 'pages': the generator writes the pages into docs/",
                           "write docs_dir: docs"),
    "file-urls": (("strict: true\n", "strict: true\nuse_directory_urls: false\n"), None,
                  "mkdocs.yml:12: use_directory_urls: False: the generator's links lead to folders",
                  "use_directory_urls: true"),
    "inherit-missing": (("site_name:", "INHERIT: base.yml\nsite_name:"), None,
                        "mkdocs.yml:1: cannot be read: Inherited config file 'base.yml' does not exist",
                        "fix mkdocs.yml"),
}


def _snapshot(project: Path) -> dict[str, str]:
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in ("docs", "site") for p in sorted((project / folder).rglob("*")) if p.is_file()}


def _run(project: Path, command: str, env_url: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if env_url is not None:
        env["SITE_URL"] = env_url
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), command], env=env,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_setting_the_engine_would_read_otherwise_is_refused_by_check(name: str, tmp_path: Path) -> None:
    edit, env_url, expected, fix = BAD[name]
    project = copy_project(tmp_path / "p", with_awards=False)
    _config(project, edit)
    proc = _run(project, "check", env_url)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith("error: " + expected)]
    assert found, f"expected a line starting with\nerror: {expected}\ngot:\n{proc.stderr}"
    assert fix in lines[found[0] + 1], proc.stderr


@pytest.mark.e2e
@pytest.mark.parametrize("env_url", ["javascript://x/%0aalert(document.domain)", "https://uhc.example.org/#top"])
def test_build_with_a_bad_site_url_writes_nothing(env_url: str, tmp_path: Path) -> None:
    """The issue's case: SITE_URL with a javascript: scheme built 553 pages with href="javascript:..."."""
    project = copy_project(tmp_path / "p", with_awards=False)
    assert _run(project, "build", None).returncode == 0
    before = _snapshot(project)
    proc = _run(project, "build", env_url)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"error: mkdocs.yml:6: site_url: {env_url!r} (from $SITE_URL)" in proc.stderr
    assert _snapshot(project) == before


def _mkdocs_site_url(project: Path) -> str | None:
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"))
    value = config["site_url"]
    return str(value) if value is not None else None


# (mkdocs.yml edit, extra file, $SITE_URL): addresses the generator must read exactly as MkDocs reads them.
AGREE = {
    "default": (None, None, None),
    "from-the-environment": (None, None, "https://uhc.example.org/sub"),
    "scheme-and-host-in-capitals": (None, None, "HTTPS://Uhc.Example.org/Sub"),
    "inherited": ((LINE, ""), ("base.yml", "site_url: https://inherited.example.org/uhc\n"), None),
    "overridden-over-inherit": ((LINE, LINE.replace("!ENV [SITE_URL, ", "").replace('/"]', '/"')
                                 .replace("uhc-awards.github.io", "own.example.org")),
                                ("base.yml", "site_url: https://inherited.example.org/\n"), None),
    "anchor-and-alias": ((LINE, "site_url: *address\n"),
                         None, None),
    "merge-key": ((LINE, "<<: {site_url: 'https://merged.example.org/x/'}\n"), None, None),
    "no-site-url": ((LINE, ""), None, None),
}


@pytest.mark.parametrize("name", sorted(AGREE))
def test_the_generator_reads_site_url_as_mkdocs_does(name: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    edit, extra, env_url = AGREE[name]
    project = copy_project(tmp_path / "p", with_awards=False)
    _config(project, edit)
    if name == "anchor-and-alias":
        _config(project, ("site_name: UHC Awards Indonesia\n", "site_name: UHC Awards Indonesia\n"
                                                              "site_author: &address https://alias.example.org/uhc/\n"))
    if name in ("inherited", "overridden-over-inherit"):
        _config(project, ("site_name:", "INHERIT: base.yml\nsite_name:"))
    if extra is not None:
        (project / extra[0]).write_text(extra[1], encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    if env_url is not None:
        monkeypatch.setenv("SITE_URL", env_url)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    ours = site_url(Project(project))
    theirs = _mkdocs_site_url(project)
    assert ours == (theirs or "/"), (ours, theirs)
