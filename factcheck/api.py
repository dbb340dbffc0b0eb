"""A small Python entry point: text in, contract claims out, no store involved."""

from __future__ import annotations

import datetime as dt
import hashlib

from factcheck.models import Article, Claim


def extract_text(
    text: str,
    *,
    publisher: str | None = None,
    published: dt.date | None = None,
    name: str = "-",
    model: str | None = None,
) -> list[Claim]:
    """Claims of one article's text, with the given provenance."""
    from factcheck.pipeline import to_claims

    nlp = _cached_pipeline(model)
    doc = nlp(text)
    article = Article(
        article=name,
        article_id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        publisher=publisher,
        published=published,
        publisher_source="cli" if publisher else "none",
        published_source="cli" if published else "none",
    )
    return to_claims(article, doc._.factcheck_claims or [])


_PIPELINES: dict[str | None, object] = {}


def _cached_pipeline(model: str | None):  # type: ignore[no-untyped-def]
    from factcheck.pipeline import load_pipeline

    if model not in _PIPELINES:
        _PIPELINES[model] = load_pipeline(model)
    return _PIPELINES[model]
