"""`uhc-awards serve`: the live preview regenerates when a record changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import copy_project, write_record

pytestmark = pytest.mark.e2e

RECORD = """
region: "12.75"
year: 2026
awarded: true
basis: stated
tier: {tier}
sources:
  - url: https://example.org/generated-test-fixture
    publisher: GENERATED TEST FIXTURE
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, needle: str, seconds: float) -> str:
    deadline, text = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                text = response.read().decode("utf-8")
            if needle in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} not served at {url} within {seconds} s")


def test_serve_regenerates_on_data_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", with_awards=False)
    write_record(project, "2026/12.75.yaml", RECORD.format(tier="pratama"))
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/uhc-awards/wilayah/kota-binjai/"
        _wait_for(url, "menerima UHC Awards 2026 kategori Pratama.", 90)
        write_record(project, "2026/12.75.yaml", RECORD.format(tier="madya"))
        _wait_for(url, "menerima UHC Awards 2026 kategori Madya.", 90)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
