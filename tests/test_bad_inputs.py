"""The corpus of bad inputs: each must fail `uhc-awards build` with its located message and a fix, exit 1,
print no traceback, finish quickly in bounded memory, and leave the previous docs/ and site/ as they were.

Cases are tests/bad_inputs/*.case (a header, then the file's bytes) plus a few made here because of their
size, bytes or kind of file (a YAML bomb, a 2 GiB sparse file, Latin-1 and UTF-16 text, a NUL byte,
symbolic links, a FIFO). Header lines of a .case file:

    # expect: {f}:LINE: field: message      the error line that must be printed ({f}: the first place)
    # place: 2026/x.yaml [more ...]         where the body goes: under data/awards/, or data/... (default
                                            2026/<case>.yaml); every place gets the same bytes
    # fix: fragment                         optional: text the problem's fix line must contain
    # ---                                   the body follows

tests/bad_inputs/hostile/ holds the opposite: valid records whose text is hostile (HTML, Markdown,
scripts). They must load; tests/test_escaping.py and tests/browser/test_injection.py check the pages.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from generator.publish import write
from tests.helpers import assert_located, copy_project, pin_data_date, run_cli

CORPUS = Path(__file__).parent / "bad_inputs"
HOSTILE = CORPUS / "hostile"
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for the checking process (a hard bound)
MAX_RSS_KB = 300 * 1024  # the peak resident memory a case may use (about 40 MB here)
TIME_LIMIT = 5.0  # seconds, generous for CI; a case takes about 0.2 s here

LOCATED = re.compile(r"error: data/[^:\s]+(:[1-9][0-9]*)?: \S")  # error: FILE[:LINE]: ...
VALID_HEAD = 'region: "63.11"\nyear: 2026\nawarded: true\nbasis: stated\n'


@dataclass(frozen=True)
class Case:
    expect: str
    place: tuple[str, ...]
    body: bytes = b""
    fix: str = ""
    install: Callable[[Path], None] | None = None  # makes the bad file itself (links, FIFOs, sparse files)


def target(project: Path, rel: str) -> Path:
    return project / rel if rel.startswith("data/") else project / "data" / "awards" / rel


def _read_case(path: Path) -> Case:
    head, body = path.read_text(encoding="utf-8").split("# ---\n", 1)
    fields = {"place": f"2026/{path.stem}.yaml", "fix": ""}
    for line in head.splitlines():
        key, _, value = line.removeprefix("# ").partition(": ")
        fields[key] = value
    return Case(fields["expect"], tuple(fields["place"].split()), body.encode("utf-8"), fields["fix"])


def _symlink(rel: str, to: str) -> Callable[[Path], None]:
    def install(project: Path) -> None:
        link = target(project, rel)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(to)
    return install


def _fifo(project: Path) -> None:
    path = target(project, "2026/fifo.yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)  # reading it would block forever


def _sparse(project: Path) -> None:
    path = target(project, "2026/sparse.yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:  # 2 GiB that take no disk: reading it whole would exceed MEMORY_LIMIT
        handle.write(VALID_HEAD.encode())
        handle.truncate(2 * 1024**3)


def _linked_folder(rel: str) -> Callable[[Path], None]:
    """data/<rel> replaced by a link to a copy of it elsewhere (a record inside, for data/awards)."""
    def install(project: Path) -> None:
        folder, elsewhere = project / rel, project.parent / "elsewhere"
        shutil.copytree(folder, elsewhere)
        shutil.rmtree(folder)
        if rel == "data/awards":
            (elsewhere / "2026").mkdir()
            (elsewhere / "2026" / "63.11.yaml").write_text(VALID_HEAD + "sources:\n  - {url: 'https://example.org/x', "
                                                         "publisher: FIXTURE}\n", encoding="utf-8")
        folder.symlink_to(elsewhere)
    return install


def _fifo_at(rel: str) -> Callable[[Path], None]:
    def install(project: Path) -> None:
        (project / rel).unlink(missing_ok=True)
        os.mkfifo(project / rel)
    return install


def _socket(project: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(project / "data" / "s"))


def _registry_csv(name: str, edit: Callable[[str], bytes]) -> Callable[[Path], None]:
    def install(project: Path) -> None:
        path = project / "data" / "regions" / name
        text = path.read_text(encoding="utf-8")
        path.unlink()
        path.write_bytes(edit(text))
    return install


def _no_criteria(project: Path) -> None:
    for path in (project / "data" / "criteria").glob("*.yaml"):
        path.unlink()


def _write(rel: str, data: bytes) -> Callable[[Path], None]:
    def install(project: Path) -> None:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).unlink(missing_ok=True)
        (project / rel).write_bytes(data)
    return install


def _edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """The shipped file with one edit: a problem in an otherwise complete file (a whole gazetteer is long)."""
    def install(project: Path) -> None:
        text = (project / rel).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        _write(rel, text.replace(old, new).encode())(project)
    return install


def _folder_at(rel: str) -> Callable[[Path], None]:
    """An empty folder where a record was: a page must never turn into "Belum ada data" in silence."""
    def install(project: Path) -> None:
        target(project, rel).mkdir(parents=True)
    return install


def _no_awards_folder(project: Path) -> None:
    shutil.rmtree(project / "data" / "awards")


def _generated() -> dict[str, Case]:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    deep = VALID_HEAD + "notes: " + "[" * 5000 + "]" * 5000 + "\n"
    huge = VALID_HEAD + "notes: |\n" + ("  " + "x" * 98 + "\n") * 3000
    many = VALID_HEAD + "notes: [" + "1, " * 60_000 + "]\n"  # 180 KB, under the size limit
    latin1 = (VALID_HEAD + "recipient: Bupati ").encode("utf-8") + "Müller\n".encode("latin-1")
    return {
        "yaml-bomb": Case("{f}:1: YAML anchors and aliases (&name, *name) are not allowed", ("2026/bomb.yaml",),
                          bomb.encode()),
        "deep-nesting": Case("{f}:5: nesting deeper than 12 levels", ("2026/deep.yaml",), deep.encode()),
        "huge-file": Case("{f}:1: file is 303,064 bytes, over the limit of 262,144", ("2026/huge.yaml",),
                          huge.encode()),
        "many-items": Case("{f}:5: file has too many YAML items", ("2026/many.yaml",), many.encode()),
        "not-utf8": Case("{f}:5: file is not UTF-8 (byte 0xfc at byte 74)", ("2026/latin1.yaml",), latin1,
                         "Save with encoding"),
        "utf16": Case("{f}:1: file is not UTF-8 (byte 0xff at byte 0)", ("2026/utf16.yaml",),
                      VALID_HEAD.encode("utf-16")),
        "nul-byte": Case("{f}:3: character U+0000 is not allowed in YAML", ("2026/nul.yaml",),
                         VALID_HEAD.replace("true", "tr\x00ue").encode()),
        "sparse-2gib-file": Case("{f}:1: file is 2,147,483,648 bytes, over the limit", ("2026/sparse.yaml",),
                                 install=_sparse),
        "fifo": Case("{f}: is a FIFO (named pipe), not a regular file", ("2026/fifo.yaml",), install=_fifo),
        "symlink-to-system-file": Case("{f}: is a symbolic link", ("2026/passwd.yaml",),
                                       install=_symlink("2026/passwd.yaml", "/etc/passwd")),
        "symlinked-year-folder": Case("{f}: is a symbolic link", ("2026",), install=_symlink("2026", "/etc")),
        "symlinked-criteria": Case("{f}: is a symbolic link", ("data/criteria/2099.yaml",),
                                   install=_symlink("data/criteria/2099.yaml", "/etc/passwd")),
        "symlinked-awards-folder": Case("{f}: is a symbolic link", ("data/awards",),
                                        install=_linked_folder("data/awards"), fix="neither checked nor published"),
        "symlinked-criteria-folder": Case("{f}: is a symbolic link", ("data/criteria",),
                                          install=_linked_folder("data/criteria")),
        "symlinked-map-folder": Case("{f}: is a symbolic link", ("data/map",), install=_linked_folder("data/map")),
        "dangling-symlink": Case("{f}: is a symbolic link", ("data/import/gone.csv",),
                                 install=_symlink("data/import/gone.csv", "/nonexistent/gone.csv")),
        "fifo-in-map": Case("{f}: is a FIFO (named pipe), not a regular file", ("data/map/tilegrid.csv",),
                            install=_fifo_at("data/map/tilegrid.csv")),
        "fifo-in-regions": Case("{f}: is a FIFO (named pipe), not a regular file", ("data/regions/regencies.csv",),
                                install=_fifo_at("data/regions/regencies.csv")),
        "socket-in-data": Case("{f}: is a socket, not a regular file", ("data/s",), install=_socket),
        "latin1-provinces": Case("{f}:2: file is not UTF-8 (byte 0xe8 at byte 15; Windows-1252 or Latin-1?)",
                                 ("data/regions/provinces.csv",),
                                 install=_registry_csv("provinces.csv",
                                                       lambda t: t.replace("Aceh", "Ac\u00e8h", 1).encode("latin-1"))),
        "200-kb-cell-in-regencies": Case("{f}:10: a cell is longer than 4,000 characters",
                                         ("data/regions/regencies.csv",),
                                         install=_registry_csv("regencies.csv", lambda t: t.replace(
                                             "Simeulue", "S" * 200_000, 1).encode())),
        "zero-width-space-in-province": Case("{f}:2: name: contains U+200B (zero width space) at character 3",
                                             ("data/regions/provinces.csv",),
                                             install=_registry_csv("provinces.csv", lambda t: t.replace(
                                                 "Aceh", "Ac\u200beh", 1).encode())),
        "no-criteria-files": Case("{f}: holds no criteria file", ("data/criteria",), install=_no_criteria),
        "gazetteer-kabupaten-without-seat": Case(
            "{f}:295: seats: the seat is missing for 95.01 Kabupaten Jayawijaya", ("data/gazetteer.yaml",),
            install=_edit("data/gazetteer.yaml", '  "95.01":  # Kabupaten Jayawijaya\n    seat: Wamena\n'
                          "    source: emsifa-95\n", ""), fix="add each under seats:"),
        "gazetteer-capital-in-another-province": Case(
            "{f}:223: provinces.63.capital.region: '64.72' is not a kabupaten/kota of 63", ("data/gazetteer.yaml",),
            install=_edit("data/gazetteer.yaml", 'name: Banjarbaru, region: "63.72"', 'name: Banjarbaru, region: '
                          '"64.72"')),
        "tag-character-in-regencies": Case("{f}:10: name: contains U+E0041 (tag latin capital letter a) at "
                                           "character 19", ("data/regions/regencies.csv",),
                                           install=_registry_csv("regencies.csv", lambda t: t.replace(
                                               "Simeulue", "Simeulue\U000e0041", 1).encode())),
        "record-replaced-by-a-folder": Case("{f}: is a folder inside a year folder, where only record files go",
                                            ("2026/63.11-kabupaten-balangan.yaml",),
                                            install=_folder_at("2026/63.11-kabupaten-balangan.yaml")),
        "awards-folder-missing": Case("{f}: not found", ("data/awards",), install=_no_awards_folder,
                                      fix="restore data/awards/"),
        "utf16-import-sheet": Case("{f}:1: file is UTF-16 text, not UTF-8", ("data/import/extra.csv",),
                                   install=_write("data/import/extra.csv", "name,tier\n".encode("utf-16"))),
    }


CASES = {p.stem: _read_case(p) for p in sorted(CORPUS.glob("*.case"))} | _generated()


def _snapshot(project: Path) -> dict[str, tuple[str, int]]:
    """Every file of docs/ and site/: content hash and modification time."""
    return {p.relative_to(project).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for folder in ("docs", "site") for p in sorted((project / folder).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[str, int]]]:
    """A project without award records, built once: every case starts from a copy of its output."""
    project = pin_data_date(copy_project(tmp_path_factory.mktemp("corpus") / "p", with_awards=False))
    assert run_cli(project, "build") == 0
    return project, _snapshot(project)


def _clone(project: Path, dest: Path) -> Path:
    """A copy that hard-links the (large) built output; files placed by a case are unlinked first."""
    shutil.copytree(project, dest, symlinks=True, copy_function=os.link)
    return dest


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_build(project: Path) -> tuple[int, str, str, float, int]:
    """`python -m generator build` in a child process: exit code, stdout, stderr, seconds, peak RSS (KiB)."""
    out, err = project.parent / "stdout.txt", project.parent / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "build"],
                                stdout=stdout, stderr=stderr, preexec_fn=_limit_memory)
        timer = threading.Timer(60, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # reaps the child and gives its own peak memory
        elapsed = time.monotonic() - started
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out.read_text(), err.read_text(), elapsed, usage.ru_maxrss


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_located_error_and_writes_nothing(
        name: str, built: tuple[Path, dict[str, tuple[str, int]]], tmp_path: Path) -> None:
    base, before = built
    case = CASES[name]
    project = _clone(base, tmp_path / "p")
    if case.install:
        case.install(project)
    else:
        for rel in case.place:
            path = target(project, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)  # never write through a hard link into the shared original
            path.write_bytes(case.body)
    code, stdout, stderr, elapsed, rss = run_build(project)
    assert code == 1, stdout + stderr
    assert "Traceback" not in stderr, stderr
    first = case.place[0] if case.place[0].startswith("data/") else f"data/awards/{case.place[0]}"
    assert_located(stderr, "error: " + case.expect.format(f=first), case.fix, LOCATED)
    assert "generated:" not in stdout and "built:" not in stdout
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.2f} s"
    assert rss < MAX_RSS_KB, f"{name} used {rss} KiB"
    assert _snapshot(project) == before, "a failing run changed docs/ or site/"
    assert not (project / write.WORK).exists()


def test_hostile_but_valid_records_load(tmp_path: Path) -> None:
    """HTML, Markdown and scripts in a record's text are data, not errors: they load (and are escaped)."""
    project = copy_project(tmp_path / "p", with_awards=False)
    records = sorted(HOSTILE.glob("*.yaml"))
    assert len(records) >= 3
    (project / "data" / "awards" / "2026").mkdir()
    for path in records:
        shutil.copy(path, target(project, f"2026/{path.name}"))
    proc = subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "check"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert f"ok: {len(records)} records" in proc.stdout


