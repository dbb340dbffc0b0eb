"""What kind of count a figure is: a running total, a stock, one event, planned, historical, a
projection. `extraction.kind`.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.extraction.helpers import article_claims, claims_of, one


def test_episode(nlp):
    c = one(nlp, "Hamas confirmed that over 600 prisoners had been released overnight.", "over 600")
    assert c.episode is True
    total = one(
        nlp, "Israel was expected to free around 1,900 Palestinian prisoners.", "around 1,900"
    )
    assert total.episode is False


@pytest.mark.parametrize(
    ("text", "figure", "kind"),
    [
        # quoted history: an earlier report, an old value of a change, a replaced figure
        ("The previous death toll from the storm was 4,100.", "4,100", "historical"),
        (
            "Rescuers revised the toll to 61, down from their previous count of 73.",
            "73",
            "historical",
        ),
        ("Rescuers revised the toll to 61, down from their previous count of 73.", "61", None),
        ("Earlier, the agency said at least 9,200 people were dead.", "9,200", "historical"),
        ("The ministry revised the death toll to 312 from 340.", "340", "historical"),
        ("The ministry revised the death toll to 312 from 340.", "312", None),
        ("The number of deaths rose from 44 to 57 overnight.", "44", "historical"),
        ("The number of deaths rose from 44 to 57 overnight.", "57", None),
        ("The list of missing people once topped 1,500.", "1,500", "historical"),
        ("About 600 people died instead of 900 as first reported.", "900", "historical"),
        ("The mayor, in his initial report, said 27 people died.", "27", "historical"),
        # not yet reached, not yet done
        ("Officials fear the toll could reach 8,000 in the valley.", "8,000", "projection"),
        ("The toll was expected to climb above 150.", "150", "projection"),
        ("The military said the toll could be closer to 650.", "650", "projection"),
        ("Officials said 20 people could be trapped.", "20", None),
        ("The government will release 250 detainees on Monday.", "250", "planned"),
        ("The army is due to release 40 detainees on Monday.", "40", "planned"),
        # the current count, whatever words sit near it
        ("An 18-year-old man was charged in a shooting that killed three people.", "three", None),
        ("The exchange in the initial phase freed 33 hostages.", "33", None),
        ("About 150 people were likely in the plant when the gunman opened fire.", "150", None),
        ("The police chief will tell reporters that 12 people were injured.", "12", None),
    ],
)
def test_the_kind_of_count_is_read_from_the_parse(nlp, text, figure, kind) -> None:
    found = {c.text.split()[-1]: c for c in claims_of(nlp, text)}
    assert found[figure].kind == kind, found[figure].evidence


def test_a_toll_narrated_on_its_way_up_is_history_beside_the_articles_latest(nlp) -> None:
    text = (
        "The quake's death toll rose to 2,100, the ministry said.\n\n"
        "The death toll rose to 820 shortly after midday. By nightfall the death toll had "
        "reached 1,037."
    )
    kinds = {c.text: c.kind for c in article_claims(nlp, text)}
    assert kinds == {"2,100": "total", "820": "historical", "1,037": "historical"}


def test_a_narrated_step_alone_is_the_current_count(nlp) -> None:
    (c,) = article_claims(nlp, "By nightfall the death toll had reached 1,037, officials said.")
    assert c.kind == "total"


def test_another_after_a_figure_of_another_metric_adds_a_kind_of_count(nlp) -> None:
    missing = "After the floods, another 10,100 individuals are listed as missing in the city."
    assert one(nlp, "The floods killed 900 people. " + missing, "10,100").part is None
    # with no firm figure before it, "another" keeps its reading as more of the same count
    assert one(nlp, missing, "10,100").part == "additional"
    text = "The floods killed 900 people. Rescuers found another 40 bodies in the hills."
    assert one(nlp, text, "40").part == "additional"


def test_a_clause_saying_the_act_is_to_come_makes_the_figure_planned(nlp) -> None:
    (c,) = claims_of(nlp, "The group refused to free the four captives it was slated to release.")
    assert c.kind == "planned"


def test_a_conjoined_clause_with_its_own_subject_keeps_its_own_kind(nlp) -> None:
    text = "Initially 80 deaths were reported, but the toll was later corrected to 95."
    assert one(nlp, text, "95").kind is None
    assert one(nlp, text, "80").kind == "historical"


@pytest.mark.parametrize(
    ("text", "figure", "kind"),
    [
        ("The merger could mean as many as 900 job losses.", "as many as 900", "projection"),
        ("About 120 homes would have been flooded without the barrier.", "About 120", "projection"),
        ("Some 2,000 jobs are at risk at the plant.", "Some 2,000", "projection"),
        ("Up to 80 people may have drowned.", "Up to 80", None),
        ("Eighty people drowned.", "Eighty", None),
    ],
)
def test_a_possible_or_hypothetical_act_is_a_projection(nlp, text, figure, kind) -> None:
    assert one(nlp, text, figure).kind == kind


def test_a_reported_would_is_a_plan_and_a_conditional_one_a_projection(nlp) -> None:
    text = "The chief executive announced that 2,500 staff would be laid off."
    assert one(nlp, text, "2,500").kind == "planned"
    assert one(nlp, "Without the levee, 90 homes would be flooded.", "90").kind == "projection"


@pytest.mark.parametrize(
    ("text", "figure", "noun", "date"),
    [
        ("Militants killed more than 1,500 people during the Oct. 7, 2021 assault.", "more than 1,500", "assault", "Oct. 7, 2021"),
        ("Tuesday's strikes killed 312 people, the ministry said.", "312", "strike", "Tuesday"),
        ("Four people were killed in a shooting on Saturday night.", "Four", "shooting", "Saturday night"),
        ("The toll from the 9 May blast stands at 61.", "61", "blast", "9 May"),
        ("On June 2, 2022, rebels led a raid on the town that killed 37 villagers.", "37", "raid", "June 2, 2022"),
        ("Airstrikes across the province have killed 88 people.", "88", "airstrike", None),
    ],
)  # fmt: skip
def test_a_figure_tied_to_a_one_act_happening_names_it_and_its_date(nlp, text, figure, noun, date):
    c = one(nlp, text, figure)
    assert (c.event, c.event_date_text) == (noun, date)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The war has killed more than 31,000 people.", "more than 31,000"),
        ("The earthquake killed 2,960 people in the province.", "2,960"),
        ("Floods have displaced 40,000 residents.", "40,000"),
    ],
)
def test_a_long_happenings_toll_names_no_event(nlp, text, figure):
    assert one(nlp, text, figure).event is None


def test_an_event_is_dated_by_its_name_else_by_the_figures_own_date(nlp) -> None:
    claims = article_claims(
        nlp,
        "Strikes killed 57 people on Tuesday. The toll from the 3 March raid rose to 19 on Friday.",
        published=dt.date(2025, 3, 14),
    )
    by_value = {c.value: c.event for c in claims}
    assert by_value[57].date == dt.date(2025, 3, 11)  # the figure's own Tuesday
    assert by_value[19].date == dt.date(2025, 3, 3)  # the raid's, not the reading's Friday


@pytest.mark.parametrize(
    ("text", "figure", "episode"),
    [
        ("The ministry reported 37 more deaths in the past 24 hours.", "37", True),
        ("Shelling killed 14 people over the past 24 hours, officials said.", "14", True),
        ("Rescuers found 9 additional bodies, bringing the toll to 212.", "9", True),
        ("Rescuers found 9 additional bodies, bringing the toll to 212.", "212", False),
        ("More than 300 people have been killed.", "More than 300", False),
    ],
)
def test_a_days_rise_is_one_event_not_the_running_total(nlp, text, figure, episode):
    assert one(nlp, text, figure).episode is episode


def test_an_act_its_own_clause_dates_is_one_event_a_perfect_sum_is_not(nlp) -> None:
    freed = one(nlp, "Militants freed four hostages on Saturday.", "four")
    assert freed.event == "free"
    total = one(nlp, "Militants have freed 25 hostages since January.", "25")
    assert total.event is None


@pytest.mark.parametrize(
    ("text", "figure", "kind"),
    [
        ("The army denied that 50 people died in the raid.", "50", "historical"),
        ("Officials rejected claims that 300 were killed.", "300", "historical"),
        ("The ministry does not believe there are 40 survivors.", "40", "historical"),
        ("Officials confirmed that 300 were killed.", "300", None),  # a confirmation asserts
    ],
)
def test_a_figure_its_speaker_denies_is_quoted_not_asserted(nlp, text, figure, kind) -> None:
    assert one(nlp, text, figure).kind == kind
