"""Helpers the extraction tests share: the claims of a sentence, the one claim of a figure, an
article's claims as stored.
"""

from __future__ import annotations


def claims_of(nlp, text):
    return nlp(text)._.factcheck_claims


def one(nlp, text, figure):
    found = [c for c in claims_of(nlp, text) if c.text == figure]
    assert len(found) == 1, [c.text for c in claims_of(nlp, text)]
    return found[0]


def article_claims(nlp, text, published=None):
    """The text's claims as one stored article's: dates settled, an article's own timeline read."""
    from factcheck.extraction.drafts import to_claims
    from factcheck.models import Article

    article = Article(article="a.txt", article_id="a", publisher=None, published=published)
    return to_claims(article, nlp(text)._.factcheck_claims)
