"""`uhc-awards bench`: runs at a tiny scale, prints its figures, writes only to a temporary folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.bench.synthetic import SYNTHETIC, make_project
from tests.helpers import tree_bytes

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parent.parent
KEYS = ("generate_s", "generate_worst_s", "generate_unread_s", "generate_share_of_build",
        "generate_share_of_build_worst", "generate_unread_share_of_build", "noop_s",
        "mkdocs_build_s", "peak_rss_mb", "site_mb", "search_index_kb", "load_s", "classify_s", "render_s", "write_s")
SHIPPED = ("preview_update_s", "preview_update_max_s", "preview_update_first_s", "shipped_full_build_s",
           "shipped_mkdocs_plain_build_s", "shipped_build_ratio", "shipped_full_build_cold_images_s",
           "one_record_generate_s", "one_record_build_s", "one_record_mkdocs_plain_s", "one_record_generate_ratio",
           "one_record_build_ratio", "one_record_build_ratio_max", "one_record_generate_max_s", "startup_s",
           "shipped_check_s", "shipped_generate_noop_s")  # no timing assertion: only present


def test_bench_prints_the_figures_as_one_json_line() -> None:
    before = tree_bytes(REPO / "data")
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "bench", "--years", "1",
                           "--runs", "1", "--edits", "2", "--json"], capture_output=True, text=True, check=True,
                          timeout=900)
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    for key in KEYS + SHIPPED:
        assert isinstance(figures[key], int | float) and figures[key] > 0, key
    assert figures["shipped_share_images"] == 552
    assert figures["shipped_bytecode_cached"] is True  # measured as a reader's Python runs, whatever this env says
    assert figures["records"] == 552 and figures["noop_wrote_files"] is False
    assert "SYNTHETIC BENCHMARK DATA" in proc.stdout
    assert tree_bytes(REPO / "data") == before  # nothing written into data/


def test_synthetic_records_are_labelled_and_valid(tmp_path: Path) -> None:
    from generator.judge.dataset import load_dataset

    project = make_project(REPO, tmp_path / "p", years=2)
    ds = load_dataset(project)
    records = ds.records()
    assert len(records) == 2 * 552
    assert all(r.sources[0].publisher == SYNTHETIC and SYNTHETIC in (r.research_notes or "") for r in records)
    assert sorted(ds.criteria) == [2025, 2026]


def test_a_cleared_tree_is_put_aside_not_deleted(tmp_path: Path) -> None:
    """Before a timed run the bench empties docs/ as a fresh checkout has it, by moving the generated folders and
    the spare tree aside (deleted with the bench's folder at its end): a tree deleted just before would slow the
    run on some file systems, which a fresh checkout never meets."""
    from generator.bench.synthetic import GENERATED, Aside, _clear
    from generator.publish import build, write

    project = build.Project(make_project(REPO, tmp_path / "p", years=1))
    build.generate(project)
    pages = sorted(p.relative_to(project.docs) for d in GENERATED for p in (project.docs / d).rglob("*.md"))
    assert pages
    aside = Aside(tmp_path / "aside")
    _clear(project, aside)
    assert not any((project.docs / d).exists() for d in GENERATED)
    assert not (project.root / write.STATE).exists() and not (project.root / write.SPARE / "docs").exists()
    kept = sorted(p.relative_to(folder) for folder in (tmp_path / "aside").iterdir() if folder.name.isdigit()
                  for d in folder.iterdir() if d.name in GENERATED for p in d.rglob("*.md"))
    assert kept == pages


def test_commands_are_timed_with_pythons_default_bytecode_cache(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    """PYTHONDONTWRITEBYTECODE (set by some sandboxes) would make every timed command compile the generator again;
    the bench drops it unless asked to keep the environment, and keeps everything else."""
    from generator.bench.shipped import reader_env

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("UHC_BENCH_PROBE", "kept")
    monkeypatch.delenv("UHC_BENCH_KEEP_ENV", raising=False)
    env = reader_env(tmp_path)
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["UHC_BENCH_PROBE"] == "kept"
    assert env["UHC_CACHE_DIR"] == str(tmp_path)
    monkeypatch.setenv("UHC_BENCH_KEEP_ENV", "1")
    assert reader_env(tmp_path)["PYTHONDONTWRITEBYTECODE"] == "1"
