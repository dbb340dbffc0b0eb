"""Where a figure applies: its clause, its sentence or paragraph, spreads, places named together,
kinds of place, the article's place. `extraction.place`.
"""

from __future__ import annotations

import pytest

from tests.extraction.helpers import article_claims, claims_of, one


def test_subject_israeli_side_vs_gaza(nlp):
    c = one(nlp, "The incursion caused 1,218 deaths on the Israeli side.", "1,218")
    assert c.subject == "Israel"


def test_a_place_the_sentence_locates_scopes_the_claim(nlp) -> None:
    c = one(nlp, "In Springfield, police said two men were killed late Friday.", "two")
    assert (c.subject, c.place_source) == ("Springfield", "sentence")


def test_a_place_that_only_qualifies_a_noun_is_not_the_scope(nlp) -> None:
    c = one(nlp, "Springfield police said two men were killed late Friday.", "two")
    assert c.place_source != "sentence"


def test_the_paragraph_passes_its_place_to_a_later_sentence(nlp) -> None:
    text = (
        "A storm hit the coast of Oregon overnight.\n\n"
        "Flooding began in Astoria before dawn. Officials said four people were killed."
    )
    c = one(nlp, text, "four")
    assert (c.subject, c.place_source) == ("Astoria", "paragraph")


def test_the_clause_beats_the_sentence(nlp) -> None:
    c = one(nlp, "In Oregon, officials said four people were killed in Astoria.", "four")
    assert (c.subject, c.place_source) == ("Astoria", "clause")


def test_an_article_that_names_its_country_by_nationality_is_about_that_country(nlp) -> None:
    text = (
        "The Moroccan interior ministry said 120 people died after the quake.\n\n"
        "In Azilal, 12 people were hurt. Moroccan army units searched the villages."
    )
    c = one(nlp, text, "120")
    assert (c.subject, c.place_source) == ("Morocco", "article")
    assert one(nlp, text, "12").subject == "Azilal"


def test_a_country_named_outright_is_not_counted_again_by_its_nationality(nlp) -> None:
    # "Israeli" qualifies strikes and hostages; Gaza, named most, stays the article's place
    text = (
        "Israeli strikes on Gaza killed 40 people, Gaza officials said.\n\n"
        "Israel said 59 Israeli hostages remain in Gaza. Israeli officials declined to comment."
    )
    assert one(nlp, text, "40").subject == "Gaza"


def test_when_no_place_is_named_most_the_one_holding_the_others_is_the_article_place(nlp) -> None:
    text = (
        "Officials said the toll rose to 300 on Saturday.\n\n"
        "By province, 200 died in Marrakech and 100 in Essaouira, Morocco."
    )
    c = one(nlp, text, "300")
    assert (c.subject, c.place_source) == ("Morocco", "article")


def test_a_bare_figure_is_never_a_place(nlp) -> None:
    c = one(
        nlp, "The toll was earlier put at 288, which officials revised to 275 on Sunday.", "288"
    )
    assert c.subject is None or any(ch.isalpha() for ch in c.subject)


def test_a_place_name_loses_the_quotes_the_tagger_took_with_it() -> None:
    from factcheck.extraction.place import _normalize_place

    assert _normalize_place("Papua New Guinea '") == "Papua New Guinea"
    assert _normalize_place("U.S.") == "U.S."
    assert _normalize_place("the Gaza Strip's") == "Gaza Strip"


def test_a_place_before_a_bare_number_is_not_a_person(nlp) -> None:
    (c,) = claims_of(nlp, "In Gaza, 48,000 were killed.")
    assert c.value == 48000 and c.metric == "killed"


def test_a_place_noun_names_a_population_only_of_an_uncounted_number(nlp) -> None:
    assert one(nlp, "The town of 8,400 lost its water supply.", "8,400").metric == "population"
    # a count of places is the setting of a story's counts, not one of them (issue 31) ...
    assert claims_of(nlp, "Troops captured 14 villages in the north.") == []
    assert claims_of(nlp, "The quake affected a total of 11 districts.") == []
    # ... unless the places are what was destroyed or damaged
    assert one(nlp, "Nine villages were destroyed.", "Nine").metric == "villages_destroyed"


def test_a_figure_scoped_to_the_world_is_not_the_articles_place(nlp) -> None:
    text = "In Berlin, the carmaker said it will cut 9,000 jobs worldwide."
    assert one(nlp, text, "9,000").subject == "worldwide"
    assert one(nlp, "The bank employs 40,000 people globally.", "40,000").subject == "worldwide"
    assert one(nlp, "The bank employs 4,000 people in Berlin.", "4,000").subject == "Berlin"


