"""Frames (issue 30): an event's count is one happening's, kept apart from the story's running
total and from other days' happenings; a figure that repeats a dated event's count joins it."""

from __future__ import annotations

import datetime as dt

from factcheck.models import Event
from factcheck.reconciliation.conflicts import group_claims
from factcheck.reconciliation.groups import event_span, quantity_buckets
from tests.reconciliation.test_verdicts import claim


def _event(noun: str, date: str | None = None, text: str | None = None) -> Event:
    when = dt.date.fromisoformat(date) if date else None
    return Event(noun=noun, date=when, text=text, precision="day" if when else None)


def _values(groups) -> list[list[float]]:
    return sorted(sorted(float(c.value) for c in g.claims) for g in groups)


def test_an_act_dated_weeks_into_a_story_is_its_own_event_not_a_reading_of_the_total() -> None:
    war = [
        claim("47,000", 47000, date="2025-01-20", story="s"),
        claim("48,300", 48300, date="2025-03-01", story="s"),
        # a war's running toll read in March ...
        claim("over 400", 400, date="2025-03-18", story="s", event=_event("strike", "2025-03-18")),
        claim("404", 404, date="2025-03-19", story="s", event=_event("strike", "2025-03-18")),
        # ... and the attack that opened it, recalled with its date, and then without one
        claim("1,200", 1200, date="2025-02-08", story="s", event=_event("attack", "2023-10-07")),
        claim("about 1,200", 1200, date="2025-02-27", story="s"),
        claim("1,139", 1139, date="2025-03-23", story="s", event=_event("attack", "2023-10-07")),
    ]
    groups = group_claims(war, include_agree=True)
    assert _values(groups) == [[400, 404], [1139, 1200, 1200], [47000, 48300]]


def test_the_act_a_story_opens_with_is_the_storys_running_total() -> None:
    crash = [
        claim("233", 233, date="2023-06-03", story="s", event=_event("crash", "2023-06-02")),
        claim("288", 288, date="2023-06-04", story="s"),
        claim("275", 275, date="2023-06-05", story="s"),
    ]
    (group,) = group_claims(crash)
    assert sorted(c.value for c in group.claims) == [233, 275, 288]


def test_a_citys_shootings_weeks_apart_are_two_events() -> None:
    city = [
        claim("two", 2, date="2016-03-01", story="s", subject="Chicago"),
        claim("2", 2, date="2016-03-02", story="s", subject="Chicago"),
        claim("one", 1, date="2016-11-26", story="s", subject="Chicago",
              as_of="2016-11-26", as_of_source="text", event=_event("shooting", "2016-11-26")),
        # an article of the next day, with no act or date of its own, reports the second one
        claim("1", 1, date="2016-11-27", story="s", subject="Chicago"),
    ]  # fmt: skip
    groups = group_claims(city, include_agree=True)
    assert _values(groups) == [[1, 1], [2, 2]]


def test_undated_reports_of_an_event_are_unknown_never_a_mismatch() -> None:
    dated = claim("120", 120, event=_event("raid", "2025-03-10"))
    undated = claim("about 120", 120, date=None, event=_event("raid"))
    assert event_span(undated) is None
    assert event_span(dated) == (dt.date(2025, 3, 9), dt.date(2025, 3, 11))
    buckets = [b for b in quantity_buckets([dated, undated]) if len(b.members) > 1]
    assert len(buckets) == 1


def test_a_small_figure_is_not_matched_to_an_event_by_its_value_alone() -> None:
    claims = [
        claim("3", 3, date="2025-01-05", story="s"),
        claim("3", 3, date="2025-02-01", story="s"),
        claim("3", 3, date="2025-03-01", story="s", event=_event("strike", "2025-03-01")),
        claim("4", 4, date="2025-03-01", story="s", event=_event("strike", "2025-03-01")),
    ]
    groups = group_claims(claims, include_agree=True)
    assert _values(groups) == [[3, 3], [3, 4]]


def test_a_story_reads_a_yearless_event_date_with_the_year_another_article_gives() -> None:
    claims = [
        claim("1,200", 1200, date="2025-02-08", story="s",
              event=_event("attack", "2023-10-07", "Oct. 7, 2023")),
        claim("1,200", 1200, date="2025-03-23", story="s",
              event=_event("attack", "2024-10-07", "Oct. 7")),  # the calendar's guess
        claim("1,100", 1100, date="2024-10-08", story="t",
              event=_event("attack", "2024-10-07", "Oct. 7")),  # another story: untouched
    ]  # fmt: skip
    groups = group_claims(claims, include_agree=True)
    assert _values(groups) == [[1200, 1200]]
