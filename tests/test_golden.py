"""Golden files: the generated Markdown of a fixed, generated fixture dataset, compared byte for byte.

After an intended change of the templates, regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.dataset import load_dataset
from generator.pages import render_site
from tests.helpers import copy_project, write_record

GOLDEN = Path(__file__).parent / "golden"
SOURCE = """sources:
  - url: https://example.org/fixture/{name}?a=1&b=2
    publisher: GENERATED TEST FIXTURE
    date: 2026-01-28
"""
# Generated test fixtures covering each kind of record; not real award data.
FIXTURES = {
    "2026/63.11.yaml": """region: "63.11"
year: 2026
awarded: true
basis: stated
tier: madya
recipient: Bupati Fixture
metrics:
  coverage: 99.2
  activity: 93.5
  pemda_share: 21.4
  as_of: 2025-12-31
gates: {uhc_prioritas: true, pbpu_pemda_paid: true}
notes: Record with full figures; next tier shows the gap.
""",
    "2024/63.11.yaml": """region: "63.11"
year: 2024
awarded: true
basis: stated
tier: pratama
""",
    "2026/12.75.yaml": """region: "12.75"
year: 2026
awarded: true
basis: stated
""",
    "2026/21.72.yaml": """region: "21.72"
year: 2026
awarded: false
basis: stated
metrics: {coverage: 97.47}
""",
    "2026/35.27.yaml": """region: "35.27"
year: 2026
awarded: true
tier: madya
basis: disputed
sources:
  - {url: "https://example.org/fixture/a", publisher: FIXTURE A, tier: madya}
  - {url: "https://example.org/fixture/b", publisher: FIXTURE B, tier: utama}
""",
    "2026/82.05.yaml": """region: "82.05"
year: 2026
awarded: true
basis: stated
tier: madya
metrics: {coverage: 92.5, activity: 84.04}
conflict_note: Angka sumber di bawah syarat cakupan 98 % (fixture).
""",
    "2026/63.yaml": """region: "63"
year: 2026
awarded: true
tier: madya
basis: inferred
basis_note: Disimpulkan dari pernyataan tentang sekelompok provinsi (fixture).
""",
}
PAGES = [
    "wilayah/kabupaten-balangan.md",
    "wilayah/kota-binjai.md",
    "wilayah/kota-tanjung-pinang.md",
    "wilayah/kabupaten-sampang.md",
    "wilayah/kabupaten-kepulauan-sula.md",
    "wilayah/kota-banjarmasin.md",
    "provinsi/kalimantan-selatan.md",
    "kategori/2026/madya.md",
    "ringkasan/index.md",
    "metodologi/index.md",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    project = copy_project(tmp_path_factory.mktemp("golden") / "p", with_awards=False)
    for rel, text in FIXTURES.items():
        body = text if "sources:" in text else text + SOURCE.format(name=rel.replace("/", "-"))
        write_record(project, rel, body)
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
    project = copy_project(tmp_path / "again", with_awards=False)
    for rel, text in FIXTURES.items():
        body = text if "sources:" in text else text + SOURCE.format(name=rel.replace("/", "-"))
        write_record(project, rel, body)
    assert dict(render_site(load_dataset(project), "https://example.org/uhc/")) == rendered
