"""`uhc-awards bench`: the pipeline's speed and size on a synthetic dataset at scale.

The dataset is made in a temporary folder, never in data/: all 514 kabupaten/kota and 38 provinces, a
record per region for each of N award years (criteria copied from 2026), every record labelled
synthetic. Each phase is timed several times and the median reported.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import parallel
from generator.judge.classify import classify
from generator.judge.dataset import load_dataset
from generator.outputs import finder
from generator.outputs.pages import render_site, share_cards
from generator.pictures.imagecache import ImageCache
from generator.publish import build, memofile, write
from generator.read.geography import load_geography
from generator.vocabulary import Basis

SYNTHETIC = "SYNTHETIC BENCHMARK DATA"
COPIED = ("mkdocs.yml", "overrides", "docs")
GENERATED = write.GENERATED_DIRS


def make_project(source: Path, dest: Path, years: int, seed: int = 2026) -> Path:
    """A copy of the project's config and registry with synthetic records for `years` award years."""
    dest.mkdir(parents=True)
    for name in COPIED:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*GENERATED))
        elif src.exists():
            shutil.copy2(src, dest / name)
    for sub in ("regions", "map", "population"):
        shutil.copytree(source / "data" / sub, dest / "data" / sub)
    for name in ("dataset.yaml", "redirects.yaml", "aliases.yaml", "gazetteer.yaml"):
        shutil.copy2(source / "data" / name, dest / "data" / name)
    rules = (source / "data" / "criteria" / "2026.yaml").read_text(encoding="utf-8")
    codes = [line.split(",", 1)[0] for name in ("provinces.csv", "regencies.csv")
             for line in (source / "data" / "regions" / name).read_text(encoding="utf-8").splitlines()[1:]]
    rng = random.Random(seed)
    (dest / "data" / "criteria").mkdir(parents=True)
    for year in range(2026 - years + 1, 2027):
        (dest / "data" / "criteria" / f"{year}.yaml").write_text(
            rules.replace("year: 2026", f"year: {year}").replace("UHC Awards 2026", f"UHC Awards {year} (sintetis)"),
            encoding="utf-8")
        folder = dest / "data" / "awards" / str(year)
        folder.mkdir(parents=True)
        for code in codes:
            cov, act = round(rng.uniform(96, 104), 2), round(rng.uniform(75, 100), 2)
            pemda = round(rng.uniform(0, 40), 2)
            (folder / f"{code}.yaml").write_text(
                f'region: "{code}"\nyear: {year}\nawarded: true\nbasis: {Basis.STATED.value}\n'
                f"metrics: {{coverage: {cov}, activity: {act}, pemda_share: {pemda}}}\n"
                "gates: {uhc_prioritas: true, pbpu_pemda_paid: true}\n"
                f"sources:\n  - url: https://example.org/synthetic/{year}/{code}\n    publisher: {SYNTHETIC}\n"
                "notes: Data sintetis untuk uji kecepatan, bukan catatan penghargaan yang nyata.\n"
                f"research_notes: {SYNTHETIC}, not a real award record.\n", encoding="utf-8")
    return dest


