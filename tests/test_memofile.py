"""What the readers made of data/ is kept between runs (publish/memofile.py): the next run reads only the files
that changed, gives what a run without it gives, and is never hurt by a missing, damaged or stale memo."""

from __future__ import annotations

import hashlib
import pickle
import time
from pathlib import Path

import pytest

from generator.bench import shipped
from generator.judge.dataset import Memo, load_dataset
from generator.publish import build, memofile
from generator.read import datatree, records, yamlsafe
from tests.helpers import copy_project, run_cli, tree_bytes

RECORD = "data/awards/2026/63.11-kabupaten-balangan.yaml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p")
    assert run_cli(root, "generate") == 0
    return root


def _files(root: Path) -> list[Path]:
    return sorted((root / memofile.FOLDER).glob("*.pickle"))


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = yamlsafe.load_file

    def counted(path: Path, where: str) -> object:
        read.append(where)
        return real(path, where)

    monkeypatch.setattr(records, "load_file", counted)
    return read


def test_a_run_after_a_one_record_edit_reads_that_record_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(_files(project)) == 1  # written by the first run, in the project's own cache
    shipped._edit(project / RECORD, "uji memo")  # the reader's note, as an editor changes it
    read = _count_reads(monkeypatch)
    assert run_cli(project, "generate") == 0
    assert read == [RECORD]
    read.clear()
    (project / ".uhc-state.json").unlink()  # generate again, nothing changed in data/: nothing read at all
    assert run_cli(project, "generate") == 0
    assert read == []


def test_what_a_kept_memo_gives_is_what_reading_gives(project: Path) -> None:
    code = datatree.code_digest(build.PACKAGE)
    _, files = datatree.scan_files(project)
    kept = memofile.load(project, code)
    assert kept.parts and len(kept.records) == len(list((project / "data" / "awards").rglob("*.yaml")))
    with_memo, fresh = load_dataset(project, kept, files), load_dataset(project)
    assert with_memo.records() == fresh.records()
    assert with_memo.notices == fresh.notices and with_memo.meta == fresh.meta
    assert {k: (e.record, e.status) for k, e in with_memo.entries.items()} == \
        {k: (e.record, e.status) for k, e in fresh.entries.items()}
    assert with_memo.geography.national() == fresh.geography.national()
    assert with_memo.geography.province("63") == fresh.geography.province("63")
    # Every part as read (kept by its fields' values, publish/memofile.FieldsPickler), the fields not given to
    # __init__ (the registry's lists) included:
    assert (with_memo.registry, with_memo.criteria, with_memo.aliases, with_memo.gazetteer, with_memo.population) == \
        (fresh.registry, fresh.criteria, fresh.aliases, fresh.gazetteer, fresh.population)
    assert with_memo.registry.provinces == fresh.registry.provinces and \
        with_memo.registry.children("63") == fresh.registry.children("63")
    assert {k: e.verdict for k, e in with_memo.entries.items()} == {k: e.verdict for k, e in fresh.entries.items()}


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "another object"])
def test_a_damaged_memo_is_read_again_and_written_anew(project: Path, damage: str) -> None:
    before = tree_bytes(project / "docs")
    [path] = _files(project)
    good = path.read_bytes()
    path.write_bytes({"empty": b"", "truncated": good[:len(good) // 2], "garbage": b"\x80\x05not a pickle" * 50,
                      "another object": pickle.dumps({"not": "a memo"})}[damage])
    code = datatree.code_digest(build.PACKAGE)
    assert memofile.load(project, code) == Memo()
    (project / ".uhc-state.json").unlink()
    assert run_cli(project, "generate") == 0
    assert tree_bytes(project / "docs") == before
    assert memofile.load(project, code).parts and path.read_bytes() != b""


def test_other_code_has_its_own_memo_and_the_old_one_is_removed(project: Path) -> None:
    [old] = _files(project)
    assert memofile.key("other code") != old.stem and memofile.load(project, "other code") == Memo()
    memofile.save(project, "other code", memofile.load(project, datatree.code_digest(build.PACKAGE)))
    assert [p.stem for p in _files(project)] == [memofile.key("other code")]


def test_the_memo_stays_in_the_project_even_with_a_shared_cache(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    monkeypatch.setenv("UHC_CACHE_DIR", str(shared))
    root = copy_project(tmp_path / "p")
    assert run_cli(root, "generate") == 0
    assert len(_files(root)) == 1 and not list(shared.rglob("*.pickle"))


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    (root / memofile.FOLDER).parent.mkdir(parents=True)
    (root / memofile.FOLDER).write_text("a file where the memo's folder would be", encoding="utf-8")
    assert run_cli(root, "generate") == 0
    assert (root / memofile.FOLDER).is_file()


def test_an_edit_after_a_run_that_recorded_every_file_is_published(project: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With every file of data/ recorded by the scan (as when they were changed long before the run), the next
    run takes their digests from it; an edit of the same size since is published; a damaged record is no error."""
    monkeypatch.setattr(datatree, "RACY_NS", -(2 ** 62))  # every file counts as settled
    assert run_cli(project, "generate") == 0
    seen = memofile.load_seen(project)
    record = project / "data" / "awards" / "2026" / "63.11-kabupaten-balangan.yaml"
    rel = f"data/awards/2026/{record.name}"
    assert len(seen) > 400 and seen[rel][4] == hashlib.sha256(record.read_bytes()).hexdigest()
    time.sleep(0.05)  # past the file system's timestamp granularity
    text = record.read_text(encoding="utf-8")
    edited = text.replace("Satu dari dua kabupaten", "Satu dari DUA kabupaten")
    assert len(edited) == len(text) and edited != text
    record.write_text(edited, encoding="utf-8")
    assert run_cli(project, "generate") == 0
    page = project / "docs" / "wilayah" / "kabupaten-balangan.md"
    assert "Satu dari DUA kabupaten" in page.read_text(encoding="utf-8")
    assert memofile.load_seen(project)[rel][4] == hashlib.sha256(edited.encode("utf-8")).hexdigest()
    (project / memofile.FOLDER / memofile.SEEN).write_bytes(b"\x00damaged")
    assert memofile.load_seen(project) == {}
    assert run_cli(project, "generate") == 0
