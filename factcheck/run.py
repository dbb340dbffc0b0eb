"""The extract run: inputs → articles → (only what the store lacks) → spaCy → claims → store.

This is the loop behind `factcheck extract` and `factcheck conflicts PATH...`. It streams: one
article is read, parsed and committed at a time (in `nlp.pipe` batches), and nothing of an
article is kept after its commit but a one-line report, so memory stays flat over any number of
articles and an interrupted run keeps every article it finished. The model is loaded only when
some input is new, so re-running over an unchanged corpus costs file reads and hashes.
With `jobs > 1` worker processes parse while this process reads inputs and writes the store
(`engines.local`), or a Dask cluster does (`engines.cluster`).
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.metadata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from factcheck.engines import local
from factcheck.errors import InputError
from factcheck.ingest.articles import LoadedArticle, expand_paths, iter_articles
from factcheck.ingest.exports import ExportFields, is_export
from factcheck.models import Article, Claim
from factcheck.reconciliation.copies import FORMAT as SIGNATURE_FORMAT
from factcheck.reconciliation.copies import mark_copies, signature
from factcheck.reconciliation.stories import cluster_store
from factcheck.resources import rules_version
from factcheck.store import Store

if TYPE_CHECKING:
    pass


@dataclass
class ArticleReport:
    """What happened to one input, for the summary table and the exit status (no claims: they
    are in the store, and keeping them here would make memory grow with the corpus)."""

    name: str
    status: Literal["new", "updated", "stored", "failed"]
    """`updated`: stored text, new metadata, claims re-dated without a parse."""
    article: Article | None = None
    claim_count: int = 0
    metrics: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def model_key(model: str | None) -> tuple[str, str]:
    """(package name, "name==version") without loading the model, so the store can say whether
    an article was extracted by this pipeline before anything heavy happens."""
    from factcheck.resources import default_model

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
    batch_size: int = 32,
    jobs: int = 1,
    on_report: Callable[[ArticleReport], None] | None = None,
    fields: ExportFields | None = None,
    keep: bool = True,
    on_total: Callable[[int], None] | None = None,
    encoding: str | None = None,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    partition_size: int | None = None,
    client: object = None,
) -> list[ArticleReport]:
    """Extract every input into the store; bad inputs become failed reports, never exceptions.

    With `keep=False` the reports only go to `on_report` and the list returned is empty, so a
    run over a huge export holds no more than the caller keeps. `on_total` hears how many
    reports will come, where that is known before parsing (no export, no stdin). With
    `engine="dask"` the parse runs on a Dask cluster (`cluster`): `scheduler`'s, a `client`
    given, or a local one of `jobs` workers; everything else is the same run."""
    reports: list[ArticleReport] = []

    def emit(r: ArticleReport) -> None:
        if keep:
            reports.append(r)
        if on_report:
            on_report(r)

    sources, errors = expand_paths(paths)
    if on_total is not None and not any(s.path is None or is_export(s.path) for s in sources):
        on_total(len(sources) + len(errors))  # known before parsing: one report an input
    for err in errors:
        emit(ArticleReport(err.path, "failed", error=err.problem))
    name, key = model_key(model)
    rules = rules_version(SIGNATURE_FORMAT)

    def todo() -> Iterator[tuple[str, LoadedArticle]]:
        for item in iter_articles(
            sources,
            manifest_path=manifest,
            publisher=publisher,
            published=published,
            fields=fields,
            encoding=encoding,
        ):
            if isinstance(item, InputError):
                emit(ArticleReport(item.path, "failed", error=item.problem))
                continue
            art = item.article
            if store.is_current(art.article_id, key, rules):
                reparse = settle_stored(item)
                if reparse:
                    yield item.text, item
                continue
            if art.article_id in parsing:
                # the same text again in this run: settled once the first is stored, so it
                # is parsed once (as a publication of its own or another name of the text)
                later.append(item)
                continue
            parsing.add(art.article_id)
            yield item.text, item

    def settle_stored(item: LoadedArticle) -> bool:
        """Report a stored text met again (under its name, another name, or as another
        source's publication), updating what changed; True when it must be parsed again."""
        art = item.article
        stored = store.stored_metadata(art.article_id)
        if stored is not None and stored[0] != art.article and _published_apart(stored, art):
            report = _publication(store, item, key, rules)
            if report is not None:
                emit(report)
                updated[0] += report.status != "stored"
                return False
        if stored is not None and stored[0] == art.article and stored[1:] != _metadata(art):
            saved = store.stored_drafts(art.article_id)
            if saved is None:  # stored before drafts were kept: parse it again
                return True
            emit(_update_metadata(store, item, saved, key, rules))
            updated[0] += 1
            return False
        store.link_path(art)
        metrics = store.metric_counts(art.article_id)
        emit(ArticleReport(art.article, "stored", art, sum(metrics.values()), metrics))
        return False

    parsing: set[str] = set()
    later: list[LoadedArticle] = []
    updated = [0]
    pending = todo()
    first = next(pending, None)
    if first is None:
        cluster_store(store)  # a store from before stories, or an interrupted run
        # new dates may make another copy the first, and a text that left a path leaves its
        # copy cluster to be compared again (incremental: nothing to do costs one query)
        mark_copies(store)
        return reports

    from factcheck.extraction.drafts import to_claims
    from factcheck.reconciliation.stories import story_features

    def all_items() -> Iterator[tuple[str, LoadedArticle]]:
        yield first
        yield from pending

    if engine == "dask":
        from factcheck.engines.cluster import PARTITION_SIZE, parse_on_dask

        parsed = parse_on_dask(
            name, all_items(), batch_size, jobs=jobs, parts=parts_dir(store),
            fingerprint=f"{key} {rules}", scheduler=scheduler,
            partition_size=partition_size or PARTITION_SIZE, client=client,
        )  # fmt: skip
    elif jobs > 1:
        parsed = local.parse_in_workers(name, all_items(), batch_size, jobs)
    else:
        parsed = local.parse_here(name, all_items(), batch_size)
    try:
        for drafts, loaded in parsed:
            art = loaded.article
            stored = store.stored_metadata(art.article_id)
            # parsed again (new rules or model) under the name of another outlet that printed it:
            # the name it is stored under stays its first publication, this one its own
            apart = stored is not None and stored[0] != art.article and _published_apart(stored, art)
            first = _stored_article(stored, art.article_id) if apart else art  # type: ignore[arg-type]
            claims = to_claims(first, drafts)
            saved = [asdict(d) for d in drafts]
            store.save_article(
                first, claims, key, rules, story_features(loaded.text, first.title, main_place(claims)),
                drafts=saved, minhash=signature(loaded.text), publications=_dated(saved),
            )  # fmt: skip
            report = _publication(store, loaded, key, rules) if apart else None
            emit(report or ArticleReport(art.article, "new", art, len(claims), _metric_counts(claims)))
    finally:
        # stop the workers now on an interruption (a kept traceback would keep the generator,
        # and its queued tasks, alive until exit)
        parsed.close()
    # the model is done with: stories and copies reuse its memory instead of adding to it
    del parsed
    gc.collect()
    for item in later:
        if store.is_current(item.article.article_id, key, rules):
            settle_stored(item)
        else:  # its first copy failed to store: nothing was saved to share
            emit(ArticleReport(item.article.article, "failed", error="its text failed to extract"))
    cluster_store(store)
    mark_copies(store)
    return reports


def parts_dir(store: Store) -> Path:
    """Where a cluster run keeps the parsed partitions not yet stored: beside the store."""
    return store.path.with_name(store.path.name + ".parts")


def _metadata(a: Article) -> tuple[object, ...]:
    """An article's correctable metadata, as `Store.stored_metadata` gives it after the name."""
    published = a.published.isoformat() if a.published else None
    return (a.publisher, published, a.title, a.url, a.publisher_source, a.published_source)


def _update_metadata(
    store: Store, item: LoadedArticle, saved: list[dict[str, object]], model: str, rules: str
) -> ArticleReport:
    """New metadata for a stored text (a corrected manifest, --published, a page's date): its
    claims are dated again from the saved drafts, with no parse."""
    from factcheck.extraction.drafts import ClaimDraft, to_claims
    from factcheck.reconciliation.stories import story_features

    art = item.article
    claims = to_claims(art, [ClaimDraft(**d) for d in saved])  # type: ignore[arg-type]
    features = story_features(item.text, art.title, main_place(claims))
    minhash = store.stored_signature(art.article_id)
    if minhash is None or minhash.get("format") != SIGNATURE_FORMAT:
        minhash = signature(item.text)  # the same text signs the same: only an old format signs again
    store.save_article(
        art, claims, model, rules, features, drafts=saved, minhash=minhash,
        publications=_dated(saved),
    )  # fmt: skip
    return ArticleReport(art.article, "updated", art, len(claims), _metric_counts(claims))


def _metric_counts(claims: Sequence[Claim]) -> dict[str, int]:
    metrics: dict[str, int] = {}
    for c in claims:
        metrics[c.metric] = metrics.get(c.metric, 0) + 1
    return metrics


def publication_key(art: Article) -> tuple[object, ...]:
    """What tells one publication of a text from another: the publisher, date and URL its
    source gives. What only a file name suggests does not count."""

    def said(value: object, source: object) -> object:
        return value if source not in ("filename", "none") else None

    published = art.published.isoformat() if art.published else None
    return (
        art.article_id,
        said(art.publisher, art.publisher_source),
        said(published, art.published_source),
        art.url,
    )


def _stored_article(stored: tuple[object, ...], article_id: str) -> Article:
    """The article a text is stored under, from `Store.stored_metadata`."""
    return Article(
        article=str(stored[0]), article_id=article_id, publisher=stored[1],  # type: ignore[arg-type]
        published=stored[2], title=stored[3], url=stored[4],  # type: ignore[arg-type]
        publisher_source=stored[5], published_source=stored[6],  # type: ignore[arg-type]
    )  # fmt: skip


def _published_apart(stored: tuple[object, ...], art: Article) -> bool:
    """A stored text met under another name is a publication of its own when its source says
    so (two outlets printing one wire text); with nothing to tell it apart it is the same
    article under a second name (200 copies of one file are one article)."""
    return publication_key(_stored_article(stored, art.article_id)) != publication_key(art)


def _publication(store: Store, item: LoadedArticle, model: str, rules: str) -> ArticleReport | None:
    """A stored text as published by another source: its own article, publisher and date,
    its claims dated from the saved drafts (no parse). None where no drafts were saved."""
    from factcheck.extraction.drafts import ClaimDraft, to_claims

    art = item.article
    had = store.publication(art.article)
    if had is not None and had[0] == art.article_id and had[1] == _metadata(art):
        metrics = store.metric_counts(art.article_id, art.article)
        return ArticleReport(art.article, "stored", art, sum(metrics.values()), metrics)
    saved = store.stored_drafts(art.article_id)
    if saved is None:
        return None
    claims = to_claims(art, [ClaimDraft(**d) for d in saved])  # type: ignore[arg-type]
    store.save_publication(art, claims)
    status = "updated" if had is not None and had[0] == art.article_id else "new"
    return ArticleReport(art.article, status, art, len(claims), _metric_counts(claims))


def _dated(saved: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    """For `Store.save_article`: the claims of the article's other publications, dated from
    its (new) drafts."""
    from factcheck.extraction.drafts import ClaimDraft, to_claims

    def publications(pubs: Sequence[Article]) -> Iterator[tuple[Article, list[Claim]]]:
        for pub in pubs:
            yield pub, to_claims(pub, [ClaimDraft(**d) for d in saved])  # type: ignore[arg-type]

    return publications


def main_place(claims: Sequence[Claim]) -> dict[str, object] | None:
    """The article's own place for story clustering: the default its claims fell back on, else
    the place its claims name most; resolved places only."""
    for source in (("article",), ("clause", "sentence", "paragraph")):
        found = Counter(
            c.place for c in claims if c.place and c.place.key and c.place.source in source
        )
        if found:
            p = found.most_common(1)[0][0]
            display = ", ".join(dict.fromkeys(x for x in (p.name, p.region, p.country) if x))
            return {"key": p.key, "chain": list(p.chain()), "level": p.level, "display": display}
    return None


# --- what a run reported, and the claims of its inputs ------------------------------------


SUMMARY_ARTICLES = 50
"""Past this many articles `extract`'s table shows claims by metric, not a row an article
(`--verbose` lists them all)."""
SUMMARY_ROWS = 200
"""Rows kept for a summary table below `SUMMARY_ARTICLES` (the table of a run that turns out
longer is not printed, so keeping every row would only make memory grow with the input)."""


class RunSummary:
    """What a run reported: counts, the first SUMMARY_ROWS reports for the table, one number a
    source (to count claims once per publication) and, only where the run's claims are printed
    (`keep_ids`), the article ids and names for them."""

    def __init__(self, keep_ids: bool = True, rows: int | None = SUMMARY_ROWS) -> None:
        self.keep_ids = keep_ids
        self.max_rows = rows
        self.articles = 0
        self.metric_claims: Counter[str] = Counter()
        self.metric_articles: Counter[str] = Counter()
        self.counts = {"new": 0, "updated": 0, "stored": 0, "failed": 0}
        self.claims = 0
        """Claims the run's articles hold, each text's once per source that published it
        (200 copies of one file are one article's claims, not 200 times them)."""
        self.repeats = 0
        self.undated: list[str] = []
        """Names of this run's articles with claims but no publication date from any source."""
        self.rows: list = []
        self.more = 0
        self.ids: dict[str, None] = {}  # ordered, unique
        self.names: dict[str, set[str]] = {}  # the names each text was given in this run
        self._sources: set[int] = set()  # hashes: a 200,000-row export's keys took 30 MB

    def add(self, r) -> None:  # type: ignore[no-untyped-def]
        self.counts[r.status] += 1
        self.articles += 1
        if r.article is not None:
            a = r.article
            source = hash(publication_key(a))
            if source not in self._sources:
                self._sources.add(source)
                self.claims += r.claim_count
                self.metric_claims.update(r.metrics)
                self.metric_articles.update(r.metrics.keys())
            elif r.status == "stored":
                self.repeats += 1
            if a.published is None and r.claim_count:
                self.undated.append(a.article)
            if self.keep_ids:
                self.ids.setdefault(a.article_id)
                self.names.setdefault(a.article_id, set()).add(a.article)
        if self.max_rows is None or len(self.rows) < self.max_rows:
            self.rows.append(r)
        else:
            self.more += 1


def claims_of_run(
    summary: RunSummary, store: Store, metric: str | None = None
) -> Iterator[Claim]:
    """The stored claims of the inputs a run named, in input order: what `factcheck extract
    --format json` prints and `factcheck.extract()` returns (a stored text's other publications
    are not this run's). A chunk at a time: one query per `ID_CHUNK` articles (each query reads
    the store's article table once, so one per article made a re-run over a big store
    quadratic)."""
    from factcheck.store.db import ID_CHUNK

    assert summary.keep_ids
    ids = list(summary.ids)
    own = {p.article for p in store.publications()}
    for at in range(0, len(ids), ID_CHUNK):
        chunk = ids[at : at + ID_CHUNK]
        order = {aid: k for k, aid in enumerate(chunk)}
        found = [
            c
            for c in store.claims(metric=metric, article_ids=chunk)
            if _in_run(c, summary.names[c.article_id], own)
        ]
        found.sort(key=lambda c: order[c.article_id])  # stable: offsets stay in order
        yield from found


def _in_run(claim: Claim, names: set[str], own: set[str]) -> bool:
    """A claim of this run's inputs: its publication was named, or it is the text's own
    claims (not a publication's: `own` holds those names) and the run named the text under a
    name that is not a publication of its own (one text from two outlets: a run over one
    outlet's file prints that outlet's claims)."""
    if claim.article in names:
        return True
    return claim.article not in own and not names <= own
