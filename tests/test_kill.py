"""Atomic output: a build killed (SIGKILL) at any moment leaves docs/ and site/ complete, each either as it
was or fully updated, never half-written; hand-written pages are never touched; the next run recovers."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.judge.dataset import load_dataset
from generator.outputs.pages import render_site
from generator.publish import engine, swap, write
from tests.helpers import GENERATED_DIRS, copy_project, run_cli, tree_bytes, write_record

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
    """Start a build, SIGKILL its process group `delay` s after `ready` appears. True only if the build was
    really killed mid-run: still running, its work folder present at the moment of the kill, ended by SIGKILL.
    (The site engine runs in a process group of its own and may live on: the next run stops it.)"""
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (project / ready).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    mid_run = proc.poll() is None and (project / write.WORK).exists()
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return mid_run and proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize(("stage", "ready", "delay"), [  # the run's scratch appears as staging starts
    ("generation", ".uhc-work", 0.0),
    ("generation", ".uhc-work", 0.02),
    ("generation", ".uhc-work", 0.05),
    ("mkdocs build", ".uhc-work/engine.json", 0.0),  # written as the engine starts (it builds only what changed)
    ("mkdocs build", ".uhc-work/engine.json", 0.25),
    ("mkdocs build", ".uhc-work/engine.json", 0.5),
])
def test_killed_build_leaves_complete_output(states: dict[str, dict[str, bytes]], tmp_path: Path,
                                             stage: str, ready: str, delay: float) -> None:
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "build") == 0
    hand = {name: ((project / "docs" / name).read_bytes(), (project / "docs" / name).stat().st_mtime_ns)
            for name in HAND_WRITTEN}
    assert generated(project) == states["docs_before"]
    change_data(project)
    assert _kill_when(project, ready, delay), f"the build was not killed mid-run ({stage}, {delay} s)"
    docs, site = generated(project), tree_bytes(project / "site")
    assert docs in (states["docs_before"], states["docs_after"]), f"docs/ half-written after a kill in {stage}"
    assert site == states["site_before"], f"site/ changed by a build killed in {stage}"
    if stage == "generation" and delay == 0.0:
        assert docs == states["docs_before"]
    for name, (data, mtime) in hand.items():
        path = project / "docs" / name
        assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime, name
    assert run_cli(project, "build") == 0  # the next run recovers (stopping a left-over engine) and finishes
    assert generated(project) == states["docs_after"]
    assert tree_bytes(project / "site") == states["site_after"]
    assert not (project / ".uhc-work").exists()


def test_an_engine_left_running_by_a_killed_run_is_stopped_by_the_next(tmp_path: Path) -> None:
    """Only uhc-awards is killed (not its process group): MkDocs lives on, writing into .uhc-work/site/. An
    immediate re-run stops it (its pid is in .uhc-work/engine.json) instead of crashing on that folder."""
    project = copy_project(tmp_path / "p")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "build"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    record = project / write.WORK / "engine.json"
    deadline = time.monotonic() + 60
    while not (record.exists() and record.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.01)
    engine_pid = json.loads(record.read_text(encoding="utf-8"))["pid"]
    time.sleep(0.5)
    proc.kill()
    proc.wait()
    assert Path(f"/proc/{engine_pid}").exists(), "the engine should outlive the killed run"
    assert run_cli(project, "build") == 0
    stat = Path(f"/proc/{engine_pid}/stat")
    assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z", "the engine still runs"
    assert (project / "site" / "index.html").exists() and not (project / write.WORK).exists()


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


def _crash_at(monkeypatch: pytest.MonkeyPatch, call: int, exchange: bool = True) -> list[str]:
    """Make the call-th step of a swap (every rename, replace and exchange in swap.py) kill the run; without
    `exchange` the file system is made to refuse RENAME_EXCHANGE (the fallback, folder by folder)."""
    real_replace, real_rename, real_exchange = os.replace, os.rename, swap.exchange
    steps: list[str] = []

    def step(name: str) -> None:
        steps.append(name)
        if len(steps) == call:
            raise _Crash

    def replace(src: object, dst: object) -> None:
        step("replace")
        real_replace(src, dst)  # type: ignore[arg-type]

    def rename(src: object, dst: object) -> None:
        step("rename")
        real_rename(src, dst)  # type: ignore[arg-type]

    def exchange_(a: Path, b: Path) -> None:
        if not exchange:
            raise OSError(errno.EINVAL, "not supported here")
        step("exchange")
        real_exchange(a, b)
    monkeypatch.setattr(swap.os, "replace", replace)
    monkeypatch.setattr(swap.os, "rename", rename)
    monkeypatch.setattr(swap, "exchange", exchange_)
    return steps


def _docs_tree(project: Path) -> dict[str, bytes]:
    return {rel: data for rel, data in tree_bytes(project / "docs").items()
            if rel.split("/")[0] in GENERATED_DIRS}


def _hand(project: Path) -> dict[str, tuple[bytes, int]]:
    return {name: ((project / "docs" / name).read_bytes(), (project / "docs" / name).stat().st_mtime_ns)
            for name in HAND_WRITTEN}


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic-exchange", "folder-by-folder-fallback"])
def test_a_run_killed_at_any_step_of_the_swap_leaves_docs_old_or_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     exchange: bool) -> None:
    """Deterministically, at every step of a docs/ swap (SIGKILL rarely lands in that window). With the atomic
    exchange, docs/ is old or new at the very moment of the crash; in the fallback each folder is (old, new or
    absent between its two renames) and the next run's recover() completes one whole state."""
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "generate") == 0
    old = _docs_tree(project)
    hand = _hand(project)
    change_data(project)
    (project / "data" / "redirects.yaml").write_text('redirects:\n  kota-lama: "12.75"\n', encoding="utf-8")
    ds = load_dataset(project)
    new_files = sorted(render_site(ds, "https://uhc-awards.github.io/uhc-awards/"))
    new = dict(new_files)
    assert new.keys() != old.keys() and new != old
    saved = tmp_path / "saved"
    shutil.copytree(project / "docs", saved)
    crashed_at = []
    for call in range(1, 100):
        with monkeypatch.context() as patch:
            steps = _crash_at(patch, call, exchange)
            try:
                write.write_generated(project, project / "docs", iter(new_files))
            except _Crash:
                crashed_at.append(steps[-1])
            else:
                break
        now = _docs_tree(project)
        if exchange:
            assert now in (old, new), f"crash at step {call} ({steps[-1]}): docs/ mixed before any recovery"
        else:
            for top in GENERATED_DIRS:
                mine = {k: v for k, v in now.items() if k.startswith(top + "/")}
                assert mine in ({k: v for k, v in old.items() if k.startswith(top + "/")},
                                {k: v for k, v in new.items() if k.startswith(top + "/")}, {}), (call, top)
        assert _hand(project) == hand
        write.recover(project)
        assert _docs_tree(project) in (old, new), f"crash at step {call}: docs/ neither old nor new after recovery"
        assert not (project / write.WORK).exists()
        assert _hand(project) == hand
        shutil.rmtree(project / "docs")  # back to the old state for the next crash point
        shutil.copytree(saved, project / "docs")
        hand = _hand(project)
    # the probes (staging in the spare, then the swap), the journal, the swap (the old tree stays as the spare)
    expected = ["exchange", "exchange", "replace", "exchange"] if exchange else ["replace"] + ["replace"] * 2
    assert crashed_at[:len(expected)] == expected, crashed_at
    assert _docs_tree(project) == new
    assert _hand(project) == hand


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic-exchange", "folder-by-folder-fallback"])
def test_site_is_old_or_new_at_every_step_of_its_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      exchange: bool) -> None:
    root, site = tmp_path, tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    seen = set()
    for call in range(1, 20):
        staged = write.staging_dir(root, "site")
        (staged / "index.html").write_text("new", encoding="utf-8")
        with monkeypatch.context() as patch:
            _crash_at(patch, call, exchange)
            try:
                write.replace_dir(root, staged, site)
            except _Crash:
                pass
            else:
                break
        if exchange:  # never absent, never both
            assert sorted(p.name for p in site.iterdir()) == ["index.html"], call
            seen.add((site / "index.html").read_text(encoding="utf-8"))
        write.recover(root)
        assert (site / "index.html").read_text(encoding="utf-8") in ("old", "new"), call
        assert sorted(p.name for p in site.iterdir()) == ["index.html"]
        assert not (root / write.WORK).exists()
        (site / "index.html").write_text("old", encoding="utf-8")
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    if exchange:
        assert seen == {"old", "new"}


