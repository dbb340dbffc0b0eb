"""The JSON contract (`spec/claims.md`): what `--format json/jsonl` prints and scripts rely on.

JSON only ever comes from `model_dump(mode="json")` of these models, so field names cannot drift
from the contract. Fields beyond the contract (provenance, evidence) are additions, never renames.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

MetaSource = Literal["cli", "manifest", "header", "text", "filename", "none"]


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
    CONTRADICTION = "contradiction"

    @property
    def severity(self) -> int:
        return list(Verdict).index(self)


class Article(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    article: str
    article_id: str
    publisher: str | None
    published: dt.date | None
    title: str | None = None
    publisher_source: MetaSource = "none"
    published_source: MetaSource = "none"
    url: str | None = None


class Claim(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    article: str
    article_id: str
    publisher: str | None
    published: dt.date | None
    text: str
    start: int
    end: int
    sentence: str
    value: int | float
    value_high: int | float | None
    qualifier: Qualifier
    metric: str
    counted: str | None
    subject: str | None
    attribution: str | None
    as_of: dt.date | None
    as_of_source: Literal["text", "published", "none"] = "none"
    subject_source: Literal["text", "article", "none"] = "none"
    """"text" when the sentence names the place; "article" when it is the article's main place."""
    part: str | None = None
    """A subset of the subject ("Americans", "identified") that keeps a part apart from its whole."""
    episode: bool = False
    """The figure counts one event ("released overnight"), not a running total."""
    evidence: list[str] = []
    """Which rules decided the metric, subject and attribution, for `--explain`."""


class ConflictGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    metric: str
    subject: str | None
    verdict: Verdict
    claims: list[Claim]
    values: list[str]
    spread: float
    explanation: str
    why_grouped: str
    direction: str | None = None
    part: str | None = None
    episode: bool = False
