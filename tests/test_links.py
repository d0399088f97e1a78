"""Every internal link and anchor of the built site resolves (scripts/check_links.py), and the checker
does find each kind of broken link."""

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


def test_the_checker_reads_links_of_every_kind(built_site: Path) -> None:
    page = check_links._Page()
    page.feed((built_site / "wilayah" / "kabupaten-balangan" / "index.html").read_text(encoding="utf-8"))
    assert any(link.endswith(".css") for link in page.links) and any(link.endswith(".js") for link in page.links)
    assert any("#" in link for link in page.links) and any(link.startswith("../") for link in page.links)
    assert len(page.links) > 30 and "uhc-2026" in page.ids


BROKEN = {  # link on index.html -> the reason the checker must give
    "wilayah/kota-binjai/#tidak-ada": "no id 'tidak-ada'",
    "wilayah/kota-hilang/": "no wilayah/kota-hilang/index.html",
    f"{SITE_URL}provinsi/": "no provinsi/index.html",
    "/uhc-awards/wilayah/kota-hilang/": "no wilayah/kota-hilang/index.html",
    "/lain/": "outside the site's path /uhc-awards/",
    "../../luar/": "leaves the site",
    "javascript:alert(1)": "javascript: link",
    "#tidak-ada-di-sini": "no id 'tidak-ada-di-sini'",
    "wilayah/kota%20binjai/": "no wilayah/kota binjai/index.html",
}
FINE = ["wilayah/kota-binjai/#uhc-2026", "wilayah/kota-binjai/", "wilayah/kota-binjai",
        "/uhc-awards/wilayah/kota-binjai/",
        f"{SITE_URL}wilayah/kota-binjai/#uhc-2026", "https://example.org/", "mailto:a@example.org", "#atas", "./",
        "wilayah/kota-bin%6Aai/"]


def test_checker_finds_each_kind_of_broken_link(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site / "wilayah" / "kota-binjai", site / "wilayah" / "kota-binjai")
    links = "".join(f'<a href="{href}">x</a>' for href in [*BROKEN, *FINE])
    (site / "index.html").write_text(f'<h1 id="atas">x</h1>{links}<img src="gambar.png" srcset="a.png 1x, b.png 2x">'
                                     '<meta http-equiv="refresh" content="0; url=wilayah/kota-lama/">',
                                     encoding="utf-8")
    (site / "404.html").write_text('<a href="/uhc-awards/wilayah/kota-binjai/">ok</a><a href="wilayah/">relatif</a>',
                                   encoding="utf-8")
    (site / "sitemap.xml").write_text(f"<urlset><url><loc>{SITE_URL}wilayah/kota-binjai/</loc></url>"
                                      f"<url><loc>{SITE_URL}tidak-ada/</loc></url>"
                                      "<url><loc>https://lain.example/x/</loc></url></urlset>", encoding="utf-8")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(
        '{"docs": [{"location": "wilayah/kota-binjai/#uhc-2026"}, {"location": "wilayah/kota-binjai/#hilang"}]}',
        encoding="utf-8")
    broken = check_links.check(site, SITE_URL)
    mine = [b for b in broken if b.startswith("index.html: ")]
    for href, why in BROKEN.items():
        assert any(b.startswith(f"index.html: {href} ({why}") for b in mine), (href, mine)
    for name in ("gambar.png", "a.png", "b.png", "wilayah/kota-lama/"):
        assert any(b.startswith(f"index.html: {name} (no ") for b in mine), name
    assert len(mine) == len(BROKEN) + 4, mine
    others = sorted(b for b in broken if b.startswith(("404.html", "sitemap.xml", "search/")))
    assert others == sorted([
        "404.html: wilayah/ (relative link in 404.html, which is served at any depth)",
        f"sitemap.xml: {SITE_URL}tidak-ada/ (no tidak-ada/index.html)",
        "sitemap.xml: https://lain.example/x/ (not under https://uhc-awards.github.io/uhc-awards/)",
        "search/search_index.json: wilayah/kota-binjai/#hilang (no id 'hilang' in wilayah/kota-binjai/index.html)",
    ])
