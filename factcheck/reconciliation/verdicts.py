"""Verdicts: claims → conflict groups → verdicts → one explanation per group (`factcheck.reconcile`).

Extraction yields claims one article at a time; this module is where claims from many articles
meet. It is pure (no I/O, no spaCy, no rich) so the CLI, the store and the tests all get the same
verdicts, and it is linear enough to run over a million claims.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from factcheck._gc import collector_paused
from factcheck.dates import day_part_span
from factcheck.models import BestFigure, Claim, ConflictGroup, Qualifier, Verdict
from factcheck.numbers import format_value, precision_of
from factcheck.reconciliation.groups import quantity_buckets
from factcheck.resources import metric_pack

__all__ = ["VERDICT_ORDER", "group_claims", "judge_pair", "pair_interval"]

VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.AGREE,
    Verdict.ROUNDING,
    Verdict.COMPATIBLE,
    Verdict.UPDATE,
    Verdict.UNCLEAR,
    Verdict.CONTRADICTION,
)
"""Least to most serious; a group takes its most serious judged pair."""

ALL_PAIRS_LIMIT = 200
"""Up to this many distinct figures a group judges every pair; above it, a sample (see
`_sampled_pairs`) keeps a huge group from costing k² judgements."""

_SEVERITY = {v: i for i, v in enumerate(VERDICT_ORDER)}
_AGREE, _ROUNDING, _COMPATIBLE, _UPDATE, _UNCLEAR, _CONTRADICTION = range(6)
_ROUNDABLE = frozenset({Qualifier.EXACT, Qualifier.APPROXIMATE})
_INF = math.inf
_MAX_DATE = dt.date.max
_SLUG = re.compile(r"[^a-z0-9]+")
_PLAIN_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+\Z|\d+\Z")
_NOUN = {
    "rises": "a running total",
    "falls": "a count of what remains",
    "moves": "a count that can rise and fall",
}
_METRIC_NOUN = {"killed": "a death toll", "wounded": "a count of the wounded"}

Interval = tuple[float, bool, float, bool]
"""(lo, lo_open, hi, hi_open): the values a figure allows once its qualifier is read."""


class _Facts(NamedTuple):
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


def judge_pair(a: Claim, b: Claim, direction: str | None) -> tuple[Verdict, str]:
    """The first verdict that fits two claims of one quantity, and a sentence a reader can check.

    The order (agree, rounding, update, compatible, contradiction) matters: a rise over time is an
    update even when the intervals happen to overlap, and a contradiction is only what is left.
    """
    fa, fb = _facts(a), _facts(b)
    verdict = _judge(fa, fb, direction)
    return verdict, _reason(verdict, a, fa, b, fb, direction)


def group_claims(claims: Iterable[Claim], *, include_agree: bool = False) -> list[ConflictGroup]:
    """Group claims that measure the same quantity and judge each group; most serious first.

    `groups.quantity_buckets` decides which claims measure one quantity (linear, plus a sort per
    bucket); this judges each bucket (see `_judge_group`). The same article given twice counts
    once; groups with no judged pair, and `agree` groups unless asked, are dropped.
    """
    return sorted(judged_groups([claims], include_agree=include_agree), key=group_order)


def judged_groups(
    batches: Iterable[Iterable[Claim]], *, include_agree: bool = False
) -> Iterator[ConflictGroup]:
    """`group_claims` of each batch, in no order (`group_order` sorts them). A batch is a
    story's claims (`Store.claims_by_story`): a group never crosses stories, so a store is
    judged a story at a time and a story's claims are freed before the next is read."""
    pack = metric_pack()
    memo = _Memo()
    for claims in batches:
        with collector_paused():  # buckets and groups over a million claims, no cycles
            groups = []
            for bucket in quantity_buckets(claims):
                if len(bucket.members) < 2:
                    continue
                key = (bucket.metric, bucket.subject, bucket.part, bucket.episode)
                direction = pack.direction(bucket.metric, bucket.part)
                group = _build_group(
                    key, bucket.members, direction, bucket.notes, memo, story=bucket.story,
                    kind=bucket.kind, split=bucket.split,
                )  # fmt: skip
                if group is not None and (include_agree or group.verdict is not Verdict.AGREE):
                    groups.append(group)
        yield from groups


def group_order(g: ConflictGroup) -> tuple[object, ...]:
    """Most serious first, then the widest spread; metric, subject and id make the order total."""
    return (-_SEVERITY[g.verdict], -g.spread, g.metric, (g.subject or "").casefold(), g.id)


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
    if claim.qualifier in _ROUNDABLE:
        return _precision_cached(claim.text)
    return 1.0


