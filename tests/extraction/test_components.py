"""The spaCy components as adapters: the number finder, the claim builder, the fast attribute
setter, cached entities. `extraction.components`.
"""

from __future__ import annotations


def test_component_without_number_finder(nlp):
    """factcheck_claims works alone in a user's pipeline."""
    import spacy

    from factcheck.extraction.pipeline import default_model

    other = spacy.load(default_model())
    other.add_pipe("factcheck_claims")
    doc = other("At least 26 people have been hospitalized.")
    assert [(c.text, c.metric) for c in doc._.factcheck_claims] == [("At least 26", "wounded")]


def test_fast_attributes_set_what_the_trained_ruler_sets(nlp):
    """factcheck_attributes replaces the trained attribute_ruler: same POS, morphology and
    lemma on every token, its word exceptions included (n't, 's, "there is", nothin', y'all)."""
    from factcheck.extraction.components import FastAttributes
    from factcheck.extraction.pipeline import load_pipeline

    trained = load_pipeline(fast=False)
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributes)
    assert not isinstance(trained.get_pipe("attribute_ruler"), FastAttributes)
    texts = [
        "There's nothin' left, but the crews didn't stop: 14 people were pulled out alive.",
        "Y'all know the mayor's office has said it'd release 30 more names tomorrow.",
        "But what they did was count again; the bridge, which had 2 lanes, isn't open.",
        "  Officials said   there are at least twelve missing.\n\nHe does, she doesn't.",
        "Is this the same toll as the one those reporters gave? Neither is final.",
    ]
    for fast, slow in zip(nlp.pipe(texts), trained.pipe(texts), strict=True):
        got = [(t.text, t.pos_, str(t.morph), t.lemma_) for t in fast]
        want = [(t.text, t.pos_, str(t.morph), t.lemma_) for t in slow]
        assert got == want


def test_a_ruler_with_a_pattern_it_cannot_test_is_kept():
    import spacy

    from factcheck.extraction.components import compile_rules

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "dr"}]], {"POS": "PROPN"})
    assert compile_rules(ruler) is not None
    ruler.add([[{"LOWER": "ok", "OP": "+"}]], {"POS": "INTJ"})
    assert compile_rules(ruler) is None


def test_cached_entities_are_what_spacy_gives(nlp):
    """Entities are read from one list per doc (building `doc.ents` per claim made a long
    article quadratic); every span and token sees exactly what spaCy's own properties give."""
    from factcheck.extraction.tree import entities_in, entity_at

    doc = nlp(
        "Floods in Kerr County, Texas, killed 24 people on Friday, Governor Greg Abbott said.\n\n"
        "In San Antonio and Austin, 12 more were missing as of Saturday morning."
    )
    for span in [doc[:], *doc.sents, doc[3:9], doc[0:1]]:
        assert entities_in(span) == list(span.ents)
    for tok in doc:
        want = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        assert entity_at(tok) == want


def test_line_breaks_set_as_one_array_match_setting_each_token(nlp):
    from factcheck.extraction.components import mark_line_breaks
    from factcheck.extraction.passages import passage_starts

    text = "Toll Rises to 632\n\nThe toll rose on Oct. 7 to 632.\nOfficials said so.\n\nMore."
    fast, slow = nlp.make_doc(text), nlp.make_doc(text)
    month = [t.i for t in fast if t.text == "7"]
    mark_line_breaks(fast, month)
    for i in passage_starts(slow)[1:]:
        slow[i].is_sent_start = True
    for i in month:
        slow[i].is_sent_start = False
    assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in slow]
