"""How to read one figure: the interval its qualifier allows, its precision, its date. The
vocabulary at the bottom of reconciliation: grouping and verdicts both read figures through it,
and it imports nothing of theirs.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from typing import NamedTuple

from factcheck.dates import day_part_span
from factcheck.models import Claim, Qualifier
from factcheck.numbers import precision_of

ROUNDABLE = frozenset({Qualifier.EXACT, Qualifier.APPROXIMATE})


INF = math.inf


_PLAIN_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+\Z|\d+\Z")


Interval = tuple[float, bool, float, bool]
"""(lo, lo_open, hi, hi_open): the values a figure allows once its qualifier is read."""


class Facts(NamedTuple):
    """What a verdict depends on, computed once per distinct figure rather than once per pair."""

    value: float
    high: float | None
    qualifier: Qualifier
    precision: float
    date: dt.date | None
    lo: float
    lo_open: bool
    hi: float
    hi_open: bool
    roundable: bool
    """Exact or approximate and not a range: the only figures that can be a rounding."""
    hour: tuple[float, float] | None
    """The hours the part of the day the text gives may mean ("evening": 17 to 21, "22:00"):
    it orders two figures of one date when their spans do not meet."""
    planned: bool = False
    """An act announced, not done ("slated to release three"): set against a done one it is a
    plan and its outcome, never a dispute between sources."""


# --- public API -------------------------------------------------------------------------------


def pair_interval(claim: Claim) -> Interval:
    """The interval a claim allows: "more than 250" is (250, ∞), "about 1,800" is [1,700, 1,900].

    Two figures are compatible when their intervals overlap, so this is where qualifiers are read.
    """
    return _interval(claim.value, claim.value_high, claim.qualifier, _precision_for(claim))


# --- judging ----------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _precision_cached(text: str) -> float:
    if _PLAIN_DIGITS.match(text):  # "1,218", "59": what precision_of does, without parsing
        raw = text.replace(",", "")
        stripped = raw.rstrip("0")
        return float(10 ** (len(raw) - len(stripped))) if stripped else 1.0
    return precision_of(text)


def _precision_for(claim: Claim) -> float:
    """Only exact and approximate figures use their precision (rounding, approximate width)."""
    if claim.qualifier in ROUNDABLE:
        return _precision_cached(claim.text)
    return 1.0


def figure_date(claim: Claim) -> dt.date | None:
    """The date a figure refers to: `as_of` when the text pins one, else the article's date.
    Grouping, judging, citing and the report's charts all read it here."""
    return claim.as_of if claim.as_of is not None else claim.published


def _interval(value: float, high: float | None, qualifier: Qualifier, precision: float) -> Interval:
    lo = float(value)
    hi = float(high) if high is not None else lo
    if hi < lo:
        lo, hi = hi, lo
    if qualifier == Qualifier.APPROXIMATE:
        h = max(1.0, min(precision, 0.1 * abs(float(value))))
        return (max(0.0, lo - h) if lo >= 0 else lo - h), False, hi + h, False
    if qualifier == Qualifier.AT_LEAST:
        return lo, False, INF, True
    if qualifier == Qualifier.MORE_THAN:
        return lo, True, INF, True
    if qualifier == Qualifier.AT_MOST:
        return min(0.0, lo), False, hi, False
    if qualifier == Qualifier.LESS_THAN:
        return min(0.0, lo), False, hi, True
    return lo, False, hi, False  # exact, range


def facts_of(claim: Claim) -> Facts:
    precision = _precision_for(claim)
    high = claim.value_high
    lo, lo_open, hi, hi_open = _interval(claim.value, high, claim.qualifier, precision)
    return Facts(
        claim.value,
        high,
        claim.qualifier,
        precision,
        figure_date(claim),
        lo,
        lo_open,
        hi,
        hi_open,
        claim.qualifier in ROUNDABLE and high is None,
        day_part_span(claim.as_of_time) if claim.as_of is not None else None,
        claim.kind == "planned",
    )
