"""Shared fixtures: a private store per test and a plain console. The spaCy pipeline is in
`tests/_pipeline.py`, for the folders that parse."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/* from the current output",
    )


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    """No test touches a user's store or depends on the terminal it runs in."""
    monkeypatch.setenv("FACTCHECK_DB", str(tmp_path / "factcheck.db"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return bool(request.config.getoption("--update-golden"))
