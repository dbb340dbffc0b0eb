"""The gazetteer: names → places in a hierarchy, and ambiguous names settled by the article."""

from __future__ import annotations

import pytest

from factcheck.places import display, lookup, resolve_many, within


@pytest.mark.parametrize(
    ("name", "place", "level", "country"),
    [
        ("Derna", "Darnah", "city", "LY"),  # an exonym of a large city
        ("Kerr County", "Kerr County", "county", "US"),
        ("Mandalay", "Mandalay", "region", "MM"),
        ("Khan Younis", "Khān Yūnis", "city", "PS"),
        ("Gaza", "Gaza Strip", "region", "PS"),  # an alias: the strip, not the city
        ("the U.S.", "United States", "country", "US"),
        ("Ind.", "Indiana", "region", "US"),
        ("Odisha", "Odisha", "region", "IN"),
        ("Gansu", "Gansu Sheng", "region", "CN"),  # the kind of province dropped, as news does
        ("Qinghai province", "Qinghai Sheng", "region", "CN"),
    ],
)
def test_lookup_finds_the_place_and_its_country(name, place, level, country) -> None:
    found = lookup(name)[0]
    assert (found.name, found.level, found.country) == (place, level, country)


def test_a_county_and_a_city_know_their_state() -> None:
    county = lookup("Kerr County")[0]
    assert county.region == "US-TX" and county.chain()[-1] == "US"
    fort_wayne = lookup("Fort Wayne")[0]
    indiana = lookup("Indiana")[0]
    assert within(fort_wayne, indiana)
    assert not within(indiana, fort_wayne)
    assert display(fort_wayne) == "Fort Wayne, Indiana, United States"


def test_unknown_and_generic_names_are_not_places() -> None:
    assert lookup("Zzyzxville Heights") == []
    assert lookup("the world") == []


def test_an_ambiguous_town_takes_the_state_the_article_names() -> None:
    alone = resolve_many(["Springfield"])["Springfield"]
    with_state = resolve_many(["Springfield", "Illinois"])["Springfield"]
    assert with_state is not None and with_state.region == "US-IL"
    assert alone is not None and alone.country == "US"
    oregon = resolve_many(["Springfield", "Oregon"])["Springfield"]
    assert oregon is not None and oregon.region == "US-OR"
