"""The view stage: each page's view holds its decisions; templates get only views and formatting filters."""

from __future__ import annotations

import gc
import types
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator.judge.answers import Answer, count
from generator.judge.dataset import Dataset, load_dataset
from generator.outputs.pages import render_site
from generator.render import renderer
from generator.views.region import region_page
from generator.vocabulary import Basis, Status
from tests.test_golden import fixture_project


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(fixture_project(tmp_path_factory.mktemp("views") / "p"))


def test_stated_answer_card(ds: Dataset) -> None:
    page = region_page(ds, ds.registry.regions["63.11"])
    card = page.card
    assert (card.answer.status, card.answer.basis, card.answer.words) == (Status.MADYA, Basis.STATED, "Madya")
    assert card.statement == "Menurut sumber, Kabupaten Balangan menerima UHC Awards 2026 kategori Madya."
    assert card.source is not None and card.source.publisher == "GENERATED TEST FIXTURE"
    assert [f.text for f in card.figures][:3] == ["99,2 %", "93,5 %", "21,4 %"]
    assert page.title == "Kabupaten Balangan: Madya, UHC Awards 2026"
    assert page.province is not None and page.province.name == "Kalimantan Selatan"
    assert [e.heading for e in page.sections[0].explanations] == ["Mengapa Madya", "Untuk mencapai Utama"]


def test_inferred_not_awarded_card_says_so_everywhere(ds: Dataset) -> None:
    page = region_page(ds, ds.registry.regions["35.07"])
    card = page.card
    assert card.answer.words == "Tidak menerima (disimpulkan)" and card.answer.qualifier == "disimpulkan"
    assert card.statement.startswith("Disimpulkan, tidak dinyatakan sumber:")
    assert card.basis_note and "fixture" in card.basis_note
    assert "(disimpulkan)" in page.title and "(disimpulkan)" in page.citation.reference
    assert not page.citation.sentence.startswith("Menurut") and "(disimpulkan)" in page.citation.sentence
    assert page.sections[0].research_notes and not page.sections[0].notes.startswith("NOT AWARDED")  # type: ignore[union-attr]


def test_no_data_is_never_not_awarded(ds: Dataset) -> None:
    page = region_page(ds, ds.registry.regions["11.02"])
    assert page.card.answer.status is Status.NO_DATA and page.card.answer.basis is None
    assert "bukan berarti" in page.card.statement and not page.sections
    assert page.title == "Kabupaten Aceh Tenggara: belum ada data UHC Awards 2026"


def test_figures_only_record_shows_figures_and_no_award(ds: Dataset) -> None:
    card = region_page(ds, ds.registry.regions["14.01"]).card
    assert card.answer.status is Status.NO_DATA
    assert [f.text for f in card.figures] == ["100,44 %", "84,56 %"] and card.aside


def test_unregistered_people_from_coverage_and_population(ds: Dataset) -> None:
    card = region_page(ds, ds.registry.regions["21.72"]).card  # coverage 97.47 %
    assert card.unregistered and card.unregistered.startswith("Sekitar ")
    assert "penduduk belum terdaftar JKN" in card.unregistered


def test_counts_split_by_basis() -> None:
    answers = [Answer(Status.UTAMA, Basis.STATED, 2026, "x"), Answer(Status.UTAMA, Basis.INFERRED, 2026, "x"),
               Answer(Status.UTAMA, Basis.INFERRED, 2026, "x"), Answer(Status.AWARDED, Basis.STATED, 2026, "x"),
               Answer(Status.NO_DATA, None, 2026, "x")]
    counts = count(answers)
    assert counts.sentence() == "3 Utama (1 dinyatakan, 2 disimpulkan), 1 tanpa kategori, 1 belum ada data"
    assert counts.uncertain(Status.UTAMA) == 2 and counts.awarded == 4


def test_province_page_view_lists_children_alphabetically(ds: Dataset) -> None:
    page = region_page(ds, ds.registry.regions["63"])
    names = [c.name for c in page.children]
    assert names == sorted(names) and len(names) == 13
    assert page.card.answer.words == "Madya (disimpulkan)"
    assert len(page.map.areas) == 13 and page.csv_file == "unduh/provinsi/kalimantan-selatan.csv"


def test_templates_get_only_views_and_filters(ds: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """Render the whole site, recording every template context: no Dataset, no module, no function."""
    seen: list[dict[str, Any]] = []
    original = jinja2.Template.render

    def spy(self: jinja2.Template, *args: Any, **kwargs: Any) -> str:
        seen.append(dict(*args, **kwargs))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spy)
    files = dict(render_site(ds, "https://example.org/uhc/"))
    assert len(seen) > 550 and "wilayah/kabupaten-balangan.md" in files
    for context in seen:
        for name, value in context.items():
            assert not isinstance(value, Dataset | types.ModuleType), name
            assert not callable(value) or isinstance(value, type), name
    env = renderer.environment()
    words = {"bases": Basis, "statuses": Status}  # the vocabulary's members, and the pages' docs paths: data only
    assert set(env.globals) <= {"range", "dict", "lipsum", "cycler", "joiner", "namespace", *words, "pages",
                                "anchors"}
    assert all(isinstance(v, str) for v in env.globals["anchors"].values())
    for name, kind in words.items():
        assert list(env.globals[name].values()) == list(kind)
    assert all(isinstance(v, str) and v.endswith(".md") for v in env.globals["pages"].values())


def test_templates_hold_no_status_vocabulary() -> None:
    """Labels and codes come from vocabulary.Status and Basis: no template spells a status list of its own."""
    folder = Path(renderer.TEMPLATES)
    for template in folder.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        for word in ('"utama"', '"madya"', '"pratama"', '"awarded"', '"nodata"', "'nodata'", "Tier.", "Status."):
            assert word not in text, f"{template.name} spells {word}"


def test_every_page_goes_through_the_builds_renderer(ds: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """One Renderer per run, made with the build's site address: no page (the search page included) renders with
    a default address of its own."""
    made: list[str] = []
    original = renderer.Renderer.__init__

    def init(self: renderer.Renderer, site_url: str = "/", compiled: Path | None = None) -> None:
        made.append(site_url)
        original(self, site_url, compiled)

    monkeypatch.setattr(renderer.Renderer, "__init__", init)
    paths = [path for path, _ in render_site(ds, "https://example.org/sub/")]
    assert made == ["https://example.org/sub/"] and "cari/index.md" in paths


def test_the_dataset_is_built_whole(ds: Dataset) -> None:
    import dataclasses

    assert all(f.default is dataclasses.MISSING for f in dataclasses.fields(ds))  # no part filled in later
    assert ds.meta.updated and ds.aliases.sources and ds.population.year and ds.geography.national().shapes


def test_a_rendered_page_leaves_no_garbage_for_the_collector(ds: Dataset) -> None:
    """A page's views are freed as soon as its text is made, not kept by a reference cycle until a collection
    (the pieces a page imports get the site's address as globals, not the page's context)."""
    r = renderer.Renderer("https://example.org/uhc/")
    region = ds.registry.regions["63.11"]
    r.page("region.md.j2", "wilayah/x.md", page=region_page(ds, region))  # templates loaded, caches filled
    gc.collect()
    gc.disable()
    try:
        text = r.page("region.md.j2", "wilayah/x.md", page=region_page(ds, region))
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert 'href="/uhc/' in text.decode("utf-8")  # the address reaches the imported pieces' links
