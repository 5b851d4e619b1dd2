from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def _read_all(source):
    source.validate()
    return [row for batch in source.batches() for row in batch.to_pylist()]


@pytest.fixture
def read_all():
    """All rows of a source as dicts, after a validating pass."""
    return _read_all
