"""The contract's closed vocabularies (qualifiers, verdicts) and the output formats: plain enums,
importable without pydantic, so the command line knows its options before any model loads."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Engine", "OutputFormat", "Qualifier", "Verdict"]


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"


class Verdict(StrEnum):
    """Ordered from least to most serious; a group takes its most serious pair."""

    AGREE = "agree"
    ROUNDING = "rounding"
    COMPATIBLE = "compatible"
    UPDATE = "update"
    UNCLEAR = "unclear"
    """They differ in a way only time could explain, and one side has no date."""
    CONTRADICTION = "contradiction"

    @property
    def severity(self) -> int:
        return list(Verdict).index(self)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class Engine(StrEnum):
    """Where `extract` parses: this machine's processes, or a Dask cluster."""

    local = "local"
    dask = "dask"
