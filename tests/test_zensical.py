"""The optional engine: `uhc-awards build --engine zensical` renders the same site, search included."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.helpers import copy_project, run_cli

pytestmark = pytest.mark.e2e
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_links.py"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not Path(sys.executable).with_name("zensical").exists():
        pytest.fail("zensical is in the test extras: pip install -e '.[test]'")
    project = copy_project(tmp_path_factory.mktemp("zensical") / "p")
    assert run_cli(project, "build", "--engine", "zensical") == 0
    return project / "site"


def test_same_pages_and_content(zensical_site: Path) -> None:
    assert len(list((zensical_site / "wilayah").glob("*/index.html"))) == 514
    assert len(list((zensical_site / "provinsi").glob("*/index.html"))) == 38
    page = (zensical_site / "wilayah" / "kabupaten-balangan" / "index.html").read_text(encoding="utf-8")
    assert "Menurut sumber, Kabupaten Balangan menerima UHC Awards 2026 kategori Utama." in page
    assert 'content="Kabupaten Balangan: Utama, UHC Awards 2026"' in page
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="uhc-area') == 38  # the snippet with the map is included
    assert (zensical_site / "unduh" / "uhc-awards-2026.csv").exists() and (zensical_site / "robots.txt").exists()


def test_search_index_and_links(zensical_site: Path) -> None:
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    titles = {str(item.get("title")).split(":")[0] for item in index["items"]}
    assert {"Kabupaten Balangan", "Kota Binjai", "Kalimantan Selatan"} <= titles
    spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.check(zensical_site, "https://uhc-awards.github.io/uhc-awards/") == []