def _date(claim: Claim) -> dt.date | None:
    """The date a figure refers to: `as_of` when the text pins one, else the article's date."""
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
        return lo, False, _INF, True
    if qualifier == Qualifier.MORE_THAN:
        return lo, True, _INF, True
    if qualifier == Qualifier.AT_MOST:
        return min(0.0, lo), False, hi, False
    if qualifier == Qualifier.LESS_THAN:
        return min(0.0, lo), False, hi, True
    return lo, False, hi, False  # exact, range


def _facts(claim: Claim) -> _Facts:
    precision = _precision_for(claim)
    high = claim.value_high
    lo, lo_open, hi, hi_open = _interval(claim.value, high, claim.qualifier, precision)
    return _Facts(
        claim.value,
        high,
        claim.qualifier,
        precision,
        _date(claim),
        lo,
        lo_open,
        hi,
        hi_open,
        claim.qualifier in _ROUNDABLE and high is None,
        day_part_span(claim.as_of_time) if claim.as_of is not None else None,
        claim.kind == "planned",
    )


def _judge(a: _Facts, b: _Facts, direction: str | None) -> Verdict:
    return VERDICT_ORDER[_rank(a, b, direction)]


def _rank(a: _Facts, b: _Facts, direction: str | None) -> int:
    """The verdict's index in VERDICT_ORDER."""
    return _scan(a, (b,), 0, -1, direction)[1]


def _scan(
    a: _Facts,
    row: Sequence[_Facts],
    start: int,
    floor: int,
    direction: str | None,
    solo: Sequence[int] = (),
    a_solo: int = -1,
) -> tuple[int, int]:
    """The first j ≥ start whose pair (a, row[j]) ranks above `floor`, as (j, rank); (-1, floor)
    when none does. `solo[j]` numbers the one source of figure j (-1 when it has several);
    `a_solo` is a's: equal numbers are one source against itself, a pair that is not judged.

    The steps of `_rounds`, `_ordered_update` and `_overlap`, inlined over a whole row: a group of
    200 figures judges ~20,000 pairs, and a group's rank can rise at most four times, so this loop
    is where the time goes.
    """
    av, ah, aq, ap, ad, alo, alo_open, ahi, ahi_open, around, at, aplan = a
    moves = direction in _NOUN and ad is not None
    rises = direction == "rises"
    either = direction == "moves"
    tail = row[start:] if start else row
    for j, (bv, bh, bq, bp, bd, blo, blo_open, bhi, bhi_open, bround, bt, bplan) in enumerate(
        tail, start
    ):
        if a_solo >= 0 and solo[j] == a_solo:
            continue
        if av == bv:
            if ah == bh and aq == bq:
                if floor < _AGREE:
                    return j, _AGREE
                continue
            may_round = False
        else:
            may_round = around and bround
        # `_overlap` inlined: both figures can hold at once
        overlap = (alo < bhi or (alo == bhi and not alo_open and not bhi_open)) and (
            blo < ahi or (blo == ahi and not blo_open and not ahi_open)
        )
        # The rank if this is not a rounding; rounding comes first in the order, but it is only
        # worth checking when the pair would otherwise beat `floor`.
        if aplan != bplan and not overlap:
            rank = _UPDATE  # announced, then done otherwise: the outcome supersedes the plan
        elif (
            moves
            and bd is not None
            and (
                ad != bd or (at is not None and bt is not None and (at[1] < bt[0] or bt[1] < at[0]))
            )
            and (
                # a stock that can rise and fall: a move at another time is an update, once
                # the two figures cannot both hold (overlapping ones are compatible)
                not overlap
                if either
                # `_moves_up` inlined (this loop is hot): b later and above a, or the reverse
                else (
                    (bv > av and blo > alo)
                    or (bv == av and (blo > ahi or (blo == ahi and (blo_open or ahi_open))))
                    if rises
                    else (bv < av and bhi < ahi)
                    or (bv == av and (bhi < alo or (bhi == alo and (bhi_open or alo_open))))
                )
                if ad < bd or (ad == bd and at[1] < bt[0])  # type: ignore[index]
                else (
                    (av > bv and alo > blo)
                    or (av == bv and (alo > bhi or (alo == bhi and (alo_open or bhi_open))))
                    if rises
                    else (av < bv and ahi < bhi)
                    or (av == bv and (ahi < blo or (ahi == blo and (ahi_open or blo_open))))
                )
            )
        ):
            rank = _UPDATE
        elif overlap:
            rank = _COMPATIBLE
        elif (around and ap >= 10 and av in (blo, bhi)) or (
            bround and bp >= 10 and bv in (alo, ahi)
        ):
            # "2,000" beside "more than 2,000": a round figure at the other's open bound may
            # itself be rounded, so the two can both be true
            rank = _COMPATIBLE
        elif direction in _NOUN and (
            (ad is None) != (bd is None)
            or (ad == bd and ((at is None) != (bt is None) or (at is not None and at != bt)))
        ):
            # a running total or a stock, one figure undated (or, on one date, one without a
            # time of day beside one with it): only its date could say whether this is an
            # update or a contradiction
            rank = _UNCLEAR
        else:
            rank = _CONTRADICTION
        if rank <= floor:
            continue
        if may_round and (
            _rounds_to(ap, av, bv, aq == _APPROX)
            if ap >= bp
            else _rounds_to(bp, bv, av, bq == _APPROX)
        ):
            if floor < _ROUNDING:
                return j, _ROUNDING
            continue
        return j, rank
    return -1, floor


