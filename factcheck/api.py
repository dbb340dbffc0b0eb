"""The library's entry points, as `sqlite-utils` and `llm` give theirs: extract, reconcile, and
the store. The CLI is a thin layer over the same calls."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from factcheck.models import Article, Claim, ConflictGroup, Story


def extract_text(
    text: str,
    *,
    publisher: str | None = None,
    published: dt.date | None = None,
    name: str = "-",
    model: str | None = None,
) -> list[Claim]:
    """Claims of one article's text, with the given provenance; nothing is stored."""
    from factcheck.extraction.drafts import to_claims

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


def extract(
    inputs: Iterable[str | Path],
    *,
    db: str | Path | None = None,
    model: str | None = None,
    manifest: str | Path | None = None,
) -> Iterator[Claim]:
    """Claims of files, folders and exports (as `factcheck extract` reads them) and of texts
    given as strings (a string that is not an existing path is a text). With `db` they are
    stored there, and a re-run parses nothing already stored; without, a temporary store is
    used and removed. A bad input raises `InputError` after the good ones are stored."""
    from factcheck.errors import InputError
    from factcheck.run import RunSummary, claims_of_run, run_extract
    from factcheck.store import Store

    paths: list[str] = []
    texts: list[str] = []
    for item in inputs:
        if isinstance(item, Path) or Path(item).exists():
            paths.append(str(item))
        else:
            texts.append(item)
    with tempfile.TemporaryDirectory(prefix="factcheck-") as tmp:
        for k, text in enumerate(texts):
            file = Path(tmp) / f"text-{k:04d}.txt"
            file.write_text(text, encoding="utf-8")
            paths.append(str(file))
        where = Path(db) if db is not None else Path(tmp) / "store.db"
        with Store(where) as store:
            reports = run_extract(
                paths, store, model=model, manifest=Path(manifest) if manifest else None
            )
            summary = RunSummary(keep_ids=True, rows=0)
            for r in reports:
                summary.add(r)
            claims = list(claims_of_run(summary, store))
        failed = [r for r in reports if r.status == "failed"]
        yield from claims
        if failed:
            raise InputError(failed[0].name, failed[0].error or "failed")


def reconcile(claims: Iterable[Claim], *, include_agree: bool = False) -> list[ConflictGroup]:
    """Group claims that measure one quantity and judge each group (`factcheck conflicts`)."""
    from factcheck.reconciliation.conflicts import group_claims

    return group_claims(list(claims), include_agree=include_agree)


def stories(db: str | Path) -> list[Story]:
    """The stories of a store's articles, earliest first (`factcheck stories`)."""
    from factcheck.reconciliation.stories import stored_stories
    from factcheck.store import Store

    with Store(db, readonly=True) as store:
        return stored_stories(store)


def json_schema(model: str) -> dict:
    """The JSON Schema of one model of the data contract: claim, group, story or article."""
    from factcheck.models import Story

    models: dict[str, type] = {
        "claim": Claim, "group": ConflictGroup, "story": Story, "article": Article,
    }  # fmt: skip
    if model not in models:
        raise ValueError(f"no model {model!r}; one of {', '.join(models)}")
    return models[model].model_json_schema()  # type: ignore[attr-defined]


SCHEMA_MODELS: Sequence[str] = ("claim", "group", "story", "article")

_PIPELINES: dict[str | None, object] = {}


def _cached_pipeline(model: str | None):  # type: ignore[no-untyped-def]
    from factcheck.extraction.pipeline import load_pipeline

    if model not in _PIPELINES:
        _PIPELINES[model] = load_pipeline(model)
    return _PIPELINES[model]
