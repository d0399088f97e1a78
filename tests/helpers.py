"""Test helpers: build throwaway copies of the project, so tests never touch the working tree."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
HAND_WRITTEN = ("mkdocs.yml", "overrides", "docs")
GENERATED_DIRS = ("wilayah", "provinsi", "kategori", "ringkasan", "metodologi", "unduh", "koreksi", "cari", "bagikan",
                  "lencana", "_cuplikan")


def copy_project(dest: Path, with_awards: bool = True) -> Path:
    """A copy of the project at dest: config, hand-written docs, regions, criteria, and (optionally)
    the shipped award records. Generated folders and site/ are not copied."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in HAND_WRITTEN:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*GENERATED_DIRS))
        elif src.exists():
            shutil.copy2(src, dest / name)
    for sub in ("regions", "criteria", "map", "population"):
        shutil.copytree(REPO / "data" / sub, dest / "data" / sub)
    for name in ("dataset.yaml", "redirects.yaml", "aliases.yaml", "gazetteer.yaml"):
        shutil.copy2(REPO / "data" / name, dest / "data" / name)
    if with_awards:
        shutil.copytree(REPO / "data" / "awards", dest / "data" / "awards")
    else:
        (dest / "data" / "awards").mkdir(parents=True)
    return dest


# The data date of the bad-input corpora (a generated fixture): their expected messages name it, so they do not
# change when data/dataset.yaml moves with the shipped data.
CORPUS_DATA_DATE = "2026-11-24"


def pin_data_date(project: Path, date: str = CORPUS_DATA_DATE) -> Path:
    """Give a copied project a fixed data date (GENERATED TEST FIXTURE)."""
    (project / "data" / "dataset.yaml").write_text(f"# GENERATED TEST FIXTURE\nupdated: {date}\n", encoding="utf-8")
    return project


def write_record(project: Path, rel: str, text: str) -> Path:
    """Write a (generated, test-only) record file under data/awards/."""
    path = project / "data" / "awards" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def run_cli(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_located(stderr: str, expected: str, fix_fragment: str, located: re.Pattern[str]) -> None:
    """The run printed a line starting with `expected`, followed by a fix of some length that contains
    fix_fragment, and every error line it printed is located (matches `located`)."""
    lines = stderr.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(expected)]
    assert found, f"expected a line starting with\n{expected}\ngot:\n{stderr}"
    fix = lines[found[0] + 1] if found[0] + 1 < len(lines) else ""
    assert fix.startswith("    fix: ") and len(fix) > 20 and fix_fragment in fix, stderr
    assert all(located.match(line) for line in lines if line.startswith("error: ")), stderr
