"""Which part of a whole a figure counts: "including", "of whom", lists, states and conditions.
`extraction.part`.
"""

from __future__ import annotations

import pytest

from tests.extraction.helpers import claims_of, one


def test_part_including(nlp):
    c = one(
        nlp,
        "Of the 251 hostages taken on Oct. 7, 58 remain in Gaza, including five Americans.",
        "five",
    )
    assert c.metric == "hostages_held"
    assert c.part is not None and c.part.lower() == "americans"


def test_status_part(nlp):
    c = one(nlp, "Officials said that of the 278 bodies, 177 have been identified.", "177")
    assert c.metric == "killed"
    assert c.part and "identified" in c.part


def test_bodies_yet_to_be_identified_are_the_unidentified_part(nlp) -> None:
    c = one(nlp, "With 40 bodies yet to be identified, the morgue asked families for help.", "40")
    assert c.part == "not identified"


def test_identified_is_a_part_only_beside_the_whole_it_is_part_of(nlp) -> None:
    c = one(nlp, "Police identified the three people killed in the shooting on Friday.", "three")
    assert c.part is None
    text = "Of the 278 bodies, 177 have been identified, officials said."
    assert one(nlp, text, "177").part == "identified"


def test_treated_is_a_part_while_the_care_lasts(nlp) -> None:
    past = "Seven people were treated at local hospitals for gunshot wounds."
    assert one(nlp, past, "Seven").part is None
    now = "Seven people injured in the crash are being treated at the district hospital."
    assert one(nlp, now, "Seven").part == "under treatment"


def test_an_ongoing_verbs_object_can_be_the_parts_state(nlp) -> None:
    c = one(nlp, "Of the 900 injured, fewer than 150 are undergoing treatment.", "fewer than 150")
    assert c.part == "under treatment"


def test_a_condition_is_a_part_of_the_wounded(nlp) -> None:
    text = "Nine people were injured, one in critical condition and seven in good condition."
    assert one(nlp, text, "seven").part == "in good condition"


def test_a_parts_own_predicate_says_what_the_part_is(nlp) -> None:
    text = "Divers recovered the bodies of 12 hostages, including two killed in an air strike."
    assert one(nlp, text, "two").metric == "killed"
    text = "Gunmen kidnapped 25 travellers on Sunday, including four later found dead."
    kidnapped = one(nlp, text, "25")
    assert kidnapped.metric == "hostages_taken"  # the part's "found dead" is not the whole's


def test_a_nationality_is_a_part_of_people_not_of_jobs(nlp) -> None:
    assert one(nlp, "Militants freed 12 Nepali hostages.", "12").part == "nationality:nepali"
    assert one(nlp, "The carmaker will cut 400 German jobs.", "400").part is None


def test_every_item_of_an_including_list_is_a_part_of_the_whole(nlp) -> None:
    text = "At least 31 people died in the storms, including 20 adults and 11 children."
    adults, children = one(nlp, text, "20"), one(nlp, text, "11")
    assert (adults.metric, adults.part) == ("killed", "adults")
    assert (children.metric, children.part) == ("killed", "children")
    text = "The crash killed 9 people, among them 4 students and 2 teachers."
    assert (one(nlp, text, "2").metric, one(nlp, text, "2").part) == ("killed", "teachers")


def test_the_items_of_a_list_of_people_are_parts_of_one_metric(nlp) -> None:
    text = "Divers recovered the bodies of 38 adults and 21 children from the lake."
    adults, children = one(nlp, text, "38"), one(nlp, text, "21")
    assert (adults.metric, adults.part) == ("killed", "adults")
    assert (children.metric, children.part) == ("killed", "children")
    text = "The blast killed 20 men and 11 women."
    assert [(c.metric, c.part) for c in claims_of(nlp, text)] == [("killed", "men"), ("killed", "women")]