def _moves_up(
    ev: float, elo: float, ehi: float, ehi_open: bool, lv: float, llo: float, llo_open: bool
) -> bool:
    """Whether a later figure is above an earlier one: a higher value with a higher floor, or,
    at the same value, a floor wholly above the earlier figure ("2,000", then "more than
    2,000"). "At least 3,958" after "3,958" has not moved; nor has "150 to 160" after "up to 150"."""
    if lv > ev:
        return llo > elo
    return lv == ev and (llo > ehi or (llo == ehi and (llo_open or ehi_open)))


_APPROX = Qualifier.APPROXIMATE


ROUNDING_SHARE = 0.05
"""A one-digit round figure is a rounding of another only this close to it."""


def _rounds_to(unit: float, coarse: float, fine: float, approximate: bool = False) -> bool:
    """Whether `fine` rounded half up to the nearest `unit` is `coarse`, where that is a
    rounding: a figure of two or more significant digits ("1,200" is 1,218), one that says it is
    approximate ("about 20" is 19), or a round figure within `ROUNDING_SHARE` ("10,000" is
    10,400). "10" is no rounding of 5, nor "20" of 24, nor "2 million" of 2.3 million: to one
    digit a figure can move by half of itself, and that is another count."""
    if (
        abs(coarse) < 10 * unit
        and not approximate
        and abs(coarse - fine) > ROUNDING_SHARE * abs(fine)
    ):
        return False
    rounded = math.floor(fine / unit + 0.5) * unit
    return math.isclose(rounded, coarse, rel_tol=1e-9, abs_tol=1e-9)


def _rounds(a: _Facts, b: _Facts) -> tuple[_Facts, _Facts] | None:
    """(coarse, fine) when the less precise figure is the more precise one rounded, else None."""
    if a.value == b.value or not (a.roundable and b.roundable):
        return None
    coarse, fine = (a, b) if a.precision >= b.precision else (b, a)
    approximate = coarse.qualifier == _APPROX
    return (
        (coarse, fine)
        if _rounds_to(coarse.precision, coarse.value, fine.value, approximate)
        else None
    )


def _ordered_update(a: _Facts, b: _Facts, direction: str | None) -> tuple[_Facts, _Facts] | None:
    """(earlier, later) when the later figure moves the way the metric can move, else None.

    Both the values and the intervals must move: "at least 3,958" after "3,958" is not a rise,
    "more than 2,000" after "2,000" is. `_scan` inlines this.
    """
    if direction not in _NOUN or a.date is None or b.date is None or not _apart(a, b):
        return None
    early, late = (a, b) if _moment(a) < _moment(b) else (b, a)
    if direction == "moves":
        moved = not _overlap(early, late)  # either way, once both cannot hold
    elif direction == "rises":
        moved = _moves_up(early.value, early.lo, early.hi, early.hi_open, late.value, late.lo,
                          late.lo_open)  # fmt: skip
    else:  # a fall is a rise of the negated figures
        moved = _moves_up(-early.value, -early.hi, -early.lo, early.lo_open, -late.value,
                          -late.hi, late.hi_open)  # fmt: skip
    return (early, late) if moved else None


def _apart(a: _Facts, b: _Facts) -> bool:
    """Whether two dated figures can be put in order: different dates, or one date with a
    different part of the day given for both ("Saturday evening", "Saturday at 10 pm")."""
    if a.date != b.date:
        return True
    if a.hour is None or b.hour is None:
        return False
    return a.hour[1] < b.hour[0] or b.hour[1] < a.hour[0]


