"""store/: round-trips, replacement by content hash, migrations, refusal, parameters only."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

import factcheck.store.schema as store_module
from factcheck.errors import StoreError
from factcheck.models import Article, Claim
from factcheck.store import (
    DEFAULT_DB,
    ENV_VAR,
    MIGRATIONS,
    SCHEMA_VERSION,
    Store,
    resolve_db_path,
)
from factcheck.store.schema import statements

MODEL, RULES = "en_core_web_sm==3.8.0", "2"


def make_article(path: str = "seeds/a.txt", text: str = "text a") -> Article:
    return Article(
        article=path,
        article_id=hashlib.sha256(text.encode()).hexdigest(),
        publisher="Reuters",
        published=dt.date(2025, 2, 4),
        title="Toll rises",
        publisher_source="manifest",
        published_source="header",
        url="https://example.org/a",
    )


def make_claim(article: Article, start: int = 10, value: float = 48_453, **kw) -> Claim:
    fields = {
        "article": article.article,
        "article_id": article.article_id,
        "publisher": article.publisher,
        "published": article.published,
        "text": "at least 48,453",
        "start": start,
        "end": start + 15,
        "sentence": "At least 48,453 people have been killed in Gaza.",
        "value": value,
        "value_high": None,
        "qualifier": "at_least",
        "metric": "killed",
        "counted": "people",
        "subject": "Gaza",
        "attribution": "Gaza Health Ministry",
        "as_of": dt.date(2025, 2, 3),
        "as_of_source": "text",
        "subject_source": "text",
        "part": None,
        "episode": False,
        "evidence": ["metric:killed", "subject:ent"],
    }
    fields.update(kw)
    return Claim(**fields)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "store.db"


def test_claims_round_trip(db):
    art = make_article()
    claims = [
        make_claim(art, start=40, value=1.5, text="1.5", metric="displaced", qualifier="exact"),
        make_claim(art, start=10),
        make_claim(
            art,
            start=70,
            value=3,
            value_high=4,
            text="three or four",
            qualifier="range",
            metric="hostages_held",
            subject=None,
            as_of=None,
            as_of_source="none",
            subject_source="none",
            part="Americans",
            episode=True,
            evidence=[],
        ),
    ]
    with Store(db) as store:
        assert store.save_article(art, claims, MODEL, RULES) == 3
    with Store(db, readonly=True) as store:
        got = list(store.claims())
        assert store.articles() == [art]
    assert got == sorted(claims, key=lambda c: c.start)
    assert isinstance(got[0].value, int) and isinstance(got[1].value, float)


def test_saving_the_same_article_twice_keeps_one_copy(db):
    art = make_article()
    with Store(db) as store:
        store.save_article(art, [make_claim(art)], MODEL, RULES)
        store.save_article(art, [make_claim(art), make_claim(art, start=50)], MODEL, RULES)
        assert (store.article_count(), store.claim_count()) == (1, 2)


def test_a_changed_file_replaces_the_old_articles_claims(db):
    old = make_article("a.txt", "old text")
    new = make_article("a.txt", "new text")
    with Store(db) as store:
        store.save_article(old, [make_claim(old), make_claim(old, start=40)], MODEL, RULES)
        store.save_article(new, [make_claim(new, value=50_000)], MODEL, RULES)
        assert [a.article_id for a in store.articles()] == [new.article_id]
        assert [(c.article_id, c.value) for c in store.claims()] == [(new.article_id, 50_000)]


def test_an_article_another_path_still_names_is_kept(db):
    old = make_article("a.txt", "shared text")
    copy = old.model_copy(update={"article": "copy.txt"})
    new = make_article("a.txt", "new text")
    with Store(db) as store:
        store.save_article(old, [make_claim(old)], MODEL, RULES)
        store.link_path(copy)
        store.save_article(new, [make_claim(new)], MODEL, RULES)
        assert {a.article_id for a in store.articles()} == {old.article_id, new.article_id}
        assert [c.article_id for c in store.claims(article="copy.txt")] == [old.article_id]


def test_link_path_to_new_text_drops_the_orphaned_article(db):
    old = make_article("a.txt", "old text")
    new = make_article("b.txt", "new text")
    with Store(db) as store:
        store.save_article(old, [make_claim(old)], MODEL, RULES)
        store.save_article(new, [make_claim(new)], MODEL, RULES)
        store.link_path(new.model_copy(update={"article": "a.txt"}))
        assert [a.article_id for a in store.articles()] == [new.article_id]


def test_is_current_by_article_model_and_rules(db):
    art = make_article()
    with Store(db) as store:
        assert not store.is_current(art.article_id, MODEL, RULES)
        store.save_article(art, [], MODEL, RULES)
        assert store.is_current(art.article_id, MODEL, RULES)
        assert not store.is_current(art.article_id, "en_core_web_md==3.8.0", RULES)
        assert not store.is_current(art.article_id, MODEL, "3")
        assert not store.is_current("0" * 64, MODEL, RULES)


def test_filters(db):
    a = make_article("a.txt", "text a")
    b = make_article("b.txt", "text b")
    with Store(db) as store:
        wounded = make_claim(a, start=40, metric="wounded")
        store.save_article(a, [make_claim(a), wounded], MODEL, RULES)
        store.save_article(b, [make_claim(b)], MODEL, RULES)
        assert {c.metric for c in store.claims(metric="wounded")} == {"wounded"}
        assert len(list(store.claims(metric="killed"))) == 2
        assert {c.article for c in store.claims(article="a.txt")} == {"a.txt"}
        assert {c.article for c in store.claims(article=b.article_id[:8])} == {"b.txt"}
        assert {c.article for c in store.claims(article=b.article_id[:8].upper())} == {"b.txt"}
        assert [c.article for c in store.claims(article_ids=[a.article_id])] == ["a.txt"] * 2
        assert list(store.claims(article_ids=[])) == []


SQLISH = ["x' OR 1=1 --", "killed' --", '"); DROP TABLE claims; --', "%", "_"]


@pytest.mark.parametrize("value", SQLISH)
def test_sql_ish_filter_values_match_nothing_and_do_not_fail(db, value):
    art = make_article()
    with Store(db) as store:
        store.save_article(art, [make_claim(art)], MODEL, RULES)
        assert list(store.claims(metric=value)) == []
        assert list(store.claims(article=value)) == []
        assert list(store.claims(article_ids=[value])) == []
        assert store.claim_count() == 1


def test_journal_mode_is_wal(db):
    with Store(db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_new_store_has_the_current_schema_version(db):
    Store(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_non_sqlite_file_is_refused_and_left_byte_identical(db):
    db.write_text("file,publisher\nnot a database\n", encoding="utf-8")
    before = db.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not an SQLite file") as info:
            Store(db, readonly=readonly)
        assert str(db) in str(info.value)
        assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]


def test_another_programs_sqlite_database_is_refused_untouched(db):
    """A database with tables of its own (a browser history, an app's data) never gets
    factcheck's tables added to it, read-only or not."""
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places(url) VALUES ('https://example.org')")
    conn.close()
    before = db.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match=r"not a factcheck store \(it holds moz_places\)") as info:
            Store(db, readonly=readonly)
        assert "another --db" in str(info.value)
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name]
    # an empty SQLite file is still fine: it becomes a store
    empty = db.parent / "empty.db"
    sqlite3.connect(empty).close()
    with Store(empty) as store:
        assert store.article_count() == 0


