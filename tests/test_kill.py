"""Atomic output: a build killed (SIGKILL) at any moment leaves docs/ and site/ complete, each either as it
was or fully updated, never half-written; hand-written pages are never touched; the next run recovers."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import write
from generator.dataset import load_dataset
from generator.pages import render_site
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


class _Crash(BaseException):
    """Stands for SIGKILL inside one process: nothing catches it, no cleanup runs after it."""


def _crash_at(monkeypatch: pytest.MonkeyPatch, call: int) -> None:
    """Make the call-th os.replace of generator/write.py (every step of a swap is one) kill the run."""
    real, count = os.replace, [0]

    def replace(src: object, dst: object) -> None:
        count[0] += 1
        if count[0] == call:
            raise _Crash
        real(src, dst)  # type: ignore[arg-type]
    monkeypatch.setattr(write.os, "replace", replace)


def _docs_tree(project: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in tree_bytes(project / "docs").items()
            if rel.split("/")[0] in GENERATED_DIRS}


def test_a_run_killed_at_any_step_of_the_swap_is_finished_by_the_next(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministically, at every os.replace of a docs/ swap (SIGKILL rarely lands in that window): the
    folders are each old or new, and recover() (run first by every command) completes the new state."""
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "generate") == 0
    old = _docs_tree(project)
    hand = {name: ((project / "docs" / name).read_bytes(), (project / "docs" / name).stat().st_mtime_ns)
            for name in HAND_WRITTEN}
    change_data(project)
    (project / "data" / "redirects.yaml").write_text('redirects:\n  kota-lama: "12.75"\n', encoding="utf-8")
    ds = load_dataset(project)
    new_files = sorted(render_site(ds, "https://uhc-awards.github.io/uhc-awards/"))
    new = dict(new_files)
    assert new.keys() != old.keys() and new != old
    saved = {top: tmp_path / "saved" / top for top in GENERATED_DIRS if (project / "docs" / top).exists()}
    for top, copy in saved.items():
        shutil.copytree(project / "docs" / top, copy)
    crashed_at = []
    for call in range(1, 100):
        with monkeypatch.context() as patch:
            _crash_at(patch, call)
            try:
                write.write_generated(project, project / "docs", iter(new_files))
            except _Crash:
                crashed_at.append(call)
            else:
                break
        now = _docs_tree(project)
        for top in GENERATED_DIRS:  # each folder complete: as before, as after, or (between two renames) absent
            mine = {k: v for k, v in now.items() if k.startswith(top + "/")}
            assert mine in ({k: v for k, v in old.items() if k.startswith(top + "/")},
                            {k: v for k, v in new.items() if k.startswith(top + "/")}, {}), (call, top)
        write.recover(project)
        assert _docs_tree(project) in (old, new), f"crash at replace #{call}: docs/ neither old nor new"
        assert not (project / write.WORK).exists()
        for top, copy in saved.items():  # back to the old state for the next crash point
            shutil.rmtree(project / "docs" / top, ignore_errors=True)
            shutil.copytree(copy, project / "docs" / top)
        for top in set(GENERATED_DIRS) - set(saved):
            shutil.rmtree(project / "docs" / top, ignore_errors=True)
    assert len(crashed_at) >= 5, crashed_at  # the journal, then two renames per folder
    assert _docs_tree(project) == new
    for name, (data, mtime) in hand.items():
        path = project / "docs" / name
        assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime, name


def test_recovery_rolls_forward_once_the_journal_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash after the journal is in place ends with the new folders; one before it, with the old."""
    root, site = tmp_path, tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    for call, expected in ((1, "old"), (2, "new"), (3, "new")):  # journal rename, site -> old, staged -> site
        staged = write.staging_dir(root, "site")
        (staged / "index.html").write_text("new", encoding="utf-8")
        with monkeypatch.context() as patch:
            _crash_at(patch, call)
            with pytest.raises(_Crash):
                write.replace_dir(root, staged, site)
        write.recover(root)
        assert (site / "index.html").read_text(encoding="utf-8") == expected, call
        assert sorted(p.name for p in site.iterdir()) == ["index.html"]
        assert not (root / write.WORK).exists()
        (site / "index.html").write_text("old", encoding="utf-8")


def test_deleted_record_changes_its_page_and_pages_no_longer_produced_disappear(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / "data" / "redirects.yaml").write_text('redirects:\n  kota-lama: "12.75"\n', encoding="utf-8")
    assert run_cli(project, "generate") == 0
    docs = project / "docs"
    hand = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*")
            if p.is_file() and p.relative_to(docs).parts[0] not in GENERATED_DIRS}
    assert {"index.md", "tentang.md"} <= {p.relative_to(docs).as_posix() for p in hand}
    assert any(p.relative_to(docs).parts[0] == "stylesheets" for p in hand)
    page = docs / "wilayah" / "kota-binjai.md"
    redirect = docs / "wilayah" / "kota-lama.md"
    assert redirect.exists() and "Belum ada data UHC Awards 2026" not in page.read_text(encoding="utf-8")
    next((project / "data" / "awards" / "2026").glob("12.75-*.yaml")).unlink()
    (project / "data" / "redirects.yaml").write_text("redirects: {}\n", encoding="utf-8")
    assert run_cli(project, "generate") == 0
    assert "Belum ada data UHC Awards 2026" in page.read_text(encoding="utf-8")
    assert not redirect.exists()
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in hand} == hand
    assert not [p for p in docs.rglob("*") if p.is_file() and p not in hand
                and p.relative_to(docs).parts[0] not in GENERATED_DIRS], "a file appeared outside the generated folders"
