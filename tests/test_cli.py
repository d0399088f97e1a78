"""The command line: the README's command table matches the parser both ways (every command and option
documented, no documented command missing), errors are messages, and `check` says how complete each edition is."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main, parser
from generator.judge.completeness import completeness
from generator.judge.dataset import load_dataset

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


def test_check_reports_how_complete_each_edition_is(capsys: pytest.CaptureFixture[str]) -> None:
    """Per edition: awarded against the official totals, and how many answers rest on two or more pages."""
    assert main(["--root", str(REPO), "check"]) == 0
    out = capsys.readouterr().out
    ds = load_dataset(REPO)
    for year in ds.years:
        c = completeness(ds, year)
        line = next(x for x in out.splitlines() if x.startswith(f"{year}: "))
        assert f"kabupaten/kota {c.kabkota.awarded} awarded of {c.official_kabkota} official ({c.kabkota_share} %)" \
            in line
        assert f"provinces {c.provinces.awarded} awarded of {c.official_provinces} official" in line
        assert f"{c.answers} answers, {c.several} on two or more pages ({c.several_share} %)" in line
    assert out.index("2026: ") < out.index("2024: ") < out.index("2023: ") < out.index("ok: ")