def test_corrupt_sqlite_file_is_refused_untouched(db):
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="cannot open store"):
        Store(db)
    assert db.read_bytes() == before


def test_readonly_open_of_a_missing_store_creates_nothing(tmp_path):
    db = tmp_path / "sub" / "missing.db"
    with pytest.raises(StoreError, match="no such store"):
        Store(db, readonly=True)
    assert list(tmp_path.iterdir()) == []


def test_readonly_store_refuses_writes(db):
    art = make_article()
    Store(db).close()
    with Store(db, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.save_article(art, [], MODEL, RULES)


def test_readonly_open_of_a_path_with_uri_characters(tmp_path):
    db = tmp_path / "my #1 store?%20.db"
    art = make_article()
    with Store(db) as store:
        store.save_article(art, [make_claim(art)], MODEL, RULES)
    with Store(db, readonly=True) as store:
        assert store.claim_count() == 1
    assert not (tmp_path / "my ").exists()


def test_an_older_store_is_migrated(db):
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 0")
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "claims", "paths"} <= tables
        assert store.claim_count() == 0


def test_an_older_store_is_not_migrated_readonly(db):
    conn = sqlite3.connect(db)
    conn.executescript(store_module.MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="needs an upgrade"):
        Store(db, readonly=True)
    assert db.read_bytes() == before


