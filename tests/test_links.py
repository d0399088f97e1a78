"""Every internal link and anchor of the built site resolves (scripts/check_links.py)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_links.py"
SITE_URL = "https://uhc-awards.github.io/uhc-awards/"
_spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
assert _spec and _spec.loader
check_links = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_links)


def test_built_site_has_no_broken_internal_link(built_site: Path) -> None:
    assert check_links.check(built_site, SITE_URL) == []


def test_checker_finds_broken_links_and_anchors(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site / "wilayah" / "kota-binjai", site / "wilayah" / "kota-binjai")
    (site / "index.html").write_text('<a href="wilayah/kota-binjai/#uhc-2026">ok</a>'
                                     '<a href="wilayah/kota-binjai/#tidak-ada">bad anchor</a>'
                                     '<a href="wilayah/kota-hilang/">missing page</a>'
                                     f'<a href="{SITE_URL}provinsi/">missing absolute</a>'
                                     '<a href="https://example.org/">external</a>', encoding="utf-8")
    broken = [b for b in check_links.check(site, SITE_URL) if b.startswith("index.html")]
    assert len(broken) == 3, broken
    assert any("no id 'tidak-ada'" in b for b in broken)
    assert any("kota-hilang" in b for b in broken)
