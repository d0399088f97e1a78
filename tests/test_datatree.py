"""data/ as the readers see it is exactly what the fingerprint covers: no link is followed by one and skipped
by the other, so an edit is never missed ("nothing changed") and nothing outside the project is published."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.publish import build
from generator.publish.project import Project
from generator.read import datatree
from tests.helpers import copy_project, run_cli

URL = "https://uhc-awards.github.io/uhc-awards/"


def test_every_file_under_data_is_in_the_fingerprint(tmp_path: Path) -> None:
    project = Project(copy_project(tmp_path / "p"))
    before = build.fingerprint(project, URL)
    files = sorted(p for p in project.data.rglob("*") if p.is_file())
    sample = [p for p in files if "awards" not in p.parts] + [p for p in files if "awards" in p.parts][::40]
    assert len(sample) > 10
    for path in sample:
        data = path.read_bytes()
        path.write_bytes(data + b"\n")
        assert build.fingerprint(project, URL) != before, path
        path.write_bytes(data)
    assert build.fingerprint(project, URL) == before


def test_a_data_folder_linked_from_elsewhere_is_refused_not_skipped(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Before: the reader followed the link, the fingerprint did not, and an edit there was never published
    ('nothing changed')."""
    project = copy_project(tmp_path / "p")
    assert run_cli(project, "generate") == 0
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "data" / "awards", elsewhere)
    (project / "data" / "awards").symlink_to(elsewhere)
    for command in ("check", "generate"):
        assert run_cli(project, command) == 1
        assert "error: data/awards: is a symbolic link" in capsys.readouterr().err
    with pytest.raises(DataError):
        datatree.scan(project)


def test_the_data_folder_itself_may_not_be_a_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    shutil.move(project / "data", tmp_path / "data-elsewhere")
    (project / "data").symlink_to(tmp_path / "data-elsewhere")
    with pytest.raises(DataError, match="data: is a symbolic link"):
        datatree.scan(project)


def test_record_files_from_the_scan_listing_are_those_of_a_walk(tmp_path: Path) -> None:
    """load_records takes the record files from scan_files' listing instead of walking data/awards/ again: the
    same files, in the same order, and the same problems, for records and for every kind of stray entry."""
    import stat

    from generator.errors import Collector
    from generator.read.recordfiles import record_files

    awards = tmp_path / "data" / "awards"
    for rel in ("README.md", "2026/a.yaml", "2026/b.yml", "2026/notes.txt", "2026/sub/c.yaml", "2024/z.yaml",
                "notayear/d.yaml", "e.yaml", "2025/.hidden/f.yaml", "2025/.g.yaml", "2023/README.md"):
        (awards / rel).parent.mkdir(parents=True, exist_ok=True)
        (awards / rel).write_text("x\n", encoding="utf-8")
    (awards / "20266").mkdir()
    entries, unreadable = datatree.walk(tmp_path / "data", "data")
    assert not unreadable
    listing = {e.rel: "dir" if stat.S_ISDIR(e.mode) else "file" for e in entries}
    walked, listed = Collector(), Collector()
    found = record_files(awards, tmp_path, walked)
    assert record_files(awards, tmp_path, listed, listing) == found
    assert [where for _, where, _ in found] == ["data/awards/2024/z.yaml", "data/awards/2026/a.yaml",
                                                "data/awards/2026/b.yml"]
    assert listed.problems == walked.problems and len(walked.problems) == 9
    assert record_files(awards, tmp_path, Collector(), {"data": "dir"}) == found  # a listing without it: walked


def test_each_file_digest_is_that_of_all_its_bytes(tmp_path: Path) -> None:
    """Read to the end whatever its size (empty, small, larger than a read's first try of its listed size)."""
    data = tmp_path / "data"
    data.mkdir()
    contents = {"empty.txt": b"", "small.yaml": b"region: '63.11'\n", "large.bin": bytes(range(256)) * 1000}
    for name, content in contents.items():
        (data / name).write_bytes(content)
    _, files = datatree.scan_files(tmp_path)
    assert {rel: files[rel] for rel in files if rel != "data"} == \
        {f"data/{name}": hashlib.sha256(content).hexdigest() for name, content in contents.items()}
    assert datatree._read(str(data / "large.bin"), 10) == contents["large.bin"]  # grown since the walk: all read


FUTURE_NS = 2 ** 62  # a clock far ahead: every file counts as changed long before the scan


def _three_files(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "awards").mkdir(parents=True)
    for name, text in (("dataset.yaml", "updated: 2026-01-27\n"), ("awards/a.yaml", "region: '63.11'\n"),
                       ("awards/b.yaml", "region: '12.75'\n")):
        (data / name).write_text(text, encoding="utf-8")
    return data


def test_a_file_as_the_last_scan_saw_it_takes_the_digest_it_recorded(tmp_path: Path) -> None:
    data = _three_files(tmp_path)
    fingerprint, files, seen = datatree.scan_known(tmp_path, {}, FUTURE_NS)
    assert (fingerprint, files) == datatree.scan_files(tmp_path)
    assert set(seen) == {"data/dataset.yaml", "data/awards/a.yaml", "data/awards/b.yaml"}  # files, not folders
    assert seen["data/awards/a.yaml"][4] == hashlib.sha256((data / "awards/a.yaml").read_bytes()).hexdigest()
    planted = dict(seen, **{"data/awards/a.yaml": seen["data/awards/a.yaml"][:4] + ("0" * 64,)})
    again, files_again, _ = datatree.scan_known(tmp_path, planted, FUTURE_NS)
    assert files_again["data/awards/a.yaml"] == "0" * 64  # not read: taken from what the scan recorded
    assert again != fingerprint and files_again["data/awards/b.yaml"] == files["data/awards/b.yaml"]


def test_a_file_changed_since_is_read_again_even_with_its_size_and_mtime_put_back(tmp_path: Path) -> None:
    """What a tool that restores modification times (rsync -t, tar, cp -p) leaves: same inode, size and mtime;
    the write set the ctime, which no program can set back."""
    import os
    import time

    data = _three_files(tmp_path)
    _, files, seen = datatree.scan_known(tmp_path, {}, FUTURE_NS)
    record = data / "awards" / "a.yaml"
    before = os.stat(record)
    time.sleep(0.05)  # past the file system's timestamp granularity
    with open(record, "r+b") as f:  # the same inode
        f.write(b"region: '63.12'\n")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(record)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    _, files_after, seen_after = datatree.scan_known(tmp_path, seen, FUTURE_NS)
    assert files_after["data/awards/a.yaml"] == hashlib.sha256(b"region: '63.12'\n").hexdigest()
    assert files_after["data/awards/a.yaml"] != files["data/awards/a.yaml"]
    assert seen_after["data/awards/a.yaml"][4] == files_after["data/awards/a.yaml"]


def test_a_file_changed_just_before_a_scan_is_not_recorded(tmp_path: Path) -> None:
    """Timestamps are coarse: a file written in the same tick as the scan could be written again with the same
    times, so the next scan reads it again."""
    _three_files(tmp_path)
    _, _, seen = datatree.scan_known(tmp_path, {})
    assert seen == {}
    _, _, seen = datatree.scan_known(tmp_path, {}, FUTURE_NS)
    assert len(seen) == 3
