"""Who a figure is credited to. `extraction.attribution`.
"""

from __future__ import annotations

import pytest

from tests.extraction.helpers import one


def test_attribution_according_to(nlp):
    c = one(
        nlp,
        "Israel's war killed at least 48,453 people in Gaza, according to the Health Ministry.",
        "at least 48,453",
    )
    assert c.attribution == "Health Ministry"
    assert c.subject == "Gaza"


def test_attribution_reporting_verb_and_pronoun(nlp):
    doc = nlp(
        "The Palestinian Prisoners Club said Israel had freed 596 prisoners. "
        "It said 46 prisoners were yet to be released."
    )
    by_text = {c.text: c for c in doc._.factcheck_claims}
    assert by_text["596"].attribution == "Palestinian Prisoners Club"
    assert by_text["46"].attribution == "Palestinian Prisoners Club"
    assert by_text["46"].metric == "prisoners_held"


def test_an_attribution_keeps_its_name_without_its_apposition(nlp) -> None:
    text = "Globex, the owner of Foo and Bar, said it will cut more than 2,000 jobs."
    assert one(nlp, text, "more than 2,000").attribution == "Globex"


@pytest.mark.parametrize(
    ("text", "figure", "attribution"),
    [
        ("The storm claimed 31 lives in Valdora, the governor said.", "31", "governor"),
        ("Flooding has claimed the lives of 57 people in Merrow County.", "57", None),
        ("A militia claimed responsibility for the blast that killed 14 people.", "14", None),
        ("The mayor claimed that 12 people had died in the fire.", "12", "mayor"),
    ],
)
def test_a_verb_that_takes_lives_credits_no_one(nlp, text, figure, attribution) -> None:
    """ "Claim" reports ("the mayor claimed that ...") except where its object says what was
    taken: a storm that claims lives is the cause of the toll, not its source."""
    assert one(nlp, text, figure).attribution == attribution
