"""Reconciliation on hand-made claims: every verdict, grouping, deduplication and ordering."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from typing import Any

import pytest

from factcheck.models import Claim, Qualifier, Verdict
from factcheck.numbers import precision_of
from factcheck.reconciliation.conflicts import group_claims
from factcheck.reconciliation.figures import figure_date, pair_interval
from factcheck.reconciliation.verdicts import VERDICT_ORDER, judge_pair

_counter = 0


def claim(text: str, value: float, **kw: Any) -> Claim:
    """A claim with every required field filled; `date` sets `published`."""
    global _counter
    _counter += 1
    start = kw.pop("start", _counter * 10)
    article_id = kw.pop("article_id", f"a{_counter}")
    date = kw.pop("date", "2025-02-04")
    fields: dict[str, Any] = {
        "article": f"articles/{article_id}.txt",
        "article_id": article_id,
        "publisher": "Reuters",
        "published": dt.date.fromisoformat(date) if date else None,
        "text": text,
        "start": start,
        "end": start + len(text),
        "sentence": f"... {text} ...",
        "value": value,
        "value_high": None,
        "qualifier": Qualifier.EXACT,
        "metric": "killed",
        "counted": "people",
        "subject": "Gaza",
        "attribution": None,
        "as_of": None,
    }
    if isinstance(kw.get("as_of"), str):
        kw["as_of"] = dt.date.fromisoformat(kw["as_of"])
    fields.update(kw)
    return Claim(**fields)


APPROX, AT_LEAST, MORE = Qualifier.APPROXIMATE, Qualifier.AT_LEAST, Qualifier.MORE_THAN


# --- pairs ------------------------------------------------------------------------------------


def test_agree() -> None:
    v, why = judge_pair(claim("25", 25), claim("25", 25, publisher="AP"), "rises")
    assert v is Verdict.AGREE
    assert "25 (Reuters" in why and "25 (AP" in why


def test_rounding_hundreds() -> None:
    a = claim("1,200", 1200, metric="hostages_taken", date="2025-02-04")
    b = claim("1,218", 1218, metric="hostages_taken", publisher="Daily Sabah", date="2025-03-09")
    v, why = judge_pair(a, b, "fixed")
    assert v is Verdict.ROUNDING
    assert why == (
        "1,200 (Reuters, 2025-02-04) is 1,218 (Daily Sabah, 2025-03-09) rounded to the nearest 100."
    )


def test_a_one_digit_figure_is_no_rounding_of_another_unless_approximate() -> None:
    """"10" beside 5 or "20" beside 24 differ by a third or more: no rounding; "about 20" is."""
    ten = claim("10", 10, metric="missing", date="2031-07-05")
    five = claim("5", 5, metric="missing", publisher="AP", date="2031-07-05")
    assert judge_pair(ten, five, "falls")[0] is Verdict.CONTRADICTION
    twenty = claim("20", 20, date="2031-07-05")
    assert judge_pair(twenty, claim("24", 24, publisher="AP", date="2031-07-05"), "rises")[0] is (
        Verdict.CONTRADICTION
    )
    about = claim("about 20", 20, qualifier=APPROX, date="2031-07-05")
    assert judge_pair(about, claim("19", 19, publisher="AP", date="2031-07-05"), "rises")[0] is (
        Verdict.ROUNDING
    )
    assert judge_pair(claim("250", 250), claim("251", 251, publisher="AP"), "rises")[0] is (
        Verdict.ROUNDING
    )
    # a round figure close to the other is still a rounding: "10,000" beside 10,400 (4%)
    assert judge_pair(claim("10,000", 10000), claim("10,400", 10400, publisher="AP"), "rises")[
        0
    ] is Verdict.ROUNDING


def test_rounding_approximate() -> None:
    a = claim("about 10,000", 10000, qualifier=APPROX, metric="missing")
    b = claim("10,100", 10100, metric="missing")
    assert judge_pair(a, b, "falls")[0] is Verdict.ROUNDING
    assert judge_pair(b, a, "falls")[0] is Verdict.ROUNDING


def test_rounding_needs_exact_or_approximate() -> None:
    a = claim("more than 1,200", 1200, qualifier=MORE)
    b = claim("1,218", 1218)
    assert judge_pair(a, b, "rises")[0] is Verdict.COMPATIBLE


def test_update_rising() -> None:
    a = claim("more than 47,000", 47000, qualifier=MORE, date="2025-02-04")
    b = claim(
        "at least 48,453",
        48453,
        qualifier=AT_LEAST,
        publisher="Daily Sabah",
        date="2025-03-09",
        attribution="Gaza Health Ministry",
    )
    v, why = judge_pair(b, a, "rises")
    assert v is Verdict.UPDATE
    assert why == (
        "rises from more than 47,000 (Reuters, 2025-02-04) to at least 48,453 (Daily Sabah, "
        "2025-03-09, per Gaza Health Ministry); a running total, so the later figure supersedes "
        "the earlier one."
    )


def test_update_rising_exact() -> None:
    a = claim("47,000", 47000, date="2025-02-04")
    b = claim("48,453", 48453, date="2025-03-09")
    assert judge_pair(a, b, "rises")[0] is Verdict.UPDATE


def test_update_falling() -> None:
    a = claim("59", 59, metric="hostages_held", publisher="The Times of Israel", date="2025-02-16")
    b = claim("58", 58, metric="hostages_held", publisher="Daily Sabah", date="2025-03-09")
    v, why = judge_pair(a, b, "falls")
    assert v is Verdict.UPDATE
    assert why == (
        "falls from 59 (The Times of Israel, 2025-02-16) to 58 (Daily Sabah, 2025-03-09); "
        "a count of what remains, so the later figure supersedes the earlier one."
    )


def test_falling_death_toll_is_a_contradiction() -> None:
    a = claim("115", 115, publisher="woodtv.com", date="2023-08-24")
    b = claim("97", 97, publisher="nhk.or.jp", date="2023-09-17")
    v, why = judge_pair(b, a, "rises")
    assert v is Verdict.CONTRADICTION
    assert why == (
        "falls from 115 (woodtv.com, 2023-08-24) to 97 (nhk.or.jp, 2023-09-17), "
        "but a death toll only rises."
    )


def test_same_date_contradiction() -> None:
    a = claim("70", 70, metric="hostages_held", publisher="X", date="2025-02-16")
    b = claim("59", 59, metric="hostages_held", publisher="X", date="2025-02-16")
    v, why = judge_pair(a, b, "falls")
    assert v is Verdict.CONTRADICTION
    assert why == "70 (X, 2025-02-16) and 59 (X, 2025-02-16) differ for the same date."


def test_fixed_metric_never_updates() -> None:
    a = claim("251", 251, metric="hostages_taken", date="2025-01-01")
    b = claim("253", 253, metric="hostages_taken", date="2025-03-01")
    v, why = judge_pair(a, b, "fixed")
    assert v is Verdict.CONTRADICTION
    assert why.endswith("differ, and this count of a past event should not change.")
    assert judge_pair(a, b, None)[0] is Verdict.CONTRADICTION


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("more than 250", 250, MORE), ("251", 251, Qualifier.EXACT)),
        (("at least 3,958", 3958, AT_LEAST), ("3,958", 3958, Qualifier.EXACT)),
        (("about 1,800", 1800, APPROX), ("around 1,900", 1900, APPROX)),
    ],
)
def test_compatible(first: tuple[Any, ...], second: tuple[Any, ...]) -> None:
    a = claim(first[0], first[1], qualifier=first[2], date="2025-02-04")
    b = claim(second[0], second[1], qualifier=second[2], date="2025-02-04")
    v, why = judge_pair(a, b, "rises")
    assert v is Verdict.COMPATIBLE
    assert why.endswith("overlap once qualifiers are read.")
    assert first[0] in why and second[0] in why


def test_compatible_explanation() -> None:
    a = claim("more than 250", 250, qualifier=MORE, date="2025-02-04")
    b = claim("251", 251, publisher="The Times of Israel", date="2025-02-16")
    v, why = judge_pair(a, b, "fixed")
    assert v is Verdict.COMPATIBLE
    assert why == (
        "more than 250 (Reuters, 2025-02-04) and 251 (The Times of Israel, 2025-02-16) "
        "overlap once qualifiers are read."
    )


def test_more_than_600_vs_596_is_a_contradiction() -> None:
    a = claim("more than 600", 600, qualifier=MORE, metric="prisoners_released")
    b = claim("596", 596, metric="prisoners_released")
    assert judge_pair(a, b, "rises")[0] is Verdict.CONTRADICTION


def test_as_of_beats_published() -> None:
    # Same publication day, but the text pins the first figure to an earlier date.
    a = claim("47,000", 47000, date="2025-03-09", as_of="2025-02-04")
    b = claim("48,453", 48453, date="2025-03-09")
    v, why = judge_pair(a, b, "rises")
    assert v is Verdict.UPDATE
    assert "(Reuters, 2025-02-04)" in why
    # Without as_of the same pair is a same-date contradiction.
    a2 = claim("47,000", 47000, date="2025-03-09")
    assert judge_pair(a2, b, "rises")[0] is Verdict.CONTRADICTION


def test_undated_never_updates_and_is_never_a_contradiction_for_lack_of_a_date() -> None:
    a = claim("47,000", 47000, date=None)
    b = claim("48,453", 48453, date="2025-03-09")
    v, why = judge_pair(a, b, "rises")
    assert v is Verdict.UNCLEAR
    assert "undated" in why and "only its date can say" in why
    # a count of a past event has no time to explain it
    assert judge_pair(a, b, "fixed")[0] is Verdict.CONTRADICTION
    # figures that can both be true stay compatible whatever their dates
    more = claim("more than 47,000", 47000, date=None, qualifier=Qualifier.MORE_THAN)
    assert judge_pair(more, b, "rises")[0] is Verdict.COMPATIBLE


@pytest.mark.issue(30)
def test_issue_30_two_undated_figures_of_a_running_total_are_unclear_not_a_contradiction() -> None:
    """Neither figure has a date from any source: only time could explain the difference (a
    stock of hostages read twice in undated reports), so it is unclear, said in those words."""
    a = claim("59", 59, date=None)
    b = claim("58", 58, date=None)
    v, why = judge_pair(a, b, "falls")
    assert v is Verdict.UNCLEAR
    assert "neither has a date" in why
    assert judge_pair(a, b, "fixed")[0] is Verdict.CONTRADICTION  # a past event's count
    assert judge_pair(a, claim("59", 59, date=None), "falls")[0] is Verdict.AGREE


def test_missing_publisher_uses_file_name() -> None:
    a = claim("70", 70, publisher=None, article="in/x/story.txt")
    b = claim("59", 59)
    assert "70 (story.txt, 2025-02-04)" in judge_pair(a, b, "falls")[1]


def test_pair_interval() -> None:
    assert pair_interval(claim("more than 250", 250, qualifier=MORE)) == (250, True, math.inf, True)
    assert pair_interval(claim("at least 5", 5, qualifier=AT_LEAST)) == (5, False, math.inf, True)
    assert pair_interval(claim("about 1,800", 1800, qualifier=APPROX)) == (1700, False, 1900, False)
    at_most = claim("up to 40", 40, qualifier=Qualifier.AT_MOST)
    assert pair_interval(at_most) == (0, False, 40, False)
    assert pair_interval(claim("fewer than 200", 200, qualifier=Qualifier.LESS_THAN)) == (
        0,
        False,
        200,
        True,
    )
    rng = claim("three or four", 3, qualifier=Qualifier.RANGE, value_high=4)
    assert pair_interval(rng) == (3, False, 4, False)


def test_verdict_order() -> None:
    assert [v.severity for v in VERDICT_ORDER] == [0, 1, 2, 3, 4, 5]
    assert VERDICT_ORDER[-2] is Verdict.UNCLEAR
    assert VERDICT_ORDER[-1] is Verdict.CONTRADICTION


# --- groups -----------------------------------------------------------------------------------


def test_subjects_and_parts_stay_apart() -> None:
    claims = [
        claim("48,300", 48300, subject="Gaza"),
        claim("48,453", 48453, subject="gaza"),
        claim("1,200", 1200, subject="Israel"),
        claim("1,139", 1139, subject="Israel"),
        claim("five", 5, subject="Gaza", part="Americans"),
        claim("seven", 7, subject="Gaza", part="americans"),
    ]
    groups = group_claims(claims, include_agree=True)
    members = {(g.subject, frozenset(c.text for c in g.claims)) for g in groups}
    assert members == {
        ("Gaza", frozenset({"48,300", "48,453"})),
        ("Israel", frozenset({"1,200", "1,139"})),
        ("Gaza", frozenset({"five", "seven"})),
    }
    americans = next(g for g in groups if "five" in g.values)
    assert "part 'Americans'" in americans.why_grouped
    gaza = next(g for g in groups if "48,300" in g.values)
    assert gaza.why_grouped == (
        "same metric 'killed', subject 'Gaza', whole count (no part), running total since "
        "2025-02-04, read on 1 date; 2 claims from 2 articles."
    )


def test_singletons_are_dropped() -> None:
    assert group_claims([claim("25", 25), claim("3", 3, metric="wounded")]) == []


def test_one_text_from_two_publications_counts_once() -> None:
    """The same text printed by two outlets: each keeps its claim, but they are one source."""
    a = claim("48,300", 48300, article_id="same", start=5)
    again = claim(
        "48,300", 48300, article_id="same", start=5, article="copy/same.txt", publisher="AP"
    )
    assert group_claims([a, again], include_agree=True) == []
    assert group_claims([a, a], include_agree=True) == []
    b = claim("48,453", 48453, date="2025-03-09")
    (group,) = group_claims([a, a, again, b])
    assert len(group.claims) == 3 and group.sources == 2


def test_same_article_repeats_are_not_judged() -> None:
    headline = claim("5,200", 5200, article_id="one", start=0)
    body = claim("more than 5,200", 5200, qualifier=MORE, article_id="one", start=100)
    assert group_claims([headline, body], include_agree=True) == []


def test_one_source_is_never_set_against_itself() -> None:
    """The contract judges pairs from different articles or with different attributions."""
    a = claim("70", 70, article_id="one", start=0, metric="hostages_held")
    b = claim("59", 59, article_id="one", start=100, metric="hostages_held")
    assert group_claims([a, b], include_agree=True) == []
    c = claim("59", 59, article_id="two", start=0, metric="hostages_held", attribution="Hamas")
    d = claim("59", 59, article_id="two", start=50, metric="hostages_held", attribution="IDF")
    (group,) = group_claims([c, d], include_agree=True)
    assert group.verdict is Verdict.AGREE
    assert group.explanation == "all 2 sources give 59."
    e = claim("19", 19, article_id="three", start=0, metric="hostages_held", attribution="envoy")
    f = claim(
        "fewer than 10",
        10,
        article_id="three",
        start=40,
        metric="hostages_held",
        qualifier="less_than",
        attribution="Israel",
    )
    (group,) = group_claims([e, f])
    assert group.verdict is Verdict.CONTRADICTION


def test_group_takes_most_serious_pair() -> None:
    claims = [
        claim("80", 80, publisher="watchers", date="2023-08-12"),
        claim("96", 96, publisher="americancityandcounty", date="2023-08-14"),
        claim("115", 115, publisher="woodtv.com", date="2023-08-24"),
        claim("97", 97, publisher="nhk.or.jp", date="2023-09-17"),
    ]
    (group,) = group_claims(claims)
    assert group.verdict is Verdict.CONTRADICTION
    assert "115 (woodtv.com, 2023-08-24)" in group.explanation
    assert "97 (nhk.or.jp, 2023-09-17)" in group.explanation
    assert group.values == ["80", "96", "115", "97"]
    assert group.direction == "rises"
    # Without the falling figure the same group is an update.
    (rising,) = group_claims(claims[:3])
    assert rising.verdict is Verdict.UPDATE


def test_agree_groups_only_when_asked() -> None:
    claims = [claim("25", 25), claim("25", 25, publisher="AP")]
    assert group_claims(claims) == []
    (group,) = group_claims(claims, include_agree=True)
    assert group.verdict is Verdict.AGREE
    assert group.explanation == "all 2 sources give 25."
    assert group.spread == 0.0


def test_spread_values_and_explanation() -> None:
    claims = [
        claim(
            "at least 48,453",
            48453,
            qualifier=AT_LEAST,
            publisher="Daily Sabah",
            date="2025-03-09",
            attribution="Gaza Health Ministry",
        ),
        claim("more than 47,000", 47000, qualifier=MORE, date="2025-02-04"),
    ]
    (group,) = group_claims(claims)
    assert group.verdict is Verdict.UPDATE
    assert group.spread == round((48453 - 47000) / 48453, 4) == 0.03
    assert group.values == ["more than 47,000", "at least 48,453"]
    assert "more than 47,000 (Reuters, 2025-02-04)" in group.explanation
    assert "at least 48,453 (Daily Sabah" in group.explanation
    assert group.id.startswith("killed-gaza-") and len(group.id) == len("killed-gaza-") + 8
    assert group_claims(list(reversed(claims)))[0].id == group.id


def test_values_undated_last() -> None:
    claims = [
        claim("59", 59, metric="hostages_held", date=None),
        claim("58", 58, metric="hostages_held", date="2025-03-09"),
        claim("70", 70, metric="hostages_held", date="2025-01-19"),
    ]
    (group,) = group_claims(claims)
    assert group.values == ["70", "58", "59"]


def test_sort_order() -> None:
    claims = [
        # rounding (metric a_metric, outside the pack)
        claim("1,200", 1200, metric="a_metric"),
        claim("1,218", 1218, metric="a_metric"),
        # update, spread ~0.03
        claim("47,000", 47000, metric="killed", date="2025-02-04"),
        claim("48,453", 48453, metric="killed", date="2025-03-09"),
        # update, spread 0.5
        claim("10", 10, metric="arrested", date="2025-02-04"),
        claim("20", 20, metric="arrested", date="2025-03-09"),
        # contradictions, ordered by spread
        claim("70", 70, metric="hostages_held"),
        claim("59", 59, metric="hostages_held"),
        claim("more than 600", 600, qualifier=MORE, metric="prisoners_released"),
        claim("596", 596, metric="prisoners_released"),
        # compatible
        claim("about 1,800", 1800, qualifier=APPROX, metric="wounded"),
        claim("around 1,900", 1900, qualifier=APPROX, metric="wounded"),
    ]
    groups = group_claims(claims)
    assert [(g.verdict, g.metric) for g in groups] == [
        (Verdict.CONTRADICTION, "hostages_held"),
        (Verdict.CONTRADICTION, "prisoners_released"),
        (Verdict.UPDATE, "arrested"),
        (Verdict.UPDATE, "killed"),
        (Verdict.COMPATIBLE, "wounded"),
        (Verdict.ROUNDING, "a_metric"),
    ]
    assert groups[-1].direction is None


def test_episode_kept_apart() -> None:
    claims = [
        claim("90", 90, metric="prisoners_released", episode=True),
        claim("110", 110, metric="prisoners_released", episode=True, date="2025-02-01"),
        claim("1,800", 1800, metric="prisoners_released", date="2025-03-01"),
    ]
    (group,) = group_claims(claims)
    assert {c.text for c in group.claims} == {"90", "110"}
    assert "one event" in group.why_grouped


def test_twenty_thousand_claims() -> None:
    """Counts are right on a synthetic load: 1,000 subjects of 20 claims each, plus big groups that
    take the sampled path."""
    claims = []
    base = dt.date(2025, 1, 1)
    for s in range(1000):
        for k in range(20):
            day = base + dt.timedelta(days=k)
            claims.append(
                Claim.model_construct(
                    article=f"{k}.txt",
                    article_id=f"art{k}",
                    publisher=f"pub{k}",
                    published=day,
                    text=str(100 + k if s % 2 else 100),
                    start=s * 100,
                    end=s * 100 + 3,
                    sentence="",
                    value=100 + k if s % 2 else 100,
                    value_high=None,
                    qualifier=Qualifier.EXACT,
                    metric="killed",
                    counted="people",
                    subject=f"place {s}",
                    attribution=None,
                    as_of=None,
                    part=None,
                    episode=False,
                    evidence=[],
                )
            )
    # Odd subjects rise day by day (update); even subjects repeat 100 (agree).
    groups = group_claims(claims)
    assert len(groups) == 500
    assert {g.verdict for g in groups} == {Verdict.UPDATE}
    assert all(len(g.claims) == 20 for g in groups)
    assert len(group_claims(claims, include_agree=True)) == 1000
    # A group of 1,000 distinct figures (within the magnitude band of its smallest) goes
    # through the sampled path; one falls.
    big = [
        claim(str(v), v, subject="big", date=(base + dt.timedelta(days=v - 1000)).isoformat())
        for v in range(1001, 2001)
    ]
    (group,) = group_claims(big)
    assert group.verdict is Verdict.UPDATE
    big.append(claim("1003", 1003, subject="big", date="2030-01-01"))
    (group,) = group_claims(big)
    assert group.verdict is Verdict.CONTRADICTION
    assert len(group.claims) == 1001


def test_magnitude_split_compares_with_the_group_not_the_neighbour() -> None:
    """10, 25, 70 and 200 killed on one day: each within 3x of the previous, but 200 is 20x the
    first, so they cannot all be readings of one quantity. Read on successive days, rising, they
    are one running total (`_rejoin_series`)."""
    same_day = [
        claim(str(v), v, subject="Springfield", date="2030-01-01", article_id=f"d{v}")
        for v in (10, 25, 70, 200)
    ]
    groups = group_claims(same_day, include_agree=True)
    assert sorted(sorted(c.value for c in g.claims) for g in groups) == [[10, 25], [70, 200]]
    days = [
        claim(str(v), v, subject="Springfield", date=f"2030-01-0{i + 1}")
        for i, v in enumerate((10, 25, 70, 200))
    ]
    (series,) = group_claims(days, include_agree=True)
    assert series.verdict is Verdict.UPDATE


# --- the fast paths against a plain reading of the rules -------------------------------------


def reference_pair(a: Claim, b: Claim, direction: str | None) -> Verdict:
    """The verdict rules read literally, one step at a time, with no caching or inlining."""
    if (a.value, a.value_high, a.qualifier) == (b.value, b.value_high, b.qualifier):
        return Verdict.AGREE
    plain = {Qualifier.EXACT, Qualifier.APPROXIMATE}
    if (
        a.value != b.value
        and {a.qualifier, b.qualifier} <= plain
        and a.value_high is None
        and b.value_high is None
    ):
        coarse, fine = sorted((a, b), key=lambda c: -precision_of(c.text))
        unit = precision_of(coarse.text)
        # two significant digits, or a figure that says it is approximate ("about 10,000")
        digits = (
            coarse.value >= 10 * unit
            or coarse.qualifier is Qualifier.APPROXIMATE
            or abs(coarse.value - fine.value) <= 0.05 * abs(fine.value)
        )
        if digits and math.floor(fine.value / unit + 0.5) * unit == coarse.value:
            return Verdict.ROUNDING
    da, db = a.as_of or a.published, b.as_of or b.published
    (alo, alo_open, ahi, ahi_open), (blo, blo_open, bhi, bhi_open) = map(pair_interval, (a, b))
    a_below = alo < bhi or (alo == bhi and not (alo_open or bhi_open))
    b_below = blo < ahi or (blo == ahi and not (blo_open or ahi_open))
    if da and db and da != db and direction == "moves" and not (a_below and b_below):
        return Verdict.UPDATE  # a stock that can rise and fall: any move apart in time
    if da and db and da != db and direction in ("rises", "falls"):
        early, late = (a, b) if da < db else (b, a)
        (elo, elo_o, ehi, ehi_o), (llo, llo_o, lhi, lhi_o) = map(pair_interval, (early, late))
        same = late.value == early.value
        # a higher value with a higher floor, or the same value with a floor wholly above
        if direction == "rises" and (
            (late.value > early.value and llo > elo)
            or (same and (llo > ehi or (llo == ehi and (llo_o or ehi_o))))
        ):
            return Verdict.UPDATE
        if direction == "falls" and (
            (late.value < early.value and lhi < ehi)
            or (same and (lhi < elo or (lhi == elo and (lhi_o or elo_o))))
        ):
            return Verdict.UPDATE
    if a_below and b_below:
        return Verdict.COMPATIBLE
    # a round figure ("2,000") at the other's bound ("more than 2,000") may itself be rounded
    for x, (ylo, yhi) in ((a, (blo, bhi)), (b, (alo, ahi))):
        round_figure = x.qualifier in plain and x.value_high is None and precision_of(x.text) >= 10
        if round_figure and x.value in (ylo, yhi):
            return Verdict.COMPATIBLE
    # a running total or a stock with a side undated: only the dates could settle it
    if direction in ("rises", "falls", "moves") and (da is None or db is None):
        return Verdict.UNCLEAR
    return Verdict.CONTRADICTION


def random_claim(rng: random.Random, metric: str) -> Claim:
    value = rng.choice([100, 110, 118, 120, 150, 200, 250, 251, 290])
    qualifier = rng.choice(list(Qualifier))
    words = {
        Qualifier.APPROXIMATE: "about ",
        Qualifier.AT_LEAST: "at least ",
        Qualifier.MORE_THAN: "more than ",
        Qualifier.AT_MOST: "up to ",
        Qualifier.LESS_THAN: "fewer than ",
    }
    high = value + rng.choice([10, 50]) if qualifier is Qualifier.RANGE else None
    text = f"{words.get(qualifier, '')}{value}" + (f" to {high}" if high else "")
    day = rng.choice([None, "2025-01-10", "2025-01-20", "2025-02-01"])
    return claim(
        text,
        value,
        value_high=high,
        qualifier=qualifier,
        metric=metric,
        date=day,
        as_of=rng.choice([None, None, None, "2025-01-15"]),
        article_id=rng.choice(["p", "q", "r", "s"]),
        attribution=rng.choice([None, "ministry"]),
    )


METRICS = {"killed": "rises", "hostages_held": "moves", "hostages_taken": "fixed", "tanks": None}


def reference_parts(members: list[Claim], direction: str | None) -> set[int]:
    """The own-parts rule read literally: a figure below a larger one of its own article (on its
    date, for a count that can fall), when it is unattributed or the larger is credited alike,
    or below one the article states in its own voice for the same date."""
    out = set()
    for c in members:
        day = c.as_of or c.published
        for d in members:
            dday = d.as_of or d.published
            same_day = direction not in ("falls", "moves") or day == dday
            own_voice_that_day = d.attribution is None and day == dday
            if (
                d.article_id == c.article_id
                and (same_day or own_voice_that_day)
                and (c.attribution is None or d.attribution == c.attribution or own_voice_that_day)
                and (c.value_high or c.value) < d.value
            ):
                out.add(id(c))
    return out


def test_pairs_match_the_rules_read_literally() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        metric = rng.choice(list(METRICS))
        a, b = random_claim(rng, metric), random_claim(rng, metric)
        assert judge_pair(a, b, METRICS[metric])[0] is reference_pair(a, b, METRICS[metric]), (
            a.text,
            b.text,
        )


def test_group_verdict_is_the_most_serious_judged_pair() -> None:
    """Figure deduplication and the lazy rounding check change nothing: the group verdict is the
    most serious verdict over every pair from different sources."""
    rng = random.Random(11)
    seen = set()
    for _ in range(400):
        metric = rng.choice(list(METRICS))
        members = [random_claim(rng, metric) for _ in range(rng.randint(2, 12))]
        parts = reference_parts(members, METRICS[metric])
        judged = [c for c in members if id(c) not in parts]
        ranks = [
            reference_pair(a, b, METRICS[metric]).severity
            for a, b in itertools.combinations(judged, 2)
            if (a.article_id, a.attribution) != (b.article_id, b.attribution)
        ]
        dated = [
            reference_pair(a, b, METRICS[metric]).severity
            for a, b in itertools.combinations([c for c in judged if figure_date(c)], 2)
            if (a.article_id, a.attribution) != (b.article_id, b.attribution)
        ]
        groups = group_claims(members, include_agree=True)
        if not ranks:
            assert groups == []
            continue
        (group,) = groups
        expected = VERDICT_ORDER[max(ranks)]
        if expected is Verdict.UNCLEAR and dated and VERDICT_ORDER[max(dated)] is Verdict.UPDATE:
            expected = Verdict.UPDATE  # undated readings do not undo the dated update
        assert group.verdict is expected
        seen.add(group.verdict)
    assert seen == set(Verdict)


# --- stories and places (issue 10) ------------------------------------------------------------


def _placed(text, value, *, story, key, name, source, level="city", article="a.txt", day=1):
    from factcheck.models import Place

    place = Place(name=name, source=source, level=level, key=key, country="X", country_key=key[:2])
    return claim(text, value, subject=name, date=f"2030-01-0{day}").model_copy(
        update={"story": story, "place": place, "article": article, "article_id": article * 4}
    )


def test_a_group_never_crosses_stories() -> None:
    a = _placed("3", 3, story="s-1", key="XX/town", name="Town", source="article")
    b = _placed("4", 4, story="s-2", key="XX/town", name="Town", source="article", article="b")
    assert group_claims([a, b], include_agree=True) == []


def test_the_story_place_and_what_contains_it_are_one_scope_another_town_is_not() -> None:
    home = _placed("3", 3, story="s", key="XX/town", name="Town", source="article")
    country = _placed("4", 4, story="s", key="XX", name="Xland", source="clause", level="country",
                      article="b", day=2)  # fmt: skip
    country = country.model_copy(
        update={"place": country.place.model_copy(update={"country_key": "XX"})}
    )
    other = _placed("5", 5, story="s", key="XX/other", name="Other", source="sentence",
                    article="c", day=3)  # fmt: skip
    other_2 = _placed("9", 9, story="s", key="XX/other", name="Other", source="clause",
                      article="d", day=3)  # fmt: skip
    groups = group_claims([home, country, other, other_2], include_agree=True)
    members = sorted(sorted(c.value for c in g.claims) for g in groups)
    assert members == [[3, 4], [5, 9]]
    named = next(g for g in groups if g.subject == "Other")
    assert "Place 'Other' named in the text (clause, sentence)." in named.why_grouped
    assert all(g.story == "s" and "Story 's'" in g.why_grouped for g in groups)


# --- kinds of count (issue 11) ------------------------------------------------------------------


def test_quoted_history_is_kept_out_of_the_current_count_and_compared_only_with_itself() -> None:
    now_a = claim("275", 275, date="2030-01-03")
    now_b = claim("278", 278, date="2030-01-03")
    old_a = claim("288", 288, date="2030-01-03", kind="historical")  # "revised from 288"
    old_b = claim("288", 288, date="2030-01-04", kind="historical")
    older = claim("150", 150, date="2030-01-04", kind="historical")  # another moment
    groups = group_claims([now_a, now_b, old_a, old_b, older], include_agree=True)
    members = sorted(sorted(c.value for c in g.claims) for g in groups)
    assert members == [[275, 278], [288, 288]]
    history = next(g for g in groups if g.kind == "historical")
    assert history.verdict is Verdict.AGREE
    assert "superseded or past" in history.why_grouped
    current = next(g for g in groups if g.kind is None)
    assert current.verdict is Verdict.CONTRADICTION


def test_earlier_figures_that_can_all_be_true_share_a_group() -> None:
    from factcheck.models import Qualifier

    peak = claim("more than 2,000", 2000, qualifier=Qualifier.MORE_THAN, kind="historical")
    initial = claim("3,200", 3200, kind="historical")
    (group,) = group_claims([peak, initial], include_agree=True)
    assert group.kind == "historical" and group.verdict is Verdict.COMPATIBLE


def test_a_place_inside_the_story_place_joins_it_unless_its_sentence_breaks_figures_down() -> None:
    from factcheck.models import Place

    def at(value, key, name, level, article, sentence, region=None):
        place = Place(name=name, source="sentence", level=level, key=key, country="X",
                      country_key="XX", region_key=region)  # fmt: skip
        c = claim(str(value), value, subject=name, date="2030-01-02")
        return c.model_copy(update={"story": "s", "place": place, "article": article,
                                    "article_id": article * 4, "sentence": sentence})  # fmt: skip

    state = Place(name="Xstate", source="article", level="region", key="XX-ST", country="X",
                  country_key="XX")  # fmt: skip
    home = [
        claim("5", 5, subject="Xstate", date="2030-01-02").model_copy(
            update={"story": "s", "place": state, "article": a, "article_id": a * 4}
        )
        for a in ("a", "b")
    ]
    county = at(6, "XX-ST/Y County", "Y County", "county", "c", "Six died in Y County.", "XX-ST")
    listed = [
        at(3, "XX-ST/Y County", "Y County", "county", "d", "3 in Y County, 2 in Z.", "XX-ST"),
        at(2, "XX-ST/Z", "Z", "city", "d", "3 in Y County, 2 in Z.", "XX-ST"),
    ]
    groups = group_claims([*home, county, *listed], include_agree=True)
    members = sorted(sorted(c.value for c in g.claims) for g in groups if len(g.claims) > 1)
    assert [5, 5, 6] in members  # the county's figure is the story's count
    assert not any(3 in m and 5 in m for m in members)  # a breakdown keeps its own scope


def test_figures_split_by_magnitude_make_groups_with_different_ids() -> None:
    claims = [
        claim("8", 8, date="2025-02-01"),
        claim("9", 9, date="2025-02-02"),
        claim("480", 480, date="2025-02-01"),
        claim("500", 500, date="2025-02-02"),
    ]
    groups = group_claims(claims, include_agree=True)
    assert len(groups) == 2
    assert len({g.id for g in groups}) == 2


def test_an_earlier_figure_a_text_quotes_meets_the_article_that_gave_it_as_current() -> None:
    then = claim("2,012", 2012, article_id="friday", date="2025-03-01", story="s1")
    now = claim("2,122", 2122, article_id="saturday", date="2025-03-02", story="s1")
    quoted = claim("2,012", 2012, article_id="saturday", date="2025-03-02", story="s1",
                   kind="historical")  # fmt: skip
    other = claim("2,012", 2012, article_id="elsewhere", story="s2")
    groups = group_claims([then, now, quoted, other], include_agree=True)
    record = next(g for g in groups if g.kind == "historical")
    assert {(c.article_id, c.kind) for c in record.claims} == {
        ("saturday", "historical"),
        ("friday", "total"),
    }
    assert "record the earlier figures quote" in record.why_grouped
    assert record.verdict is Verdict.AGREE
    # the current figure still sits with the story's current count
    current = next(g for g in groups if g.kind is None and g.story == "s1")
    assert {c.article_id for c in current.claims} == {"friday", "saturday"}


def test_a_storys_place_names_are_read_together() -> None:
    from factcheck.places import lookup, place_model

    country = next(p for p in lookup("Georgia") if p.level == "country")
    county = lookup("Appling County")[0]
    a = claim("5", 5, article_id="a", story="s", subject="Georgia",
              place=place_model("Georgia", country, "clause"))  # fmt: skip
    b = claim("5", 5, article_id="b", story="s", subject="Appling County",
              place=place_model("Appling County", county, "clause"))  # fmt: skip
    (g,) = group_claims([a, b], include_agree=True)
    georgia = next(c.place for c in g.claims if c.article_id == "a")
    assert georgia is not None and georgia.key == county.region  # the US state, not the country


def test_a_round_figure_at_an_open_bound_is_compatible_and_moving_past_it_is_an_update() -> None:
    buried = [
        claim("2,000", 2000, date="2024-05-27", metric="people_buried"),
        claim(
            "more than 2,000",
            2000,
            date="2024-05-28",
            metric="people_buried",
            qualifier=Qualifier.MORE_THAN,
        ),
    ]
    (g,) = group_claims(buried, include_agree=True)
    assert g.verdict is Verdict.COMPATIBLE and "round figure" in g.explanation
    toll = [
        claim("2,000", 2000, date="2024-05-27"),
        claim("more than 2,000", 2000, date="2024-05-28", qualifier=Qualifier.MORE_THAN),
    ]
    (g,) = group_claims(toll, include_agree=True)
    assert g.verdict is Verdict.UPDATE
    # a precise figure has no such slack: 59 and "more than 59" on one day differ
    same_day = [
        claim("59", 59, date="2024-05-27"),
        claim("more than 59", 59, date="2024-05-27", qualifier=Qualifier.MORE_THAN),
    ]
    (g,) = group_claims(same_day, include_agree=True)
    assert g.verdict is Verdict.CONTRADICTION


def test_a_one_event_storys_count_of_the_day_is_its_count() -> None:
    tonight = claim("3", 3, article_id="a", date="2016-07-30", story="s", episode=True,
                    kind="event")  # fmt: skip
    total = claim("three", 3, article_id="b", date="2016-07-31", story="s")
    (g,) = group_claims([tonight, total], include_agree=True)
    assert {c.article_id for c in g.claims} == {"a", "b"}
    # in a story of many days, one day's toll is one episode, not the running total
    war = [
        claim("40", 40, article_id="c", date="2025-01-01", story="w", episode=True, kind="event"),
        claim("45", 45, article_id="d", date="2025-01-20", story="w", episode=True, kind="event"),
        claim("42", 42, article_id="e", date="2025-01-21", story="w"),
    ]
    groups = group_claims(war, include_agree=True)
    assert all({c.article_id for c in g.claims} != {"c", "d", "e"} for g in groups)
    assert not any("e" in {c.article_id for c in g.claims} for g in groups)


def test_the_readable_update_rule_matches_the_inlined_one() -> None:
    from factcheck.reconciliation.figures import facts_of
    from factcheck.reconciliation.verdicts import _ordered_update

    rng = random.Random(5)
    updates = 0
    for _ in range(300):
        metric = rng.choice(["killed", "hostages_held"])
        a, b = random_claim(rng, metric), random_claim(rng, metric)
        direction = METRICS[metric]
        if _ordered_update(facts_of(a), facts_of(b), direction) is not None:
            updates += 1
            verdict = judge_pair(a, b, direction)[0]
            assert verdict in (Verdict.UPDATE, Verdict.AGREE, Verdict.ROUNDING)
    assert updates > 20


def test_a_group_names_its_best_current_figure_and_its_sources() -> None:
    early = claim("more than 47,000", 47000, article_id="a", date="2025-02-04",
                  qualifier=Qualifier.MORE_THAN)  # fmt: skip
    late = claim("at least 48,453", 48453, article_id="b", date="2025-03-09",
                 qualifier=Qualifier.AT_LEAST)  # fmt: skip
    undated = claim("48,000", 48000, article_id="c", date=None)
    (g,) = group_claims([early, late, undated], include_agree=True)
    assert g.best is not None
    assert (g.best.text, g.best.as_of, g.best.low, g.best.high) == (
        "at least 48,453", dt.date(2025, 3, 9), 47000, 48453,
    )  # fmt: skip
    assert g.sources == 3
    # earlier figures have no best current figure
    old = [claim("288", 288, article_id=x, kind="historical") for x in ("d", "e")]
    (h,) = group_claims(old, include_agree=True)
    assert h.kind == "historical" and h.best is None


def test_a_part_that_moves_its_own_way_is_judged_by_its_own_direction() -> None:
    unidentified = [
        claim("187", 187, article_id="a", date="2023-06-05", part="not identified"),
        claim("101", 101, article_id="b", date="2023-06-06", part="not identified"),
    ]
    (g,) = group_claims(unidentified, include_agree=True)
    assert g.verdict is Verdict.UPDATE and g.direction == "moves"
    assert g.explanation.startswith("falls from 187")
    # the whole toll still only rises
    toll = [
        claim("288", 288, article_id="c", date="2023-06-03"),
        claim("275", 275, article_id="d", date="2023-06-04"),
    ]
    (g,) = group_claims(toll, include_agree=True)
    assert g.verdict is Verdict.CONTRADICTION and g.direction == "rises"


# --- events, times and honest verdicts (issue 11) --------------------------------------------


def test_a_smaller_figure_of_one_article_is_a_part_of_its_larger_one() -> None:
    whole = claim(
        "three", 3, article_id="a", date="2031-03-02", sentence="three people were found dead"
    )
    part = claim("one", 1, article_id="a", date="2031-03-02", sentence="one was carrying a gun")
    other = claim("3", 3, article_id="b", date="2031-03-03")
    (g,) = group_claims([whole, part, other], include_agree=True)
    assert g.verdict is Verdict.AGREE and g.explanation == "all 2 sources give three / 3."
    assert "1 smaller figure not judged" in g.why_grouped
    # another source's count that the article credits is that source's, and judged
    rival = claim("596", 596, article_id="c", date="2031-03-02", attribution="Prisoners Club")
    hamas = claim("over 600", 600, article_id="c", date="2031-03-02", qualifier=MORE,
                  attribution="Hamas")  # fmt: skip
    (g,) = group_claims([rival, hamas], include_agree=True)
    assert g.verdict is Verdict.CONTRADICTION
    # beside the article's own larger figure of that date, a credited one is a part of it
    said = claim("two", 2, article_id="d", date="2031-03-02", attribution="the sergeant")
    own = claim("three", 3, article_id="d", date="2031-03-02")
    assert group_claims([said, own], include_agree=True) == []


def test_a_stock_that_can_rise_and_fall_updates_either_way() -> None:
    listed = [
        claim("1,000", 1000, article_id="a", date="2031-08-12", metric="missing"),
        claim("850", 850, article_id="b", date="2031-08-20", metric="missing"),
        claim("1,100", 1100, article_id="c", date="2031-08-24", metric="missing"),
    ]
    (g,) = group_claims(listed, include_agree=True)
    assert g.verdict is Verdict.UPDATE and g.direction == "moves"
    # figures that can both hold stay compatible, whatever their dates
    near = [
        claim(
            "more than 800",
            800,
            article_id="d",
            date="2031-08-12",
            metric="missing",
            qualifier=MORE,
        ),
        claim("850", 850, article_id="e", date="2031-08-20", metric="missing"),
    ]
    (g,) = group_claims(near, include_agree=True)
    assert g.verdict is Verdict.COMPATIBLE


def test_parts_of_one_day_put_figures_in_order() -> None:
    evening = claim("more than 1,305", 1305, article_id="a", as_of="2031-09-09",
                    as_of_time="evening", qualifier=MORE)  # fmt: skip
    night = claim("2,012", 2012, article_id="b", as_of="2031-09-09", as_of_time="22:00")
    (g,) = group_claims([evening, night], include_agree=True)
    assert g.verdict is Verdict.UPDATE
    assert "2031-09-09 evening" in g.explanation and "2031-09-09 22:00" in g.explanation


def test_a_figure_without_a_time_beside_a_timed_one_of_its_date_is_unclear() -> None:
    untimed = claim("1,204", 1204, article_id="a", as_of="2031-09-09", metric="wounded")
    timed = claim("2,059", 2059, article_id="b", as_of="2031-09-09", as_of_time="22:00",
                  metric="wounded")  # fmt: skip
    (g,) = group_claims([untimed, timed], include_agree=True)
    assert g.verdict is Verdict.UNCLEAR
    assert "gives no time of day" in g.explanation and "22:00" in g.explanation
    # with no time on either side, one date and two figures is still a contradiction
    plain = claim("2,059", 2059, article_id="c", as_of="2031-09-09", metric="wounded")
    (g,) = group_claims([untimed, plain], include_agree=True)
    assert g.verdict is Verdict.CONTRADICTION


def test_a_figure_another_source_times_takes_that_time() -> None:
    morning = claim("793", 793, article_id="a", as_of="2031-06-04", as_of_time="morning",
                    part="discharged", metric="wounded")  # fmt: skip
    same = claim("793", 793, article_id="b", as_of="2031-06-04", part="discharged",
                 metric="wounded")  # fmt: skip
    evening = claim("more than 900", 900, article_id="c", as_of="2031-06-04",
                    as_of_time="evening", part="discharged", metric="wounded",
                    qualifier=MORE)  # fmt: skip
    (g,) = group_claims([morning, same, evening], include_agree=True)
    assert g.verdict is Verdict.UPDATE


def test_an_announced_act_and_its_outcome_are_not_a_dispute() -> None:
    plan = claim("three", 3, article_id="a", kind="planned", metric="hostages_released")
    done = claim("four", 4, article_id="b", metric="hostages_released")
    (g,) = group_claims([plan, done], include_agree=True)
    assert g.verdict is Verdict.UPDATE
    assert g.explanation.startswith("announced three") and "done four" in g.explanation
    # a plan the outcome matches within its qualifiers is compatible
    plan = claim("around 1,900", 1900, article_id="c", kind="planned", qualifier=APPROX)
    done = claim("about 1,800", 1800, article_id="d", qualifier=APPROX)
    (g,) = group_claims([plan, done], include_agree=True)
    assert g.verdict is Verdict.COMPATIBLE


def test_times_of_day_that_cannot_be_told_apart_are_unclear() -> None:
    six = claim("73", 73, article_id="a", as_of="2031-01-03", as_of_time="18:00")
    evening = claim("72", 72, article_id="b", as_of="2031-01-03", as_of_time="evening")
    (g,) = group_claims([six, evening], include_agree=True)
    assert g.verdict is Verdict.UNCLEAR and "cannot be told apart" in g.explanation
    # the same part of the day on both sides is one moment: a contradiction
    also = claim("75", 75, article_id="c", as_of="2031-01-03", as_of_time="evening")
    (g,) = group_claims([evening, also], include_agree=True)
    assert g.verdict is Verdict.CONTRADICTION


def test_a_revision_by_its_source_is_a_contradiction_that_says_so() -> None:
    before = claim("114", 114, article_id="a", date="2031-08-22")
    after = claim("97", 97, article_id="b", date="2031-09-17", evidence=["revision: 'lowered'"])
    (g,) = group_claims([before, after], include_agree=True)
    assert g.verdict is Verdict.CONTRADICTION
    assert "gives as a revision ('lowered')" in g.explanation


# --- copies that change a figure -------------------------------------------------------------


def test_a_copy_that_changes_a_figure_is_flagged() -> None:
    from factcheck.reconciliation.conflicts import changed_in_copies

    wire = claim("59", 59, article_id="wire", publisher="AP")
    same = claim("59", 59, article_id="reprint", publisher="Daily", copy_of="wire")
    changed = claim("70", 70, article_id="rewrite", publisher="Herald", copy_of="wire")
    notes, changed_ids = changed_in_copies([wire, same, changed])
    assert changed_ids == {"rewrite"}
    assert notes == [
        "Herald (articles/rewrite.txt) copies the text of AP (articles/wire.txt) but gives 70 "
        "where it gives 59"
    ]
    # an independent article's other figure is a dispute, not a rewrite
    assert changed_in_copies([wire, claim("70", 70, publisher="Herald")]) == ([], set())
    # nor is a copy whose original does not give this quantity
    assert changed_in_copies([changed, claim("61", 61, publisher="Herald")]) == ([], set())


def test_the_group_explanation_names_the_rewrite() -> None:
    wire = claim("59", 59, article_id="wire", publisher="AP", metric="hostages_held")
    changed = claim(
        "70", 70, article_id="rewrite", publisher="Herald", copy_of="wire", metric="hostages_held"
    )
    # the rewrite's own figure is judged against the text it copies, not folded into it
    [group] = group_claims([wire, changed])
    assert group.verdict is Verdict.CONTRADICTION
    assert group.rewrites and "gives 70 where it gives 59" in group.explanation
    assert group.sources == 1


def test_a_nationality_is_a_default_within_its_story_not_across_the_store() -> None:
    """Two of three reports of a story say "Thai hostages": there the nationality is the
    story's default, so all three measure one quantity, however many other stories' claims
    name no nationality."""
    kw = {"metric": "hostages_held", "counted": "hostages", "as_of": "2031-03-02"}
    thai = [
        claim("23", 23, story="workers", part="nationality:thai", publisher=p, **kw)
        for p in ("Bangkok Post", "Khaosod")
    ]
    whole = claim("25", 25, story="workers", publisher="AP", **kw)
    others = [claim("40", 40, story="other", publisher=f"Outlet {k}", **kw) for k in range(6)]
    groups = group_claims([*thai, whole, *others], include_agree=True)
    (workers,) = [g for g in groups if g.story == "workers"]
    assert sorted(c.value for c in workers.claims) == [23, 23, 25]
    assert workers.verdict is Verdict.CONTRADICTION and workers.part is None


def test_a_total_spread_over_states_never_joins_one_states_count() -> None:
    """A story about one state: "99 in Ohio" and "the country's toll" as the text treats them
    are one scope, but a figure the text spreads over several states ("140 across five
    states") is the country's total, kept apart from the state's count it would contradict."""
    from factcheck.models import SPREAD_EVIDENCE
    from factcheck.places import lookup, place_model

    state = next(p for p in lookup("Ohio") if p.level != "country")
    country = next(p for p in lookup("United States") if p.level == "country")
    at_ohio = place_model("Ohio", state, "clause")
    at_us = place_model("United States", country, "clause")
    spread = [f"{SPREAD_EVIDENCE}states"]
    ohio = [
        claim("99", 99, article_id=f"o{k}", story="s", subject="Ohio", place=at_ohio)
        for k in range(2)
    ]
    total = [
        claim("140", 140, article_id=f"t{k}", story="s", subject="US", place=at_us, evidence=spread)
        for k in range(2)
    ]
    groups = group_claims([*ohio, *total], include_agree=True)
    assert sorted(sorted(c.article_id for c in g.claims) for g in groups) == [
        ["o0", "o1"],
        ["t0", "t1"],
    ]
    assert all(g.verdict is Verdict.AGREE for g in groups)


def test_a_total_spread_over_a_storys_own_counties_is_its_count() -> None:
    """ "40 across 12 counties" in a story about their state is the state's toll."""
    from factcheck.models import SPREAD_EVIDENCE
    from factcheck.places import lookup, place_model

    state = next(p for p in lookup("Kentucky") if p.level != "country")
    at_ky = place_model("Kentucky", state, "clause")
    plain = [
        claim("37", 37, article_id=f"k{k}", story="s", subject="Kentucky", place=at_ky)
        for k in range(2)
    ]
    spread = claim("40", 40, article_id="c", story="s", subject="Kentucky", place=at_ky,
                   evidence=[f"{SPREAD_EVIDENCE}counties"])  # fmt: skip
    (g,) = group_claims([*plain, spread], include_agree=True)
    assert len(g.claims) == 3


def test_a_countrys_toll_is_the_storys_only_while_no_other_part_of_it_has_one() -> None:
    """In a story about Ohio, "the US toll" is Ohio's (as "Libya's toll" is Derna's) until the
    story gives another state's own toll: then the country's count is a sum over its states."""
    from factcheck.places import lookup, place_model

    ohio = place_model("Ohio", next(p for p in lookup("Ohio") if p.level != "country"), "article")
    indiana = next(p for p in lookup("Indiana") if p.level != "country")
    us = place_model("United States", next(p for p in lookup("United States")), "clause")
    own = [
        claim("99", 99, article_id=f"o{k}", story="s", subject="Ohio", place=ohio)
        for k in range(3)
    ]
    country = [
        claim("99", 99, article_id=f"u{k}", story="s", subject="United States", place=us)
        for k in range(2)
    ]
    (g,) = group_claims([*own, *country], include_agree=True)
    assert len(g.claims) == 5
    other = claim("12", 12, article_id="i", story="s", subject="Indiana",
                  place=place_model("Indiana", indiana, "clause"))  # fmt: skip
    groups = group_claims([*own, *country, other], include_agree=True)
    assert sorted(sorted(c.article_id for c in g.claims) for g in groups if len(g.claims) > 1) == [
        ["o0", "o1", "o2"],
        ["u0", "u1"],
    ]


def test_undated_readings_do_not_undo_the_update_the_dated_ones_show() -> None:
    # a running total read on two dates rises; two more readings have no date: the group is
    # an update, and its explanation names the figures it could not place
    early = claim("more than 41,000", 41000, article_id="a", date="2025-01-10",
                  qualifier=Qualifier.MORE_THAN)  # fmt: skip
    late = claim("44,300", 44300, article_id="b", date="2025-02-12")
    loose = [claim("over 42,500", 42500, article_id="c", date=None, qualifier=Qualifier.MORE_THAN),
             claim("45,120", 45120, article_id="d", date=None)]  # fmt: skip
    (g,) = group_claims([early, late, *loose])
    assert g.verdict is Verdict.UPDATE
    assert "2 undated figures (over 42,500, 45,120) cannot be placed in time" in g.explanation
    # with one dated reading there is no update to keep: the difference stays unclear
    exact = claim("41,200", 41200, article_id="e", date="2025-01-10")
    (h,) = group_claims([exact, *loose])
    assert h.verdict is Verdict.UNCLEAR


def test_a_story_told_from_two_sides_about_as_often_has_both_for_its_own_places() -> None:
    # a war's articles default to either side's place; a figure one text places on the other
    # side is the story's own count, not a scope apart, when both sides are told about as often
    def story(n_a: int, n_b: int) -> list[list[float]]:
        rows = [_placed(str(50 + k), 50 + k, story="s", key="AA", name="Aland", source="article",
                        level="country", article=f"a{k}", day=1 + k % 5) for k in range(n_a)]
        rows += [_placed(str(60 + k), 60 + k, story="s", key="BB/strip", name="Strip",
                         source="article", level="region", article=f"b{k}", day=1 + k % 5)
                 for k in range(n_b)]  # fmt: skip
        named = _placed("57", 57, story="s", key="BB/strip", name="Strip", source="clause",
                        level="region", article="c", day=6)  # fmt: skip
        groups = group_claims([*rows, named], include_agree=True)
        return sorted(sorted(c.value for c in g.claims) for g in groups)

    assert story(5, 4) == [[50, 51, 52, 53, 54, 57, 60, 61, 62, 63]]
    # one article from the other side is a side note: a figure placed there in the text stays
    # a scope of its own (alone, so no group)
    assert story(5, 1) == [[50, 51, 52, 53, 54, 60]]


def test_the_nationality_of_a_storys_own_country_is_no_part() -> None:
    # "59 Israeli hostages" in a story about Israel counts the hostages; "5 Thai hostages" are
    # a part of them
    def held(text: str, value: float, part: str | None, article: str, day: int) -> Claim:
        c = _placed(text, value, story="s", key="IL", name="Israel", source="article",
                    level="country", article=article, day=day)  # fmt: skip
        return c.model_copy(update={"metric": "hostages_held", "part": part})

    rows = [
        held("61", 61, None, "a", 1),
        held("59", 59, "nationality:israeli", "b", 2),
        held("60", 60, None, "c", 3),
        held("8", 8, "nationality:thai", "d", 1),
        held("7", 7, "nationality:thai", "e", 2),
    ]
    groups = group_claims(rows, include_agree=True)
    members = sorted(sorted(c.value for c in g.claims) for g in groups)
    assert members == [[7, 8], [59, 60, 61]]


def test_a_running_total_that_grows_past_threefold_over_days_stays_one_series() -> None:
    days = [("1,010", 1010, "2030-01-01"), ("2,480", 2480, "2030-01-04"),
            ("3,320", 3320, "2030-01-06"), ("4,050", 4050, "2030-01-09")]  # fmt: skip
    rows = [claim(t, v, article_id=f"a{k}", date=d) for k, (t, v, d) in enumerate(days)]
    (g,) = group_claims(rows, include_agree=True)
    assert g.verdict is Verdict.UPDATE and len(g.claims) == 4
    # far apart in value and not in time order: two quantities, kept apart
    odd = [claim("9", 9, article_id="x", date="2030-01-08"), claim("8", 8, article_id="y", date="2030-01-09")]
    groups = group_claims([*rows, *odd], include_agree=True)
    assert sorted(len(g.claims) for g in groups) == [2, 4]
