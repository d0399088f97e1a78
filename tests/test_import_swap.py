"""Imports are transactional: the records an import writes are staged in .uhc-work/ and swapped into
data/awards/<year>/ in one step (publish/datafiles.py). Killed at any step (SIGKILL included), data/ holds the
records as they were or as the import made them, no leftover ever blocks `check`, and the next run finishes the
job; a full disk changes nothing in data/. (Generated test rows and placeholder URLs, not real award data.)"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import datafiles, swap, write
from tests.helpers import copy_project, run_cli, tree_bytes, write_record
from tests.test_kill import _Crash, _crash_at

SHEET = """name,level,province,tier,basis,recipient,source_url
Balangan,kabupaten,Kalsel,utama,stated,Bupati Uji,https://example.org/generated-1
Binjai,kota,Sumut,pratama,stated,,https://example.org/generated-2
Tabalong,kabupaten,Kalsel,madya,stated,,https://example.org/generated-3
"""
BINJAI = """
region: "12.75"
year: 2026
awarded: true
basis: stated
sources:
  - url: https://example.org/generated-8
    publisher: GENERATED TEST FIXTURE
"""


def _awards(project: Path) -> dict[str, bytes]:
    return tree_bytes(project / "data" / "awards")


def _hidden_in_data(project: Path) -> list[str]:
    return [p.name for p in (project / "data").rglob(".*")]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one record the import completes (Binjai gains its tier) and two it creates."""
    project = copy_project(tmp_path / "p", with_awards=False)
    write_record(project, "2026/12.75-kota-binjai.yaml", BINJAI)
    (tmp_path / "s.csv").write_text(SHEET, encoding="utf-8")
    return project


def _import(project: Path) -> int:
    return run_cli(project, "import", str(project.parent / "s.csv"), "--year", "2026")


def _after(project: Path, tmp_path: Path) -> dict[str, bytes]:
    done = tmp_path / "done"
    shutil.copytree(project, done)
    assert run_cli(done, "import", str(project.parent / "s.csv"), "--year", "2026") == 0
    return _awards(done)


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic-exchange", "folder-by-folder-fallback"])
def test_an_import_killed_at_any_step_of_its_swap_leaves_data_old_or_new(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Deterministically, at every rename of the swap (SIGKILL rarely lands there): the year folder is old or new
    at the very moment of the crash (or, where folders cannot be exchanged, absent between its two renames, which
    `check` reports); `check` is never blocked by what the crash left; the next import finishes the job."""
    old, new = _awards(project), _after(project, tmp_path)
    assert old != new and set(old) < set(new)
    saved = tmp_path / "saved"
    shutil.copytree(project / "data" / "awards", saved)
    crashed = []
    for call in range(1, 40):
        with monkeypatch.context() as patch:
            steps = _crash_at(patch, call, exchange)
            try:
                _import(project)
            except _Crash:
                crashed.append(steps[-1])
            else:
                break
        now = _awards(project)
        absent = not (project / "data" / "awards" / "2026").exists()
        assert now in (old, new) or (not exchange and absent), f"crash at step {call}: data/ mixed"
        assert _hidden_in_data(project) == [], "a temporary file was left in data/"
        capsys.readouterr()
        if absent:
            assert run_cli(project, "check") == 1
            assert "error: data/awards/2026: is missing: an import was killed while it swapped the records in" \
                in capsys.readouterr().err
        else:
            assert run_cli(project, "check") == 0, capsys.readouterr().err
        assert _import(project) == 0  # finishes (or forgets, then redoes) the interrupted swap
        assert _awards(project) == new and not (project / write.WORK).exists()
        shutil.rmtree(project / "data" / "awards")
        shutil.copytree(saved, project / "data" / "awards")
    expected = ["exchange", "replace", "exchange", "rename"] if exchange else ["replace", "replace", "replace"]
    assert crashed == expected, crashed  # the probe, the journal, the swap (the old tree put aside)
    assert _awards(project) == new


def test_an_import_killed_by_sigkill_is_finished_by_the_next_run(project: Path, tmp_path: Path) -> None:
    """A real SIGKILL the moment the import starts staging: data/ is old or new, check passes, a re-run ends
    with every record written and nothing left behind."""
    old, new = _awards(project), _after(project, tmp_path)
    killed = []
    for delay in (0.0, 0.005, 0.02):
        proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "import",
                                 str(tmp_path / "s.csv"), "--year", "2026"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stage = project / write.WORK / datafiles.STAGE
        deadline = time.monotonic() + 60
        while not stage.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed.append((proc.returncode == -signal.SIGKILL, _awards(project) == new))
        assert _awards(project) in (old, new), delay
        assert _hidden_in_data(project) == []
        assert run_cli(project, "check") == 0
        assert _import(project) == 0
        assert _awards(project) == new and not (project / write.WORK).exists()
        shutil.rmtree(project / "data" / "awards" / "2026")
        write_record(project, "2026/12.75-kota-binjai.yaml", BINJAI)
    assert any(k for k, _ in killed), f"no run was killed mid-import: {killed}"


def test_a_full_disk_while_staging_changes_nothing_in_data(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "data").rglob("*") if p.is_file()}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(datafiles.os, "fsync", fsync)
    assert _import(project) == 2
    err = capsys.readouterr().err
    assert "error: cannot stage the records in .uhc-work/ (No space left on device); data/ is as it was." in err
    assert "Traceback" not in err
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "data").rglob("*") if p.is_file()}
    assert after == before and not (project / write.WORK).exists()
    monkeypatch.undo()
    assert _import(project) == 0


def test_a_record_saved_by_hand_during_the_swap_is_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor saves a record the import does not touch (and adds one), in the moment between staging and the
    swap: both are carried into the new year folder, like a hand-written page of docs/."""
    other = write_record(project, "2026/63.01-kabupaten-tanah-laut.yaml", BINJAI.replace('"12.75"', '"63.01"'))
    real_exchange = swap.exchange

    def exchange(a: Path, b: Path) -> None:
        if b == project / "data" / "awards" / "2026":
            tmp = other.with_name("edit.tmp")
            tmp.write_text(other.read_text(encoding="utf-8") + "notes: Disunting (generated fixture).\n",
                           encoding="utf-8")
            os.replace(tmp, other)
            write_record(project, "2026/63.02-kabupaten-kotabaru.yaml", BINJAI.replace('"12.75"', '"63.02"'))
        real_exchange(a, b)
    monkeypatch.setattr(swap, "exchange", exchange)
    assert _import(project) == 0
    assert "notes: Disunting (generated fixture)." in other.read_text(encoding="utf-8")
    assert (project / "data" / "awards" / "2026" / "63.02-kabupaten-kotabaru.yaml").exists()
    assert (project / "data" / "awards" / "2026" / "63.11-kabupaten-balangan.yaml").exists()
    assert not (project / "data" / "awards" / "2026" / "edit.tmp").exists()
    assert run_cli(project, "check") == 0
