"""The command line: the README's command table matches the parser both ways (every command and option
documented, no documented command missing), and errors are messages."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from generator.cli import parser

REPO = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| `uhc-awards ([a-z]+)[^`]*` \|")


def _readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def _documented() -> dict[str, str]:
    """command -> the text of its rows in the README's command table (a command may have several rows)."""
    rows: dict[str, str] = {}
    for line in _readme().splitlines():
        found = ROW.match(line)
        if found:
            rows[found.group(1)] = rows.get(found.group(1), "") + line
    return rows


def _commands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_is_in_the_readme_table() -> None:
    documented = _documented()
    for name, command in _commands().items():
        assert name in documented, f"README.md's command table has no row for `uhc-awards {name}`"
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            words = action.option_strings or [action.dest.rstrip("s").upper()]  # files -> FILE
            assert any(w in documented[name] for w in words), f"`uhc-awards {name}`: {words[0]} is not in the README"


def test_no_documented_command_is_missing_from_the_parser() -> None:
    assert set(_documented()) == set(_commands())


def test_global_options_are_documented() -> None:
    section = _readme().split("## Commands", 1)[1].split("\n## ", 1)[0]
    for action in parser()._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in section, f"{option} is not documented under ## Commands"


def test_python_dash_m_and_missing_data_folder_give_a_message(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "check"],
                          capture_output=True, text=True, check=False, cwd=REPO)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "error: data: not found: is this a uhc-awards project folder?" in proc.stderr
