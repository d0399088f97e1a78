"""`uhc-awards serve`: the live preview regenerates when a record changes, and never falls over or lies: every
error while it watches is one line and the served pages stay; an address in use, or a server that stops by
itself, ends it with a line and exit status 2; a record that vanishes is an error, never a silent "no data"."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import jinja2
import pytest

from generator.publish import build, lock, serve, write
from generator.publish.project import Project
from tests.helpers import copy_project, write_record

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


def _wait_log(log: Path, needle: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if needle in text:
            return text
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} not in the log within {seconds} s:\n{log.read_text(encoding='utf-8')}")


def _serve(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "serve", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def test_an_address_in_use_is_one_line_and_exit_2_before_any_page_is_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", with_awards=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _serve(project, "--dev-addr", f"127.0.0.1:{port}")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert _errors(proc.stderr) == [f"error: 127.0.0.1:{port} is in use by another program; the preview did not "
                                    "start"], proc.stderr
    assert f"fix: stop that program, or choose another port: --dev-addr 127.0.0.1:{port + 1}" in proc.stderr
    assert not (project / "docs" / "wilayah").exists()


@pytest.mark.parametrize("address", ["8000", "localhost:", "127.0.0.1:99999", "127.0.0.1:http"])
def test_a_malformed_address_is_one_line_and_exit_2(tmp_path: Path, address: str) -> None:
    proc = _serve(copy_project(tmp_path / "p", with_awards=False), "--dev-addr", address)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert _errors(proc.stderr) == [f"error: --dev-addr {address!r} is not HOST:PORT"]


def test_the_watch_survives_folders_that_vanish_while_it_looks(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder listed, then gone before it is read (deterministic), and folders made and removed as fast as
    possible while the watch looks (the race itself): the watch never raises, and sees what is there."""
    data = tmp_path / "data"
    (data / "awards" / "2026").mkdir(parents=True)
    (data / "awards" / "2026" / "x.yaml").write_text("x", encoding="utf-8")
    (data / "gone").mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path.endswith("gone"):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
        return real_scandir(path)
    monkeypatch.setattr(serve.os, "scandir", scandir)
    assert list(serve.snapshot([data, tmp_path / "missing"])) == [str(data / "awards" / "2026" / "x.yaml")]
    monkeypatch.undo()
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            deep = data / "awards" / "2026" / "tmp" / "a" / "b"
            deep.mkdir(parents=True, exist_ok=True)
            (deep / "f.yaml").write_text("x", encoding="utf-8")
            shutil.rmtree(data / "awards" / "2026" / "tmp", ignore_errors=True)
    worker = threading.Thread(target=churn)
    worker.start()
    try:
        for _ in range(300):
            assert str(data / "awards" / "2026" / "x.yaml") in serve.snapshot([data])
    finally:
        stop.set()
        worker.join()


@pytest.mark.parametrize(("error", "line"), [
    (jinja2.TemplateSyntaxError("unexpected '}'", 12, "region.md.j2", "templates/region.md.j2"),
     "template templates/region.md.j2:12: unexpected '}'"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory", "data/awards/2026/sub"),
     "data/awards/2026/sub: No such file or directory"),
    (write.OutputError("cannot write the pages into .uhc-work/ (No space left on device)", "free disk space"),
     "cannot write the pages into .uhc-work/ (No space left on device)"),
    (lock.LockError("cannot lock .uhc-work.lock: Operation not supported"),
     "LockError: cannot lock .uhc-work.lock: Operation not supported"),
    (jinja2.UndefinedError("'view' is undefined"), "UndefinedError: 'view' is undefined"),
])
def test_a_failed_regeneration_is_one_line_and_the_pages_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str],
                                                              error: Exception, line: str) -> None:
    (tmp_path / "data").mkdir()

    def generate(_project: Project) -> None:
        raise error
    monkeypatch.setattr(build, "generate", generate)
    assert serve.regenerate(Project(tmp_path), lambda _e, _u: None) is True  # handled: wait for the next change
    err = capsys.readouterr().err
    assert err == f"error: regeneration failed: {line}; the preview shows the pages as they were\n"


@pytest.mark.e2e
def test_serve_regenerates_keeps_pages_on_errors_and_exits_2_when_mkdocs_dies(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", with_awards=False)
    record = write_record(project, "2026/12.75.yaml", RECORD.format(tier="pratama"))
    port = _free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/uhc-awards/wilayah/kota-binjai/"
        _wait_for(url, "menerima UHC Awards 2026 kategori Pratama.", 120)
        for _ in range(200):  # folders made and removed under data/ while serve looks every 0.1 s
            (project / "data" / "awards" / "2026" / "tmp" / "a").mkdir(parents=True, exist_ok=True)
            shutil.rmtree(project / "data" / "awards" / "2026" / "tmp")
        record.unlink()
        record.mkdir()  # the record replaced by an empty folder: an error, never a silent "Belum ada data"
        _wait_log(log_path, "error: data/awards/2026/12.75.yaml: is a folder inside a year folder", 60)
        assert "kategori Pratama." in _wait_for(url, "kategori Pratama.", 5)
        record.rmdir()
        write_record(project, "2026/12.75.yaml", RECORD.format(tier="madya"))
        _wait_for(url, "menerima UHC Awards 2026 kategori Madya.", 120)
        assert proc.poll() is None, "serve stopped"
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text(encoding="ascii").split()
        os.kill(int(children[0]), 9)  # the site engine dies
        assert proc.wait(timeout=60) == 2
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=30)
        log.close()
    text = log_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, text
    assert "error: the preview server stopped by itself (MkDocs exited with status -9); the pages are no longer " \
           "served" in text