@pytest.mark.parametrize("readonly", [False, True])
def test_a_newer_store_is_refused_and_left_as_it_was(tmp_path, readonly):
    db = tmp_path / "newer.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("CREATE TABLE future(x)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"newer factcheck \(schema 99 > "):
        Store(db, readonly=readonly)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


def test_resolve_db_path(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.db"))
    assert resolve_db_path("cli.db") == Path("cli.db")
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv(ENV_VAR)
    assert resolve_db_path(None) == Path(DEFAULT_DB)


# --- hardening (issue 5) -------------------------------------------------------------------


def _store_at_version(db: Path, version: int) -> None:
    """A store as an older factcheck left it: only the first `version` migrations applied."""
    conn = sqlite3.connect(db)
    for sql in MIGRATIONS[:version]:
        conn.executescript(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


@pytest.mark.issue(5)
def test_every_older_schema_version_is_migrated(tmp_path):
    for version in range(SCHEMA_VERSION):
        db = tmp_path / f"v{version}.db"
        _store_at_version(db, version)
        art = make_article()
        with Store(db) as store:
            assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            store.save_article(art, [make_claim(art)], MODEL, RULES)
        with Store(db, readonly=True) as store:
            assert [c.value for c in store.claims()] == [48_453]


def _add_next_migration(monkeypatch) -> int:
    """A pretend next migration, so the upgrade path is exercised before a real one exists."""
    step = "CREATE TABLE notes (note TEXT); INSERT INTO notes VALUES ('migrated; once');"
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, step])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    return SCHEMA_VERSION + 1


@pytest.mark.issue(5)
def test_an_older_store_with_data_is_migrated_and_keeps_it(db, monkeypatch):
    art = make_article()
    claims = [make_claim(art), make_claim(art, start=40, metric="wounded")]
    with Store(db) as store:
        store.save_article(art, claims, MODEL, RULES)
    version = _add_next_migration(monkeypatch)
    with pytest.raises(StoreError, match="needs an upgrade"):
        Store(db, readonly=True)
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == version
        assert [tuple(r) for r in store.conn.execute("SELECT note FROM notes")] == [
            ("migrated; once",)
        ]
        assert list(store.claims()) == claims
        assert store.is_current(art.article_id, MODEL, RULES)


@pytest.mark.issue(5)
def test_a_failing_migration_leaves_the_store_at_its_old_version(db, monkeypatch):
    art = make_article()
    with Store(db) as store:
        store.save_article(art, [make_claim(art)], MODEL, RULES)
    bad = "CREATE TABLE notes (note TEXT); INSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, bad])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="no such table: no_such_table"):
        Store(db)
    monkeypatch.undo()
    with Store(db) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert "notes" not in tables
        assert store.claim_count() == 1


