"""Ready for the public: 404, sitemap, robots, canonical URLs, permalinks kept as redirects, the data date,
the corrections log, and reproducible builds."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from tests.helpers import copy_project, run_cli, tree_bytes, write_record

pytestmark = pytest.mark.e2e
SITE = "https://uhc-awards.github.io/uhc-awards/"


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def data_date(project: Path) -> dt.date:
    """The date in the built project's data/dataset.yaml, read as the generator reads it."""
    from generator.read.yamlsafe import load_file

    updated = load_file(project / "data" / "dataset.yaml", "data/dataset.yaml")["updated"]
    assert isinstance(updated, dt.date)
    return updated


def test_404_page_in_indonesian_with_a_search_box(built_site: Path) -> None:
    page = html(built_site, "404.html")
    assert "Halaman tidak ditemukan" in page and 'lang="id"' in page
    assert re.search(r'<form class="uhc-finder uhc-finder--inline" action="/uhc-awards/cari/" method="get" '
                     r'role="search"', page)
    assert re.search(r'<input class="uhc-finder__input" id="uhc-404-q" name="q" type="search"', page)


def test_sitemap_robots_and_canonical_urls(built_project: Path, built_site: Path) -> None:
    sitemap = html(built_site, "sitemap.xml")
    assert f"<loc>{SITE}wilayah/kabupaten-balangan/</loc>" in sitemap
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {data_date(built_project).isoformat()}
    assert html(built_site, "robots.txt") == f"User-agent: *\nAllow: /\nSitemap: {SITE}sitemap.xml\n"
    page = html(built_site, "wilayah/kota-binjai/index.html")
    assert f'<link rel="canonical" href="{SITE}wilayah/kota-binjai/">' in page
    assert f'<meta property="og:url" content="{SITE}wilayah/kota-binjai/">' in page


def test_data_date_from_the_data_on_home_and_region_pages(built_project: Path, built_site: Path) -> None:
    from generator.numfmt import date

    shown = date(data_date(built_project))
    assert f"Data diperbarui <strong>{shown}</strong>" in html(built_site, "index.html")
    assert f"Data diperbarui {shown}" in html(built_site, "wilayah/kabupaten-balangan/index.html")


def test_site_url_comes_from_the_environment_for_forks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "p", with_awards=False)
    monkeypatch.setenv("SITE_URL", "https://uhc.example.org/")
    assert run_cli(project, "build") == 0
    page = html(project / "site", "wilayah/kota-binjai/index.html")
    assert '<link rel="canonical" href="https://uhc.example.org/wilayah/kota-binjai/">' in page
    assert "Sitemap: https://uhc.example.org/sitemap.xml" in html(project / "site", "robots.txt")


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a generated test record that was corrected, and a renamed region's old slug."""
    project = copy_project(tmp_path_factory.mktemp("corr") / "p", with_awards=False)
    write_record(project, "2026/12.75.yaml", """
        region: "12.75"
        year: 2026
        awarded: true
        basis: stated
        tier: madya
        sources:
          - url: https://example.org/generated-fixture
            publisher: GENERATED TEST FIXTURE
            date: 2026-01-28
        corrections:
          - date: 2026-02-03
            text: Kategori dikoreksi dari Pratama menjadi Madya (fixture).
          - date: 2026-03-01
            text: Sumber kedua ditambahkan (fixture).
        """)
    (project / "data" / "redirects.yaml").write_text('redirects:\n  kota-binjei: "12.75"\n', encoding="utf-8")
    assert run_cli(project, "build") == 0
    return project / "site"


def test_corrections_show_on_the_region_page_and_the_koreksi_page(corrected: Path) -> None:
    region = html(corrected, "wilayah/kota-binjai/index.html")
    assert region.index("1 Maret 2026") < region.index("3 Februari 2026")  # newest first
    assert "Kategori dikoreksi dari Pratama menjadi Madya (fixture)." in unescape(region)
    log = html(corrected, "koreksi/index.html")
    assert log.index("1 Maret 2026") < log.index("3 Februari 2026")
    assert 'href="../wilayah/kota-binjai/"' in log


def test_old_slug_redirects_to_the_new_page(corrected: Path) -> None:
    page = html(corrected, "wilayah/kota-binjei/index.html")
    assert f'<meta http-equiv="refresh" content="0; url={SITE}wilayah/kota-binjai/">' in page
    assert 'href="../kota-binjai/"' in page


def test_a_redirect_may_not_shadow_a_live_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p", with_awards=False)
    (project / "data" / "redirects.yaml").write_text('redirects:\n  kota-medan: "12.75"\n', encoding="utf-8")
    assert run_cli(project, "check") == 1
    assert "data/redirects.yaml:2: redirects.kota-medan: this slug is a live page" in capsys.readouterr().err


def test_data_date_may_not_be_older_than_the_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p", with_awards=False)
    (project / "data" / "dataset.yaml").write_text("updated: 2026-01-01\n", encoding="utf-8")
    write_record(project, "2026/12.75.yaml", 'region: "12.75"\nyear: 2026\nawarded: true\nbasis: stated\nsources:\n'
                 "  - {url: 'https://example.org/x', publisher: FIXTURE, date: 2026-01-28}\n")
    assert run_cli(project, "check") == 1  # said at the date itself (an import maps it to its sheet row)
    assert "data/awards/2026/12.75.yaml:6: sources[0].date: 2026-01-28 is after the data date 2026-01-01 " \
           "(data/dataset.yaml)" in capsys.readouterr().err


def test_two_builds_of_one_commit_are_identical(built_site: Path, tmp_path: Path) -> None:
    again = copy_project(tmp_path / "again")
    assert run_cli(again, "build") == 0
    first, second = tree_bytes(built_site), tree_bytes(again / "site")
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, differing[:10]
