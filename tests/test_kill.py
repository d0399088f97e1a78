"""Atomic output: a build killed (SIGKILL) at any moment leaves docs/ and site/ complete, each either as it
was or fully updated, never half-written; hand-written pages are never touched; the next run recovers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import GENERATED_DIRS, copy_project, run_cli, tree_bytes

pytestmark = pytest.mark.e2e
HAND_WRITTEN = ("index.md", "tentang.md", "stylesheets/uhc.css")


def generated(project: Path) -> dict[str, bytes]:
    docs = project / "docs"
    return {f"{d}/{k}": v for d in GENERATED_DIRS if (docs / d).exists() for k, v in tree_bytes(docs / d).items()}


def change_data(project: Path) -> None:
    record = next((project / "data" / "awards" / "2026").glob("12.75-*.yaml"))
    record.write_text(record.read_text(encoding="utf-8").replace("tier: pratama", "tier: madya"), encoding="utf-8")


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The output before and after the change, each from a complete build."""
    base = tmp_path_factory.mktemp("states")
    before, after = copy_project(base / "before"), copy_project(base / "after")
    change_data(after)
    assert run_cli(before, "build") == 0 and run_cli(after, "build") == 0
    return {"docs_before": generated(before), "site_before": tree_bytes(before / "site"),
            "docs_after": generated(after), "site_after": tree_bytes(after / "site")}


def _kill_when(project: Path, ready: str, delay: float) -> bool:
    """Start a build, SIGKILL its whole process group `delay` s after `ready` appears; True if it was killed."""
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (project / ready).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return killed


@pytest.mark.parametrize(("stage", "ready", "delay"), [
    ("generation", ".uhc-work/docs", 0.0),
    ("generation", ".uhc-work/docs", 0.02),
    ("generation", ".uhc-work/docs", 0.05),
    ("mkdocs build", ".uhc-work/site", 0.0),
    ("mkdocs build", ".uhc-work/site", 0.5),
    ("mkdocs build", ".uhc-work/site", 1.5),
])
def test_killed_build_leaves_complete_output(states: dict[str, dict[str, bytes]], tmp_path: Path,
                                             stage: str, ready: str, delay: float) -> None:
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "build") == 0
    hand = {name: ((project / "docs" / name).read_bytes(), (project / "docs" / name).stat().st_mtime_ns)
            for name in HAND_WRITTEN}
    assert generated(project) == states["docs_before"]
    change_data(project)
    killed = _kill_when(project, ready, delay)
    docs, site = generated(project), tree_bytes(project / "site")
    assert docs in (states["docs_before"], states["docs_after"]), f"docs/ half-written after a kill in {stage}"
    assert site in (states["site_before"], states["site_after"]), f"site/ half-written after a kill in {stage}"
    if delay == 0.0:
        assert killed, "the build ended before it could be killed"
        if stage == "generation":
            assert docs == states["docs_before"] and site == states["site_before"]
        else:
            assert site == states["site_before"]
    for name, (data, mtime) in hand.items():
        path = project / "docs" / name
        assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime, name
    assert run_cli(project, "build") == 0  # the next run recovers and finishes the job
    assert generated(project) == states["docs_after"]
    assert tree_bytes(project / "site") == states["site_after"]
    assert not (project / ".uhc-work").exists()


def test_stale_generated_pages_are_removed_and_hand_written_kept(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "build") == 0
    stale = project / "docs" / "wilayah" / "kabupaten-lama.md"
    stale.write_text("# a page no longer generated\n", encoding="utf-8")
    (project / "docs" / "catatan.md").write_text("# hand-written\n", encoding="utf-8")
    assert run_cli(project, "generate") == 0
    assert not stale.exists()
    assert (project / "docs" / "catatan.md").read_text(encoding="utf-8") == "# hand-written\n"


def test_rerun_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "generate") == 0
    stamps = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for d in GENERATED_DIRS
              for p in (project / "docs" / d).rglob("*") if p.is_file()}
    assert run_cli(project, "generate") == 0
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in stamps} == stamps
