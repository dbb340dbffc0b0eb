"""Errors a user can act on. The CLI turns each into one line on stderr; nothing else is expected."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: the message is already the one line a user should read."""


class InputError(FactcheckError):
    """One input (file, folder, stdin) could not be read; the run goes on with the others."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ManifestError(InputError):
    """A manifest row is unusable; names the row so the user can fix it."""

    def __init__(self, path: str, row: int | None, problem: str) -> None:
        where = f"{path}" if row is None else f"{path}: row {row}"
        super().__init__(where, problem)
        self.row = row


class StoreError(FactcheckError):
    """The SQLite store cannot be opened or written; nothing in it has been changed."""