def _moment(f: _Facts) -> tuple[dt.date, float]:
    """A figure's date and its hour (-1 when the text gives none), to order figures `_apart`."""
    assert f.date is not None
    return f.date, (f.hour[0] + f.hour[1]) / 2 if f.hour is not None else -1.0


def _overlap(a: _Facts, b: _Facts) -> bool:
    return _meets(a.lo, a.lo_open, b.hi, b.hi_open) and _meets(b.lo, b.lo_open, a.hi, a.hi_open)


def _meets(lo: float, lo_open: bool, hi: float, hi_open: bool) -> bool:
    return lo < hi or (lo == hi and not lo_open and not hi_open)


# --- explanations -----------------------------------------------------------------------------


def _who(claim: Claim) -> str:
    if claim.publisher:
        return claim.publisher
    name = re.split(r"[\\/]", claim.article.rstrip("/\\"))[-1]
    return name or claim.article


def _figure(claim: Claim, date: dt.date | None) -> str:
    """A figure as written with its provenance: "at least 48,453 (Daily Sabah, 2025-03-09, per
    Gaza Health Ministry)", so a reader can find it."""
    when = date.isoformat() if date is not None else "undated"
    if date is not None and claim.as_of_time and date == claim.as_of:
        when = f"{when} {claim.as_of_time}"
    per = f", per {claim.attribution}" if claim.attribution else ""
    return f"{claim.text} ({_who(claim)}, {when}{per})"


def _reason(
    verdict: Verdict, a: Claim, fa: _Facts, b: Claim, fb: _Facts, direction: str | None
) -> str:
    """One sentence about one judged pair, naming both figures as written."""
    if _later(fa, fb):
        a, fa, b, fb = b, fb, a, fa  # earlier (or undated last) first
    first, second = _figure(a, fa.date), _figure(b, fb.date)
    if verdict is Verdict.AGREE:
        return f"{first} and {second} give the same figure."
    if verdict is Verdict.ROUNDING:
        pair = _rounds(fa, fb)
        assert pair is not None
        coarse_first = pair[0] is fa
        coarse, fine = (first, second) if coarse_first else (second, first)
        unit = format_value(pair[0].precision)
        return f"{coarse} is {fine} rounded to the nearest {unit}."
    if verdict is Verdict.UPDATE and fa.planned != fb.planned:
        plan, done = (first, second) if fa.planned else (second, first)
        return f"announced {plan}, done {done}: a plan and its outcome, not a dispute."
    if verdict is Verdict.UPDATE:
        verb = "rises" if direction == "rises" else "falls"
        if direction == "moves":
            verb = "rises" if fb.value > fa.value or fb.lo > fa.hi else "falls"
        return (
            f"{verb} from {first} to {second}; {_NOUN[direction or 'rises']}, "
            "so the later figure supersedes the earlier one."
        )
    if verdict is Verdict.COMPATIBLE:
        if not _overlap(fa, fb):
            round_one = first if fa.roundable else second
            return (
                f"{first} and {second} meet only if {round_one.split(' (')[0]} is a round "
                "figure, which it may be: both can be true."
            )
        return f"{first} and {second} overlap once qualifiers are read."
    if verdict is Verdict.UNCLEAR:
        if (
            fa.date is not None
            and fa.date == fb.date
            and fa.hour is not None
            and fb.hour is not None
        ):
            return (
                f"{first} and {second} differ, in {_NOUN[direction or 'rises']}, on one date, "
                f"at times of day that cannot be told apart ({a.as_of_time or 'its time'}, "
                f"{b.as_of_time or 'its time'}), so only the hours could say whether one "
                "updates the other."
            )
        if fa.date is not None and fa.date == fb.date:
            untimed, timed = (a, b) if fa.hour is None else (b, a)
            hour = timed.as_of_time or "a time of day"
            return (
                f"{first} and {second} differ, in {_NOUN[direction or 'rises']}, on one date; "
                f"{untimed.text} ({_who(untimed)}) gives no time of day, so only its hour can "
                f"say whether it updates or contradicts the figure of {hour}."
            )
        undated, dated = (a, b) if fa.date is None else (b, a)
        when = _date(dated)  # never None: exactly one side of an unclear pair is dated
        return (
            f"{first} and {second} differ, in {_NOUN[direction or 'rises']}; {undated.text} "
            f"({_who(undated)}) has no date, so only its date can say whether it updates or "
            f"contradicts the figure of {when}."
        )
    return _contradiction(a, fa, b, fb, direction, first, second)


