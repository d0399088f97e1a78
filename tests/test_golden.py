"""Golden files: the generated Markdown of a fixture project of its own (tests/golden/project/data: its own
dataset date, criteria, aliases, redirects and generated records), compared byte for byte. The shipped
data's date and records never change a golden; only the reference data (regions, map, population, the
gazetteer of seats and towns) is shared.

After an intended change of the templates or views, regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.judge.dataset import load_dataset
from generator.outputs.pages import render_site

GOLDEN = Path(__file__).parent / "golden"
FIXTURE = GOLDEN / "project" / "data"
REPO = Path(__file__).resolve().parent.parent
REFERENCE = ("regions", "map", "population", "gazetteer.yaml")  # shared reference data, not award data
PAGES = [
    "wilayah/kabupaten-balangan.md",
    "wilayah/kota-binjai.md",
    "wilayah/kota-tanjung-pinang.md",
    "wilayah/kabupaten-sampang.md",
    "wilayah/kabupaten-kepulauan-sula.md",
    "wilayah/kota-banjarmasin.md",
    "wilayah/kabupaten-malang.md",
    "wilayah/kota-medan.md",
    "wilayah/kabupaten-kampar.md",
    "wilayah/kota-tanjungpinang-lama.md",
    "provinsi/kalimantan-selatan.md",
    "provinsi/index.md",
    "kategori/2026/madya.md",
    "kategori/2026/tidak-menerima.md",
    "ringkasan/index.md",
    "metodologi/index.md",
    "unduh/index.md",
    "koreksi/index.md",
]


def fixture_project(dest: Path) -> Path:
    for sub in REFERENCE:
        if (REPO / "data" / sub).is_dir():
            shutil.copytree(REPO / "data" / sub, dest / "data" / sub)
        else:
            (dest / "data").mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / "data" / sub, dest / "data" / sub)
    shutil.copytree(FIXTURE, dest / "data", dirs_exist_ok=True)
    return dest


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    project = fixture_project(tmp_path_factory.mktemp("golden") / "p")
    return dict(render_site(load_dataset(project), "https://example.org/uhc/"))


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(rendered: dict[str, bytes], page: str) -> None:
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(rendered[page])
    assert golden.exists(), f"missing golden file {golden}: run with UPDATE_GOLDEN=1"
    assert rendered[page].decode() == golden.read_text(encoding="utf-8"), (
        f"{page} differs from its golden file; if the change is intended: UPDATE_GOLDEN=1 pytest {__file__}")


def test_rendering_is_deterministic(rendered: dict[str, bytes], tmp_path: Path) -> None:
    project = fixture_project(tmp_path / "again")
    assert dict(render_site(load_dataset(project), "https://example.org/uhc/")) == rendered


def test_the_shipped_data_date_does_not_reach_the_goldens(rendered: dict[str, bytes], tmp_path: Path) -> None:
    """The README asks for data/dataset.yaml's date to move with every data change: goldens must not care."""
    project = fixture_project(tmp_path / "p")
    shipped = (REPO / "data" / "dataset.yaml").read_text(encoding="utf-8")
    assert shipped not in (project / "data" / "dataset.yaml").read_text(encoding="utf-8")
    assert "Data diperbarui 1 Februari 2026" in rendered["wilayah/kabupaten-balangan.md"].decode()
