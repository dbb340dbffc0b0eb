"""The date a figure refers to, as the text gives it: weekdays, datelines, reports' days, parts of
the day, and dates about something else. `extraction.when` and the dating in
`extraction.drafts`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extraction.helpers import article_claims, claims_of, one


def test_as_of_weekday(nlp):
    c = one(nlp, "The Maui Police Department reported 96 confirmed fatalities on Sunday.", "96")
    assert c.as_of_text == "Sunday"


@pytest.mark.parametrize(
    ("expr", "published", "as_of"),
    [
        ("May 22, 1960".replace(",", ""), "2023-08-12", "1960-05-22"),
        ("Dec. 30", "2016-01-05", "2015-12-30"),  # a date days before a new year's article
        ("June 4", "2023-06-06", "2023-06-04"),
        ("18 March", "2025-03-20", "2025-03-18"),  # the day before the month, as AFP writes
        ("7 October 2023", "2025-03-20", "2023-10-07"),
        ("3rd June, 2023", "2023-06-06", "2023-06-03"),
        ("1960", "2023-08-12", "1960-12-31"),  # a year: its last day, so nothing reads as later
        ("2023", "2023-08-12", None),  # the year of publication pins nothing
        ("last year", "2024-02-19", "2023-12-31"),
        ("two years ago", "2024-02-19", "2022-02-19"),
        ("May 2023", "2024-02-19", "2023-05-31"),  # a month: its last day
        ("May 2024", "2024-02-19", None),  # not yet over: pins nothing
        ("last month", "2024-02-19", "2024-01-31"),
    ],
)
def test_dates_the_text_gives(expr, published, as_of) -> None:
    import datetime as dt

    from factcheck.dates import resolve_as_of

    found = resolve_as_of(expr, dt.date.fromisoformat(published))
    assert found == (dt.date.fromisoformat(as_of) if as_of else None)


def test_a_figure_dated_years_before_publication_is_history(nlp) -> None:
    import datetime as dt

    from factcheck.extraction.drafts import to_claims
    from factcheck.models import Article

    text = "The worst disaster before this was a flood that killed 212 people on May 3, 1958."
    article = Article(
        article="a.txt", article_id="a" * 64, publisher=None, published=dt.date(2024, 5, 1)
    )
    (claim,) = [c for c in to_claims(article, claims_of(nlp, text)) if c.value == 212]
    assert claim.kind == "historical" and claim.as_of == dt.date(1958, 5, 3)


def test_a_count_dated_to_an_earlier_year_is_that_years_not_the_storys(nlp) -> None:
    import datetime as dt

    text = (
        "Tribal clashes killed 60 people in the province last year, police said. "
        "In May 2023, a landslide killed 14 people in the valley. "
        "Fighting on Saturday killed 64 people."
    )
    found = article_claims(nlp, text, dt.date(2024, 2, 19))
    kinds = {c.text: (c.kind, c.as_of) for c in found}
    assert kinds["60"] == ("historical", dt.date(2023, 12, 31))
    assert kinds["14"] == ("historical", dt.date(2023, 5, 31))
    assert kinds["64"] == ("total", dt.date(2024, 2, 17))


def test_a_figure_credited_to_a_dated_report_takes_the_reports_day_and_hour(nlp) -> None:
    import datetime as dt

    text = (
        "At least 310 people were killed in the storm that hit the coast on Thursday, "
        "according to a ministry toll issued on Saturday at 9 pm."
    )
    (c,) = [c for c in article_claims(nlp, text, dt.date(2031, 8, 10)) if c.value == 310]
    assert (c.as_of, c.as_of_time, c.as_of_precision, c.as_of_source) == (
        dt.date(2031, 8, 9), "21:00", "day", "text"
    )  # fmt: skip


def test_a_date_in_the_events_name_does_not_date_the_count(nlp) -> None:
    import datetime as dt

    text = "The agency said that 420 people were hurt in the June 2 collapse."
    (c,) = article_claims(nlp, text, dt.date(2031, 6, 6))
    assert c.as_of == dt.date(2031, 6, 6) and c.as_of_source == "published"


def test_a_dateline_dates_the_figures_that_carry_no_date(nlp) -> None:
    import datetime as dt

    text = "Lagos, June 4\n\nRescuers said that 57 people were still missing in the city."
    (c,) = article_claims(nlp, text, dt.date(2031, 6, 5))
    assert (c.as_of, c.as_of_source) == (dt.date(2031, 6, 4), "lead")


def test_a_part_of_the_day_alone_times_the_figure_on_the_articles_date(nlp) -> None:
    import datetime as dt

    text = "By then, 212 patients were getting treated till morning."
    (c,) = article_claims(nlp, text, dt.date(2031, 6, 5))
    assert (c.as_of, c.as_of_time, c.as_of_source) == (dt.date(2031, 6, 5), "morning", "published")
    assert c.part == "under treatment"


def test_a_repeated_figure_takes_the_date_the_text_gives_it_once(nlp) -> None:
    import datetime as dt

    text = "Flood toll reaches 140\n\nAt least 140 people died, the ministry said on Friday."
    found = [c for c in article_claims(nlp, text, dt.date(2031, 8, 10)) if c.value == 140]
    assert len(found) == 2 and {c.as_of for c in found} == {dt.date(2031, 8, 8)}


def test_a_day_with_its_part_and_an_ordinal_day_are_read_from_the_text(nlp) -> None:
    import datetime as dt

    c = article_claims(
        nlp, "The toll had reached 72 on Wednesday evening, the agency said.", dt.date(2031, 1, 3)
    )[0]
    assert (c.as_of, c.as_of_time) == (dt.date(2031, 1, 1), "evening")
    c = article_claims(
        nlp, "The number of deaths rose to 73 as of 6:00 p.m. on the 3rd.", dt.date(2031, 1, 4)
    )[0]
    assert (c.as_of, c.as_of_time) == (dt.date(2031, 1, 3), "18:00")


def test_an_undated_article_is_read_as_of_the_latest_date_its_text_gives(nlp) -> None:
    import datetime as dt

    text = (
        "Floods in the valley\nUpdated 4 Jun, 2024\n\n"
        "Rescuers said on Monday that 57 people were missing.\n\n"
        "The death toll stands at 80, officials said."
    )
    found = {c.value: c for c in article_claims(nlp, text, None)}
    assert (found[57].as_of, found[57].as_of_source) == (dt.date(2024, 6, 3), "text")
    assert (found[80].as_of, found[80].as_of_source) == (dt.date(2024, 6, 4), "lead")


@pytest.mark.issue(30)
def test_issue_30_a_date_about_another_event_does_not_date_an_undated_article(nlp) -> None:
    """"The March 3, 2019, flood killed 12" dates that flood's count, not the article: an undated
    report's other figures stay undated instead of taking the day of an earlier disaster."""
    import datetime as dt

    text = (
        "Rains return to the valley\n\n"
        "The March 3, 2019, flood killed 12 people in the valley.\n\n"
        "Rescuers said on Tuesday that 40 people were missing after this week's storm."
    )
    found = {c.value: c for c in article_claims(nlp, text, None)}
    assert (found[12].as_of, found[12].as_of_source) == (dt.date(2019, 3, 3), "text")
    assert (found[40].as_of, found[40].as_of_source) == (None, "none")


