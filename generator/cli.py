"""Command line: uhc-awards check | generate | build | serve | import | bench. User errors become clean
messages here; every command that writes holds the project's lock (lock.py) while it writes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from generator.errors import DataError
from generator.judge.answers import Counts
from generator.judge.completeness import Completeness, completeness
from generator.judge.dataset import Memo
from generator.publish import build, engine, lock, serve, write
from generator.publish.project import Project
from generator.read import datatree
from generator.vocabulary import Status

EXIT_DATA = 1
EXIT_BUILD = 2
EXIT_BUSY = 3


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root).resolve())


def _locked(args: argparse.Namespace) -> AbstractContextManager[None]:
    root = _project(args).root
    if not (root / "data").is_dir():  # a mistyped --root: say so, rather than fail to create the lock file
        datatree.scan(root)
    return lock.hold(root, args.command, args.wait, lambda text: print(text, file=sys.stderr))


def _report_problems(exc: DataError, unchanged: str) -> int:
    for problem in exc.problems:
        print(f"error: {problem}", file=sys.stderr)
    count = len(exc.problems)
    print(f"\n{count} problem{'s' if count != 1 else ''} found; nothing was written ({unchanged}).", file=sys.stderr)
    return EXIT_DATA


def cmd_check(args: argparse.Namespace) -> int:
    ds = build.check(_project(args))
    for notice in ds.notices:
        print(f"note: {notice}")
    for year in ds.years:
        print(_completeness(completeness(ds, year)))
    records = ds.records()
    print(f"ok: {len(records)} records, {len(ds.criteria)} criteria years, "
          f"{len(ds.registry.regions)} regions; no problems")
    return 0


def _completeness(c: Completeness) -> str:
    """'2026: kabupaten/kota 250 awarded of 397 official (63.0 %), 25 not awarded, 239 no data; ...'."""
    def part(name: str, counts: Counts, official: int | None, share: float | None) -> str:
        against = f" of {official} official ({share} %)" if official else " (no official total)"
        return (f"{name} {counts.awarded} awarded{against}, {counts[Status.NOT_AWARDED]} not awarded, "
                f"{counts[Status.NO_DATA]} no data")

    return (f"{c.year}: {part('kabupaten/kota', c.kabkota, c.official_kabkota, c.kabkota_share)}; "
            f"{part('provinces', c.provinces, c.official_provinces, c.province_share)}; {c.answers} answers, "
            f"{c.several} on two or more pages ({c.several_share} %), {c.independent} on two or more independent "
            f"pages, {c.unchecked} with pages not checked for independence")


def _print_report(report: write.Report) -> None:
    if report.skipped:
        print("generated: nothing changed since the last run (no file written)")
    else:
        kept = f" ({report.kept} kept without rendering: their inputs did not change)" if report.kept else ""
        print(f"generated: {report.written} written, {report.unchanged} unchanged{kept}, {report.removed} removed")


def cmd_generate(args: argparse.Namespace) -> int:
    with _locked(args):
        _, report = build.generate(_project(args))
    _print_report(report)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    with _locked(args):
        report, built = build.build(_project(args), args.engine)
    _print_report(report)
    pages = sum(1 for _ in built.site.rglob("index.html"))
    again = f", {built.rendered} rendered again, the others kept" if built.rendered is not None \
        and built.rendered < pages else ""
    print(f"built: {built.site} ({pages} pages{again})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, then preview (publish/serve.py): site/ served by MkDocs' development server and built again, in
    this process, whenever data/, a template or a hand-written page changes; Enter (or SIGHUP) renders every
    page again."""
    project, memo = _project(args), Memo()
    serve.check_address(args.dev_addr)  # before the pages are built: a taken port is said at once
    with _locked(args):
        report, _ = build.build(project, here=True, memo=memo)
    _print_report(report)
    return serve.serve(project, args.dev_addr, _report_problems, memo)