@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        (
            "Rescuers in Texas kept searching on Sunday. The storm has now claimed the lives "
            "of 230 people across seven states.",
            "230",
            "United States",
        ),
        (
            "Rescuers in Texas kept searching on Sunday. That brings the storm's death count to "
            "at least 129 across six states, according to a count by the network.",
            "at least 129",
            "United States",
        ),
        (
            "Crews reached Bavaria on Monday. The floods have killed 44 people in several "
            "countries.",
            "44",
            "worldwide",
        ),
        (
            "Rescuers in Texas kept searching. At least 14 people died in Texas alone.",
            "At least 14",
            "Texas",
        ),
    ],
)
def test_a_figure_spread_over_places_is_no_one_places(nlp, text, figure, subject) -> None:
    """A toll "across seven states" is the country's, not the article's state's; "in several
    countries", the world's. The evidence says why."""
    from factcheck.models import SPREAD_EVIDENCE

    c = one(nlp, text, figure)
    assert c.subject == subject
    assert any(e.startswith(SPREAD_EVIDENCE) for e in c.evidence) == (subject != "Texas")


def test_a_roundups_place_label_places_its_paragraph(nlp) -> None:
    """ "Ohio: The governor said ...": a roundup labels each paragraph with its place, and a
    bare state's name is the state, not a county of that name in the story's own state."""
    text = (
        "Storms hit Kentucky on Friday, killing 30 people in Kentucky.\n\n"
        "Ohio: The governor said at least 9 people had died in the state.\n\n"
        "Indiana: Two people were killed by falling trees."
    )
    by_text = {c.text: c for c in article_claims(nlp, text)}
    assert by_text["at least 9"].place.name == "Ohio"
    assert by_text["at least 9"].place.level == "region"
    assert by_text["Two"].subject == "Indiana"
    assert by_text["30"].subject == "Kentucky"


def test_a_place_beside_a_kind_of_place_is_where_the_figure_is(nlp) -> None:
    """ "In the Thai capital, Bangkok": the name beside a kind of place locates the paragraph's
    figures; a name beside any other noun ("in some respects, Jordan") does not."""
    text = (
        "The quake killed 1,644 people in Myanmar.\n\n"
        "At least 10 lives were also lost in the Thai capital, Bangkok, after a tower fell. "
        "Officials said more than 100 people were missing there."
    )
    by_text = {c.text: c for c in article_claims(nlp, text)}
    assert by_text["At least 10"].subject == "Bangkok"
    assert by_text["more than 100"].subject == "Bangkok"
    from factcheck.extraction.place import _located_places

    doc = nlp("The options are, in some respects, Egypt, in some respects, Jordan, but also others.")
    assert _located_places(doc[:]) == []
    doc = nlp("Ten died in the Thai capital, Bangkok.")
    assert [name for _, name in _located_places(doc[:])] == ["Bangkok"]


def test_a_figure_spread_over_counties_is_their_states(nlp) -> None:
    from factcheck.models import SPREAD_EVIDENCE

    text = "Rescuers reached Hazard, Kentucky on Sunday. The floods killed 40 people across 12 counties."
    c = one(nlp, text, "40")
    assert c.subject == "Kentucky"
    assert f"{SPREAD_EVIDENCE}counties" in c.evidence


def test_spread_rules_keep_what_they_should(nlp) -> None:
    """The review's cases: the holder a text names wins ("three Texas counties"); people "from
    20 countries" are not spread over them; places counted alone are the setting, no count
    (issue 31: "protests in 100 cities", as the breadth set's non-claims list them); an agency's
    acronym before its figure is no station; a country as a paragraph's label is a speaker."""
    from factcheck.extraction.place import _located_places

    text = "A Houston official spoke on Monday. Floods killed 90 people in three Texas counties."
    assert one(nlp, text, "90").subject == "Texas"
    text = "Rescuers reached Ankara on Tuesday. Some 3,000 rescuers from 20 countries arrived."
    assert one(nlp, text, "Some 3,000").subject != "worldwide"
    assert claims_of(nlp, "Protests were held in 100 cities on Saturday.") == []
    assert [c.text for c in claims_of(nlp, "The WHO 5,000 estimate was revised.")] == ["5,000"]
    assert [c.text for c in claims_of(nlp, "ISIS 20 were killed in the raid.")] == ["20"]
    doc = nlp("Russia: The defence ministry said Ukraine lost 1,200 troops.")
    assert _located_places(doc[:]) == []
    doc = nlp("Georgia: Gov. Brian Kemp said at least 11 people had died in the state.")
    assert [name for _, name in _located_places(doc[:])] == ["Georgia"]


@pytest.mark.issue(30)
@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("The cyclone killed more than 700 people in Mozambique and Malawi.", "more than 700",
         "Malawi and Mozambique"),
        ("Floods have killed 120 people across Somalia, Kenya and Ethiopia.", "120",
         "Ethiopia, Kenya and Somalia"),
        ("Floods killed 11,300 people in Derna and eastern Libya.", "11,300", "Derna"),
        ("The storm killed 40 people in Mozambique and the Zambezi Valley Club.", "40",
         "Mozambique"),
    ],
)  # fmt: skip
def test_issue_30_a_figure_over_places_named_together_is_their_combined_count(
    nlp, text, figure, subject
) -> None:
    """Places named together, none inside another, scope a combined count (in a fixed order,
    so two reports meet); a place inside another, or a name the gazetteer does not know, leaves
    the first place."""
    assert one(nlp, text, figure).subject == subject