def test_a_list_over_places_stays_one_count(nlp) -> None:
    text = "The quake caused 1,604 deaths in Valdora, 976 in Ostrava and one death in Kelm."
    assert {c.part for c in claims_of(nlp, text)} == {None}


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("At least 52 people have lost their lives, 17 of whom are children, officials said.", "17"),
        ("The fire killed 12 people, three of them children.", "three"),
    ],
)
def test_a_share_of_whom_names_its_part(nlp, text, figure) -> None:
    c = one(nlp, text, figure)
    assert (c.metric, c.part) == ("killed", "children")


@pytest.mark.parametrize(
    ("text", "figure", "part"),
    [
        ("At least 140 civilians were killed in the shelling.", "At least 140", "role:civilians"),
        ("At least 45 Jordanians died during the pilgrimage.", "At least 45", "role:jordanians"),
        ("The quake killed 2,100 people.", "2,100", None),  # everyone: the whole
        ("Militants freed 12 hostages.", "12", None),  # the captives the metric names
        # the people the place or vehicle held are everyone it struck: the whole
        ("At least 19 passengers were killed when the bus overturned.", "At least 19", None),
        ("Eleven workers died in the factory fire.", "Eleven", None),
        # ... unless a nationality says who they were
        ("Twelve Ghanaian pilgrims died in the heat.", "Twelve", "role:ghanaian pilgrims"),
    ],
)
def test_who_the_counted_people_were_is_a_role(nlp, text, figure, part) -> None:
    assert one(nlp, text, figure).part == part


def test_a_role_says_who_they_were_but_keeps_no_figure_from_its_whole() -> None:
    from factcheck.reconciliation.conflicts import group_claims
    from tests.reconciliation.test_verdicts import claim

    claims = [
        claim("48,000", 48000, part="role:palestinians", date="2025-02-01"),
        claim("48,300", 48300, date="2025-02-10"),
        claim("five", 5, part="americans"),
    ]
    groups = group_claims(claims, include_agree=True)
    assert [sorted(c.value for c in g.claims) for g in groups] == [[48000, 48300]]


def test_a_sentence_opening_on_a_share_breaks_down_the_figure_before_it(nlp) -> None:
    text = "The death toll has reached 212. Among them, 131 are women, and 81 are men."
    found = {c.text: (c.metric, c.part) for c in claims_of(nlp, text)}
    assert found == {"212": ("killed", None), "131": ("killed", "women"), "81": ("killed", "men")}
    # without the opener, a later sentence's figure is its own
    assert one(nlp, "The death toll has reached 212. Police arrested 4 men.", "4").metric == "arrested"


def test_a_share_of_bodies_identified_is_a_part_even_alone(nlp) -> None:
    c = one(nlp, "The minister said that 172 of the bodies had been identified.", "172")
    assert c.part == "identified"


@pytest.mark.parametrize(
    ("text", "figure", "part"),
    [
        ("Some 140 people were admitted, of which 31 are said to be in a critical condition.", "31", "in critical condition"),
        ("Some 140 people were admitted, of which 31 are said to be in a critical condition.", "Some 140", None),
        ("At least 210 of the dead were Jordanians, officials said.", "At least 210", "jordanians"),
    ],
)  # fmt: skip
def test_what_a_share_is_said_to_be_is_its_part(nlp, text, figure, part) -> None:
    assert one(nlp, text, figure).part == part


def test_a_sentence_naming_its_whole_by_a_state_breaks_it_down(nlp) -> None:
    found = {c.text: (c.metric, c.part) for c in claims_of(nlp, "Among the dead, at least 61 were women.")}
    assert found == {"at least 61": ("killed", "women")}
    assert one(nlp, "Of the injured, 7 people have been discharged.", "7").part == "discharged"


def test_the_travellers_of_a_list_share_its_metric_and_name_their_parts(nlp) -> None:
    found = {
        c.text: (c.metric, c.part)
        for c in claims_of(nlp, "The ferry was carrying 212 passengers and nine crew members.")
    }
    assert found["212"] == ("people_aboard", "passengers")
    assert found["nine"][0] == "people_aboard" and "crew" in (found["nine"][1] or "")
    # passengers and crew together are all of them
    c = one(nlp, "The boat was carrying 95 passengers and crew when it capsized.", "95")
    assert (c.metric, c.part) == ("people_aboard", None)
