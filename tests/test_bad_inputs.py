"""The corpus of bad inputs (tests/bad_inputs/*.case, plus a few generated here because of their size or
bytes): each must fail `uhc-awards build` with its located message and fix, a non-zero exit, no traceback,
quickly and within bounded memory, and write nothing."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import GENERATED_DIRS, copy_project

CORPUS = Path(__file__).parent / "bad_inputs"
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the checking process
TIME_LIMIT = 5.0  # seconds, generous for CI; a case takes well under a second here

VALID_HEAD = 'region: "63.11"\nyear: 2026\nawarded: true\n'


def _read_case(path: Path) -> tuple[str, list[str], bytes]:
    text = path.read_text(encoding="utf-8")
    head, body = text.split("# ---\n", 1)
    expect, place = "", [f"2026/{path.stem}.yaml"]
    for line in head.splitlines():
        if line.startswith("# expect: "):
            expect = line.removeprefix("# expect: ")
        elif line.startswith("# place: "):
            place = line.removeprefix("# place: ").split()
    return expect, place, body.encode("utf-8")


def _generated() -> dict[str, tuple[str, list[str], bytes]]:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    deep = VALID_HEAD + "notes: " + "[" * 5000 + "]" * 5000 + "\n"
    huge = VALID_HEAD + "notes: |\n" + ("  " + "x" * 98 + "\n") * 3000
    latin1 = (VALID_HEAD + "recipient: Bupati ").encode("utf-8") + "Müller\n".encode("latin-1")
    return {
        "yaml-bomb": ("{f}:1: YAML anchors and aliases (&name, *name) are not allowed", ["2026/bomb.yaml"],
                      bomb.encode()),
        "deep-nesting": ("{f}:4: nesting deeper than 12 levels", ["2026/deep.yaml"], deep.encode()),
        "huge-file": ("{f}: file is 303,", ["2026/huge.yaml"], huge.encode()),
        "not-utf8": ("{f}:4: file is not UTF-8 (byte 0xfc", ["2026/latin1.yaml"], latin1),
    }


CASES = {p.stem: _read_case(p) for p in sorted(CORPUS.glob("*.case"))} | _generated()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_located_error_and_writes_nothing(name: str, tmp_path: Path) -> None:
    expect, place, body = CASES[name]
    project = copy_project(tmp_path / "p", with_awards=False)
    for rel in place:
        target = project / "data" / "awards" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"],
                          capture_output=True, text=True, timeout=60, check=False, preexec_fn=_limit_memory)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert expect.format(f=f"data/awards/{place[0]}") in proc.stderr, proc.stderr
    assert "fix: " in proc.stderr
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.2f} s"
    assert not (project / "site").exists()
    assert not [d for d in GENERATED_DIRS if (project / "docs" / d).exists()]