@pytest.mark.parametrize("rel", [
    "../x.md", "../../etc/passwd", "/etc/passwd", "wilayah/../../x.md", "wilayah/../index.md", "index.md",
    "tentang.md", "stylesheets/uhc.css", "wilayah", "wilayah/.hidden.md", "wilayah\\..\\..\\x.md", "",
    "assets/x.md",
])
def test_writer_refuses_paths_outside_the_generated_folders(rel: str, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "wilayah").mkdir(parents=True)
    (docs / "index.md").write_text("# hand-written\n", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    with pytest.raises(write.UnsafePath):
        write.write_generated(tmp_path, docs, [("wilayah/ok.md", b"# ok\n"), (rel, b"# escaped\n")])
    after = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    # docs/ as it was; at most a staged tree was left in .uhc-spare/ or .uhc-work/, without a journal (the next run
    # makes the spare equal to docs/ again, and drops .uhc-work/)
    assert [p for p in after if not p.startswith((write.WORK, write.SPARE))] == before
    assert not (tmp_path / write.WORK / write.JOURNAL).exists()
    assert (docs / "index.md").read_text(encoding="utf-8") == "# hand-written\n"
    assert not (tmp_path.parent / "x.md").exists() and not (tmp_path / "x.md").exists()


def test_output_paths_come_from_the_registry_not_from_record_files(tmp_path: Path) -> None:
    """Record file names and texts cannot choose where a page is written: only registry slugs do."""
    from generator.judge.dataset import load_dataset
    from generator.outputs.pages import render_site

    plain = copy_project(tmp_path / "plain", with_awards=False)
    hostile = copy_project(tmp_path / "hostile", with_awards=False)
    for index, name in enumerate(["%2e%2e%2F%2e%2e%2Fx.yaml", "<script>.yaml", "wilayah..x.yaml", "~root.yaml"]):
        path = target(hostile, f"2026/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        region = ["63.11", "12.75", "63", "11.01"][index]
        path.write_text(f'region: "{region}"\nyear: 2026\nawarded: true\nbasis: stated\nnotes: "../../etc/passwd"\n'
                        "sources:\n  - {url: 'https://example.org/../../x', publisher: '../../../docs/index.md'}\n",
                        encoding="utf-8")
    paths = {path for path, _ in render_site(load_dataset(hostile))}
    assert paths == {path for path, _ in render_site(load_dataset(plain))}
    assert all(".." not in PurePosixPath(p).parts and PurePosixPath(p).parts[0] in write.GENERATED_DIRS
               for p in paths)
