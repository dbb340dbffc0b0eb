"""Reading a command's stderr in tests."""

from __future__ import annotations


def without_date_note(stderr: str) -> list[str]:
    """The lines of stderr without `extract`'s note on undated articles (its own test reads it):
    the tests of failures and interruptions count one line per bad input and the summary."""
    return [line for line in stderr.splitlines() if " have no date (" not in line]
