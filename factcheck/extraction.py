"""The extract run: inputs → articles → (only what the store lacks) → spaCy → claims → store.

This is the loop behind `factcheck extract` and `factcheck conflicts PATH...`. It streams: one
article is read, parsed and committed at a time (in `nlp.pipe` batches), so memory stays flat
and an interrupted run keeps every article it finished. The model is loaded only when some input
is new, so re-running over an unchanged corpus costs file reads and hashes, not parsing.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from factcheck.articles import LoadedArticle, expand_paths, iter_articles
from factcheck.errors import InputError
from factcheck.models import Article, Claim
from factcheck.resources import rules_version
from factcheck.store import Store


@dataclass
class ArticleReport:
    """What happened to one input, for the summary table and the exit status."""

    name: str
    status: Literal["new", "stored", "failed"]
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    error: str | None = None


def model_key(model: str | None) -> tuple[str, str]:
    """(package name, "name==version") without loading the model, so the store can say whether
    an article was extracted by this pipeline before anything heavy happens."""
    from factcheck.pipeline import default_model

    name = model or default_model()
    try:
        version = importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        version = "local"
    return name, f"{name}=={version}"


def run_extract(
    paths: Sequence[str],
    store: Store,
    *,
    model: str | None = None,
    manifest: Path | None = None,
    publisher: str | None = None,
    published: dt.date | None = None,
    batch_size: int = 16,
    on_report: Callable[[ArticleReport], None] | None = None,
) -> list[ArticleReport]:
    """Extract every input into the store; bad inputs become failed reports, never exceptions."""
    reports: list[ArticleReport] = []

    def emit(r: ArticleReport) -> None:
        reports.append(r)
        if on_report:
            on_report(r)

    sources, errors = expand_paths(paths)
    for err in errors:
        emit(ArticleReport(err.path, "failed", error=err.problem))
    name, key = model_key(model)
    rules = rules_version()

    def todo() -> Iterator[tuple[str, LoadedArticle]]:
        for item in iter_articles(
            sources, manifest_path=manifest, publisher=publisher, published=published
        ):
            if isinstance(item, InputError):
                emit(ArticleReport(item.path, "failed", error=item.problem))
                continue
            art = item.article
            if store.is_current(art.article_id, key, rules):
                store.link_path(art)
                emit(
                    ArticleReport(
                        art.article, "stored", art, list(store.claims(article_ids=[art.article_id]))
                    )
                )
                continue
            yield item.text, item

    pending = todo()
    first = next(pending, None)
    if first is None:
        return reports
    from factcheck.pipeline import extract_claims, load_pipeline, to_claims

    nlp = load_pipeline(name)

    def all_items() -> Iterator[tuple[str, LoadedArticle]]:
        yield first
        yield from pending

    for drafts, loaded in extract_claims(nlp, all_items(), batch_size=batch_size):
        claims = to_claims(loaded.article, drafts)
        store.save_article(loaded.article, claims, key, rules)
        emit(ArticleReport(loaded.article.article, "new", loaded.article, claims))
    return reports
