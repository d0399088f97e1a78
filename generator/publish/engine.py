"""The site engine (MkDocs, or Zensical) as a child process: its command, its run in a process group of its
own with its pid recorded, a short account of a failure, and the stopping of an engine a killed run left behind.

A run killed while the engine builds (SIGKILL, a closed terminal) leaves the engine running, still writing into
.uhc-work/site/. Its pid and start time are in .uhc-work/engine.json; the next run stops that process group
before it touches .uhc-work/ (stop_orphan), so the two never write into one folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ENGINES = ("mkdocs", "zensical")
RECORD = "engine.json"
LOG = ".uhc-build.log"
_SHOWN = 20  # lines of a failed build's warnings shown; the whole output is in LOG


class EngineMissing(Exception):
    """The optional engine is not installed."""


class BuildError(Exception):
    """The site engine failed; the message says why in a few lines (the whole output is in engine.LOG).
    docs/ and site/ are as they were."""


@dataclass(frozen=True, slots=True)
class Result:
    returncode: int
    output: str


def command(engine: str, config: Path, out: Path) -> list[str]:
    """The engine's build command. Both read mkdocs.yml; MkDocs' own build is run by sitebuild.py, which builds
    only what changed; Zensical (optional extra) builds into site_dir, which mkdocs.yml takes from $UHC_SITE_DIR."""
    if engine == "mkdocs":  # not -q: MkDocs counts warnings for --strict only at the levels it shows
        return [sys.executable, "-m", "generator.publish.sitebuild", "build", "--strict", "--clean", "-f", str(config),
                "-d", str(out)]
    if engine == "zensical":
        script = Path(sys.executable).with_name("zensical")
        if not script.exists():
            raise EngineMissing("Zensical is not installed: pip install -e '.[zensical]'")
        return [str(script), "build", "--strict", "--clean", "-f", str(config)]
    raise ValueError(f"unknown engine {engine!r}")


def _start_ticks(pid: int) -> str | None:
    """The process's start time (clock ticks since boot) from /proc, None when it is gone or a zombie."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = raw[raw.rfind(")") + 2:].split()  # after "pid (comm) ": state is first, starttime 20th
    if len(fields) < 20 or fields[0] in ("Z", "X"):
        return None
    return fields[19]


def run(cmd: list[str], cwd: Path, env: dict[str, str], work: Path) -> Result:
    """Run the engine in a process group of its own and wait for it; its pid is recorded in work/RECORD
    while it runs. Interrupted (Ctrl-C), the engine is killed with it."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, process_group=0)
    record = work / RECORD
    try:
        record.write_text(json.dumps({"pid": proc.pid, "start": _start_ticks(proc.pid)}), encoding="utf-8")
        raw, _ = proc.communicate()
    except BaseException:
        _kill_group(proc.pid)
        proc.wait()
        raise
    finally:
        record.unlink(missing_ok=True)
    return Result(proc.returncode, raw.decode("utf-8", "replace"))


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(pgid, signal.SIGKILL)


def stop_orphan(work: Path, patience: float = 10.0) -> int | None:
    """Stop the engine a killed run left running (recorded in work/RECORD), and wait until it has gone.
    Returns its pid, or None when there was none. The process is identified by pid and start time, so a pid
    the system has since given to another process is never signalled (without /proc nothing is killed)."""
    try:
        raw = json.loads((work / RECORD).read_text(encoding="utf-8"))
        pid, start = int(raw["pid"]), raw["start"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if start is None or _start_ticks(pid) != start:
        return None
    _kill_group(pid)
    deadline = time.monotonic() + patience
    while _start_ticks(pid) == start and time.monotonic() < deadline:
        time.sleep(0.02)
    return pid


def summary(engine: str, result: Result) -> str:
    """What a reader needs of a failed build: its warnings and errors, or the last line of a crash (the
    traceback itself is only in the log)."""
    lines = [ln.rstrip() for ln in result.output.splitlines() if ln.strip()]
    shown = [ln for ln in lines if ln.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    if "Traceback (most recent call last):" in result.output:
        last = next((ln for ln in reversed(lines) if not ln.startswith(" ")), "")
        shown = [ln for ln in shown if not ln.startswith("ERROR") or ln == last] + [f"{engine} crashed: {last}"]
    if not shown:
        shown = [ln for ln in lines if not ln.startswith("INFO")][-5:] or [f"{engine} exited with {result.returncode}"]
    more = len(shown) - _SHOWN
    return "\n".join(shown[:_SHOWN] + ([f"... and {more} more"] if more > 0 else []))
