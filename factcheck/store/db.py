"""The store stores: articles keyed by content hash, their claims and drafts, which paths name
them, and the story and copy marks reconciliation writes.

A store is evidence, so every article's claims are written in one transaction (an interrupted run
never leaves half an article), WAL and a busy timeout let readers and a second writer wait instead
of failing, and every value from the command line reaches SQL as a `?` parameter. Clustering,
copy search and judging live in `factcheck.reconciliation`; this class keeps only their SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from pydantic import ValidationError

from factcheck._gc import collector_paused
from factcheck.errors import StoreError
from factcheck.models import Article, Claim
from factcheck.store.connect import open_connection, use_wal
from factcheck.store.rows import (
    CLAIM_COLUMNS,
    INSERT_ARTICLE,
    INSERT_CLAIM,
    METRIC_COUNTS,
    PATH_COLUMNS,
    ClaimReader,
    StoryRow,
    article_row,
    claim_row,
    iso_date,
    parse_date,
    problem_of,
    publication_article,
)
from factcheck.store.schema import check_version, migrate

_SIGNED = "FROM articles WHERE story = ? AND json_extract(minhash, '$.format') = ?"
"""The articles of a story signed in the current signature format."""
ID_CHUNK = 900
"""Ids bound in one statement (SQLite allows 999 variables in older builds)."""


class Store:
    """One open store. Use as a context manager; `readonly` never creates or changes the file."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such store (run `factcheck extract` first)")
        self.conn = open_connection(self.path, readonly=readonly)
        try:
            check_version(self.conn, self.path)  # before WAL mode, which rewrites the file header
            if not readonly:
                use_wal(self.conn)
            migrate(self.conn, self.path, readonly=readonly)
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

    def stored_signature(self, article_id: str) -> dict[str, object] | None:
        """The copy signature stored with a text, if any (a text's signature never changes)."""
        row = self.conn.execute(
            "SELECT minhash FROM articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def link_path(self, article: Article) -> None:
        """Point the path at this article (for a stored article that needs no extraction)."""
        with self.transaction():
            old = self._path_target(article.article)
            self._point(article.article, article.article_id)
            if old and old != article.article_id:
                self._moved_away(old, article.article)

    def publications(self, article_id: str | None = None) -> list[Article]:
        """The paths that publish a text as their own, with their metadata: this article's,
        or every article's."""
        where, params = ("AND article_id = ?", (article_id,)) if article_id else ("", ())
        rows = self.conn.execute(
            f"SELECT {PATH_COLUMNS} FROM paths WHERE own = 1 {where} ORDER BY path", params
        )
        return [publication_article(r) for r in rows]

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
        with self.transaction():
            old = self._path_target(article.article)
            self._point(article.article, article.article_id, article)
            self.conn.executemany(
                INSERT_CLAIM, [claim_row(article.article_id, c, article.article) for c in claims]
            )
            if old and old != article.article_id:
                self._moved_away(old, article.article)
        return len(claims)

    def _point(self, path: str, article_id: str, own: Article | None = None) -> None:
        """Point a path at an article: as another name of its text (`own` None) or as a
        publication of its own; the claims it held as a publication go either way."""
        self.conn.execute("DELETE FROM claims WHERE path = ?", (path,))
        meta = (
            (own.publisher, iso_date(own.published), own.title, own.url, own.publisher_source,
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
        have: the cluster is compared again at the run's end (`reconciliation.copies.mark_copies`)."""
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
        with self.transaction():
            old = self._path_target(article.article)
            if article.story is None:
                kept = self.conn.execute(
                    "SELECT story, story_source FROM articles WHERE article_id = ?",
                    (article.article_id,),
                ).fetchone()
                if kept and kept[0] is not None and kept[1] == "cluster":
                    article = article.model_copy(update={"story": kept[0], "story_source": kept[1]})
            # its other paths outlive the row they cascade from (a publication's claims do not:
            # they are dated from the old drafts, and the run dates them again)
            others = self.conn.execute(
                f"SELECT {PATH_COLUMNS} FROM paths WHERE article_id = ? AND path != ?",
                (article.article_id, article.article),
            ).fetchall()
            self.conn.execute("DELETE FROM articles WHERE article_id = ?", (article.article_id,))
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self.conn.execute(INSERT_ARTICLE, article_row(article, model, rules, now, features))
            self.conn.executemany(
                f"INSERT INTO paths({PATH_COLUMNS}) VALUES ({','.join('?' * 9)})", others
            )
            if publications is not None:
                own = [publication_article(r) for r in others if r[2]]
                for pub, pub_claims in publications(own):
                    self.conn.executemany(
                        INSERT_CLAIM,
                        [claim_row(article.article_id, c, pub.article) for c in pub_claims],
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
                INSERT_CLAIM, [claim_row(article.article_id, c) for c in claims]
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
        with self.transaction():
            olds = {self._path_target(a.article) for a, _ in batch}
            self.conn.executemany(
                "DELETE FROM articles WHERE article_id = ?", [(a.article_id,) for a, _ in batch]
            )
            self.conn.executemany(
                INSERT_ARTICLE, [article_row(a, model, rules, now) for a, _ in batch]
            )
            rows = [claim_row(a.article_id, c) for a, claims in batch for c in claims]
            self.conn.executemany(INSERT_CLAIM, rows)
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
        return dict(self.conn.execute(METRIC_COUNTS, (article_id, path)))

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
        sql = f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE 1 = 1"
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
        sql = f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.article_id IN "
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

    def _claim_reader(self, cursor: sqlite3.Cursor) -> ClaimReader:
        return ClaimReader(
            cursor.execute(
                "SELECT article_id, article, publisher, published, story, copy_of FROM articles"
            ).fetchall(),
            cursor.execute(
                "SELECT path, article_id, publisher, published FROM paths WHERE own = 1"
            ).fetchall(),
        )

    def _read_claims(self, read: ClaimReader, found: sqlite3.Cursor) -> list[Claim]:
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
                    f"{row[2]}-{row[3]}) cannot be read: {problem_of(exc)}; extract its article "
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

    def articles(self) -> list[Article]:
        rows = self.conn.execute("SELECT * FROM articles ORDER BY article").fetchall()
        return [
            Article(
                article=r["article"],
                article_id=r["article_id"],
                publisher=r["publisher"],
                published=parse_date(r["published"]),
                title=r["title"],
                url=r["url"],
                publisher_source=r["publisher_source"],
                published_source=r["published_source"],
                story=r["story"],
                story_source=r["story_source"],
            )
            for r in rows
        ]

    # --- stories and copies: the SQL of `reconciliation.stories` and `.copies` ----------------

    def story_rows(self) -> list[StoryRow]:
        """Every article as story clustering reads it (features parsed here, once)."""
        return list(self._story_rows("1 = 1", "article"))

    def has_unclustered(self) -> bool:
        """Whether some article with features has no story yet."""
        return bool(
            self.conn.execute(
                "SELECT 1 FROM articles WHERE story IS NULL AND features IS NOT NULL LIMIT 1"
            ).fetchone()
        )

    def story_features(self) -> Iterator[dict[str, object]]:
        """Every article's story features, streamed (for the term counts of clustering)."""
        for (f,) in self.conn.execute("SELECT features FROM articles WHERE features IS NOT NULL"):
            yield json.loads(f)

    def clustered_rows(self) -> Iterator[StoryRow]:
        """The articles that have a story, by name."""
        return self._story_rows("story IS NOT NULL AND features IS NOT NULL", "article")

    def unclustered_rows(self) -> Iterator[StoryRow]:
        """The articles without a story, earliest first (undated last)."""
        return self._story_rows(
            "story IS NULL AND features IS NOT NULL",
            "coalesce(published, '9999-12-31'), article",
        )

    def set_stories(self, assigned: Sequence[tuple[str, str]]) -> int:
        """Write (article_id, story) pairs found by clustering; the caller holds the transaction."""
        self.conn.executemany(
            "UPDATE articles SET story = ?, story_source = 'cluster' WHERE article_id = ?",
            [(sid, aid) for aid, sid in assigned],
        )
        return len(assigned)

    def merge_stories(self, merges: dict[str, str]) -> None:
        """Move clustered stories' articles into the stories they were merged into (a story a
        manifest named is never moved); the caller holds the transaction."""
        self.conn.executemany(
            "UPDATE articles SET story = ? WHERE story = ? AND story_source = 'cluster'",
            [(new, old) for old, new in merges.items()],
        )

    def _story_rows(self, where: str, order: str) -> Iterator[StoryRow]:
        """Story rows read a chunk at a time (the query is sorted before its first row, so
        writing assignments meanwhile cannot move rows under it)."""
        cursor = self.conn.execute(
            "SELECT article_id, article, published, features, story, story_source, title "
            f"FROM articles WHERE {where} ORDER BY {order}"
        )
        while rows := cursor.fetchmany(500):
            for r in rows:
                yield StoryRow(
                    r[0], r[1], parse_date(r[2]), json.loads(r[3]) if r[3] else None, r[4], r[5], r[6]
                )

    def uncompared_stories(self) -> list[str]:
        """Stories that gained an article not yet compared for copies."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT story FROM articles "
                "WHERE copy_state < 2 AND story IS NOT NULL AND minhash IS NOT NULL"
            )
        ]

    def copy_roots(self, story: str, fmt: str) -> dict[str, str]:
        """Each signed article of a story → the first of its copy cluster (itself if none)."""
        return {
            aid: copy_of or aid
            for aid, copy_of in self.conn.execute(
                f"SELECT article_id, copy_of {_SIGNED}", (story, fmt)
            )
        }

    def copy_signatures(
        self, story: str, fmt: str
    ) -> tuple[
        Iterator[tuple[str, dict[str, object], bool]],
        Iterator[tuple[str, int, dict[str, object], bool]],
    ]:
        """A story's signatures, undated (by id) and dated (by date, as ordinals), each with
        whether it is new to comparison. Both reads are sorted before their first row, so joining
        clusters meanwhile cannot move rows under them."""
        undated = (
            (aid, json.loads(raw), state < 2)
            for aid, state, raw in self.conn.execute(
                f"SELECT article_id, copy_state, minhash {_SIGNED} AND published IS NULL "
                "ORDER BY article_id",
                (story, fmt),
            ).fetchall()
        )
        dated = (
            (aid, dt.date.fromisoformat(day).toordinal(), json.loads(raw), state < 2)
            for aid, day, state, raw in self.conn.execute(
                f"SELECT article_id, published, copy_state, minhash {_SIGNED} "
                "AND published IS NOT NULL ORDER BY published, article_id",
                (story, fmt),
            )
        )
        return undated, dated

    def join_copy_roots(self, roots: Iterable[str]) -> str:
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

    def mark_compared(self) -> None:
        """Every article has been compared for copies."""
        self.conn.execute("UPDATE articles SET copy_state = 2 WHERE copy_state < 2")

    def copy_count(self) -> int:
        return self.conn.execute(
            "SELECT count(*) FROM articles WHERE copy_of IS NOT NULL"
        ).fetchone()[0]

    # --- helpers ---------------------------------------------------------------------------

    def transaction(self) -> sqlite3.Connection:
        """The connection as a context manager: commits, or rolls back on an exception."""
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
