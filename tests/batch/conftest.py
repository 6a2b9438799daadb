"""Fixtures for the batch tests: our own flier and account lists (never corpus files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from batch_fixtures import FLIER, write_accounts

from benefitkit.engine import Engine, EngineSpec
from benefitkit.model import Flier

AS_OF = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def spec() -> EngineSpec:
    return EngineSpec(as_of=AS_OF)


@pytest.fixture(scope="session")
def engine(spec: EngineSpec) -> Engine:
    return spec.build()


@pytest.fixture(scope="session")
def flier_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("flier") / "tern.md"
    path.write_text(FLIER, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def flier(engine: Engine, flier_path: Path) -> Flier:
    return engine.parse(flier_path)


@pytest.fixture
def accounts(tmp_path: Path) -> Path:
    """The mixed list: good rows, bad rows, and names that try to escape the folder."""
    return write_accounts(tmp_path / "accounts.csv")
