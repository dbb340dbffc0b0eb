"""Verdicts between two figures of one quantity, and a sentence a reader can check.

The order (agree, rounding, update, compatible, contradiction) matters: a rise over time is an
update even when the intervals happen to overlap, and a contradiction is only what is left. Pure
(no I/O, no spaCy, no rich), so the CLI, the library and the tests all get the same verdicts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

from factcheck.models import Claim, Qualifier, Verdict
from factcheck.numbers import format_value
from factcheck.reconciliation.figures import Facts, facts_of, figure_date

__all__ = ["VERDICT_ORDER", "judge_pair"]


VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.AGREE,
    Verdict.ROUNDING,
    Verdict.COMPATIBLE,
    Verdict.UPDATE,
    Verdict.UNCLEAR,
    Verdict.CONTRADICTION,
)
"""Least to most serious; a group takes its most serious judged pair."""


AGREE, ROUNDING, COMPATIBLE, UPDATE, UNCLEAR, CONTRADICTION = range(6)


_NOUN = {
    "rises": "a running total",
    "falls": "a count of what remains",
    "moves": "a count that can rise and fall",
}


_METRIC_NOUN = {"killed": "a death toll", "wounded": "a count of the wounded"}


def judge_pair(a: Claim, b: Claim, direction: str | None) -> tuple[Verdict, str]:
    """The first verdict that fits two claims of one quantity, and a sentence a reader can check.

    The order (agree, rounding, update, compatible, contradiction) matters: a rise over time is an
    update even when the intervals happen to overlap, and a contradiction is only what is left.
    """
    fa, fb = facts_of(a), facts_of(b)
    verdict = judge(fa, fb, direction)
    return verdict, explain(verdict, a, fa, b, fb, direction)


def judge(a: Facts, b: Facts, direction: str | None) -> Verdict:
    return VERDICT_ORDER[verdict_rank(a, b, direction)]


def verdict_rank(a: Facts, b: Facts, direction: str | None) -> int:
    """The verdict's index in VERDICT_ORDER."""
    return scan(a, (b,), 0, -1, direction)[1]


def scan(
    a: Facts,
    row: Sequence[Facts],
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
                if floor < AGREE:
                    return j, AGREE
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
            rank = UPDATE  # announced, then done otherwise: the outcome supersedes the plan
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
            rank = UPDATE
        elif overlap:
            rank = COMPATIBLE
        elif (around and ap >= 10 and av in (blo, bhi)) or (
            bround and bp >= 10 and bv in (alo, ahi)
        ):
            # "2,000" beside "more than 2,000": a round figure at the other's open bound may
            # itself be rounded, so the two can both be true
            rank = COMPATIBLE
        elif direction in _NOUN and (
            ad is None
            or bd is None
            or (ad == bd and ((at is None) != (bt is None) or (at is not None and at != bt)))
        ):
            # a running total or a stock, a figure undated (or, on one date, one without a
            # time of day beside one with it): only its date could say whether this is an
            # update or a contradiction
            rank = UNCLEAR
        else:
            rank = CONTRADICTION
        if rank <= floor:
            continue
        if may_round and (
            _rounds_to(ap, av, bv, aq == _APPROX)
            if ap >= bp
            else _rounds_to(bp, bv, av, bq == _APPROX)
        ):
            if floor < ROUNDING:
                return j, ROUNDING
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


def _rounds(a: Facts, b: Facts) -> tuple[Facts, Facts] | None:
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


def _ordered_update(a: Facts, b: Facts, direction: str | None) -> tuple[Facts, Facts] | None:
    """(earlier, later) when the later figure moves the way the metric can move, else None.

    Both the values and the intervals must move: "at least 3,958" after "3,958" is not a rise,
    "more than 2,000" after "2,000" is. `scan` inlines this.
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


def _apart(a: Facts, b: Facts) -> bool:
    """Whether two dated figures can be put in order: different dates, or one date with a
    different part of the day given for both ("Saturday evening", "Saturday at 10 pm")."""
    if a.date != b.date:
        return True
    if a.hour is None or b.hour is None:
        return False
    return a.hour[1] < b.hour[0] or b.hour[1] < a.hour[0]


def _moment(f: Facts) -> tuple[dt.date, float]:
    """A figure's date and its hour (-1 when the text gives none), to order figures `_apart`."""
    assert f.date is not None
    return f.date, (f.hour[0] + f.hour[1]) / 2 if f.hour is not None else -1.0


def _overlap(a: Facts, b: Facts) -> bool:
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


def explain(
    verdict: Verdict, a: Claim, fa: Facts, b: Claim, fb: Facts, direction: str | None
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
        if fa.date is None and fb.date is None:
            return (
                f"{first} and {second} differ, in {_NOUN[direction or 'rises']}; neither has a "
                "date, so only their dates could say whether one updates the other."
            )
        undated, dated = (a, b) if fa.date is None else (b, a)
        when = figure_date(dated)  # never None: one side of this pair is dated
        return (
            f"{first} and {second} differ, in {_NOUN[direction or 'rises']}; {undated.text} "
            f"({_who(undated)}) has no date, so only its date can say whether it updates or "
            f"contradicts the figure of {when}."
        )
    return _contradiction(a, fa, b, fb, direction, first, second)


def _contradiction(
    a: Claim,
    fa: Facts,
    b: Claim,
    fb: Facts,
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


def _later(fa: Facts, fb: Facts) -> bool:
    """True when `fa` sorts after `fb` by date (undated last), so explanations read in time."""
    if fa.date is None:
        return fb.date is not None
    return fb.date is not None and _moment(fa) > _moment(fb)
