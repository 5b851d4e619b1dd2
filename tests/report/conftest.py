"""Fixtures: Summary dicts shaped like aggregate's output (built in report_summaries.py)."""
from __future__ import annotations

import pytest

from report_summaries import make_empty, make_hostile, make_summary


@pytest.fixture
def summary() -> dict:
    return make_summary()


@pytest.fixture
def hostile_summary() -> dict:
    return make_hostile()


@pytest.fixture
def empty_summary() -> dict:
    return make_empty()
