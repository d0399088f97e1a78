"""Shared fixtures. The real site is built once per session from a copy of the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import copy_project, run_cli


@pytest.fixture(scope="session", autouse=True)
def shared_image_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One share-image cache for every project the tests build (child processes inherit it): the images are
    cached by content, so sharing is safe, and each test project need not draw all 552 images again."""
    os.environ.setdefault("UHC_CACHE_DIR", str(tmp_path_factory.mktemp("image-cache")))


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with the shipped data, built with `uhc-awards build`."""
    project = copy_project(tmp_path_factory.mktemp("project") / "uhc")
    assert run_cli(project, "build") == 0
    return project


@pytest.fixture(scope="session")
def built_site(built_project: Path) -> Path:
    return built_project / "site"
