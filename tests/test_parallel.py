"""At scale, records are read and region pages rendered on every core: the result must be exactly the
serial one, problems included. Runs on synthetic data (generator.bench), labelled as such in every record."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from generator import parallel
from generator.bench.synthetic import make_project
from generator.errors import DataError
from generator.judge.dataset import load_dataset
from generator.outputs.pages import render_site
from generator.publish import build

REPO = Path(__file__).resolve().parent.parent
URL = "https://example.org/uhc/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(REPO, tmp_path_factory.mktemp("parallel") / "p", years=2)


def test_jobs_for_small_and_large_work() -> None:
    assert parallel.jobs_for(10) == 1
    assert parallel.jobs_for(10**6, jobs=2) == 2
    assert parallel.jobs_for(5, jobs=3, min_work=0) == 3


def test_ordered_map_keeps_the_order_on_two_processes() -> None:
    items = list(range(500))
    assert list(parallel.ordered_map(pow, 3, items, jobs=2)) == [pow(3, i) for i in items]


def test_parallel_load_and_render_equal_serial(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = load_dataset(project)
    serial_pages = list(render_site(serial, URL, jobs=1))
    monkeypatch.setattr(parallel, "MIN_WORK", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)  # two worker processes even on a one-core machine
    parallel_ds = load_dataset(project)
    assert parallel_ds.records() == serial.records()
    assert parallel_ds.entries == serial.entries
    assert list(render_site(parallel_ds, URL, jobs=2, min_work=0)) == serial_pages


def test_problems_found_in_workers_are_all_reported(project: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    broken = make_project(REPO, tmp_path / "broken", years=1)
    folder = broken / "data" / "awards" / "2026"
    (folder / "11.01.yaml").write_text("region: [\n", encoding="utf-8")
    text = (folder / "63.11.yaml").read_text(encoding="utf-8")
    (folder / "63.11.yaml").write_text(text.replace("coverage: ", "coverage: -"), encoding="utf-8")
    with pytest.raises(DataError) as serial:
        load_dataset(broken)
    monkeypatch.setattr(parallel, "MIN_WORK", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    with pytest.raises(DataError) as forked:
        load_dataset(broken)
    assert forked.value.problems == serial.value.problems
    assert {p.path for p in forked.value.problems} == {"data/awards/2026/11.01.yaml", "data/awards/2026/63.11.yaml"}


def test_the_collector_is_paused_inside_and_as_it_was_after() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), parallel.collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a failed read")
    assert gc.isenabled()  # on again, even after a failure
    gc.disable()
    try:
        with parallel.collector_paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()


def test_what_is_set_aside_stays_so_until_the_outermost_ends() -> None:
    assert gc.get_freeze_count() == 0
    with parallel.set_aside():
        kept = gc.get_freeze_count()
        assert kept > 0
        with parallel.set_aside():
            made_since = [[] for _ in range(100)]  # noqa: F841 (objects made after the outer one began)
            assert gc.get_freeze_count() > kept
        assert gc.get_freeze_count() > 0  # the inner one leaves the outer one's objects set aside
    assert gc.get_freeze_count() == 0


def test_generate_leaves_the_collector_as_it_found_it(project: Path, tmp_path: Path) -> None:
    """A serve process generates again and again: no run may leave its data set aside (never collected) or the
    collector off."""
    copy = tmp_path / "p"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("docs", "site", ".uhc-*"))
    with pytest.raises(DataError):  # a failed read too
        (copy / "data" / "criteria" / "2026.yaml").write_text("not: [closed", encoding="utf-8")
        build.generate(build.Project(copy))
    assert gc.isenabled() and gc.get_freeze_count() == 0
    shutil.copy(project / "data" / "criteria" / "2026.yaml", copy / "data" / "criteria" / "2026.yaml")
    ds, _ = build.generate(build.Project(copy))
    assert ds is not None and gc.isenabled() and gc.get_freeze_count() == 0


def test_chunks_keep_the_order_and_put_a_heavy_item_alone() -> None:
    items = ["E1", "E2", *(f"p{i}" for i in range(40)), "E3", *(f"j{i}" for i in range(30))]
    found = parallel.chunks(items, 2, lambda item: item.startswith("E"))
    assert [x for chunk in found for x in chunk] == items  # every item once, in order
    assert [list(chunk) for chunk in found if any(x.startswith("E") for x in chunk)] == [["E1"], ["E2"], ["E3"]]
    size = len(items) // 16
    assert all(0 < len(chunk) <= size for chunk in found)
    assert [len(c) for c in parallel.chunks(list(range(100)), 2)] == [6] * 16 + [4]
    assert parallel.chunks([], 2) == [] and parallel.chunks([1], 2) == [[1]]
