"""What a reporter takes away, on the shipped data: a citation that names the outlet (and never cites an inferred
answer as stated), the embeddable badge, corrections by e-mail when the publisher's address is configured (and
none invented when it is not), how complete the register is on a page without data, terms explained in place,
archived copies of sources, and the share pictures' words (source, date, address; national counts)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from generator.errors import DataError
from generator.judge.answers import answer_of
from generator.judge.dataset import Dataset, load_dataset
from generator.outputs.pages import badges, share_cards
from generator.pictures import badge
from generator.pictures.share import layout
from generator.publish.project import Project, channels
from generator.views import citation, glossary, paths, sharing
from generator.views.corrections import Channels
from generator.views.region import region_page
from generator.vocabulary import Basis, Status
from tests.helpers import REPO, copy_project, run_cli

SITE_URL = "https://uhc-awards.github.io/uhc-awards/"
MAIL = Channels("koreksi@example.org", "https://github.com/uhc-awards/uhc-awards/issues/new")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load_dataset(REPO)


def page_of(ds: Dataset, code: str, chan: Channels = MAIL):  # type: ignore[no-untyped-def]
    return region_page(ds, ds.registry.regions[code], SITE_URL, chan)


# --- citation ---------------------------------------------------------------------------------------------------

def test_the_citation_names_the_outlet_and_its_date(ds: Dataset) -> None:
    cite = page_of(ds, "63.11").citation  # Kabupaten Balangan
    assert cite.sentence == ("Menurut headline.co.id (27 Januari 2026) dan Kalimantan Post, Kabupaten Balangan "
                             "menerima UHC Awards 2026 kategori Utama, dihimpun UHC Awards Indonesia.")
    assert cite.reference.startswith("Kabupaten Balangan: Utama, UHC Awards 2026. Sumber: headline.co.id, "
                                     "27 Januari 2026, https://www.headline.co.id/?p=64262; Kalimantan Post, https://")
    assert "data diperbarui" in cite.reference


def test_every_recorded_answer_is_cited_with_its_outlets_and_never_as_stated_when_it_is_not(ds: Dataset) -> None:
    year = ds.years[0]
    for entry in (ds.entry(code, year) for code in ds.registry.regions):
        cite = citation.citation(entry, answer_of(entry), "1 Januari 2026")
        record = entry.record
        if record is None:
            assert "bukan berarti" in cite.sentence and "Menurut" not in cite.sentence
            continue
        assert record.sources[0].publisher in cite.sentence and record.sources[0].url in cite.reference
        stated = record.basis is Basis.STATED and record.awarded is not None
        assert cite.sentence.startswith("Menurut ") == stated, cite.sentence
        if record.basis is not None and not record.basis.certain:
            assert f"({record.basis.label})" in cite.sentence


def test_outlets_are_named_once_and_counted_past_three() -> None:
    from generator.model import Source
    many = tuple(Source(f"https://e.example/{i}", name) for i, name in enumerate("AABCDE"))
    assert citation.outlets(many) == "A, B, C dan 2 sumber lain"


# --- corrections ------------------------------------------------------------------------------------------------

def test_with_an_address_every_region_page_has_a_prefilled_mailto(ds: Dataset) -> None:
    for region in ds.registry.regions.values():
        report = page_of(ds, region.code).report
        assert report.mailto and report.mailto.startswith("mailto:koreksi@example.org?subject=")
        query = parse_qs(urlsplit(report.mailto).query)
        assert query["subject"] == [f"Koreksi: {region.name}, {ds.criteria[ds.years[0]].edition}"]
        body = query["body"][0]
        assert f"Wilayah: {region.name} (kode {region.code})" in body and SITE_URL in body
        assert "\r\n" in body and "\n" not in body.replace("\r\n", "")  # RFC 6068 line breaks
        assert report.issue and unquote(report.issue).count(region.name) >= 2


def test_without_an_address_no_mailto_is_invented(ds: Dataset) -> None:
    report = page_of(ds, "63.11", Channels(None, MAIL.issues)).report
    assert report.mailto is None and report.email is None and report.issue
    assert report.lines[0].startswith("Halaman: ") and "Yang salah:" in report.lines


def test_the_address_is_read_from_mkdocs_yml_and_checked(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV [SITE_URL, 'https://x.example/']\nextra:\n"
                                         "  issues: https://github.com/o/r/issues/new\n", encoding="utf-8")
    assert channels(Project(tmp_path)) == Channels(None, "https://github.com/o/r/issues/new")
    (tmp_path / "mkdocs.yml").write_text("extra:\n  corrections_email: redaksi@media.example\n", encoding="utf-8")
    assert channels(Project(tmp_path)) == Channels("redaksi@media.example", None)
    for bad, line in (("extra:\n  generator: false\n  corrections_email: 'redaksi at media'\n", 3),
                      ("extra:\n  corrections_email: a@b.example?cc=c@d.example\n", 2),
                      ("extra:\n  issues: javascript:alert(1)\n", 2)):
        (tmp_path / "mkdocs.yml").write_text(bad, encoding="utf-8")
        with pytest.raises(DataError) as caught:
            channels(Project(tmp_path))
        problem = caught.value.problems[0]
        assert (problem.path, problem.line) == ("mkdocs.yml", line) and problem.fix, problem
        assert "extra." in problem.message


def test_the_shipped_mkdocs_yml_invents_no_address() -> None:
    assert channels(Project(REPO)).email is None
    assert "corrections_email" in (REPO / "README.md").read_text(encoding="utf-8")


# --- completeness and terms -------------------------------------------------------------------------------------

def test_a_page_without_data_says_how_complete_the_register_is(ds: Dataset) -> None:
    year = ds.years[0]
    official = ds.criteria[year].official_kabkota_total
    assert official == 397
    empty = [r for r in ds.registry.regencies if ds.entry(r.code, year).record is None]
    assert len(empty) > 100
    for region in empty:
        card = page_of(ds, region.code).card
        assert card.completeness and f" dari {official} kabupaten/kota penerima" in card.completeness
        assert "bukan berarti tidak menerima" in card.completeness
    assert page_of(ds, "63.11").card.completeness is None


def test_jargon_in_the_first_screen_is_explained_in_place(ds: Dataset) -> None:
    card = page_of(ds, "33.25").card  # Kabupaten Batang: its basis note speaks of UHC Prioritas and UHC Cut Off
    assert [t.term for t in card.terms] == ["UHC Prioritas", "UHC Cut Off"]
    assert all(t.anchor.startswith(paths.GLOSSARY + "-") and t.short for t in card.terms)
    assert glossary.used(["cut-off UHC"]) == () and glossary.used(["uhc cut off"])[0].slug == "uhc-cut-off"


def test_every_source_offers_its_archived_copy(ds: Dataset) -> None:
    page = page_of(ds, "63.11")
    assert page.card.source and page.card.source.archive == ARCHIVE + "https://www.headline.co.id/?p=64262"
    assert all(s.archive == ARCHIVE + s.url for section in page.sections for s in section.sources)


ARCHIVE = "https://web.archive.org/web/*/"


# --- badge ------------------------------------------------------------------------------------------------------

def test_every_region_has_a_badge_and_a_snippet_that_links_back(ds: Dataset) -> None:
    files = dict(badges(ds))
    assert len(files) == len(ds.registry.regions)
    for region in ds.registry.regions.values():
        snippet = page_of(ds, region.code).badge.snippet
        assert paths.badge(region) in files
        assert snippet.startswith(f'<a href="{SITE_URL}{paths.url(paths.region(region))}"><img src="'
                                  f'{SITE_URL}{paths.badge(region)}" alt="')
        assert "<script" not in snippet


@pytest.mark.parametrize("code", ["63.11", "33.25", "11.02", "35.27"])
def test_the_badge_says_status_basis_edition_and_site(ds: Dataset, code: str) -> None:
    region = ds.registry.regions[code]
    answer = answer_of(ds.entry(code, ds.years[0]))
    svg = dict(badges(ds))[paths.badge(region)]
    root = ET.fromstring(svg)  # well-formed
    words = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert region.name in words and "UHC Awards Indonesia" in words and answer.edition in words
    assert answer.status.label in words and (answer.qualifier in words if answer.qualifier else True)
    assert root.get("role") == "img" and answer.words in (root.get("aria-label") or "")
    assert not re.search(rb"<script|href=|xlink|@import|url\((?!#)", svg)  # nothing fetched, nothing run
    if not answer.certain:
        assert b"stroke-dasharray" in svg  # hollow and dashed, as on the site


def test_hostile_text_in_a_badge_stays_text() -> None:
    from tests.test_social import card
    svg = badge.svg(card(name='"><script>alert(1)</script>\n---', edition="x\x00y"))
    root = ET.fromstring(svg)
    assert "<script>" in "".join(root.itertext()) and b"<script>" not in svg


# --- share pictures ---------------------------------------------------------------------------------------------

def test_the_share_picture_of_balangan_is_drawn_from_a_card_with_outlet_date_and_address(ds: Dataset) -> None:
    cards = {c.name: c for c in share_cards(ds, SITE_URL)}
    balangan = cards["Kabupaten Balangan"]
    assert balangan.details == ("Sumber: headline.co.id, 27 Januari 2026 dan 1 sumber lain",
                                "Tidak dapat dibandingkan: belum ada data 2024")  # the change since 2024
    assert balangan.address == "uhc-awards.github.io/uhc-awards/wilayah/kabupaten-balangan/"
    drawn = [line.text for line in layout(balangan).lines]
    assert balangan.details[0] in drawn and balangan.details[1] in drawn and balangan.address in drawn  # whole


def test_national_pages_have_pictures_with_the_national_counts(ds: Dataset) -> None:
    shares = {s.image: s for s in sharing.national(ds, SITE_URL)}
    for page in (paths.HOME, paths.SUMMARY, paths.DOWNLOADS, paths.CATEGORIES):
        share = shares[paths.page_image(page)]
        assert share.headline.endswith("dari 397 penerima tercatat") and share.edition == "UHC Awards 2026"
        assert any("resmi 75, 192, 130" in d for d in share.details)
    utama = shares[paths.page_image(paths.category(2026, Status.UTAMA))]
    assert utama.headline.endswith("dari 75 kabupaten/kota") and utama.status is Status.UTAMA
    assert len(shares) == 4 + sum(len(ds.criteria[y].statuses) for y in ds.years)


@pytest.mark.e2e
def test_a_configured_address_reaches_every_region_page(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Through the CLI, as a publisher sets it: `extra.corrections_email` in mkdocs.yml."""
    project = copy_project(tmp_path_factory.mktemp("mail") / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "extra:\n", "extra:\n  corrections_email: koreksi@example.org\n", 1), encoding="utf-8")
    assert run_cli(project, "generate") == 0
    pages = [*(project / "docs" / "wilayah").glob("*.md"), *(project / "docs" / "provinsi").glob("*.md")]
    regions = [p for p in pages if p.name != "index.md" and "redirect_to" not in p.read_text(encoding="utf-8")]
    assert len(regions) == 552
    for page in regions:
        assert 'href="mailto:koreksi&#64;example.org?subject=Koreksi' in page.read_text(encoding="utf-8") or \
            'href="mailto:koreksi@example.org?subject=Koreksi' in page.read_text(encoding="utf-8"), page
    log = (project / "docs" / "koreksi" / "index.md").read_text(encoding="utf-8")
    assert "mailto:koreksi" in log and "tanpa akun" in log
