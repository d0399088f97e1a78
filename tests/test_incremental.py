"""Only what changed is rendered and written, and the result is the clean build's, byte for byte.

A copy of the project is built, then edited round after round (records, hand-written pages, the theme, the data
that every page shows) and built again after each round; each time, a fresh copy of the same inputs is built
from nothing, and every file of docs/ and site/ is compared. Each round also checks that the build really was
incremental (files kept without rendering, pages kept by the engine) where it may be, so the comparison is of the
incremental path, not of a full build in disguise."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.publish import build
from generator.publish.project import Project
from tests.helpers import GENERATED_DIRS, copy_project, run_cli, tree_bytes, write_record

pytestmark = pytest.mark.e2e
ALL_PAGES = 576  # every region and province page, the lists, the hand-written pages


def _yaml_edit(path: Path, change: object) -> None:
    """Edit a record as an editor would (order and comments kept): change(doc) edits the document in place."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    doc = yaml.load(path.read_text(encoding="utf-8"))
    change(doc)  # type: ignore[operator]
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)


def _clean_build(project: Path, where: Path) -> Path:
    """The same inputs, copied into a fresh folder (no generated file, no state, no spare) and built."""
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    for name in ("mkdocs.yml", "overrides", "docs", "data"):
        if (project / name).is_dir():
            shutil.copytree(project / name, where / name, ignore=shutil.ignore_patterns(*GENERATED_DIRS))
        else:
            shutil.copy2(project / name, where / name)
    assert run_cli(where, "build") == 0
    return where


def _assert_same(project: Path, clean: Path) -> None:
    for folder in ("docs", "site"):
        mine, theirs = tree_bytes(project / folder), tree_bytes(clean / folder)
        assert mine.keys() == theirs.keys(), f"{folder}/: {sorted(mine.keys() ^ theirs.keys())[:5]}"
        differ = sorted(path for path in mine if mine[path] != theirs[path])
        assert not differ, f"{folder}/ differs from a clean build: {differ[:5]} ({len(differ)} files)"


def _built(out: str) -> tuple[int, int]:
    """(files kept without rendering, pages the engine rendered) from `build`'s report."""
    kept = re.search(r"\((\d+) kept without rendering", out)
    again = re.search(r", (\d+) rendered again, the others kept", out)
    return int(kept[1]) if kept else 0, int(again[1]) if again else ALL_PAGES


def _round(project: Path, tmp: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, int]:
    capsys.readouterr()
    assert run_cli(project, "build") == 0
    figures = _built(capsys.readouterr().out)
    _assert_same(project, _clean_build(project, tmp / "clean"))
    return figures


def test_incremental_builds_are_byte_identical_to_clean_builds(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "build") == 0
    awards = project / "data" / "awards" / "2026"
    other = project / "docs" / "provinsi" / "aceh.md"  # a page no edit below changes (Aceh has its record)
    untouched = (other.stat().st_ino, other.stat().st_mtime_ns)

    # Records: a reader's note, a tier, one more source than any record had (the downloads gain a column), a
    # record for a region that had none (the national counts change), a record removed.
    _yaml_edit(awards / "63.11-kabupaten-balangan.yaml", lambda d: d.__setitem__("notes", "Catatan uji tambahan."))
    binjai = next(awards.glob("12.75-*.yaml"))
    binjai.write_text(binjai.read_text(encoding="utf-8").replace("tier: pratama", "tier: madya"), encoding="utf-8")
    sources = [{"url": f"https://example.org/generated-test-fixture/{n}", "publisher": "GENERATED TEST FIXTURE"}
               for n in range(3)]
    _yaml_edit(next(awards.glob("35.27-*.yaml")), lambda d: d["sources"].extend(sources))
    taken = {f.name.split("-")[0] for f in awards.glob("*.yaml")}
    free = next(c for c in ("52.06", "52.07", "52.08", "52.71", "53.01", "53.02") if c not in taken)
    write_record(project, f"2026/{free}.yaml", f'region: "{free}"\nyear: 2026\nawarded: true\nbasis: stated\n'
                 "tier: pratama\nsources:\n  - url: https://example.org/generated-test-fixture\n"
                 "    publisher: GENERATED TEST FIXTURE\n")
    next(awards.glob("63.02-*.yaml")).unlink()
    kept, rendered = _round(project, tmp_path, capsys)
    assert kept > 0 and rendered < ALL_PAGES, (kept, rendered)
    assert (other.stat().st_ino, other.stat().st_mtime_ns) == untouched  # neither rendered nor written again

    # Only a reader's note: the fewest files and pages.
    _yaml_edit(awards / "63.11-kabupaten-balangan.yaml", lambda d: d.__setitem__("notes", "Catatan uji kedua."))
    kept, rendered = _round(project, tmp_path, capsys)
    assert kept > 1500 and rendered <= 3, (kept, rendered)

    # A record of the edition before: the 2026 pages, lists and downloads that show the change since 2024.
    medan = project / "data" / "awards" / "2024" / "12.71-kota-medan.yaml"
    _yaml_edit(medan, lambda d: d.insert(list(d).index("sources"), "tier", "pratama"))
    page, csv_2026 = project / "docs" / "wilayah" / "kota-medan.md", project / "docs" / "unduh" / "uhc-awards-2026.csv"
    assert "Naik dari Pratama (2024)" not in page.read_text(encoding="utf-8")
    kept, rendered = _round(project, tmp_path, capsys)
    assert kept > 1000 and rendered < ALL_PAGES, (kept, rendered)
    assert "Naik dari Pratama (2024)" in page.read_text(encoding="utf-8")
    assert "Kota Medan,kota,12,Sumatera Utara,madya,Madya,stated,dinyatakan,,madya,up," \
        in csv_2026.read_text(encoding="utf-8-sig")

    # Hand-written pages and a stylesheet, built as `serve` builds (the engine in this process).
    about = project / "docs" / "tentang.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nDisunting untuk uji.\n", encoding="utf-8")
    css = project / "docs" / "stylesheets" / "uhc.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* uji */\n", encoding="utf-8")
    report, built = build.build(Project(project), here=True)
    assert report.skipped and built.rendered == 1
    _assert_same(project, _clean_build(project, tmp_path / "clean"))

    # What every page shows: a redirect (a new page), the theme, and the data date.
    (project / "data" / "redirects.yaml").write_text('redirects:\n  kota-lama: "12.75"\n', encoding="utf-8")
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{#- uji -#}\n", encoding="utf-8")
    dataset = project / "data" / "dataset.yaml"
    dataset.write_text(re.sub(r"updated: \S+", "updated: 2026-11-30", dataset.read_text(encoding="utf-8")),
                       encoding="utf-8")
    _round(project, tmp_path, capsys)
    assert not (project / ".uhc-work").exists() and (project / ".uhc-spare").is_dir()


def test_a_state_that_does_not_name_the_site_there_is_not_used(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """site/ replaced behind the generator's back (another engine, a copy): the next build renders every page."""
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "build") == 0
    shutil.rmtree(project / "site")
    shutil.copytree(_clean_build(project, tmp_path / "clean") / "site", project / "site")
    os.utime(project / "docs" / "tentang.md")
    capsys.readouterr()
    assert run_cli(project, "build") == 0
    assert _built(capsys.readouterr().out)[1] == ALL_PAGES
    _assert_same(project, tmp_path / "clean")
