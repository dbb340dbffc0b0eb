"""Store rows ↔ contract models: how an article and a claim are written as rows, and how rows come
back as `Claim`s fast enough for a million of them (`ClaimReader` checks only what the schema
cannot).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from factcheck.models import Article, Claim, Event, Place, Qualifier
from factcheck.numbers import as_number


def iso_date(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def publication_article(row: Sequence[object]) -> Article:
    """A `paths` row (in `PATH_COLUMNS` order) of a publication of its own, as an Article."""
    return Article(
        article=row[0], article_id=row[1], publisher=row[3], published=parse_date(row[4]),  # type: ignore[arg-type]
        title=row[5], url=row[6], publisher_source=row[7], published_source=row[8],  # type: ignore[arg-type]
    )  # fmt: skip


PATH_COLUMNS = (
    "path, article_id, own, publisher, published, title, url, publisher_source, published_source"
)


INSERT_ARTICLE = (
    "INSERT INTO articles(article_id, article, publisher, published, title, url, "
    "publisher_source, published_source, model, rules_version, extracted_at, "
    "story, story_source, features) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def article_row(
    a: Article, model: str, rules: str, now: str, features: dict[str, object] | None = None
) -> tuple[object, ...]:
    """An article as `INSERT_ARTICLE` takes it, for `save_article` and `save_many` alike."""
    return (
        a.article_id,
        a.article,
        a.publisher,
        iso_date(a.published),
        a.title,
        a.url,
        a.publisher_source,
        a.published_source,
        model,
        rules,
        now,
        a.story,
        a.story_source,
        None if features is None else json.dumps(features, separators=(",", ":")),
    )


INSERT_CLAIM = (
    'INSERT INTO claims(path, article_id, start, "end", text, sentence, value, value_high, '
    "qualifier, metric, counted, subject, subject_source, part, attribution, as_of, "
    "as_of_source, episode, evidence, place, kind, as_of_precision, as_of_time, vague, event) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def claim_row(article_id: str, c: Claim, path: str | None = None) -> tuple[object, ...]:
    """A claim as `INSERT_CLAIM` takes it, for `save_article` and `save_many` alike; `path`
    for a publication's own claims."""
    return (
        path,
        article_id,
        c.start,
        c.end,
        c.text,
        c.sentence,
        c.value,
        c.value_high,
        c.qualifier.value,
        c.metric,
        c.counted,
        c.subject,
        c.subject_source,
        c.part,
        c.attribution,
        iso_date(c.as_of),
        c.as_of_source,
        int(c.episode),
        json.dumps(c.evidence),
        None if c.place is None else c.place.model_dump_json(exclude_none=True),
        c.kind,
        c.as_of_precision,
        c.as_of_time,
        None if c.vague is None else int(c.vague),
        None if c.event is None else c.event.model_dump_json(exclude_none=True),
    )


METRIC_COUNTS = (
    # `+path`: not by the path index, which SQLite chose for `path IS ?` (the parameter could be
    # NULL, which most claims' paths are), reading every claim once per stored article met
    # again: a re-run of 1,000 stored articles spent 70% of its time here
    "SELECT metric, count(*) FROM claims WHERE article_id = ? AND +path IS ? GROUP BY metric"
)


def parse_date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


CLAIM_COLUMNS = (
    'c.article_id, c.text, c.start, c."end", c.sentence, c.value, c.value_high, c.qualifier, '
    "c.metric, c.counted, c.subject, c.attribution, c.as_of, c.as_of_source, c.subject_source, "
    "c.part, c.episode, c.evidence, c.place, c.kind, c.as_of_precision, c.as_of_time, c.path, "
    "c.vague, c.event"
)


_Row = tuple[
    str, str, int, int, str, float, float | None, str, str, str | None, str | None, str | None,
    str | None, str, str, str | None, int, str, str | None, str, str | None, str | None,
    str | None, int | None, str | None,
]  # fmt: skip
"""A row of `CLAIM_COLUMNS`, typed as the schema types it."""


_SHARED_FIELDS_SET = set(Claim.model_fields)


_AS_OF_SOURCES = frozenset({"text", "lead", "published", "none"})


_PRECISIONS = frozenset({"day", "week", "month", "year", None})


_SUBJECT_SOURCES = frozenset({"text", "article", "none"})


_QUALIFIERS = {q.value: q for q in Qualifier}


