"""The code style and types that pyproject.toml sets hold: ruff and strict mypy run as part of the suite, so
one command (scripts/test.sh) is the whole check, locally and in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False,
                          timeout=300)


def test_ruff_finds_nothing() -> None:
    proc = _run("ruff", "check", "--no-cache", "generator", "tests", "scripts")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_strict_finds_nothing() -> None:
    proc = _run("mypy", "--no-incremental")
    assert proc.returncode == 0, proc.stdout + proc.stderr