@pytest.mark.issue(30)
def test_issue_30_a_combined_count_has_a_scope_of_its_own_apart_from_each_countrys(nlp) -> None:
    """"More than 700 in Mozambique and Malawi" is neither Mozambique's toll nor the story's:
    its place has a key of its own, and grouping keeps it apart from Mozambique's 300."""
    import datetime as dt

    from factcheck.reconciliation.groups import quantity_buckets

    text = (
        "The cyclone killed more than 700 people in Mozambique and Malawi on Monday.\n\n"
        "At least 300 people died in Mozambique, officials said on Monday."
    )
    claims = article_claims(nlp, text, dt.date(2023, 3, 14))
    combined = next(c for c in claims if c.text == "more than 700")
    assert combined.place is not None and combined.place.key == "MW+MZ"
    buckets = quantity_buckets(claims)
    assert sorted(sorted(c.text for c in b.members) for b in buckets) == [
        ["At least 300"], ["more than 700"]
    ]


@pytest.mark.issue(30)
@pytest.mark.parametrize(
    ("text", "figure", "subject"),
    [
        ("Nearly 100 people have died in Malawi's southern districts.", "Nearly 100", "Malawi"),
        ("At least 20 people died in the southern districts of Malawi.", "At least 20", "Malawi"),
        ("The toll could reach 20,000 in the city of Derna alone.", "20,000", "Derna"),
        ("Three people were shot in the quiet Seattle suburb of Mukilteo.", "Three", "Mukilteo"),
        ("Four people were shot in a Detroit neighborhood at Grand River.", "Four", "Detroit"),
        ("At least 46 were killed, mostly in the southern Gaza cities of Khan Younis and Rafah.",
         "At least 46", "Gaza"),
    ],
)  # fmt: skip
def test_issue_30_a_kind_of_place_is_located_by_its_name_or_its_holder(
    nlp, text, figure, subject
) -> None:
    """"in the city of Derna", "in Malawi's southern districts": the place a kind-of-place noun
    names or belongs to scopes the figure, whatever the tagger took the name for."""
    assert one(nlp, text, figure).subject == subject


@pytest.mark.parametrize(
    ("text", "metric", "expected"),
    [
        (
            "Some 8,100 people were evacuated in Valdora, followed by 6,240 in Ostrava, "
            "5,902 in Kellan and 1,150 in Marlow.",
            "people_evacuated",
            {"6,240": "Ostrava", "5,902": "Kellan", "1,150": "Marlow"},
        ),
        (
            "So far there have been 64 wounded in Valdora, 38 in Ostrava and 5 in Kellan.",
            "wounded",
            {"64": "Valdora", "38": "Ostrava", "5": "Kellan"},
        ),
        (
            "The dead are from Kisumu (14), Nakuru (2), Eldoret (6) and Thika (1).",
            "killed",
            {"14": "Kisumu", "2": "Nakuru", "6": "Eldoret"},
        ),
        (
            "Among the deceased, 19 were from Kerala, four from Goa and two each from Assam "
            "and Bihar.",
            "killed",
            {"four": "Goa", "two": "Assam"},
        ),
    ],
)
def test_a_place_by_place_list_gives_each_figure_the_lists_metric_and_its_place(
    nlp, text, metric, expected
) -> None:
    found = {c.text: c for c in claims_of(nlp, text)}
    for figure, place in expected.items():
        assert (found[figure].metric, found[figure].subject) == (metric, place)


def test_one_figure_in_a_place_is_no_list(nlp) -> None:
    # a single "N in PLACE" keeps whatever its own words say (nothing here)
    assert claims_of(nlp, "The team scored 3 in Nakuru.") == []


def test_a_list_of_figures_in_lakh_counts_what_its_first_item_counts(nlp) -> None:
    text = (
        "Barpeta was the worst hit with 4.16 lakh people affected, followed by 1.2 lakh in "
        "Dhemaji and 85,000 in Morigaon."
    )
    found = {c.text: c for c in claims_of(nlp, text)}
    assert found["85,000"].metric == found["1.2 lakh"].metric == found["4.16 lakh"].metric
    assert (found["85,000"].subject, found["85,000"].value) == ("Morigaon", 85000)


def test_a_bureau_dateline_is_not_where_a_story_elsewhere_happened(nlp) -> None:
    text = (
        "Miners trapped in Nevada\n\nDENVER (AFP) - Hundreds of rescuers dug on a remote Nevada "
        "mountainside on Monday to reach nine trapped miners, officials said.\n\nNevada officials"
        " said the Nevada mine had been inspected. The governor of Nevada flew in.\n"
    )
    nine = next(c for c in article_claims(nlp, text) if c.text == "nine")
    assert nine.subject == "Nevada" and nine.place is not None and nine.place.source == "article"
    # a dateline inside the story's own place is where it happened
    local = (
        "Miners trapped in Nevada\n\nRENO, Nev. (AP) - Nine miners were trapped on a Nevada "
        "mountainside on Monday, officials said.\n\nNevada officials said the mine was inspected.\n"
    )
    reno = next(c for c in article_claims(nlp, local) if c.text == "Nine")
    assert reno.place is not None and reno.place.name == "Reno"