class ClaimReader:
    """Store rows → Claims at a million rows a few seconds, with the values `Claim(...)` gets.

    Validating every row through pydantic was most of the cost of `conflicts` on a big store, and
    the store's own schema already types each column. So a row is checked where the schema cannot
    check it (vocabularies, the evidence list), repeated values (articles, dates, evidence) are
    parsed once and shared, and anything unexpected goes through `Claim(...)` and fails as before.
    """

    def __init__(
        self,
        articles: Iterable[tuple[str, str, str | None, str | None, str | None, str | None]],
        publications: Iterable[tuple[str, str, str | None, str | None]] = (),
    ) -> None:
        self.dates: dict[str, dt.date] = {}
        self.evidence: dict[str, list[str] | None] = {}
        self.places: dict[str, Place] = {}
        self.events: dict[str, Event] = {}
        # keyed by (article_id, path): path None for the article's own claims, else the
        # publication whose claims they are
        # (name, publisher, published, story, copy_of)
        self.articles: dict[
            tuple[str, str | None],
            tuple[str, str | None, dt.date | None, str | None, str | None],
        ] = {}
        for article_id, article, publisher, published, story, copy_of in articles:
            self.articles[article_id, None] = (
                article, publisher, self._date(published), story, copy_of
            )  # fmt: skip
        for path, article_id, publisher, published in publications:
            own = self.articles.get((article_id, None))
            if own is not None:
                self.articles[article_id, path] = (path, publisher, self._date(published), *own[3:])
        # SQLite sorted by the path text (byte order, which is code point order), so articles
        # with one path share a rank and their claims interleave by offset, as they did there
        paths = {p: i for i, p in enumerate(sorted({a[0] for a in self.articles.values()}))}
        self.rank = {key: paths[a[0]] for key, a in self.articles.items()}

    def known(self, row: _Row) -> bool:
        return (row[0], row[22]) in self.rank

    def order(self, row: _Row) -> tuple[int, int, int]:
        return self.rank[row[0], row[22]], row[2], row[3]

    def __call__(self, row: _Row) -> Claim:
        (aid, text, start, end, sentence, value, high, qualifier, metric, counted, subject,
         attribution, as_of, as_of_source, subject_source, part, episode, evidence,
         place, kind, precision, time, path, vague, event) = row  # fmt: skip
        article, publisher, published, story, copy_of = self.articles[aid, path]
        fields = {
            "article": article,
            "article_id": aid,
            "publisher": publisher,
            "published": published,
            "text": text,
            "start": start,
            "end": end,
            "sentence": sentence,
            "value": int(value) if float(value).is_integer() else value,  # `as_number`
            "value_high": None if high is None else as_number(high),
            "qualifier": _QUALIFIERS.get(qualifier, qualifier),
            "metric": metric,
            "counted": counted,
            "subject": subject,
            "attribution": attribution,
            "as_of": self._date(as_of) if as_of else None,
            "as_of_source": as_of_source,
            "as_of_precision": precision,
            "as_of_time": time,
            "subject_source": subject_source,
            "part": part,
            "episode": bool(episode),
            "evidence": self._evidence(evidence),
            "story": story,
            "place": self._place(place) if place else None,
            "kind": kind,
            "copy_of": copy_of,
            "vague": None if vague is None else bool(vague),
            "event": self._event(event) if event else None,
        }
        if (
            as_of_source not in _AS_OF_SOURCES
            or precision not in _PRECISIONS
            or subject_source not in _SUBJECT_SOURCES
            or qualifier not in _QUALIFIERS
            or fields["evidence"] is None
            or not (type(text) is type(sentence) is type(metric) is str)
            or not (type(start) is type(end) is int)
        ):
            fields["evidence"] = json.loads(evidence)
            return Claim(**fields)  # raises what validation always raised
        claim = _new_claim(Claim)
        _set(claim, "__dict__", fields)
        # one set for every claim read: a frozen model never adds to it (model_copy copies it)
        _set(claim, "__pydantic_fields_set__", _SHARED_FIELDS_SET)
        _set(claim, "__pydantic_extra__", None)
        _set(claim, "__pydantic_private__", None)
        return claim

    def _date(self, s: str | None) -> dt.date | None:
        if not s:
            return None
        d = self.dates.get(s)
        if d is None:
            d = self.dates[s] = dt.date.fromisoformat(s)
        return d

    def _place(self, raw: str) -> Place:
        """Parsed and validated once per distinct place (a frozen model, so shared)."""
        found = self.places.get(raw)
        if found is None:
            found = self.places[raw] = Place.model_validate_json(raw)
        return found

    def _event(self, raw: str) -> Event:
        """Parsed and validated once per distinct event (a frozen model, so shared)."""
        found = self.events.get(raw)
        if found is None:
            found = self.events[raw] = Event.model_validate_json(raw)
        return found

    def _evidence(self, raw: str) -> list[str] | None:
        """A fresh list per claim (lists are mutable), parsed once per distinct text."""
        try:
            parsed = self.evidence[raw]
        except KeyError:
            value = json.loads(raw)
            ok = isinstance(value, list) and all(type(e) is str for e in value)
            parsed = self.evidence[raw] = value if ok else None
        return None if parsed is None else list(parsed)


_new_claim = object.__new__


_set = object.__setattr__


def problem_of(exc: Exception) -> str:
    """The first thing validation found, on one line."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "claim"
        return f"{where}: {first['msg']} (got {str(first.get('input'))[:40]!r})"
    return " ".join(str(exc).split())[:200]


@dataclass
class StoryRow:
    """One stored article as clustering needs it."""

    article_id: str
    article: str
    published: dt.date | None
    features: dict[str, Any] | None
    story: str | None
    story_source: str = "none"
    title: str | None = None
