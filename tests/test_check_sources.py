"""scripts/check_sources.py: every source address of the data, each asked once, sorted into dead (404/410, no
host, refused), unsure (403, 5xx, timeouts) and ok, with the place it is cited and its archived copy. Tested
against a server on loopback (the real check needs the network and is not run in CI)."""

from __future__ import annotations

import http.server
import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "check_sources.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_sources", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    import sys
    sys.modules["check_sources"] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


cs = _load()


class _Handler(http.server.BaseHTTPRequestHandler):
    asked: list[tuple[str, str]] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _answer(self) -> None:
        _Handler.asked.append((self.command, self.path))
        if self.path == "/slow":
            time.sleep(2)
        code = {"/ok": 200, "/gone": 404, "/removed": 410, "/forbidden": 403, "/broken": 500,
                "/no-head": 405 if self.command == "HEAD" else 200}.get(self.path, 200)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/gone")
        else:
            self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer  # noqa: N815


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_dead_unsure_and_ok_are_told_apart(base: str) -> None:
    paths = ["/ok", "/gone", "/removed", "/forbidden", "/broken", "/moved", "/no-head", "/slow"]
    items = [cs.Source(base + p, f"data/awards/2026/x.yaml:{i + 5}") for i, p in enumerate(paths)]
    items.append(cs.Source(f"http://127.0.0.1:{_free_port()}/", "data/awards/2026/y.yaml:7"))
    items.append(cs.Source("http://no-such-host.invalid/", "data/awards/2026/z.yaml:9"))
    got = {r.source.url.replace(base, ""): (r.verdict, r.why) for r in cs.check(items, timeout=1.0, workers=4)}
    assert got["/ok"] == ("ok", "HTTP 200") and got["/no-head"] == ("ok", "HTTP 200")
    assert got["/gone"] == ("dead", "HTTP 404") and got["/removed"] == ("dead", "HTTP 410")
    assert got["/moved"] == ("dead", "HTTP 404")  # followed to where it leads
    assert got["/forbidden"][0] == got["/broken"][0] == got["/slow"][0] == "unsure"
    refused = next(v for k, v in got.items() if k.startswith("http://127.0.0.1:"))
    assert refused == ("dead", "the host refuses connections")
    assert got["http://no-such-host.invalid/"][0] == "dead"


def test_the_same_address_is_asked_once(base: str) -> None:
    _Handler.asked.clear()
    items = [cs.Source(base + "/ok?once", f"a.yaml:{i}") for i in range(5)]
    results = cs.check(items, timeout=2.0)
    assert [r.source.where for r in results] == [f"a.yaml:{i}" for i in range(5)]
    assert _Handler.asked == [("HEAD", "/ok?once")]


def test_every_source_of_the_shipped_data_is_listed_with_its_place() -> None:
    found = cs.sources(REPO)
    assert len(found) > 400
    balangan = [s for s in found if s.where.startswith("data/awards/2026/63.11-kabupaten-balangan.yaml:")]
    assert [s.url for s in balangan] == ["https://kalimantanpost.com/2026/01/bupati-balangan-terima-penghargaan-uhc-"
                                         "awards-2026", "https://www.headline.co.id/?p=64262"]
    assert any(s.where.startswith("data/criteria/2026.yaml") for s in found)


def test_the_report_names_file_line_and_the_archive_and_fails_on_a_dead_one(
        base: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cs, "sources", lambda root: [cs.Source(base + "/gone", "data/awards/2026/x.yaml:12"),
                                                     cs.Source(base + "/ok", "data/awards/2026/x.yaml:14")])
    assert cs.main(["--timeout", "2"]) == 1
    out = capsys.readouterr().out
    archive = f"https://web.archive.org/web/*/{base}/gone"
    assert f"data/awards/2026/x.yaml:12: {base}/gone: HTTP 404 (arsip: {archive})" in out
    assert "2 source citations: 1 ok, 1 dead, 0 unsure" in out
    monkeypatch.setattr(cs, "sources", lambda root: [cs.Source(base + "/ok", "x.yaml:1")])
    assert cs.main([]) == 0
