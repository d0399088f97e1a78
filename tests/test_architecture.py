"""The house: generator/ is a tree of stage packages whose imports run one way (read -> judge -> views ->
pictures -> render -> outputs -> publish; importing and bench beside), with no import circle and only the
CLI and a few shared leaves at the top. Read from the source with `ast`, so a new module is held to it too."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
# Each stage may import the shared leaves and the stages before it, never one after it.
STAGES = ("read", "judge", "views", "pictures", "render", "outputs", "publish")
BESIDE = {"importing": {"read", "judge", "publish"}, "bench": set(STAGES)}  # what the side packages may use
LEAVES = {"vocabulary", "model", "errors", "numfmt", "parallel"}  # shared, importing no stage
TOP = {"__init__", "__main__", "cli", *LEAVES}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> list[tuple[str, bool]]:
    """The project modules a file imports, each with whether the import is at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(n) for n in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
            assert node.level == 0, f"{path}: relative import (use generator.<package>.<module>)"
            base = node.module.removeprefix("generator").lstrip(".")
            for alias in node.names:
                name = f"{base}.{alias.name}".lstrip(".")
                found.append((name if name in modules else base or "__init__", id(node) in top_level))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("generator."):
                    found.append((alias.name.removeprefix("generator."), id(node) in top_level))
    return found


MODULES = _modules()
GRAPH = {name: _imports(path, MODULES) for name, path in MODULES.items()}


def _stage(module: str) -> str:
    return module.split(".")[0] if "." in module or module in STAGES or module in BESIDE else module


def test_the_tree_shows_the_stages() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == TOP and len(top) <= 8, sorted(top)
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert packages == sorted((*STAGES, *BESIDE))
    for name in packages:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and doc.count(".") >= 1, f"{name}/__init__.py says in a line what the package is for"


def test_modules_stay_small() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert not {n: s for n, s in sizes.items() if s > 300}


def test_no_import_circle() -> None:
    graph = {m: {d for d, _ in deps if d in MODULES and d != m} for m, deps in GRAPH.items()}
    seen: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(module: str, path: list[str]) -> None:
        seen[module] = 1
        for dep in sorted(graph[module]):
            if seen.get(dep) == 1:
                pytest.fail("import circle: " + " -> ".join([*path[path.index(dep):], dep]))
            if dep not in seen:
                visit(dep, [*path, dep])
        seen[module] = 2

    for module in sorted(graph):
        if module not in seen:
            visit(module, [module])


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m not in ("__init__", "__main__", "cli")))
def test_imports_run_one_way(module: str) -> None:
    """A leaf imports no stage; a stage imports only earlier stages; the side packages their allowances; the
    benchmark is imported by nothing but its command."""
    own = _stage(module)
    for dep, _ in GRAPH[module]:
        other = _stage(dep)
        if other == own or other in LEAVES and own not in LEAVES:
            continue
        if own in LEAVES:
            allowed = other in ("vocabulary", "model")
        elif own in STAGES:
            allowed = other in STAGES and STAGES.index(other) < STAGES.index(own)
        else:
            allowed = other in BESIDE[own] or other == own
        assert allowed, f"generator.{module} imports generator.{dep}: {own} may not use {other}"


def test_bench_is_loaded_only_by_its_command() -> None:
    users = {m for m, deps in GRAPH.items() for d, top in deps if _stage(d) == "bench" and _stage(m) != "bench"}
    assert users == {"cli"} and all(not top for d, top in GRAPH["cli"] if _stage(d) == "bench")
    loaded = subprocess.run([sys.executable, "-c", "import sys, generator.cli; "
                             "print(sorted(m for m in sys.modules if m.startswith('generator.bench')))"],
                            capture_output=True, text=True, cwd=REPO, check=True).stdout.strip()
    assert loaded == "[]"
