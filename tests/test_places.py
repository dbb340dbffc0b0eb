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


def test_a_bare_county_name_is_the_county_only_where_no_town_has_it() -> None:
    assert lookup("Kerr")[0].name == "Kerr County"  # "floods across Kerr"
    assert lookup("Orange")[0].level == "city"  # a town of that name comes first


def test_a_state_named_beside_its_towns_is_the_state_not_its_namesake_county() -> None:
    found = resolve_many(["Hilo", "Hawaii"])
    assert found["Hawaii"] is not None and found["Hawaii"].level == "region"


def test_a_town_known_only_by_country_takes_the_one_region_the_article_names() -> None:
    found = resolve_many(["Balasore", "Odisha"])
    assert found["Balasore"].region == "IN-OD"
    assert lookup("Balasore")[0].region is None  # alone, the gazetteer does not say
    # two regions of its country named: the text does not settle which, so none is guessed
    two = resolve_many(["Balasore", "Odisha", "West Bengal"])
    assert two["Balasore"].region is None


def test_nesting_says_when_the_gazetteer_cannot_tell() -> None:
    from factcheck.places import nesting

    town, state = lookup("Fort Wayne")[0], lookup("Indiana")[0]
    assert nesting(town.chain(), "city", state.chain(), "region") == 1.0
    balasore, odisha = lookup("Balasore")[0], lookup("Odisha")[0]
    assert nesting(balasore.chain(), "city", odisha.chain(), "region") == 0.5
    lahaina, maui = lookup("Lahaina")[0], lookup("Maui County")[0]
    assert nesting(lahaina.chain(), "city", maui.chain(), "county") == 0.5
    assert nesting(town.chain(), "city", lookup("Ohio")[0].chain(), "region") == 0.0


@pytest.mark.parametrize(
    ("names", "name", "region_or_key"),
    [
        (["Woodland", "Clark County"], "Woodland", "US-WA"),  # the one state both have
        (["Woodland", "Clark County"], "Clark County", "US-WA"),
        (["Georgia", "Columbia County"], "Georgia", "US-GA"),  # the state that has the county
        (["Georgia", "Tbilisi"], "Georgia", "GE"),  # the country that has the capital
        (["Ohio", "Columbus"], "Ohio", "US-OH"),
    ],
)
def test_ambiguous_names_take_the_readings_they_share(names, name, region_or_key) -> None:
    found = resolve_many(names)[name]
    assert found is not None and region_or_key in (found.key, found.region)


def test_a_postal_code_in_capitals_is_the_state() -> None:
    assert [p.key for p in lookup("IL")][:1] == ["US-IL"]
    assert not any(p.key == "US-IN" for p in lookup("in"))


def test_codes_are_places_only_in_capitals() -> None:
    # an ISO code or an airport code is a place as written in capitals; the same letters in
    # ordinary case are months and words ("Jan. 19", "Mar. 1", "and")
    assert [p.key for p in lookup("MAR")][:1] == ["MA"]
    assert lookup("Mar") == [] and lookup("Jan") == [] and lookup("and") == []
    assert [p.name for p in lookup("DXB")][:1] == ["Dubai"]
    assert [p.key for p in lookup("UAE")] == ["AE"]


def test_a_people_is_not_a_town_that_has_its_name_as_an_alternate() -> None:
    assert lookup("Thai") == []
    assert [p.name for p in lookup("Bangkok")][:1] == ["Bangkok"]


def test_a_town_the_articles_state_does_not_have_stays_unknown() -> None:
    # the gazetteer has no Manchester in Illinois (too small); New Hampshire's would be a guess
    assert resolve_many(["Manchester", "IL"])["Manchester"] is None
    found = resolve_many(["Paris", "Texas"])["Paris"]
    assert found is not None and found.region == "US-TX"


def test_the_cache_file_gives_what_the_built_index_gives(tmp_path, monkeypatch) -> None:
    """The index is written once to a cache file and read a name at a time after; every
    name reads back the same places, and an unwritable cache folder falls back to memory."""
    import random

    import factcheck.places as places

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    built = places._build_index()
    places._index.cache_clear()
    try:
        cached = places._index()
        assert isinstance(cached, places._Gazetteer)
        assert len(list((tmp_path / "cache").glob("places-*.sqlite"))) == 1
        names = [*random.Random(3).sample(sorted(built), 3000), "paris", "postal:IN", "gaza"]
        assert all(cached.get(n) == built[n] for n in names)
        assert cached.get("no such place at all") is None

        blocked = tmp_path / "file"
        blocked.write_text("not a folder")
        monkeypatch.setenv("FACTCHECK_CACHE", str(blocked / "cache"))
        places._index.cache_clear()
        assert isinstance(places._index(), dict)
    finally:
        places._index.cache_clear()


@pytest.mark.issue(30)
def test_issue_30_places_named_together_combine_only_when_none_holds_another() -> None:
    from factcheck.places import combined_place, several_places

    assert [p.key for p in several_places(["Malawi", "Mozambique"]) or []] == ["MW", "MZ"]
    assert several_places(["Derna", "Libya"]) is None  # Derna is in Libya
    assert several_places(["Malawi", "Zambezi Valley Club"]) is None  # unknown: could be anything
    place = combined_place("Madagascar, Malawi and Mozambique", "clause")
    assert place is not None and (place.key, place.name) == ("MG+MW+MZ", "Madagascar, Malawi and Mozambique")
    assert combined_place("Mozambique", "clause") is None