def test_a_hand_written_page_saved_during_the_swap_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor that saves by writing a new file and renaming it over the old one, in the moment between
    staging and the exchange: the new page is carried into the new docs/."""
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "generate") == 0
    change_data(project)
    real_exchange = swap.exchange
    page = project / "docs" / "tentang.md"

    def exchange(a: Path, b: Path) -> None:
        if b == project / "docs":
            tmp = page.with_name("tentang.md.new")
            tmp.write_text("# Tentang (disunting)\n", encoding="utf-8")
            os.replace(tmp, page)
            (project / "docs" / "baru.md").write_text("# Halaman baru\n", encoding="utf-8")
        real_exchange(a, b)
    monkeypatch.setattr(swap, "exchange", exchange)
    assert run_cli(project, "generate") == 0
    assert page.read_text(encoding="utf-8") == "# Tentang (disunting)\n"
    assert (project / "docs" / "baru.md").read_text(encoding="utf-8") == "# Halaman baru\n"
    assert not (project / "docs" / "tentang.md.new").exists()


def _snapshot(project: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(project).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for folder in ("docs", "site") for p in sorted((project / folder).rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "build") == 0
    change_data(project)
    return project


def test_a_crashing_engine_leaves_docs_and_site_as_they_were(built: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The engine fails after the new docs/ was swapped in: docs/ is swapped back, site/ untouched, and the
    reader gets one line instead of the engine's traceback (the whole output is in .uhc-build.log)."""
    before = _snapshot(built)
    crash = "import os, sys; os.makedirs(sys.argv[1] + '/x'); raise OSError(28, 'No space left on device')"
    monkeypatch.setattr(engine, "command", lambda _e, _c, out: [sys.executable, "-c", crash, str(out)])
    assert run_cli(built, "build") == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "mkdocs crashed: OSError: [Errno 28] No space left on device" in err
    assert "docs/ and site/ are as they were" in err
    assert _snapshot(built) == before
    assert not (built / write.WORK).exists() and "Traceback" in (built / engine.LOG).read_text(encoding="utf-8")
    monkeypatch.undo()
    assert run_cli(built, "build") == 0  # nothing was recorded as current: the next build does the work
    page = built / "site" / "wilayah" / "kota-binjai" / "index.html"
    assert "menerima UHC Awards 2026 kategori Madya." in page.read_text(encoding="utf-8")


