"""Hostile text in a record reaches the page as text: no element, attribute, script or include injected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import serve
from tests.helpers import copy_project, run_cli, write_record

pytestmark = pytest.mark.browser

# Generated hostile strings (test data, not real): each would inject something if not escaped.
PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=\"window.__pwned = 2\">",
    "[klik](javascript:window.__pwned=3) ![gambar](https://example.org/x.png)",
    "**tebal** _miring_ `kode` {: onclick=\"window.__pwned=4\" } <b>b</b>",
    "--8<-- \"/etc/passwd\"",
    "| kolom | pecah |",
    "&lt;script&gt; &amp; &#60;",
    "<div onmouseover=\"window.__pwned=5\">x</div>",
    "${{ secrets }} {{ jinja }} {% raw %}",
]
HOSTILE = "\n".join(f"  - url: https://example.org/{i}\n    publisher: '{p.replace(chr(39), chr(39) * 2)}'\n"
                    f"    title: '{p.replace(chr(39), chr(39) * 2)}'" for i, p in enumerate(PAYLOADS))


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "p", with_awards=False)
    joined = " ".join(PAYLOADS)
    write_record(project, "2026/63.11.yaml", "\n".join([
        'region: "63.11"', "year: 2026", "awarded: true", "tier: madya",
        "metrics: {coverage: 92.5, activity: 84}",
        f"recipient: {_quoted(joined)}", f"notes: {_quoted(joined)}", f"conflict_note: {_quoted(joined)}",
        "corrections:", f"  - {{date: 2026-02-01, text: {_quoted(joined)}}}",
        "sources:", HOSTILE, ""]))
    assert run_cli(project, "build") == 0
    server, url = serve(project / "site")
    yield url
    server.shutdown()
    server.server_close()




@pytest.mark.parametrize("path", ["wilayah/kabupaten-balangan/", "koreksi/", "provinsi/kalimantan-selatan/"])
def test_no_injection_in_the_browser(page: Any, hostile_site: str, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site + path)
    page.locator("article").hover()
    assert page.evaluate("() => window.__pwned") is None
    assert not dialogs
    article = page.locator("article")
    assert article.locator("script").count() == 0
    assert article.locator("img").count() == 0
    assert article.locator("b").count() == 0
    handlers = article.evaluate(
        "a => [...a.querySelectorAll('*')].flatMap(e => [...e.attributes].map(x => x.name))"
        ".filter(n => n.startsWith('on'))")
    assert handlers == []
    hrefs = article.evaluate("a => [...a.querySelectorAll('a[href]')].map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    if path.startswith("wilayah"):
        text = article.inner_text()
        assert "<script>window.__pwned = 1</script>" in text  # shown as text, exactly
        assert "--8<-- \"/etc/passwd\"" in text and "root:" not in text
        assert "[klik](javascript:window.__pwned=3)" in text
        assert "&lt;script&gt; &amp; &#60;" in text
