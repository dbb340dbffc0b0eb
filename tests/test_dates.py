"""Date expressions → the day, its precision and the part of the day (factcheck.dates)."""

import datetime as dt

import pytest

from factcheck.dates import as_of_precision, day_part_span, resolve_as_of, split_day_part

SUNDAY = dt.date(2031, 8, 10)


@pytest.mark.parametrize(
    ("expr", "day", "part"),
    [
        ("Saturday at 10 pm", "Saturday", "22:00"),
        ("Saturday at 9:30 a.m.", "Saturday", "09:30"),
        ("early Sunday morning", "Sunday", "early morning"),
        ("Friday evening", "Friday", "evening"),
        ("yesterday night", "yesterday", "night"),
        ("June 4", "June 4", None),
        ("Tuesday", "Tuesday", None),
    ],
)
def test_a_date_splits_into_its_day_and_its_part_of_the_day(expr, day, part) -> None:
    assert split_day_part(expr) == (day, part)


def test_parts_of_the_day_order_figures_of_one_date() -> None:
    spans = [day_part_span(p) for p in ("early morning", "morning", "afternoon", "evening", "22:00")]
    assert None not in spans and spans == sorted(spans)
    assert day_part_span(None) is None and day_part_span("teatime") is None


@pytest.mark.parametrize(
    ("expr", "as_of"),
    [
        ("Saturday at 10 pm", "2031-08-09"),
        ("early Sunday morning", "2031-08-10"),
        ("yesterday night", "2031-08-09"),
        ("last summer", "2030-07-15"),  # August: this summer is not over, so last year's
        ("last winter", "2031-01-15"),
    ],
)
def test_a_day_with_its_part_resolves_to_the_day(expr, as_of) -> None:
    assert resolve_as_of(expr, SUNDAY) == dt.date.fromisoformat(as_of)


@pytest.mark.parametrize(
    ("expr", "precision"),
    [
        ("Saturday evening", "day"),
        ("June 4", "day"),
        ("last week", "week"),
        ("last month", "month"),
        ("May 2023", "month"),
        ("last summer", "month"),
        ("2019", "year"),
        ("two years ago", "year"),
        (None, None),
    ],
)
def test_each_date_form_records_how_precise_it_is(expr, precision) -> None:
    assert as_of_precision(expr) == precision


def test_an_ordinal_day_is_a_day_of_this_month_or_the_last() -> None:
    assert resolve_as_of("the 3rd", dt.date(2031, 1, 4)) == dt.date(2031, 1, 3)
    assert resolve_as_of("the 28th", dt.date(2031, 3, 2)) == dt.date(2031, 2, 28)
    assert resolve_as_of("the 30th", dt.date(2031, 3, 2)) is None  # no 30 February
    assert split_day_part("the 3rd at 6:00 p.m.") == ("the 3rd", "18:00")


def test_a_part_of_the_day_spans_hours_a_clock_time_does_not() -> None:
    assert day_part_span("22:00") == (22.0, 22.0)
    evening, six = day_part_span("evening"), day_part_span("18:00")
    assert evening[0] <= six[0] <= evening[1]  # 6 p.m. cannot be put before or after "evening"
    morning = day_part_span("morning")
    assert morning[1] < evening[0]


@pytest.mark.parametrize(
    ("expr", "day"),
    [("June 4, 2024", "2024-06-04"), ("4 Jun, 2024", "2024-06-04"), ("Sept. 12 2023", "2023-09-12"),
     ("June 4", None), ("Saturday", None), ("31 Feb 2024", None)],
)  # fmt: skip
def test_a_full_date_needs_no_reference_day(expr, day) -> None:
    from factcheck.dates import full_date

    assert full_date(expr) == (dt.date.fromisoformat(day) if day else None)
    assert resolve_as_of(expr, None) == full_date(expr)
