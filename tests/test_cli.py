"""The command line: every command documented, help works, errors are messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.cli import COMMANDS, parser

REPO = Path(__file__).resolve().parent.parent


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"`uhc-awards {name}" in readme, f"README.md does not document `uhc-awards {name}`"


def test_help_lists_every_command() -> None:
    text = parser().format_help()
    for name in COMMANDS:
        assert name in text


def test_python_dash_m_and_missing_data_folder_give_a_message(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "check"],
                          capture_output=True, text=True, check=False, cwd=REPO)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "error: data: not found: is this a uhc-awards project folder?" in proc.stderr