def cmd_import(args: argparse.Namespace) -> int:
    """Create or update records from spreadsheets. Every row is checked with the loader's own rules first;
    nothing is written when any row has a problem."""
    from generator.importing import importer  # spreadsheets (openpyxl, ruamel.yaml): only for this command

    project = _project(args)
    files = [Path(f).absolute() for f in args.files]
    with _locked(args):
        write.recover(project.root)  # finishes (or forgets) the swap of an import or a build that was killed
        ds = build.check(project)
        plan = importer.plan_import(files, args.year, project.root, ds, args.sheet)
        for note in plan.notes:
            print(f"note: {note}")
        importer.apply(plan, project.root)
    count = len(plan.changes)
    print(f"imported: {plan.rows} row{'s' if plan.rows != 1 else ''} of {args.year}; {count} record "
          f"file{'s' if count != 1 else ''} created or updated")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from generator.bench import synthetic  # only the benchmark needs it

    return synthetic.main(_project(args).root, args.years, args.runs, not args.no_mkdocs, args.json, args.edits)


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "check": (cmd_check, "validate data/ and report every problem with file:line (writes nothing)"),
    "generate": (cmd_generate, "check, then write the generated Markdown pages into docs/"),
    "build": (cmd_build, "check, generate, and build the site into site/ with MkDocs (--strict)"),
    "serve": (cmd_serve, "live preview of site/: built again when data/, a template or a page changes, only the "
                          "changed pages rendered (Enter: every page)"),
    "bench": (cmd_bench, "measure load, classify, render, write, no-op re-run, MkDocs build, memory and sizes "
                          "on a synthetic dataset made in a temporary folder, then on a copy of the shipped data: "
                          "the full build against plain MkDocs, share images, and serve's preview_update_s"),
    "import": (cmd_import, "create or update award records from CSV/XLSX spreadsheets (re-runnable)"),
}


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="uhc-awards", description=__doc__)
    main_parser.add_argument("--root", default=".", help="project folder (with data/, docs/, mkdocs.yml)")
    main_parser.add_argument("--wait", type=float, default=lock.DEFAULT_WAIT, metavar="SECONDS",
                             help="how long a writing command waits for another run in the same folder "
                                  f"(default {lock.DEFAULT_WAIT:g})")
    sub = main_parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if name == "build":
            cmd.add_argument("--engine", default="mkdocs", choices=list(engine.ENGINES),
                             help="site engine: mkdocs (default) or zensical (optional extra, faster, alpha)")
        if name == "import":
            cmd.add_argument("files", nargs="+", help="CSV or XLSX files: name, tier, source_url, ...")
            cmd.add_argument("--year", type=int, required=True, help="award year of the rows")
            cmd.add_argument("--sheet", help="the sheet to read in an XLSX workbook with several visible sheets")
        if name == "bench":
            cmd.add_argument("--years", type=int, default=10, help="synthetic award years (default 10)")
            cmd.add_argument("--runs", type=int, default=3, help="runs per measure; the median is reported")
            cmd.add_argument("--no-mkdocs", action="store_true",
                             help="skip the MkDocs builds (and the shipped-data figures, which need them)")
            cmd.add_argument("--edits", type=int, default=5,
                             help="record edits timed through `serve` for preview_update_s (default 5; 0: none)")
            cmd.add_argument("--json", action="store_true", help="end with the figures as one JSON line")
        if name == "serve":
            cmd.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func = COMMANDS[args.command][0]
    try:
        return func(args)
    except DataError as exc:
        return _report_problems(exc, "data/ is as it was" if args.command == "import"
                                else "docs/ and site/ are as they were")
    except engine.BuildError as exc:
        print(f"error: the site build failed; docs/ and site/ are as they were.\n{exc}", file=sys.stderr)
        return EXIT_BUILD
    except write.OutputError as exc:
        print(f"error: {exc.message}; {exc.state}.\n    fix: {exc.fix}", file=sys.stderr)
        return EXIT_BUILD
    except lock.LockError as exc:
        print(f"error: {exc}\n    fix: run the command in a folder you can write to", file=sys.stderr)
        return EXIT_BUILD
    except serve.ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUILD
    except lock.Busy as exc:
        print(f"error: {exc}; nothing was written.\n    fix: wait for it to finish and run the command again, or "
              "pass --wait SECONDS to wait longer", file=sys.stderr)
        return EXIT_BUSY


if __name__ == "__main__":
    sys.exit(main())