def _contradiction(
    a: Claim,
    fa: _Facts,
    b: Claim,
    fb: _Facts,
    direction: str | None,
    first: str,
    second: str,
) -> str:
    if fa.date is not None and fa.date == fb.date and not _apart(fa, fb):
        return f"{first} and {second} differ for the same date."
    if direction == "fixed":
        return f"{first} and {second} differ, and this count of a past event should not change."
    if direction not in _NOUN:
        return (
            f"{first} and {second} differ, and '{a.metric}' has no known direction of change, "
            "so neither supersedes the other."
        )
    if fa.date is None or fb.date is None:
        return f"{first} and {second} differ, and an undated figure cannot be read as an update."
    verb = "falls" if fb.value < fa.value else "rises" if fb.value > fa.value else "moves"
    revised = next(
        (e.removeprefix("revision: ") for e in b.evidence if e.startswith("revision: ")), None
    )
    if revised:
        return (
            f"{verb} from {first} to {second}, which its source gives as a revision "
            f"({revised}): a corrected count, not one that moved, so the two cannot both stand."
        )
    noun = _METRIC_NOUN.get(a.metric, _NOUN[direction])
    only = "rises" if direction == "rises" else "falls"
    return f"{verb} from {first} to {second}, but {noun} only {only}."


def _later(fa: _Facts, fb: _Facts) -> bool:
    """True when `fa` sorts after `fb` by date (undated last), so explanations read in time."""
    if fa.date is None:
        return fb.date is not None
    return fb.date is not None and _moment(fa) > _moment(fb)


# --- groups -----------------------------------------------------------------------------------


class _Figure:
    """Members sharing one signature (value, range, qualifier, precision, date): every pair
    between two figures gets the same verdict, so figures, not members, are paired."""

    __slots__ = ("facts", "sources")

    def __init__(self, facts: _Facts) -> None:
        self.facts = facts
        self.sources: dict[tuple[str, str | None], Claim] = {}


def _source(claim: Claim) -> tuple[str, str | None]:
    """Who stands behind a figure: two members with the same source and value are a repeat."""
    return claim.article_id, _fold(claim.attribution)


class _Memo:
    """What claims share across one `group_claims` call, worked out once: the facts of each
    figure as written, and each attribution folded. A million claims hold far fewer of either."""

    __slots__ = ("facts", "folds")

    def __init__(self) -> None:
        self.facts: dict[tuple[object, ...], tuple[_Facts, tuple[object, ...]]] = {}
        self.folds: dict[str | None, str | None] = {None: None}

    def figure(self, claim: Claim) -> tuple[_Facts, tuple[object, ...]]:
        """`_facts(claim)` and the signature that makes claims one figure."""
        qualifier = claim.qualifier
        key = (
            claim.value,
            claim.value_high,
            qualifier,
            claim.text if qualifier in _ROUNDABLE else None,  # the only use of the text
            claim.as_of if claim.as_of is not None else claim.published,
            claim.as_of_time if claim.as_of is not None else None,
            claim.kind == "planned",
        )
        found = self.facts.get(key)
        if found is None:
            facts = _facts(claim)
            sig = (facts.value, facts.high, facts.qualifier, facts.precision, facts.date,
                   facts.hour, facts.planned)  # fmt: skip
            found = self.facts[key] = (facts, sig)
        return found

    def source(self, claim: Claim) -> tuple[str, str | None]:
        """`_source(claim)`."""
        return claim.copy_of or claim.article_id, self.fold(claim.attribution)

    def fold(self, text: str | None) -> str | None:
        """`_fold(text)`, once per distinct text."""
        try:
            return self.folds[text]
        except KeyError:
            folded = self.folds[text] = _fold(text)
            return folded


