"""Shared fixtures. `shared` is ../shared beside the repo; tests that need it skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"{SHARED} is absent: accuracy gates on shared data are skipped")
    return SHARED


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
