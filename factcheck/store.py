"""The SQLite store: articles keyed by content hash, their claims, and which paths name them.

A store is evidence, so every article's claims are written in one transaction (an interrupted run
never leaves half an article), WAL and a busy timeout let readers and a second writer wait instead
of failing, and every value from the command line reaches SQL as a `?` parameter. The schema
version lives in `PRAGMA user_version`; older stores are migrated forward, newer ones refused.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError

from factcheck._gc import collector_paused
from factcheck.errors import StoreError
from factcheck.models import Article, Claim, ConflictGroup, Place, Qualifier, Story
from factcheck.numbers import as_number

if TYPE_CHECKING:
    from factcheck.reconciliation.stories import StoryRow

DEFAULT_DB = "factcheck.db"
ENV_VAR = "FACTCHECK_DB"
T = TypeVar("T")

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE articles (
        article_id TEXT PRIMARY KEY,
        article TEXT NOT NULL,
        publisher TEXT, published TEXT, title TEXT, url TEXT,
        publisher_source TEXT NOT NULL, published_source TEXT NOT NULL,
        model TEXT, rules_version TEXT, extracted_at TEXT
    );
    CREATE TABLE paths (
        path TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE
    );
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL, sentence TEXT NOT NULL,
        value REAL NOT NULL, value_high REAL, qualifier TEXT NOT NULL,
        metric TEXT NOT NULL, counted TEXT, subject TEXT, subject_source TEXT NOT NULL,
        part TEXT, attribution TEXT,
        as_of TEXT, as_of_source TEXT NOT NULL, episode INTEGER NOT NULL, evidence TEXT NOT NULL
    );
    CREATE INDEX claims_article ON claims(article_id);
    CREATE INDEX claims_metric ON claims(metric);
    """,
    # 2: stories (which articles tell of one event) and each claim's resolved place
    """
    ALTER TABLE articles ADD COLUMN story TEXT;
    ALTER TABLE articles ADD COLUMN story_source TEXT NOT NULL DEFAULT 'none';
    ALTER TABLE articles ADD COLUMN features TEXT;
    ALTER TABLE claims ADD COLUMN place TEXT;
    CREATE INDEX articles_story ON articles(story);
    """,
    # 3: the kind of count (total, stock, event, planned, historical, projection); claims stored
    # before it keep what the old schema knew (one event or not)
    """
    ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'total';
    UPDATE claims SET kind = 'event' WHERE episode = 1;
    """,
    # 4: how precisely a figure's date is known, and the part of the day
    """
    ALTER TABLE claims ADD COLUMN as_of_precision TEXT;
    ALTER TABLE claims ADD COLUMN as_of_time TEXT;
    """,
    # 5: the parse's drafts, so new metadata (a corrected manifest) re-dates claims unparsed
    """
    ALTER TABLE articles ADD COLUMN drafts TEXT;
    """,
    # 6: each text's MinHash and the article it copies (one wire story in many outlets)
    """
    ALTER TABLE articles ADD COLUMN minhash TEXT;
    ALTER TABLE articles ADD COLUMN copy_of TEXT;
    """,
    # 7: the signatures' LSH bands, indexed, so copies are found without loading every
    # signature; copy_state: 0 new, 1 banded, 2 compared (stores from 6 are compared again)
    """
    CREATE TABLE copy_bands (
        band INTEGER NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(article_id) ON DELETE CASCADE
    );
    CREATE INDEX copy_bands_band ON copy_bands(band);
    CREATE INDEX copy_bands_article ON copy_bands(article_id);
    ALTER TABLE articles ADD COLUMN copy_state INTEGER NOT NULL DEFAULT 0;
    """,
    # 8: publications. A path whose text is stored under another name, from another publisher
    # or date, is that text as published by its own source: its metadata lives on its path
    # (own = 1) and its claims, dated from the article's saved drafts, carry the path
    """
    ALTER TABLE paths ADD COLUMN own INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE paths ADD COLUMN publisher TEXT;
    ALTER TABLE paths ADD COLUMN published TEXT;
    ALTER TABLE paths ADD COLUMN title TEXT;
    ALTER TABLE paths ADD COLUMN url TEXT;
    ALTER TABLE paths ADD COLUMN publisher_source TEXT;
    ALTER TABLE paths ADD COLUMN published_source TEXT;
    ALTER TABLE claims ADD COLUMN path TEXT;
    CREATE INDEX claims_path ON claims(path);
    """,
    # 9: copy clusters read by their first member, and the articles still to compare, without
    # a scan of every article per join (a 20,000-row export spent 6 minutes there)
    """
    CREATE INDEX articles_copy_of ON articles(copy_of);
    CREATE INDEX articles_copy_state ON articles(copy_state) WHERE copy_state < 2;
    """,
    # 10: copies are one text's printings by estimated containment of three-word runs, looked
    # for within a story. Five-word signatures are not compared with them (their format says
    # so); the clusters found with them stay until their texts are extracted again
    """
    DROP TABLE copy_bands;
    """,
    # 11: a text's paths by article: saving an article read them by a scan of every path, and
    # so did each delete's cascade (a 200,000-row export slowed from 4.5 ms a row to 16)
    """
    CREATE INDEX paths_article ON paths(article_id);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
ID_CHUNK = 900
"""Ids bound in one statement (SQLite allows 999 variables in older builds)."""
_OWN_TABLES = frozenset({"articles", "paths", "claims", "copy_bands"})


def resolve_db_path(db: str | Path | None) -> Path:
    """--db, then $FACTCHECK_DB, then ./factcheck.db."""
    return Path(db or os.environ.get(ENV_VAR) or DEFAULT_DB)


class Store:
    """One open store. Use as a context manager; `readonly` never creates or changes the file."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such store (run `factcheck extract` first)")
        if self.path.exists() and not _looks_like_sqlite(self.path):
            raise StoreError(
                f"{self.path}: not a factcheck store (not an SQLite file); not touched"
            )
        if not readonly:
            _check_writable(self.path)
        try:
            if readonly:
                self.conn = _connect_readonly(self.path)
            else:
                self.conn = sqlite3.connect(self.path, timeout=_LOCK_WAIT)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open store ({exc})") from exc
        try:
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {int(_LOCK_WAIT * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_version()  # before WAL mode, which rewrites the file header
            if not readonly:
                # switching to WAL needs the file to itself, and SQLite does not wait for that
                _retry_locked(lambda: self.conn.execute("PRAGMA journal_mode = WAL").fetchone())
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except (sqlite3.DatabaseError, StoreError) as exc:
            self.conn.close()  # a refused store is left as it was, without -wal/-shm files
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{self.path}: cannot open store ({exc})") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # --- writing ---------------------------------------------------------------------------

    def is_current(self, article_id: str, model: str, rules_version: str) -> bool:
        """True when this exact text was already extracted with this model and these rules."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE article_id = ? AND model = ? AND rules_version = ?",
            (article_id, model, rules_version),
        ).fetchone()
        return row is not None

    def stored_metadata(self, article_id: str) -> tuple[object, ...] | None:
        """The input's name, then what a re-run may correct: publisher, date, title, URL and
        where each came from."""
        row = self.conn.execute(
            "SELECT article, publisher, published, title, url, publisher_source, "
            "published_source FROM articles WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        return tuple(row) if row is not None else None

    def stored_drafts(self, article_id: str) -> list[dict[str, object]] | None:
        """The parse's drafts as saved (None for an article saved before schema 5)."""
        row = self.conn.execute(
            "SELECT drafts FROM articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return json.loads(row[0])

    def link_path(self, article: Article) -> None:
        """Point the path at this article (for a stored article that needs no extraction)."""
        with self._tx():
            old = self._path_target(article.article)
            self._point(article.article, article.article_id)
            if old and old != article.article_id:
                self._moved_away(old, article.article)

    def publications(self, article_id: str | None = None) -> list[Article]:
        """The paths that publish a text as their own, with their metadata: this article's,
        or every article's."""
        where, params = ("AND article_id = ?", (article_id,)) if article_id else ("", ())
        rows = self.conn.execute(
            f"SELECT {_PATH_COLUMNS} FROM paths WHERE own = 1 {where} ORDER BY path", params
        )
        return [_publication_article(r) for r in rows]

    def publication(self, path: str) -> tuple[str, tuple[object, ...]] | None:
        """(article_id, metadata as `stored_metadata` gives it after the name) of a path stored
        as a publication of its own, else None."""
        row = self.conn.execute(
            "SELECT article_id, publisher, published, title, url, publisher_source, "
            "published_source FROM paths WHERE path = ? AND own = 1",
            (path,),
        ).fetchone()
        return (row[0], tuple(row[1:])) if row is not None else None

    def save_publication(self, article: Article, claims: Iterable[Claim]) -> int:
        """Store a stored text as published by another source: the path keeps its own
        publisher, date, title and URL, and its own claims (dated from the article's drafts by
        the caller), in one transaction. The article's parse, story and copies are shared."""
        claims = list(claims)
        with self._tx():
            old = self._path_target(article.article)
            self._point(article.article, article.article_id, article)
            self.conn.executemany(
                _INSERT_CLAIM, [_claim_row(article.article_id, c, article.article) for c in claims]
            )
            if old and old != article.article_id:
                self._moved_away(old, article.article)
        return len(claims)

    def _point(self, path: str, article_id: str, own: Article | None = None) -> None:
        """Point a path at an article: as another name of its text (`own` None) or as a
        publication of its own; the claims it held as a publication go either way."""
        self.conn.execute("DELETE FROM claims WHERE path = ?", (path,))
        meta = (
            (own.publisher, _iso(own.published), own.title, own.url, own.publisher_source,
             own.published_source)
            if own is not None
            else (None,) * 6
        )  # fmt: skip
        self.conn.execute(
            "INSERT INTO paths(path, article_id, own, publisher, published, title, url, "
            "publisher_source, published_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET article_id = excluded.article_id, "
            "own = excluded.own, publisher = excluded.publisher, published = excluded.published, "
            "title = excluded.title, url = excluded.url, "
            "publisher_source = excluded.publisher_source, "
            "published_source = excluded.published_source",
            (path, article_id, int(own is not None), *meta),
        )

    def _moved_away(self, article_id: str, path: str) -> None:
        """`path` no longer names `article_id`'s text: drop the article if nothing names it,
        and if `path` was the name it is stored under, let a remaining path take its place:
        another name of the same publication first, else a publication of its own, which
        brings its metadata and claims."""
        self._drop_if_orphan(article_id)
        row = self.conn.execute(
            "SELECT article FROM articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None or row[0] != path:
            return
        heir = self.conn.execute(
            "SELECT path, own, publisher, published, title, url, publisher_source, "
            "published_source FROM paths WHERE article_id = ? ORDER BY own, path LIMIT 1",
            (article_id,),
        ).fetchone()
        if heir is None:
            return
        if heir[1]:
            self.conn.execute(
                "DELETE FROM claims WHERE article_id = ? AND path IS NULL", (article_id,)
            )
            self.conn.execute("UPDATE claims SET path = NULL WHERE path = ?", (heir[0],))
            self.conn.execute(
                "UPDATE articles SET article = ?, publisher = ?, published = ?, title = ?, "
                "url = ?, publisher_source = ?, published_source = ? WHERE article_id = ?",
                (*heir[:1], *heir[2:], article_id),
            )
            self._point(heir[0], article_id)
        else:
            self.conn.execute(
                "UPDATE articles SET article = ? WHERE article_id = ?", (heir[0], article_id)
            )
        self._recompare_copies(article_id)  # its name or date changed: is it still first?

    def _recompare_copies(self, article_id: str) -> None:
        """An article's name or date changed, or it leaves, so the first of its copy cluster may
        have: the cluster is compared again at the run's end (`assign_copies`)."""
        self.conn.execute(
            "UPDATE articles SET copy_of = NULL, copy_state = 0 WHERE copy_of = "
            "(SELECT coalesce(copy_of, article_id) FROM articles WHERE article_id = ?) "
            "OR article_id = (SELECT coalesce(copy_of, article_id) FROM articles "
            "WHERE article_id = ?)",
            (article_id, article_id),
        )

    def save_article(
        self,
        article: Article,
        claims: Iterable[Claim],
        model: str,
        rules: str,
        features: dict[str, object] | None = None,
        drafts: Sequence[dict[str, object]] | None = None,
        minhash: Mapping[str, object] | None = None,
        publications: Callable[[Sequence[Article]], Iterable[tuple[Article, Sequence[Claim]]]]
        | None = None,
    ) -> int:
        """Replace the article's claims in one transaction; a changed file's old text goes too.
        An article extracted again keeps the story it had (story ids never move), unless a
        manifest names one. Its other publications keep their names and metadata; their claims,
        dated from the old parse, are replaced in the same transaction by what `publications`
        gives for them (dated from the new one), so no interruption leaves one without claims."""
        claims = list(claims)
        with self._tx():
            old = self._path_target(article.article)
            if article.story is None:
                kept = self.conn.execute(
                    "SELECT story, story_source FROM articles WHERE article_id = ?",
                    (article.article_id,),
                ).fetchone()
                if kept and kept[0] is not None and kept[1] == "cluster":
                    article = article.model_copy(update={"story": kept[0], "story_source": kept[1]})
            # its other paths outlive the row they cascade from (a publication's claims do not:
            # they are dated from the old drafts, and `extraction` dates them again)
            others = self.conn.execute(
                f"SELECT {_PATH_COLUMNS} FROM paths WHERE article_id = ? AND path != ?",
                (article.article_id, article.article),
            ).fetchall()
            self.conn.execute("DELETE FROM articles WHERE article_id = ?", (article.article_id,))
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self.conn.execute(_INSERT_ARTICLE, _article_row(article, model, rules, now, features))
            self.conn.executemany(
                f"INSERT INTO paths({_PATH_COLUMNS}) VALUES ({','.join('?' * 9)})", others
            )
            if publications is not None:
                own = [_publication_article(r) for r in others if r[2]]
                for pub, pub_claims in publications(own):
                    self.conn.executemany(
                        _INSERT_CLAIM,
                        [_claim_row(article.article_id, c, pub.article) for c in pub_claims],
                    )
            if drafts is not None or minhash is not None:
                self.conn.execute(
                    "UPDATE articles SET drafts = ?, minhash = ? WHERE article_id = ?",
                    (
                        None if drafts is None else json.dumps(list(drafts), ensure_ascii=False),
                        None if minhash is None else json.dumps(minhash),
                        article.article_id,
                    ),
                )
            self.conn.executemany(
                _INSERT_CLAIM, [_claim_row(article.article_id, c) for c in claims]
            )
            # the row was written anew (copy_of NULL): its cluster, if it had one, is compared
            # again, since a corrected date may make another copy the first
            self._recompare_copies(article.article_id)
            self._point(article.article, article.article_id)
            if old and old != article.article_id:
                self._moved_away(old, article.article)
        return len(claims)

    def save_many(
        self,
        articles: Iterable[tuple[Article, Sequence[Claim]]],
        model: str,
        rules: str,
        *,
        batch: int = 5_000,
    ) -> int:
        """`save_article` for many articles at once (a benchmark's synthetic store): the same rows,
        but one transaction per `batch` claims, since one per article makes a million-claim store
        take minutes. A batch is still all or nothing. Returns the number of claims written."""
        total = 0
        pending: list[tuple[Article, Sequence[Claim]]] = []
        size = 0
        for article, claims in articles:
            pending.append((article, claims))
            size += len(claims) + 1
            if size >= batch:
                total += self._save_batch(pending, model, rules)
                pending, size = [], 0
        if pending:
            total += self._save_batch(pending, model, rules)
        return total

    def _save_batch(
        self, batch: Sequence[tuple[Article, Sequence[Claim]]], model: str, rules: str
    ) -> int:
        """One transaction. An article given twice keeps its last claims, as two `save_article`
        calls would, and articles no path names any more are dropped, as there."""
        batch = list({a.article_id: (a, claims) for a, claims in batch}.values())
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._tx():
            olds = {self._path_target(a.article) for a, _ in batch}
            self.conn.executemany(
                "DELETE FROM articles WHERE article_id = ?", [(a.article_id,) for a, _ in batch]
            )
            self.conn.executemany(
                _INSERT_ARTICLE, [_article_row(a, model, rules, now) for a, _ in batch]
            )
            rows = [_claim_row(a.article_id, c) for a, claims in batch for c in claims]
            self.conn.executemany(_INSERT_CLAIM, rows)
            self.conn.executemany(
                "INSERT INTO paths(path, article_id) VALUES (?, ?) "
                "ON CONFLICT(path) DO UPDATE SET article_id = excluded.article_id",
                [(a.article, a.article_id) for a, _ in batch],
            )
            named = {a.article: a.article_id for a, _ in batch}  # each path's last article
            replaced = {a.article_id for a, _ in batch if named[a.article] != a.article_id}
            for article_id in sorted({old for old in olds if old} | replaced):
                self._drop_if_orphan(article_id)
        return len(rows)

    # --- reading ---------------------------------------------------------------------------

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def claim_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM claims").fetchone()[0]

    def metric_counts(self, article_id: str, path: str | None = None) -> dict[str, int]:
        """Claims per metric of one article (or of its publication at `path`), for the summary
        of an article already stored."""
        return dict(self.conn.execute(_METRIC_COUNTS, (article_id, path)))

    def claims(
        self,
        *,
        metric: str | None = None,
        article: str | None = None,
        article_ids: Iterable[str] | None = None,
    ) -> Iterator[Claim]:
        """Stored claims in article then offset order; every filter is a parameter.

        Sorted here rather than by SQL: rows arrive almost in order (an article's claims are
        written together), and SQLite's sort of a million wide rows costs more than reading them.
        """
        sql = f"SELECT {_CLAIM_COLUMNS} FROM claims c WHERE 1 = 1"
        params: list[object] = []
        if metric:
            sql += " AND c.metric = ?"
            params.append(metric)
        if article:
            # instr, not LIKE: "%" and "_" in a user's value are characters, not wildcards;
            # a publication's path gives its own claims, another name of a text the text's
            sql += " AND (c.path = ? OR (c.path IS NULL AND c.article_id IN (SELECT article_id "
            sql += "FROM articles WHERE article = ? OR instr(article_id, ?) = 1 "
            sql += "UNION SELECT article_id FROM paths WHERE path = ? AND own = 0)))"
            params += [article, article, article.lower(), article]
        ids = list(article_ids) if article_ids is not None else None
        if ids is not None:
            if not ids:
                return
            sql += f" AND c.article_id IN ({','.join('?' * len(ids))})"
            params += ids
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: a Row per claim costs more than the claim
        with collector_paused():  # built in one go: a million objects, no cycles
            claims = self._read_claims(self._claim_reader(cursor), cursor.execute(sql, params))
        yield from claims

    def claims_by_story(self, *, metric: str | None = None) -> Iterator[list[Claim]]:
        """Stored claims one story at a time, each story's in `claims()` order; articles with
        no story yet come as one batch. Grouping reads these: a group never crosses stories,
        so a million claims need never be in memory at once."""
        read = self.claims_reader(metric=metric)
        members = self.story_members()
        for story in sorted(members, key=lambda s: (s is not None, s or "")):
            claims = read(members.pop(story))
            if claims:
                yield claims

    def story_members(self) -> dict[str | None, list[str]]:
        """story → the ids of its articles (None: articles with no story yet), read in one
        query, so stories read after it are the stories of that moment: an `extract` that
        clusters articles meanwhile cannot put one article's claims in two batches."""
        members: dict[str | None, list[str]] = {}
        for article_id, story in self.conn.execute("SELECT article_id, story FROM articles"):
            members.setdefault(story, []).append(article_id)
        return members

    def claims_reader(self, *, metric: str | None = None) -> Callable[[Sequence[str]], list[Claim]]:
        """article ids → their claims in `claims()` order, for reading a store a story at a
        time (`story_members`). The articles table is read once, here."""
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: a Row per claim costs more than the claim
        reader = self._claim_reader(cursor)
        sql = f"SELECT {_CLAIM_COLUMNS} FROM claims c WHERE c.article_id IN "
        sql += "(SELECT value FROM json_each(?))"  # one parameter, whatever the story's size
        if metric:  # unary +: the articles' index leads, not the metric's over every story
            sql += " AND +c.metric = ?"

        def read(article_ids: Sequence[str]) -> list[Claim]:
            with collector_paused():
                ids = json.dumps(list(article_ids))
                return self._read_claims(
                    reader, cursor.execute(sql, (ids, metric) if metric else (ids,))
                )

        return read

    def _claim_reader(self, cursor: sqlite3.Cursor) -> _ClaimReader:
        return _ClaimReader(
            cursor.execute(
                "SELECT article_id, article, publisher, published, story, copy_of FROM articles"
            ).fetchall(),
            cursor.execute(
                "SELECT path, article_id, publisher, published FROM paths WHERE own = 1"
            ).fetchall(),
        )

    def _read_claims(self, read: _ClaimReader, found: sqlite3.Cursor) -> list[Claim]:
        """Rows → claims in `claims()` order; a row no claim can be made of (a store damaged
        or written by hand) is one line naming the store, the article and the field."""
        rows = found.fetchall()
        try:
            rows.sort(key=read.order)
        except KeyError:  # rows of a publication since removed: rare
            rows = [r for r in rows if read.known(r)]
            rows.sort(key=read.order)
        rows.reverse()  # popped from the end, so each row is freed once its claim is made
        claims = []
        while rows:
            row = rows.pop()
            try:
                claims.append(read(row))
            except (ValidationError, ValueError, TypeError) as exc:
                raise StoreError(
                    f"{self.path}: a stored claim of article {str(row[0])[:12]} (characters "
                    f"{row[2]}-{row[3]}) cannot be read: {_problem(exc)}; extract its article "
                    "again, or restore the store"
                ) from exc
        return claims

    def metrics(self) -> list[str]:
        """The metrics the stored claims carry."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT metric FROM claims ORDER BY 1")]

    def article_matches(self, article: str) -> int:
        """How many stored articles `--article` names (by name, path or id prefix)."""
        return self.conn.execute(
            "SELECT count(*) FROM (SELECT article_id FROM articles WHERE article = ? "
            "OR instr(article_id, ?) = 1 UNION SELECT article_id FROM paths WHERE path = ?)",
            (article, article.lower(), article),
        ).fetchone()[0]

    def groups(
        self, *, include_agree: bool = False, metric: str | None = None
    ) -> list[ConflictGroup]:
        """The stored claims grouped and judged, as `factcheck conflicts` shows them (a story
        read at a time; `conflicts` also drops each story's claims once judged)."""
        from factcheck.reconciliation.verdicts import group_order, judged_groups

        found = judged_groups(self.claims_by_story(metric=metric), include_agree=include_agree)
        return sorted(found, key=group_order)

    def articles(self) -> list[Article]:
        rows = self.conn.execute("SELECT * FROM articles ORDER BY article").fetchall()
        return [
            Article(
                article=r["article"],
                article_id=r["article_id"],
                publisher=r["publisher"],
                published=_date(r["published"]),
                title=r["title"],
                url=r["url"],
                publisher_source=r["publisher_source"],
                published_source=r["published_source"],
                story=r["story"],
                story_source=r["story_source"],
            )
            for r in rows
        ]

    # --- stories -----------------------------------------------------------------------------

    def story_rows(self) -> list[StoryRow]:
        """Every article as story clustering reads it (features parsed here, once)."""
        return list(self._story_rows("1 = 1", "article"))

    def assign_stories(self, chunk: int = 2_000) -> int:
        """Cluster the articles that have no story yet; returns how many were assigned.

        Streams: term counts first, then the stored articles and the new ones (in date order)
        a row at a time, assignments written as they come, so a run's end holds its stories'
        centroids and the vocabulary, never every article (`stories.assign_stories` is the
        same in memory)."""
        from factcheck.reconciliation.stories import cluster_stories, document_frequencies

        waiting = self.conn.execute(
            "SELECT 1 FROM articles WHERE story IS NULL AND features IS NOT NULL LIMIT 1"
        ).fetchone()
        if not waiting:
            return 0
        df, n = document_frequencies(
            json.loads(f)
            for (f,) in self.conn.execute(
                "SELECT features FROM articles WHERE features IS NOT NULL"
            )
        )
        stored = self._story_rows("story IS NOT NULL AND features IS NOT NULL", "article")
        todo = self._story_rows(
            "story IS NULL AND features IS NOT NULL",
            "coalesce(published, '9999-12-31'), article",
        )
        done = 0
        with self._tx():
            found = cluster_stories(df, n, stored, todo)
            while batch := list(islice(found, chunk)):
                self.conn.executemany(
                    "UPDATE articles SET story = ?, story_source = 'cluster' WHERE article_id = ?",
                    [(sid, aid) for aid, sid in batch],
                )
                done += len(batch)
        return done

    def _story_rows(self, where: str, order: str) -> Iterator[StoryRow]:
        """Story rows read a chunk at a time (the query is sorted before its first row, so
        writing assignments meanwhile cannot move rows under it)."""
        from factcheck.reconciliation.stories import StoryRow

        cursor = self.conn.execute(
            "SELECT article_id, article, published, features, story, story_source, title "
            f"FROM articles WHERE {where} ORDER BY {order}"
        )
        while rows := cursor.fetchmany(500):
            for r in rows:
                yield StoryRow(
                    r[0], r[1], _date(r[2]), json.loads(r[3]) if r[3] else None, r[4], r[5], r[6]
                )

    def assign_copies(self) -> int:
        """Mark each article that copies an earlier one (`copy_of`: the first of its cluster, by
        date, then name); returns how many stored articles are copies. Only stories that gained
        an article not yet compared are read, one story at a time, its signatures streamed in
        date order and each new article compared with those within `COPY_DAYS` of it as one
        array (`copies.copy_clusters` gives the same clusters for one story in memory)."""
        from factcheck.reconciliation.copies import FORMAT, copy_pairs

        with self._tx():
            stories = [
                r[0]
                for r in self.conn.execute(
                    "SELECT DISTINCT story FROM articles "
                    "WHERE copy_state < 2 AND story IS NOT NULL AND minhash IS NOT NULL"
                )
            ]
            for story in stories:
                # the story's clusters in memory (root of each member, members of each root):
                # a copy found is looked up by its cluster, not by a query per member
                where = "FROM articles WHERE story = ? AND json_extract(minhash, '$.format') = ?"
                root = {
                    aid: copy_of or aid
                    for aid, copy_of in self.conn.execute(
                        f"SELECT article_id, copy_of {where}", (story, FORMAT)
                    )
                }
                members: dict[str, list[str]] = {}
                for aid, r in root.items():
                    members.setdefault(r, []).append(aid)
                # both reads are sorted before their first row, so joining clusters meanwhile
                # cannot move rows under them
                undated = (
                    (aid, json.loads(raw), state < 2)
                    for aid, state, raw in self.conn.execute(
                        f"SELECT article_id, copy_state, minhash {where} AND published IS NULL "
                        "ORDER BY article_id",
                        (story, FORMAT),
                    ).fetchall()
                )
                dated = (
                    (aid, dt.date.fromisoformat(day).toordinal(), json.loads(raw), state < 2)
                    for aid, day, state, raw in self.conn.execute(
                        f"SELECT article_id, published, copy_state, minhash {where} "
                        "AND published IS NOT NULL ORDER BY published, article_id",
                        (story, FORMAT),
                    )
                )
                for aid, found in copy_pairs(undated, dated):
                    roots = {root[aid]} | {root[other] for other in found}
                    if len(roots) < 2:
                        continue
                    first = self._join_roots(roots)
                    for r in roots - {first}:
                        for m in members.pop(r, []):
                            root[m] = first
                            members.setdefault(first, []).append(m)
            self.conn.execute("UPDATE articles SET copy_state = 2 WHERE copy_state < 2")
        return self.conn.execute(
            "SELECT count(*) FROM articles WHERE copy_of IS NOT NULL"
        ).fetchone()[0]

    def _join_roots(self, roots: Iterable[str]) -> str:
        """One cluster of the clusters these roots name, named by its first member: each root
        is the first of its own cluster, so the first root is the first of the union and only
        the other clusters' members move (the union-find of `copies.copy_clusters`, kept in the
        store). Returns the first."""
        ranked = sorted(
            self.conn.execute(
                "SELECT article_id, article, published FROM articles "
                f"WHERE article_id IN ({','.join('?' * len(roots := list(roots)))})",
                roots,
            ).fetchall(),
            key=lambda m: (f"{m[2] or '9999'} {m[1]}", m[0]),
        )
        first = ranked[0][0]
        for root, _, _ in ranked[1:]:
            self.conn.execute(
                "UPDATE articles SET copy_of = ? WHERE copy_of = ? OR article_id = ?",
                (first, root, root),
            )
        return first

    def stories(self) -> list[Story]:
        """The stories of the stored articles, earliest first, each with a label a person knows."""
        from factcheck.reconciliation.stories import story_label

        by_story: dict[str, list[StoryRow]] = {}
        for r in self.story_rows():
            if r.story is not None:
                by_story.setdefault(r.story, []).append(r)
        out = []
        for sid, members in by_story.items():
            dates = [m.published for m in members if m.published]
            label, place = story_label(members)
            out.append(
                Story(
                    story=sid,
                    label=label,
                    articles=sorted(m.article for m in members),
                    first=min(dates, default=None),
                    last=max(dates, default=None),
                    place=place,
                    size=len(members),
                )
            )
        out.sort(key=lambda s: (s.first or dt.date.max, s.story))
        return out

    # --- helpers ---------------------------------------------------------------------------

    def _tx(self) -> sqlite3.Connection:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        return self.conn  # sqlite3's context manager commits, or rolls back on an exception

    def _path_target(self, path: str) -> str | None:
        row = self.conn.execute("SELECT article_id FROM paths WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def _drop_if_orphan(self, article_id: str) -> None:
        still = self.conn.execute(
            "SELECT 1 FROM paths WHERE article_id = ? LIMIT 1", (article_id,)
        ).fetchone()
        if not still:
            # its copy cluster is compared again without it (it may have joined two parts)
            self._recompare_copies(article_id)
            self.conn.execute("DELETE FROM articles WHERE article_id = ?", (article_id,))

    def _check_version(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            # a database another program made: factcheck's tables must not be added to it
            # (factcheck's own tables may appear between the two reads: another run creating
            # this store at the same moment commits them with its version)
            others = [
                r[0]
                for r in self.conn.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
                if r[0] not in _OWN_TABLES
            ]
            if others:
                shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
                raise StoreError(
                    f"{self.path}: an SQLite database that is not a factcheck store "
                    f"(it holds {shown}); not touched, give another --db"
                )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer factcheck (schema {version} > {SCHEMA_VERSION}); "
                "not touched"
            )

    def _migrate(self) -> None:
        """Bring an older store up to SCHEMA_VERSION, all steps in one transaction.

        The write lock is taken (BEGIN IMMEDIATE) before the version is read again, so when two
        runs open a new store at once one of them creates the tables and the other finds them.
        """
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: store needs an upgrade; open it once with `extract`")
        _retry_locked(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for i in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[i]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {i + 1}")
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise


_LOCK_WAIT = 30.0
"""Seconds to wait for another run that holds the store's write lock (SQLite's busy timeout)."""


def _check_writable(path: Path) -> None:
    """`extract` writes the store and, beside it, the -wal and -shm files; a read-only file or
    folder is named here instead of surfacing as SQLite's "attempt to write a readonly
    database" halfway through opening."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create folder {folder} ({exc.strerror or exc})") from exc
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(
            f"{path}: store is read-only; `extract` writes to it "
            "(`claims` and `conflicts` can still read it); not touched"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(
            f"{path}: folder {folder} is read-only; `extract` writes its journal beside the "
            "store (`claims` and `conflicts` can still read it); not touched"
        )


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that changes nothing: not the store, and where no one can write the store,
    not even the -wal/-shm files a reader of a WAL store otherwise creates beside it.

    SQLite's `immutable` flag reads the file as it is, without the WAL index, which is safe only
    when no -wal file holds newer pages and no writer can appear; so it is used when the file or
    its folder is read-only for everyone, or when a normal read-only open fails for want of a
    writable folder.
    """
    # as_uri() percent-encodes, so a "#", "?" or "%" in the path names the same file
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() and _nobody_can_write(path):
        return sqlite3.connect(f"{uri}&immutable=1", uri=True)
    conn = sqlite3.connect(uri, uri=True, timeout=_LOCK_WAIT)
    try:
        conn.execute("PRAGMA user_version").fetchone()  # the first read opens the WAL index
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "")
        if wal.exists() or not name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            raise
        return sqlite3.connect(f"{uri}&immutable=1", uri=True)
    return conn


def _nobody_can_write(path: Path) -> bool:
    try:
        return not (path.stat().st_mode & 0o222) or not (path.parent.stat().st_mode & 0o222)
    except OSError:
        return False


def _retry_locked(run: Callable[[], T]) -> T:
    """`run()`, again while SQLite answers "database is locked" without waiting (as it does for
    a journal-mode switch), for up to _LOCK_WAIT seconds."""
    deadline = time.monotonic() + _LOCK_WAIT
    while True:
        try:
            return run()
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _statements(script: str) -> Iterator[str]:
    """A migration script as single statements (sqlite3 runs scripts only outside a
    transaction); `complete_statement` keeps a ";" inside a string or trigger body in place."""
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\n;"):
                yield buf.strip()
            buf = ""
    if buf.strip(" \t\n;"):
        yield buf


def _looks_like_sqlite(path: Path) -> bool:
    if not path.is_file():
        return False  # a folder, a device or a pipe: never opened, never written
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: {exc.strerror or exc}") from exc
    return head == b"" or head.startswith(b"SQLite format 3\x00")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _publication_article(row: Sequence[object]) -> Article:
    """A `paths` row (in `_PATH_COLUMNS` order) of a publication of its own, as an Article."""
    return Article(
        article=row[0], article_id=row[1], publisher=row[3], published=_date(row[4]),  # type: ignore[arg-type]
        title=row[5], url=row[6], publisher_source=row[7], published_source=row[8],  # type: ignore[arg-type]
    )  # fmt: skip


_PATH_COLUMNS = (
    "path, article_id, own, publisher, published, title, url, publisher_source, published_source"
)
_INSERT_ARTICLE = (
    "INSERT INTO articles(article_id, article, publisher, published, title, url, "
    "publisher_source, published_source, model, rules_version, extracted_at, "
    "story, story_source, features) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _article_row(
    a: Article, model: str, rules: str, now: str, features: dict[str, object] | None = None
) -> tuple[object, ...]:
    """An article as `_INSERT_ARTICLE` takes it, for `save_article` and `save_many` alike."""
    return (
        a.article_id,
        a.article,
        a.publisher,
        _iso(a.published),
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


_INSERT_CLAIM = (
    'INSERT INTO claims(path, article_id, start, "end", text, sentence, value, value_high, '
    "qualifier, metric, counted, subject, subject_source, part, attribution, as_of, "
    "as_of_source, episode, evidence, place, kind, as_of_precision, as_of_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _claim_row(article_id: str, c: Claim, path: str | None = None) -> tuple[object, ...]:
    """A claim as `_INSERT_CLAIM` takes it, for `save_article` and `save_many` alike; `path`
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
        _iso(c.as_of),
        c.as_of_source,
        int(c.episode),
        json.dumps(c.evidence),
        None if c.place is None else c.place.model_dump_json(exclude_none=True),
        c.kind,
        c.as_of_precision,
        c.as_of_time,
    )


_METRIC_COUNTS = (
    # `+path`: not by the path index, which SQLite chose for `path IS ?` (the parameter could be
    # NULL, which most claims' paths are), reading every claim once per stored article met
    # again: a re-run of 1,000 stored articles spent 70% of its time here
    "SELECT metric, count(*) FROM claims WHERE article_id = ? AND +path IS ? GROUP BY metric"
)


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


_CLAIM_COLUMNS = (
    'c.article_id, c.text, c.start, c."end", c.sentence, c.value, c.value_high, c.qualifier, '
    "c.metric, c.counted, c.subject, c.attribution, c.as_of, c.as_of_source, c.subject_source, "
    "c.part, c.episode, c.evidence, c.place, c.kind, c.as_of_precision, c.as_of_time, c.path"
)
_Row = tuple[
    str, str, int, int, str, float, float | None, str, str, str | None, str | None, str | None,
    str | None, str, str, str | None, int, str, str | None, str, str | None, str | None,
    str | None,
]  # fmt: skip
"""A row of `_CLAIM_COLUMNS`, typed as the schema types it."""
_SHARED_FIELDS_SET = set(Claim.model_fields)
_AS_OF_SOURCES = frozenset({"text", "lead", "published", "none"})
_PRECISIONS = frozenset({"day", "week", "month", "year", None})
_SUBJECT_SOURCES = frozenset({"text", "article", "none"})
_QUALIFIERS = {q.value: q for q in Qualifier}


class _ClaimReader:
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
         place, kind, precision, time, path) = row  # fmt: skip
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

    def _evidence(self, raw: str) -> list[str] | None:
        """A fresh list per claim (lists are mutable), parsed once per distinct text."""
        try:
            parsed = self.evidence[raw]
        except KeyError:
            value = json.loads(raw)
            ok = isinstance(value, list) and all(type(e) is str for e in value)
            parsed = self.evidence[raw] = value if ok else None
        return None if parsed is None else list(parsed)


def _problem(exc: Exception) -> str:
    """The first thing validation found, on one line."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "claim"
        return f"{where}: {first['msg']} (got {str(first.get('input'))[:40]!r})"
    return " ".join(str(exc).split())[:200]


_new_claim = object.__new__
_set = object.__setattr__
