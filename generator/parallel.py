"""One function over many items on every core, results in input order, so output stays deterministic.

Worker processes are forked: each inherits the context (the registry, the dataset, the compiled templates)
instead of receiving it pickled, and sends back only its results. Small jobs run in this process, where a
fork would cost more than it saves; so do platforms without fork.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

MIN_WORK = 1000  # records; less work than this runs in this process (the shipped data is about 300 records)

_context: Any = None  # set in each worker process by _start(), never in the parent


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start(context: Any) -> None:
    global _context
    _context = context


def _run(func: Callable[[Any, Any], Any], chunk: Sequence[Any]) -> list[Any]:
    return [func(_context, item) for item in chunk]


def jobs_for(work: int, jobs: int = 0, min_work: int | None = None) -> int:
    """How many processes to use for `work` records' worth of work: 1 below min_work (default MIN_WORK),
    else jobs (0: every core)."""
    return 1 if work < (MIN_WORK if min_work is None else min_work) else jobs or cores()


def ordered_map(func: Callable[[C, T], R], context: C, items: Sequence[T], jobs: int) -> Iterator[R]:
    """func(context, item) for every item, in the order of items, on `jobs` processes (see jobs_for).
    func must be a module-level function."""
    with started(func, context, items, jobs) as results:
        yield from results


def chunks(items: Sequence[T], jobs: int, alone: Callable[[T], bool] | None = None) -> list[Sequence[T]]:
    """items in order, in runs of len(items) / (jobs * 8): small enough that every core stays busy to the end;
    an item that costs a run's worth by itself (alone) goes in a run of its own, so the first results, taken in
    order, do not wait for a run of heavy items (the caller writes the files of the later ones while the workers
    work, instead of all at the end)."""
    size = max(1, len(items) // (jobs * 8))
    found: list[Sequence[T]] = []
    start = 0
    for i, item in enumerate(items):
        if alone is not None and alone(item) or i - start == size:
            found += [items[start:i]] if i > start else []
            start = i
            if alone is not None and alone(item):
                found.append(items[i:i + 1])
                start = i + 1
    return found + ([items[start:]] if start < len(items) else [])


@contextlib.contextmanager
def started(func: Callable[[C, T], R], context: C, items: Sequence[T], jobs: int,
            alone: Callable[[T], bool] | None = None) -> Iterator[Iterator[R]]:
    """ordered_map's results, the workers (if any) started on entering and stopped on leaving: the caller may do
    other work in this process while they run, then take the results. alone: see chunks()."""
    if jobs >= 2 and len(items) >= 2:
        import multiprocessing  # only for large data: its import would cost a small run's start-up

        if "fork" in multiprocessing.get_all_start_methods():
            fork = multiprocessing.get_context("fork")
            # set aside: the objects the workers inherit, which their collector then never walks (and so copies)
            with set_aside(), fork.Pool(jobs, initializer=_start, initargs=(context,)) as pool:
                work = pool.imap(functools.partial(_run, func), chunks(items, jobs, alone))
                yield (result for results in work for result in results)
            return
    yield (func(context, item) for item in items)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside, for making many objects that all live on (the data read from
    data/): every collection their growth would set off walks all the objects made so far (at 10 editions, a
    third of the reading time). Not for work that leaves garbage behind."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextlib.contextmanager
def set_aside() -> Iterator[None]:
    """What exists on entering (e.g. the dataset a run works from) is left out of the collector's walks until
    leaving (gc.freeze): a collection then walks only what was made since. Nested, the outermost one ends it."""
    outer = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()