def _median(func: Callable[[], Any], runs: int, setup: Callable[[], Any] | None = None) -> float:
    """Median seconds of func over runs; setup (untimed) runs before each."""
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Aside:
    """Where the bench puts a tree it clears before a timed run: moved here, removed when the bench ends. A tree
    deleted just before a run would slow it on some file systems (ext4 without a journal, as on the machine the
    figures come from, skips every inode freed in the last minute when it makes a file: 4.0 s instead of 2.9 s for
    a 10-edition `generate` after a `generate` whose 2,400 files were just deleted); a fresh checkout has none."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def put(self, path: Path) -> None:
        if path.exists():
            self.count += 1
            (self.folder / str(self.count)).mkdir(parents=True)
            path.rename(self.folder / str(self.count) / path.name)


def _clear(project: build.Project, aside: Aside, memo: bool = False) -> None:
    """As a fresh checkout: no generated page, no state, no spare tree; and with `memo`, no data read before
    (publish/memofile.py). The share images stay in the cache (what they cost is measured on the shipped data)."""
    for name in GENERATED:
        aside.put(project.docs / name)
    aside.put(project.root / write.SPARE / "docs")
    (project.root / write.STATE).unlink(missing_ok=True)
    if memo:
        aside.put(project.root / memofile.FOLDER)


def _pairs(project: build.Project, aside: Aside, updated: dt.date, runs: int) -> list[tuple[float, float]]:
    """(generate, MkDocs) seconds, `runs` times: `generate` into an empty docs/ (what it read of data/ the run
    before kept), then MkDocs' full build of the docs/ it wrote into an empty site/, back to back, so that both
    halves of a pair meet the same load on a shared machine."""
    found = []
    for _ in range(runs):
        _clear(project, aside)
        started = time.perf_counter()
        build.generate(project)
        generated = time.perf_counter() - started
        aside.put(project.site)
        started = time.perf_counter()
        build.build_site(project, updated, full=True)
        found.append((generated, time.perf_counter() - started))
    return found


def _peak_rss_mb(root: Path, aside: Aside) -> tuple[float, float]:
    """Peak resident memory of a whole `generate` run in a fresh process, and of its largest worker process
    (0 when the run used none; workers are forked, so much of their memory is shared with the main one)."""
    _clear(build.Project(root), aside)
    # VmHWM, not ru_maxrss, for the main process: Linux carries ru_maxrss over from the parent across exec.
    code = ("import resource, sys\nfrom generator.cli import main\n"
            f"main(['--root', {str(root)!r}, 'generate'])\n"
            "main_kb = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
            "print(main_kb, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    main_kb, worker_kb = proc.stderr.strip().splitlines()[-1].split()
    return round(int(main_kb) / 1024, 1), round(int(worker_kb) / 1024, 1)  # kB -> MB


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def run(source: Path, years: int, runs: int, with_mkdocs: bool) -> dict[str, Any]:
    results: dict[str, Any] = {"years": years, "runs": runs}
    with tempfile.TemporaryDirectory(prefix="uhc-bench-") as tmp:
        root = make_project(source, Path(tmp) / "p", years)
        project, aside = build.Project(root), Aside(Path(tmp) / "aside")
        ds = load_dataset(root)
        records = ds.records()
        results["records"] = len(records)
        results["load_s"] = _median(lambda: load_dataset(root), runs)
        results["classify_s"] = _median(lambda: [classify(r.metrics, r.gates, ds.criteria[r.year]) for r in records],
                                        runs)
        files = list(render_site(ds, "https://example.org/"))
        results["pages"] = sum(1 for path, _ in files if path.endswith(".md"))
        results["render_s"] = _median(lambda: sum(1 for _ in render_site(ds, "https://example.org/")), runs)

        # Into an empty docs/ each time (the removal of the previous output is not timed).
        results["write_s"] = _median(lambda: write.write_generated(root, project.docs, files), runs,
                                     setup=lambda: _clear(project, aside))
        if not with_mkdocs:  # else in pairs with MkDocs, below
            results["generate_s"] = _median(lambda: build.generate(project), runs,
                                            setup=lambda: _clear(project, aside))
        results["generate_unread_s"] = _median(lambda: build.generate(project), runs,
                                               setup=lambda: _clear(project, aside, memo=True))
        build.generate(project)
        stamps = {p: p.stat().st_mtime_ns for d in GENERATED for p in (project.docs / d).rglob("*")}
        results["noop_s"] = _median(lambda: build.generate(project), runs)
        results["noop_wrote_files"] = stamps != {p: p.stat().st_mtime_ns for p in stamps}
        results["peak_rss_mb"], results["worker_peak_rss_mb"] = _peak_rss_mb(root, aside)
        results["geography_load_s"] = _median(lambda: load_geography(root / "data" / "map", root, ds.registry), runs)
        cache = ImageCache(Path(tmp) / "images")
        card = next(iter(share_cards(ds)))
        cache.png(card)  # drawn once; then every look-up is a hit
        results["share_image_cache_hit_ms"] = 1000 * _median(lambda: cache.png(card), max(runs, 200))
        if with_mkdocs:
            updated = ds.data_updated or build.data_date(project)
            pairs = _pairs(project, aside, updated, max(1, runs))
            results["generate_s"] = statistics.median(g for g, _ in pairs)
            results["generate_worst_s"] = max(g for g, _ in pairs)
            results["mkdocs_build_s"] = statistics.median(m for _, m in pairs)
            shares = [g / (g + m) for g, m in pairs]
            results["generate_share_of_build_worst"] = round(max(shares), 3)
            results["generate_share_of_build_pairs"] = [round(x, 3) for x in shares]
            results["site_mb"] = round(_folder_mb(project.site), 1)
            index = (project.site / finder.INDEX).read_bytes()  # the region finder's index
            results["search_index_kb"] = round(len(index) / 1024, 1)
            results["search_index_gzip_kb"] = round(len(gzip.compress(index)) / 1024, 1)
            if Path(sys.executable).with_name("zensical").exists():  # the optional engine, side by side
                results["zensical_build_s"] = _median(lambda: build.build_site(project, updated, "zensical"),
                                                      max(1, min(runs, 3)), setup=lambda: aside.put(project.site))
            results["generate_share_of_build"] = round(statistics.median(shares), 3)
            unread = results["generate_unread_s"]  # nothing of data/ read before: against the pairs' MkDocs
            results["generate_unread_share_of_build"] = round(unread / (unread + results["mkdocs_build_s"]), 3)
        results["noop_share_of_generate"] = round(results["noop_s"] / results["generate_s"], 3)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}


def main(source: Path, years: int, runs: int, with_mkdocs: bool, as_json: bool, edits: int = 5) -> int:
    figures = run(source, years, runs, with_mkdocs)
    one_year = run(source, 1, 1, False) if years > 1 else figures
    figures["peak_rss_mb_1year"] = one_year["peak_rss_mb"]
    figures[f"peak_rss_mb_{years}years"] = figures["peak_rss_mb"]
    figures["jobs"] = parallel.jobs_for(figures["records"])
    if with_mkdocs:  # the shipped data: full build against plain MkDocs, share images, serve's preview
        from generator.bench import shipped

        figures.update({k if k.startswith(("preview", "one_record", "startup")) else f"shipped_{k}": v
                        for k, v in shipped.run(source, max(1, runs), edits).items()})
    width = max(len(k) for k in figures)
    print(f"uhc-awards bench: synthetic data ({SYNTHETIC}), {years} year(s), median of {runs} run(s)")
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")
    if as_json:
        print(json.dumps(figures, sort_keys=True))
    return 0