def _open_at_once(db: Path, n: int) -> list[str]:
    """`n` threads open (and so create or migrate) the same store at the same moment."""
    barrier = threading.Barrier(n)
    results: list[str] = []

    def open_it() -> None:
        barrier.wait()
        try:
            Store(db).close()
            results.append("ok")
        except StoreError as exc:
            results.append(str(exc))

    threads = [threading.Thread(target=open_it) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.mark.issue(5)
def test_runs_that_create_a_store_at_once_all_succeed(tmp_path):
    """Two `extract` runs on a new store used to fail with "table articles already exists" or
    "database is locked": both saw version 0 and both migrated."""
    for attempt in range(10):
        db = tmp_path / f"new{attempt}.db"
        assert _open_at_once(db, 6) == ["ok"] * 6
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()


@pytest.mark.issue(5)
def test_runs_that_migrate_a_store_at_once_migrate_it_once(db, monkeypatch):
    with sqlite3.connect(db) as conn:
        for sql in MIGRATIONS:
            conn.executescript(sql)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.close()
    version = _add_next_migration(monkeypatch)
    assert _open_at_once(db, 6) == ["ok"] * 6
    with Store(db, readonly=True) as store:
        assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == version


@pytest.mark.issue(5)
def test_statements_split_where_sqlite_does():
    script = """
        CREATE TABLE a (x TEXT DEFAULT 'one; two');
        CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 'b;c'; END;
        -- a comment; with a semicolon
        INSERT INTO a VALUES ('x;y')
    """
    parts = list(statements(script))
    assert len(parts) == 3
    assert parts[1].startswith("CREATE TRIGGER") and parts[1].endswith("END;")
    assert parts[2].startswith("-- a comment") and "INSERT INTO a VALUES ('x;y')" in parts[2]
    conn = sqlite3.connect(":memory:")
    for p in parts:
        conn.execute(p)
    assert conn.execute("SELECT x FROM a").fetchall() == [("b;c",)]


@pytest.mark.issue(5)
def test_a_store_nobody_may_write_is_read_without_creating_files(tmp_path):
    """A reader of a WAL store creates -wal and -shm files beside it; for a store whose file
    has no write permission at all, `readonly` reads it as it is and leaves the folder alone."""
    db = tmp_path / "ro.db"
    art = make_article()
    with Store(db) as store:
        store.save_article(art, [make_claim(art)], MODEL, RULES)
    db.chmod(0o444)
    before = db.read_bytes()
    try:
        with Store(db, readonly=True) as store:
            assert store.claim_count() == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ro.db"]
        assert db.read_bytes() == before
    finally:
        db.chmod(0o644)


@pytest.mark.issue(5)
@pytest.mark.parametrize("readonly", [False, True])
def test_a_folder_as_store_is_refused(tmp_path, readonly):
    folder = tmp_path / "store.db"
    folder.mkdir()
    with pytest.raises(StoreError, match="not a factcheck store"):
        Store(folder, readonly=readonly)
    assert list(folder.iterdir()) == []


def test_a_stored_articles_metric_counts_are_read_by_its_article_not_by_path(tmp_path):
    """A re-run meets every stored article again: reading its counts must not scan the claims
    of every article (the path index, whose NULL most claims share)."""
    from factcheck.store import Store
    from factcheck.store.rows import METRIC_COUNTS

    with Store(tmp_path / "s.db") as store:
        plan = " ".join(
            str(r[-1]) for r in store.conn.execute(f"EXPLAIN QUERY PLAN {METRIC_COUNTS}", ("a", None))
        )
    assert "claims_article" in plan and "claims_path" not in plan


@pytest.mark.issue(29)
def test_issue_29_whether_a_figure_is_vague_is_stored_not_read_again(db):
    """Extraction's reading of a vague figure is stored and read back; a claim that never had
    one (a store before schema 12, a claim built by hand) reads as unknown, and grouping then
    reads the text."""
    article = make_article()
    claims = [
        make_claim(article, text="thousands", value=2_000, qualifier="at_least", vague=True),
        make_claim(article, start=40, vague=False),
        make_claim(article, start=70),
    ]
    with Store(db) as store:
        store.save_article(article, claims, MODEL, RULES)
        back = sorted(store.claims(), key=lambda c: c.start)
    assert [c.vague for c in back] == [True, False, None]
    assert back == claims
    assert back[0].model_dump(mode="json")["vague"] is True


@pytest.mark.issue(29)
def test_issue_29_grouping_takes_the_stored_reading_and_reads_the_text_only_when_unknown():
    from factcheck.reconciliation.groups import quantity_buckets

    article = make_article()
    firm = [make_claim(article, start=s, value=48_000 + s) for s in (10, 40)]
    said_vague = make_claim(article, start=70, text="48,453", vague=True)
    unknown_vague = make_claim(article, start=99, text="thousands", value=2_000)
    buckets = quantity_buckets([*firm, said_vague, unknown_vague])
    members = [c.start for b in buckets for c in b.members]
    assert sorted(members) == [10, 40]
