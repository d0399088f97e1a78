"""Two runs at once on one checkout (an editor's build-on-save and a terminal; serve and build): one waits for
the other (or is refused with exit 3 when it may not wait), and both trees are complete afterwards."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.publish import lock, serve, write
from generator.publish.project import Project
from tests.helpers import GENERATED_DIRS, copy_project, run_cli, tree_bytes

pytestmark = pytest.mark.e2e


def _generated(project: Path) -> dict[str, bytes]:
    docs = project / "docs"
    return {f"{d}/{k}": v for d in GENERATED_DIRS if (docs / d).exists() for k, v in tree_bytes(docs / d).items()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    project = copy_project(tmp_path_factory.mktemp("reference") / "p")
    assert run_cli(project, "build") == 0
    return {"docs": _generated(project), "site": tree_bytes(project / "site")}


def _start(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _holder(project: Path) -> int:
    """The pid written in the lock file once a run holds the lock."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            return int(json.loads((project / lock.LOCK).read_text(encoding="utf-8"))["pid"])
        except (OSError, ValueError, KeyError):
            time.sleep(0.01)
    raise AssertionError("no run took the lock")


@pytest.mark.parametrize(("first", "second", "delay"), [("build", "build", 0.1), ("build", "build", 0.4),
                                                        ("build", "generate", 0.2)])
def test_two_runs_started_at_once_both_finish_and_leave_complete_trees(
        reference: dict[str, dict[str, bytes]], tmp_path: Path, first: str, second: str, delay: float) -> None:
    project = copy_project(tmp_path / "p")
    one = _start(project, first)
    time.sleep(delay)
    two = _start(project, second)
    out_one, err_one = one.communicate(timeout=300)
    out_two, err_two = two.communicate(timeout=300)
    assert one.returncode == 0, err_one
    assert two.returncode == 0, err_two
    # a build holds the lock for seconds: whichever took it first, the other waited for it
    assert f"waiting for pid {one.pid} (uhc-awards {first}" in err_two or \
        f"waiting for pid {two.pid} (uhc-awards {second}" in err_one
    assert _generated(project) == reference["docs"]
    assert tree_bytes(project / "site") == reference["site"]
    assert not (project / write.WORK).exists()
    stamps = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    proc = _start(project, "generate")
    out, _ = proc.communicate(timeout=120)
    assert "nothing changed since the last run" in out  # the state records the complete tree
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_a_run_that_may_not_wait_is_refused_with_exit_3(reference: dict[str, dict[str, bytes]],
                                                        tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    one = _start(project, "build")
    pid = _holder(project)
    started = time.monotonic()
    refused = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "--wait", "0.5", "generate"],
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 3, refused.stderr
    assert time.monotonic() - started < 20
    assert f"error: pid {pid} (uhc-awards build, started " in refused.stderr
    assert "is writing in this project folder; gave up after 0.5 s; nothing was written." in refused.stderr
    assert "fix: wait for it to finish" in refused.stderr and "Traceback" not in refused.stderr
    _, err = one.communicate(timeout=300)
    assert one.returncode == 0, err
    assert _generated(project) == reference["docs"] and tree_bytes(project / "site") == reference["site"]


def test_the_lock_of_a_killed_run_is_free_at_once(tmp_path: Path) -> None:
    """flock is released by the kernel when its holder dies, however it dies: no stale lock to clean up."""
    code = ("import sys, time; from pathlib import Path; from generator.publish import lock\n"
            "with lock.hold(Path(sys.argv[1]), 'build'):\n    print('held', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(lock.Busy) as busy, lock.hold(tmp_path, "generate", wait=0.2):
        pass
    assert busy.value.holder.pid == holder.pid
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    started = time.monotonic()
    with lock.hold(tmp_path, "generate", wait=0.0):
        assert json.loads((tmp_path / lock.LOCK).read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert time.monotonic() - started < 0.5


def test_a_waiting_run_says_whom_it_waits_for_then_proceeds(tmp_path: Path) -> None:
    released = threading.Event()

    def hold() -> None:
        with lock.hold(tmp_path, "build"):
            released.wait(5)
    thread = threading.Thread(target=hold)
    thread.start()
    _holder(tmp_path)
    said: list[str] = []
    threading.Timer(0.3, released.set).start()
    with lock.hold(tmp_path, "generate", wait=10, notify=said.append):
        pass
    thread.join()
    assert len(said) == 1 and said[0].startswith(f"waiting for pid {os.getpid()} (uhc-awards build, started ")


def _report(exc: DataError, _state: str) -> None:
    raise AssertionError(f"the copied project has problems: {exc}")


def test_serve_skips_a_regeneration_while_another_run_writes(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "p", with_awards=False))
    with lock.hold(project.root, "build"):
        assert serve.regenerate(project, _report) is False  # tried again on serve's next tick
        assert not (project.docs / "wilayah").exists()
    assert serve.regenerate(project, _report) is True and (project.docs / "wilayah").is_dir()