def _fold(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(text.split()).casefold() or None


def _judged(x: _Figure, y: _Figure) -> bool:
    """Whether some member pair across two figures is judged: as the contract says, only pairs
    from different articles or with different attributions; one source is never set against
    itself (an article's headline and body, or its own "earlier" and "now" figures)."""
    return not (len(x.sources) == 1 and x.sources.keys() == y.sources.keys())


def _pick(x: _Figure, y: _Figure) -> tuple[Claim, Claim]:
    """One judged member pair across two figures (or inside one, when `x is y`)."""
    if x is y:
        first_source, first = next(iter(x.sources.items()))
        other = next(c for s, c in x.sources.items() if s != first_source)
        return first, other
    first_source, first = next(iter(x.sources.items()))
    for source, claim in y.sources.items():
        if source != first_source:
            return first, claim
    only = next(iter(y.sources.values()))
    return next(c for s, c in x.sources.items() if s != first_source), only


Decision = tuple[Verdict, int, int]


def _judge_group(figures: Sequence[_Figure], direction: str | None) -> Decision | None:
    """The most serious judged pair as (verdict, i, j) over figure indices, or None.

    Up to ALL_PAIRS_LIMIT figures every pair is judged, which is exactly judging every member
    pair. Larger groups are sampled in O(k log k); a contradiction ends the search either way.
    """
    best: Decision | None = None
    best_rank = -1
    for i, fig in enumerate(figures):
        if len(fig.sources) >= 2:
            best, best_rank = (Verdict.AGREE, i, i), _AGREE
            break
    n = len(figures)
    if n > ALL_PAIRS_LIMIT:
        for i, j in _sampled_pairs(figures):
            x, y = figures[i], figures[j]
            if not _judged(x, y):
                continue
            rank = _rank(x.facts, y.facts, direction)
            if rank > best_rank:
                best, best_rank = (VERDICT_ORDER[rank], i, j), rank
                if rank == _CONTRADICTION:
                    return best
        return best if best is not None else _any_judged(figures, direction)
    facts = [f.facts for f in figures]
    numbers: dict[tuple[str, str | None], int] = {}
    solo = [  # `_judged` as an int comparison, for the hot loop
        numbers.setdefault(next(iter(f.sources)), len(numbers)) if len(f.sources) == 1 else -1
        for f in figures
    ]
    for i in range(n - 1):
        j = i + 1
        while True:
            j, rank = _scan(facts[i], facts, j, best_rank, direction, solo, solo[i])
            if j < 0:
                break
            best, best_rank = (VERDICT_ORDER[rank], i, j), rank
            if rank == _CONTRADICTION:
                return best
            j += 1
    return best


def _sampled_pairs(figures: Sequence[_Figure]) -> Iterable[tuple[int, int]]:
    """For groups with more than ALL_PAIRS_LIMIT distinct figures: neighbours in date order
    (`figures` is date-sorted), neighbours in value order, and the lowest against the highest.

    Neighbours catch same-day disagreements and moves against the direction; the extreme pair
    catches the widest disagreement. O(k log k) for the sort, O(k) pairs.
    """
    n = len(figures)
    for i in range(n - 1):
        yield i, i + 1
    by_value = sorted(range(n), key=lambda k: (figures[k].facts.value, k))
    for a, b in pairwise(by_value):
        yield min(a, b), max(a, b)
    low, high = by_value[0], by_value[-1]
    if low != high:
        yield min(low, high), max(low, high)


def _any_judged(figures: Sequence[_Figure], direction: str | None) -> Decision | None:
    """Fallback for a sampled group whose sample held only repeats: pair the first figure with
    any figure it may be judged against (if there is none, no pair in the group is judged)."""
    for j in range(1, len(figures)):
        if _judged(figures[0], figures[j]):
            return _judge(figures[0].facts, figures[j].facts, direction), 0, j
    return None


def _date_key(claim: Claim) -> tuple[int, str, int]:
    """Date order, undated last; article and offset make the order independent of the input's.
    (An int first lets `sorted` use its fast path for int keys.)"""
    return (claim.as_of or claim.published or _MAX_DATE).toordinal(), claim.article, claim.start


def _build_group(
    key: tuple[str, str | None, str | None, bool],
    members: list[Claim],
    direction: str | None,
    notes: Sequence[str] = (),
    memo: _Memo | None = None,
    story: str | None = None,
    kind: str | None = None,
    split: bool = False,
) -> ConflictGroup | None:
    metric, subject, part, episode = key
    members = sorted(members, key=_date_key)
    memo = memo or _Memo()
    figure, source = memo.figure, memo.source
    if kind == "historical":
        # the earlier figures one text quotes are moments of its own timeline, whoever it
        # credits each to: only another article's figure is set against them
        def source(claim: Claim) -> tuple[str, str | None]:
            return claim.copy_of or claim.article_id, None

    rewrites, rewritten = changed_in_copies(members)
    if rewritten:
        # a copy that changed the figure speaks for itself there, not for the text it copies
        copied_source = source

        def source(claim: Claim) -> tuple[str, str | None]:
            if claim.article_id in rewritten:
                return claim.article_id, copied_source(claim)[1]
            return copied_source(claim)

    stock = direction in ("falls", "moves")
    own_parts = _own_parts(members, stock, memo.fold)
    twins = _timed_twins(members)
    figures: dict[tuple[object, ...], _Figure] = {}
    for claim in members:
        if id(claim) in own_parts:
            continue
        facts, sig = figure(claim)
        if twins and facts.hour is None and facts.date is not None:
            hour = twins.get((facts.date, facts.value))
            if hour is not None:  # the same figure, timed by another source that day
                facts = facts._replace(hour=hour)
                sig = (*sig[:-2], hour, sig[-1])
        fig = figures.get(sig)
        if fig is None:
            fig = figures[sig] = _Figure(facts)
        fig.sources.setdefault(source(claim), claim)
    ordered = list(figures.values())

    decision = _judge_group(ordered, direction)
    if decision is None:
        return None
    verdict, i, j = decision

    values = list(dict.fromkeys(c.text for c in members))
    if verdict is Verdict.AGREE:
        judged = [c for c in members if id(c) not in own_parts]
        n_sources = len({source(c) for c in judged})
        shown = " / ".join(dict.fromkeys(c.text for c in judged))
        explanation = f"all {n_sources} sources give {shown}."
    else:
        a, b = _pick(ordered[i], ordered[j])
        explanation = _reason(verdict, a, ordered[i].facts, b, ordered[j].facts, direction)

    if rewrites:
        explanation += " " + " ".join(f"{r[0].upper()}{r[1:]}." for r in rewrites)

    nums = [float(c.value) for c in members]
    top, bottom = max(nums), min(nums)
    spread = round((top - bottom) / top, 4) if top > 0 else 0.0

    return ConflictGroup(
        id=_group_id(_id_key(key, story, kind, members, split), metric, subject, part),
        metric=metric,
        subject=subject,
        verdict=verdict,
        claims=members,
        values=values,
        spread=spread,
        explanation=explanation,
        why_grouped=" ".join(
            [
                *([f"Story '{story}'."] if story else []),
                _why_grouped(metric, subject, part, episode, direction, members),
                *([_own_parts_note(len(own_parts), stock)] if own_parts else []),
                *(f"{n[0].upper()}{n[1:]}." for n in notes),
            ]
        ),
        direction=direction,
        part=part,
        episode=episode,
        story=story,
        kind=kind,
        best=None if kind else _best(members),
        sources=len({c.copy_of or c.article_id for c in members}),
        rewrites=rewrites,
    )


def changed_in_copies(members: Sequence[Claim]) -> tuple[list[str], set[str]]:
    """Copies of one text that give this quantity another figure than the text they copy: a
    rewrite that changed a number is worth a look of its own ("B copies A but gives 70 where
    A gives 59"), whichever of the two is right. Compared with the cluster's first article
    where it gives the quantity. Returns the notes and the ids of the copies that changed."""
    by_article: dict[str, list[Claim]] = {}
    for c in members:
        if c.kind not in ("historical", "projection", "planned"):
            by_article.setdefault(c.article_id, []).append(c)
    out, changed = [], set()
    for article_id, claims in by_article.items():
        original = claims[0].copy_of
        if original is None or original not in by_article:
            continue
        theirs = by_article[original]
        mine_values = {float(c.value) for c in claims}
        their_values = {float(c.value) for c in theirs}
        if mine_values & their_values or not mine_values or not their_values:
            continue
        mine = " / ".join(dict.fromkeys(c.text for c in claims))
        given = " / ".join(dict.fromkeys(c.text for c in theirs))
        out.append(
            f"{_outlet(claims[0])} copies the text of {_outlet(theirs[0])} but gives {mine} "
            f"where it gives {given}"
        )
        changed.add(article_id)
    return out, changed


def _outlet(c: Claim) -> str:
    return f"{c.publisher} ({c.article})" if c.publisher else c.article


def _own_parts(
    members: Sequence[Claim], moves: bool = True, fold: Callable[[str | None], str | None] = _fold
) -> set[int]:
    """Members below a larger figure of their own article: "three people were found dead ...
    one was carrying a gun", "1 dead ... one victim remains critical". An article that gives 3
    and 1 tells of one of the three, not of a second count; judging its 1 against another
    outlet's 3 would cry contradiction over a part. So (ids of those that yield) a figure in the
    article's own voice yields to any larger figure of the article; one it credits to a source
    yields to a larger one of the same source, or to a larger one the article states in its own
    voice for the same date ("three were killed ... two men were pronounced dead, the sergeant
    said"). A credited figure beside another source's larger one ("596, per the Prisoners Club"
    beside Hamas's "over 600") is its source's count, and is judged. For a count that can fall,
    only figures of one date are compared (it may give a smaller figure later: "now 850
    remain"); for others one article's figures are read together, whatever dates its headline,
    lead and body carry."""
    # the largest figure of each (article, date compared within) by source, in all, and in
    # the article's own voice by date
    by_source: dict[tuple[tuple[str, dt.date | None], str | None], float] = {}
    by_day: dict[tuple[str, dt.date | None], float] = {}
    own_voice: dict[tuple[str, dt.date | None], float] = {}
    facts = []  # each member's (id, high, (day, source), day, source, (article, date))
    for c in members:
        v = float(c.value)
        who = fold(c.attribution)
        date = _date(c)
        dated = (c.article_id, date)
        day = dated if moves else (c.article_id, None)
        key = (day, who)
        if v > by_source.get(key, -_INF):
            by_source[key] = v
        if v > by_day.get(day, -_INF):
            by_day[day] = v
        if who is None and v > own_voice.get(dated, -_INF):
            own_voice[dated] = v
        high = float(c.value_high) if c.value_high is not None else v
        facts.append((id(c), high, key, day, who, dated))
    out: set[int] = set()
    for ident, high, key, day, who, dated in facts:
        if high < by_source[key] or (
            high < by_day[day] if who is None else high < own_voice.get(dated, -_INF)
        ):
            out.add(ident)
    return out


def _timed_twins(
    members: Sequence[Claim],
) -> dict[tuple[dt.date, float], tuple[float, float]]:
    """(date, value) → hour, where sources that time a figure agree on one hour: another
    source's 793 of the same date is the 793 "by Sunday morning", not a figure of unknown hour."""
    hours: dict[tuple[dt.date, float], set[tuple[float, float]]] = {}
    for c in members:
        hour = day_part_span(c.as_of_time) if c.as_of is not None else None
        if hour is not None:
            hours.setdefault((c.as_of, c.value), set()).add(hour)  # type: ignore[arg-type]
    return {k: next(iter(v)) for k, v in hours.items() if len(v) == 1}


def _own_parts_note(n: int, moves: bool) -> str:
    figures = "figure" if n == 1 else "figures"
    when = " for the same date" if moves else ""
    return (
        f"{n} smaller {figures} not judged: each stands beside a larger figure of its own "
        f"article{when}, so it reads as a part of that count."
    )


_PLACE_RANK = {"clause": 0, "sentence": 1, "paragraph": 2, "article": 3}


def _best(members: Sequence[Claim]) -> BestFigure:
    """The latest figure (undated ones last), from the source that names the place most
    specifically, an exact figure before a bound; and the range over all members."""

    def rank(c: Claim) -> tuple[object, ...]:
        when = _date(c)
        place = _PLACE_RANK.get(c.place.source, 4) if c.place is not None else 4
        return (
            when is None,
            -(when.toordinal() if when else 0),
            place,
            c.qualifier is not Qualifier.EXACT,
        )

    top = min(members, key=rank)
    values = [v for c in members for v in (c.value, c.value_high) if v is not None]
    return BestFigure(
        value=top.value,
        text=top.text,
        article=top.article,
        as_of=_date(top),
        low=min(values),
        high=max(values),
    )


def _id_key(
    key: tuple[object, ...],
    story: str | None,
    kind: str | None,
    members: Sequence[Claim],
    split: bool = False,
) -> tuple[object, ...]:
    """What names a group: its quantity, its story, and where one quantity's figures make
    several groups (earlier figures or projections, one group per set of values; figures split
    by magnitude) the kind and the smallest value, so no two groups share an id."""
    low = (kind, min(float(c.value) for c in members)) if kind or split else ()
    return (story, *key, *low) if story else (*key, *low)


def _group_id(key: tuple[object, ...], metric: str, subject: str | None, part: str | None) -> str:
    """Readable and stable across runs: a slug for people, a hash of the key for uniqueness."""
    words = " ".join(w for w in (metric, subject, part) if w)
    slug = _SLUG.sub("-", words.casefold()).strip("-")[:48].rstrip("-")
    digest = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def _why_grouped(
    metric: str,
    subject: str | None,
    part: str | None,
    episode: bool,
    direction: str | None,
    members: Sequence[Claim],
) -> str:
    where = f"subject '{subject}'" if subject else "no subject"
    whole = f"part '{part}'" if part else "whole count (no part)"
    if episode:
        kind = "one event"
    else:
        kind = {
            "rises": "running total",
            "falls": "count of what remains",
            "moves": "count that can rise and fall",
            "fixed": "count of a past event",
        }.get(direction or "", "total")
    n_claims = len(members)
    n_articles = len({c.article_id for c in members})
    articles = "article" if n_articles == 1 else "articles"
    return (
        f"same metric '{metric}', {where}, {whole}, {kind}; "
        f"{n_claims} claims from {n_articles} {articles}."
    )