def test_a_full_disk_while_staging_leaves_docs_as_they_were(built: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(built)
    real, count = os.write, [0]
    stages = (str(built / write.SPARE / "docs") + "/", str(built / write.WORK / "docs") + "/")

    def full_disk(fd: int, data: bytes) -> int:  # the disk fills up while the pages are staged
        if os.readlink(f"/proc/self/fd/{fd}").startswith(stages):
            count[0] += 1
            if count[0] > 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)
    monkeypatch.setattr(os, "write", full_disk)
    assert run_cli(built, "build") == 2 and count[0] == 3
    err = capsys.readouterr().err
    assert "error: cannot write the pages into .uhc-spare/ (No space left on device); docs/ and site/ are as they " \
           "were." in err and "Traceback" not in err
    assert _snapshot(built) == before and not (built / write.WORK).exists()


def _mount_tmpfs(path: Path, size: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    path.mkdir(parents=True, exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], check=False,
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")


def test_docs_on_another_file_system_gives_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    hand = tmp_path / "hand"
    shutil.copytree(project / "docs", hand)
    shutil.rmtree(project / "docs")
    _mount_tmpfs(project / "docs", "64m")
    try:
        shutil.copytree(hand, project / "docs", dirs_exist_ok=True)
        assert run_cli(project, "generate") == 2
        err = capsys.readouterr().err
        assert "docs/ is on another file system than the project folder" in err and "Traceback" not in err
        assert sorted(p.name for p in (project / "docs").iterdir()) == sorted(p.name for p in hand.iterdir())
    finally:
        subprocess.run(["umount", str(project / "docs")], check=False)


def test_a_really_full_disk_during_the_site_build_changes_nothing(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The whole project on a small file system: generation fits, the site does not."""
    mount = tmp_path / "small"
    _mount_tmpfs(mount, "12m")
    try:
        project = copy_project(mount / "p", with_awards=False)
        write_record(project, "2026/12.75.yaml", 'region: "12.75"\nyear: 2026\nawarded: true\nbasis: stated\n'
                     "sources:\n  - {url: 'https://example.org/x', publisher: FIXTURE}\n")
        before = _snapshot(project)
        code = run_cli(project, "build")
        err = capsys.readouterr().err
        if code == 0:
            pytest.skip("the site fitted in the small file system")
        assert code == 2 and "Traceback" not in err and "No space left on device" in err, err
        assert _snapshot(project) == before and not (project / write.WORK).exists()
    finally:
        subprocess.run(["umount", str(mount)], check=False)


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
