"""Fixtures for render tests (inputs in render_fixtures.py)."""

from __future__ import annotations

from typing import Any

import pytest
from render_fixtures import AS_OF, FIXTURES, FakeResult, load_flier, load_matches

from benefitkit.model import Flier


@pytest.fixture(scope="session")
def flier() -> Flier:
    return load_flier()


@pytest.fixture(scope="session")
def profile() -> Any:
    from benefitkit.profile import Profile

    return Profile.from_file(FIXTURES / "profile.yaml", ref_date=AS_OF)


@pytest.fixture(scope="session")
def result() -> FakeResult:
    return load_matches()


@pytest.fixture(scope="session")
def writer() -> Any:
    from benefitkit.render import Writer

    return Writer(as_of=AS_OF)
