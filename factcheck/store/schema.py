"""The store's schema as its history: each migration a step, the version in `PRAGMA user_version`.

A store from any earlier version is brought forward in one transaction; a newer one, or an SQLite
file another program made, is refused untouched. Add a step at the end; never edit a past one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from factcheck.errors import StoreError
from factcheck.store.connect import retry_locked

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
    # 12: whether a figure is vague, as extraction read it (grouping drops vague figures and
    # read the text again to know); NULL in claims stored before it: grouping still reads those
    """
    ALTER TABLE claims ADD COLUMN vague INTEGER;
    """,
    # 13: the one-act happening a figure counts and its date (grouping keeps an event's count
    # apart from running totals and from other days' events); NULL where none or not read
    """
    ALTER TABLE claims ADD COLUMN event TEXT;
    """,
]


SCHEMA_VERSION = len(MIGRATIONS)


OWN_TABLES = frozenset({"articles", "paths", "claims", "copy_bands"})


def statements(script: str) -> Iterator[str]:
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


def check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database another program made, and a store a newer factcheck wrote."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        # a database another program made: factcheck's tables must not be added to it
        # (factcheck's own tables may appear between the two reads: another run creating
        # this store at the same moment commits them with its version)
        others = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            if r[0] not in OWN_TABLES
        ]
        if others:
            shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
            raise StoreError(
                f"{path}: an SQLite database that is not a factcheck store "
                f"(it holds {shown}); not touched, give another --db"
            )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer factcheck (schema {version} > {SCHEMA_VERSION}); "
            "not touched"
        )

def migrate(conn: sqlite3.Connection, path: Path, *, readonly: bool = False) -> None:
    """Bring an older store up to SCHEMA_VERSION, all steps in one transaction.

    The write lock is taken (BEGIN IMMEDIATE) before the version is read again, so when two
    runs open a new store at once one of them creates the tables and the other finds them.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if readonly:
        raise StoreError(f"{path}: store needs an upgrade; open it once with `extract`")
    retry_locked(lambda: conn.execute("BEGIN IMMEDIATE"))
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for i in range(version, SCHEMA_VERSION):
            for statement in statements(MIGRATIONS[i]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {i + 1}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
