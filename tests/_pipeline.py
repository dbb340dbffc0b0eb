"""The spaCy pipeline for the test folders that parse (extraction, ingest), loaded once per
process however many folders ask: a folder's conftest imports `nlp` from here, so
`pytest tests/store tests/reconciliation` never loads a model."""

from __future__ import annotations

from functools import cache

import pytest


@cache
def shared_pipeline():  # type: ignore[no-untyped-def]
    from factcheck.extraction.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    return shared_pipeline()
