"""Fixtures for the matcher tests; the values themselves live in ``match_fixtures``."""

from __future__ import annotations

import pytest
from match_fixtures import FLIER, Profile, shop_profile

from benefitkit.model import Flier


@pytest.fixture
def flier() -> Flier:
    return FLIER


@pytest.fixture
def profile() -> Profile:
    return shop_profile()