def test_since_a_date_starts_the_count_it_does_not_date_it(nlp) -> None:
    import datetime as dt

    published = dt.date(2031, 7, 9)  # a Wednesday
    text = "Rescuers have pulled 140 people from the water since Thursday."
    [c] = article_claims(nlp, text, published)
    assert (c.as_of, c.as_of_source) == (published, "published")
    text = "More than 2,000 people have been evacuated since March 3, officials said on Friday."
    [c] = article_claims(nlp, text, published)
    assert c.as_of == dt.date(2031, 7, 4)  # the Friday they said it, not March 3


def test_a_date_in_a_clause_that_starts_the_count_does_not_date_it(nlp) -> None:
    # "since the war began in October 2023" says when the count began, not its date
    text = (
        "The health ministry said on Sunday that 50,021 people have been killed since the war "
        "with Israel began in October 2023."
    )
    (c,) = [c for c in article_claims(nlp, text, published=dt.date(2025, 3, 23)) if c.value == 50021]
    assert c.as_of == dt.date(2025, 3, 23) and c.kind == "total"


def test_the_day_of_a_happening_does_not_date_a_toll_counted_later(nlp) -> None:
    text = "More than 410 people are presumed dead following a mudslide in the valley on Friday."
    (c,) = article_claims(nlp, text, published=dt.date(2030, 5, 27))
    assert c.as_of == dt.date(2030, 5, 27) and c.as_of_source == "published"
    said = "Officials said on Friday that 410 people are presumed dead."
    (d,) = article_claims(nlp, said, published=dt.date(2030, 5, 27))
    assert d.as_of == dt.date(2030, 5, 24)


def test_a_period_between_two_days_is_dated_by_its_end(nlp) -> None:
    for text in (
        "Floods killed 47 people between 3 and 9 May, the agency said.",
        "Between May 3 and May 9, floods killed 47 people.",
    ):
        (c,) = article_claims(nlp, text, published=dt.date(2030, 5, 20))
        assert c.as_of == dt.date(2030, 5, 9), text


def test_a_reading_as_of_a_day_is_no_event_of_that_day(nlp) -> None:
    (c,) = article_claims(nlp, "Officials said 1,021 bodies were recovered as of Friday.",
                          published=dt.date(2030, 5, 20))  # fmt: skip
    assert c.event is None
    (d,) = article_claims(nlp, "Militants freed four hostages on Saturday.", published=dt.date(2030, 5, 20))
    assert d.event is not None and d.event.date == dt.date(2030, 5, 18)
