"""Opening a store's file: where it is (--db, $FACTCHECK_DB, ./factcheck.db), whether it may be
written, and waiting on another run's write lock instead of failing. Nothing here knows the schema.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from factcheck.errors import StoreError

DEFAULT_DB = "factcheck.db"


ENV_VAR = "FACTCHECK_DB"


T = TypeVar("T")


def resolve_db_path(db: str | Path | None) -> Path:
    """--db, then $FACTCHECK_DB, then ./factcheck.db."""
    return Path(db or os.environ.get(ENV_VAR) or DEFAULT_DB)


LOCK_WAIT = 30.0
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
    conn = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT)
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


def retry_locked(run: Callable[[], T]) -> T:
    """`run()`, again while SQLite answers "database is locked" without waiting (as it does for
    a journal-mode switch), for up to LOCK_WAIT seconds."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            return run()
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _looks_like_sqlite(path: Path) -> bool:
    if not path.is_file():
        return False  # a folder, a device or a pipe: never opened, never written
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: {exc.strerror or exc}") from exc
    return head == b"" or head.startswith(b"SQLite format 3\x00")


def open_connection(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the store's file, set up to wait for locks and keep foreign keys; a file
    that is not SQLite, or that this user may not write, is refused before it is touched."""
    if path.exists() and not _looks_like_sqlite(path):
        raise StoreError(f"{path}: not a factcheck store (not an SQLite file); not touched")
    if not readonly:
        _check_writable(path)
    try:
        conn = _connect_readonly(path) if readonly else sqlite3.connect(path, timeout=LOCK_WAIT)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open store ({exc})") from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(LOCK_WAIT * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: cannot open store ({exc})") from exc
    return conn


def use_wal(conn: sqlite3.Connection) -> None:
    """WAL lets readers and a second writer wait instead of failing. Switching needs the file to
    itself, and SQLite does not wait for that."""
    retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
    conn.execute("PRAGMA synchronous = NORMAL")
