"""Shared fixtures. The real site is built once per session from a copy of the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import copy_project, run_cli


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with the shipped data, built with `uhc-awards build`."""
    project = copy_project(tmp_path_factory.mktemp("project") / "uhc")
    assert run_cli(project, "build") == 0
    return project


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    return built_project / "site"
