"""Issue 5: nothing lost under interruption or concurrency, nothing broken by hostile input.

Everything here runs `python -m factcheck` as a user does, in subprocesses that are killed,
interrupted and run side by side. A corpus of a couple of hundred short articles is extracted
once, cleanly, into a reference store; every other run is compared with it claim for claim, so
"nothing lost" means every article present once, each with exactly the claims a clean run gives.
Waits poll the store and have generous limits; nothing asserts on how long anything takes.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.store import MIGRATIONS, SCHEMA_VERSION, Store
from tests._stderr import without_date_note

pytestmark = pytest.mark.issue(5)

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
ARTICLES = 200
TIMEOUT = 300
"""Seconds any one run may take on a loaded machine before the test gives up on it."""

Snapshot = dict[str, tuple[tuple[object, ...], ...]]
"""article_id → its claims as (start, end, text, value, qualifier, metric), sorted."""


# --- helpers -------------------------------------------------------------------------------


def start(*args: object, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    """A test run in the background (CI, `pytest &`) ignores SIGINT, and a child inherits that:
    Python then leaves Ctrl-C ignored instead of raising KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(
    *args: object, cwd: Path, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*(prefix or []), sys.executable, "-m", "factcheck", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc


def wait_until(done: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout}s waiting for {what}")
        time.sleep(0.02)


def snapshot(db: Path) -> Snapshot:
    """What a reader sees, in one statement and so one consistent read."""
    if not db.exists():
        return {}
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=TIMEOUT)
        try:
            rows = conn.execute(
                'SELECT a.article_id, c.start, c."end", c.text, c.value, c.qualifier, c.metric '
                "FROM articles a LEFT JOIN claims c USING (article_id)"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # created, not yet migrated
            return {}
        raise
    found: dict[str, list[tuple[object, ...]]] = {}
    for article_id, *claim in rows:
        found.setdefault(article_id, [])
        if claim[0] is not None:
            found[article_id].append(tuple(claim))
    return {k: tuple(sorted(v, key=repr)) for k, v in found.items()}


def duplicates(db: Path) -> list[tuple[object, ...]]:
    with Store(db, readonly=True) as store:
        return store.conn.execute(
            'SELECT article_id, start, "end", count(*) FROM claims '
            'GROUP BY article_id, start, "end" HAVING count(*) > 1'
        ).fetchall()


def assert_whole(seen: Snapshot, reference: Snapshot) -> None:
    """Every article a reader can see has all its claims: none is half written."""
    unknown = set(seen) - set(reference)
    assert not unknown, f"articles no clean run stores: {sorted(unknown)[:3]}"
    partial = [a for a in seen if seen[a] != reference[a]]
    assert not partial, f"{len(partial)} articles differ from a clean run, e.g. {partial[0]}"


def unprivileged() -> list[str]:
    """A command prefix under which file modes bind: none for a normal user; for root, setpriv
    dropping the capabilities that override them (root ignores chmod otherwise)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [
        setpriv or "setpriv",
        "--bounding-set",
        "-dac_override,-dac_read_search,-fowner",
        "--",
    ]
    if setpriv is None or subprocess.run([*prefix, "true"], check=False).returncode != 0:
        pytest.skip("running as root and cannot drop capabilities: file modes do not bind")
    return prefix


# --- the corpus and a clean run over it ------------------------------------------------------


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A folder holding `corpus/`: short, distinct articles built from the seeds' sentences."""
    root = tmp_path_factory.mktemp("hardening")
    sentences = [
        s.strip()
        for f in sorted(SEEDS.glob("*.txt"))
        for s in re.split(r"(?<=[.!?])\s+", f.read_text(encoding="utf-8"))
        if re.search(r"\d", s) and 40 < len(s.strip()) < 220 and "\n" not in s.strip()
    ]
    assert len(sentences) > 20
    rng = random.Random(5)
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(ARTICLES):
        if i % 25 == 7:
            body = "Talks resumed in Cairo on Monday, officials said."  # no figures at all
        else:
            body = " ".join(rng.sample(sentences, 3))
        (corpus / f"a{i:04d}.txt").write_text(f"Dispatch {i}\n\n{body}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def reference(work) -> Snapshot:
    """One uninterrupted run: what every other run must end up with."""
    proc = run("extract", "corpus", "--db", "reference.db", "-q", cwd=work)
    assert proc.returncode == 0, proc.stderr
    seen = snapshot(work / "reference.db")
    assert len(seen) == ARTICLES
    assert sum(1 for claims in seen.values() if claims) > ARTICLES * 0.9
    return seen


def copy_store(work: Path, dest: Path) -> Path:
    src = sqlite3.connect(f"{(work / 'reference.db').resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(dest)
    src.backup(dst)
    src.close()
    dst.close()
    return dest


# --- interruption --------------------------------------------------------------------------


def _interrupt_when(proc: subprocess.Popen[str], db: Path, articles: int, sig: int, pause: float):
    """Send `sig` once the store holds `articles` articles (and `pause` seconds more)."""
    wait_until(
        lambda: proc.poll() is not None or len(snapshot(db)) >= articles,
        f"{articles} articles in the store",
    )
    assert proc.poll() is None, "the run finished before it could be interrupted"
    time.sleep(pause)
    proc.send_signal(sig)
    try:
        _, stderr = proc.communicate(timeout=TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, stderr


def _finish(work: Path, db: Path, reference: Snapshot, stored: int) -> None:
    """The next run completes the rest; the store then equals a clean run's."""
    proc = run("extract", "corpus", "--db", db.name, cwd=work)
    assert proc.returncode == 0, proc.stderr
    claims = sum(len(c) for c in reference.values())
    assert without_date_note(proc.stderr) == [
        f"{ARTICLES - stored} new, {stored} already stored, 0 failed; {claims} claims"
    ]
    assert snapshot(db) == reference
    assert duplicates(db) == []


def test_kill_9_at_startup_and_mid_run_loses_nothing(work, reference):
    db = work / "killed.db"
    seed = random.randrange(10**6)
    print(f"kill -9 seed {seed}")  # in the report of a failure: replays the same targets
    rng = random.Random(seed)

    # while Python imports, the store is created and the model loads
    delay = rng.uniform(0.0, 1.5)
    proc = start("extract", "corpus", "--db", db.name, "-q", cwd=work)
    time.sleep(delay)
    proc.kill()
    proc.wait(timeout=TIMEOUT)
    at_startup = len(snapshot(db))

    # mid-run, at a random article and a random moment within its batch
    target = rng.randint(1, ARTICLES // 2)
    proc = start("extract", "corpus", "--db", db.name, "-q", cwd=work)
    code, _ = _interrupt_when(proc, db, target, signal.SIGKILL, rng.uniform(0, 0.05))
    assert code == -signal.SIGKILL
    with Store(db) as store:  # opens, recovering from the WAL as needed
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    seen = snapshot(db)
    assert_whole(seen, reference)
    assert duplicates(db) == []
    print(
        f"kill -9: first run killed after {delay:.2f}s with {at_startup} "
        f"articles stored; second killed once {target} were stored, holding {len(seen)} "
        f"articles / {sum(len(c) for c in seen.values())} claims, all whole"
    )
    _finish(work, db, reference, len(seen))


def test_ctrl_c_saves_what_it_says_and_the_next_run_finishes(work, reference):
    db = work / "interrupted.db"
    seed = random.randrange(10**6)
    print(f"Ctrl-C seed {seed}")
    rng = random.Random(seed)
    target = rng.randint(1, ARTICLES // 2)
    proc = start("extract", "corpus", "--db", db.name, "-q", cwd=work)
    code, stderr = _interrupt_when(proc, db, target, signal.SIGINT, rng.uniform(0, 0.05))
    assert "Traceback" not in stderr
    assert code == 130, stderr
    [line] = stderr.splitlines()
    assert "interrupted" in line and "saved" in line, line
    seen = snapshot(db)
    assert_whole(seen, reference)
    assert duplicates(db) == []
    m = re.search(r"(\d+) articles saved this run \((\d+) claims\)", line)
    if m:  # the lead's wording; the stable parts are asserted above
        saved, claims = int(m[1]), int(m[2])
        # Ctrl-C can land between an article's commit and its count: then one more is stored
        assert saved <= len(seen) <= saved + 1, line
        if saved == len(seen):
            assert claims == sum(len(c) for c in seen.values()), line
    print(
        f"Ctrl-C: interrupted once {target} articles were stored; "
        f"store holds {len(seen)} articles / {sum(len(c) for c in seen.values())} claims; "
        f"stderr: {line!r}"
    )
    _finish(work, db, reference, len(seen))


# --- concurrency ---------------------------------------------------------------------------


def test_two_extracts_and_readers_at_once(work, reference):
    """Two runs over overlapping inputs on one new store, from opposite ends, while the store
    is read in between and `conflicts` runs: all succeed, nothing twice, nothing half."""
    db = work / "shared.db"
    files = sorted(p.relative_to(work).as_posix() for p in (work / "corpus").glob("*.txt"))
    a = start("extract", "corpus", "--db", db.name, "-q", cwd=work)
    b = start("extract", *reversed(files[len(files) // 3 :]), "--db", db.name, "-q", cwd=work)
    reads, conflicts, overlapped = 0, None, False
    try:
        deadline = time.monotonic() + 2 * TIMEOUT
        while a.poll() is None or b.poll() is None:
            assert time.monotonic() < deadline, "the runs did not finish"
            seen = snapshot(db)
            assert_whole(seen, reference)
            reads += 1
            if conflicts is None and seen:
                overlapped = a.poll() is None and b.poll() is None
                conflicts = run("conflicts", "--db", db.name, "-f", "json", cwd=work)
            time.sleep(0.05)
        a_err, b_err = a.communicate(timeout=TIMEOUT)[1], b.communicate(timeout=TIMEOUT)[1]
    finally:
        for p in (a, b):
            if p.poll() is None:
                p.kill()
                p.wait()
    assert (a.returncode, a_err) == (0, "")
    assert (b.returncode, b_err) == (0, "")
    assert conflicts is not None, "the store never showed an article while the runs wrote"
    assert conflicts.returncode == 0, conflicts.stderr
    assert "locked" not in conflicts.stderr
    assert isinstance(json.loads(conflicts.stdout), list)
    assert snapshot(db) == reference
    assert duplicates(db) == []
    print(
        f"concurrency: {reads} consistent reads while both runs wrote; conflicts ran "
        f"{'while both were writing' if overlapped else 'while one was writing'}"
    )


# --- hostile files in one run --------------------------------------------------------------


def test_hostile_files_fail_alone_one_line_each(tmp_path):
    good = "The Health Ministry said 48,453 people had been killed in Gaza.\n"
    (tmp_path / "good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "crlf.txt").write_bytes(
        b"Gaza update\r\n\r\nOfficials said more than 250 hostages were taken.\r\n"
    )
    with (tmp_path / "big.txt").open("wb") as f:
        f.truncate(50_000_000)  # by stat 50 MB; all NUL, so reading it first would say "binary"
    (tmp_path / "long.txt").write_text("Officials said 40 people were killed. " * 30_000)
    (tmp_path / "nul.txt").write_bytes(good.encode() * 200 + b"\x00" + good.encode())
    (tmp_path / "mixed.txt").write_bytes("Café said ".encode() + b"caf\xe9 12 killed.\n")
    names = ["good.txt", "big.txt", "long.txt", "nul.txt", "mixed.txt", "crlf.txt"]
    proc = run("extract", *names, "--db", "s.db", "-f", "jsonl", cwd=tmp_path)
    assert proc.returncode == 1
    *errors, summary = without_date_note(proc.stderr)
    assert errors == [
        "factcheck: big.txt: larger than 20 MB; split it into articles",
        "factcheck: long.txt: longer than 1,000,000 characters; split it into articles",
        f"factcheck: nul.txt: binary file, not text (NUL byte at offset {len(good) * 200})",
        "factcheck: mixed.txt: not UTF-8 (byte 0xe9 at offset 14; looks like Windows-1252: --encoding windows-1252 reads it)",
    ]
    assert summary.startswith("2 new, 0 already stored, 4 failed; ")
    claims = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {c["article"] for c in claims} == {"good.txt", "crlf.txt"}
    for c in claims:
        assert (tmp_path / c["article"]).read_text()[c["start"] : c["end"]] == c["text"]


# --- bad stores ----------------------------------------------------------------------------


def _newer(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()


def _corrupt(db: Path) -> None:
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)


def _notes(db: Path) -> None:
    db.write_text("my notes, not a store\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_newer, f"written by a newer factcheck (schema {SCHEMA_VERSION + 1} > {SCHEMA_VERSION})"),
        (_corrupt, "cannot open store (file is not a database)"),
        (_notes, "not a factcheck store (not an SQLite file)"),
    ],
    ids=["newer", "corrupt", "not-sqlite"],
)
@pytest.mark.parametrize("command", ["extract", "claims", "conflicts"])
def test_a_bad_store_is_one_line_and_left_byte_for_byte(tmp_path, make, problem, command):
    db = tmp_path / "bad.db"
    make(db)
    before = db.read_bytes()
    args = ["missing.txt"] if command == "extract" else []
    proc = run(command, *args, "--db", "bad.db", cwd=tmp_path)
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"factcheck: bad.db: {problem}"), line
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]


def test_an_older_store_is_migrated_by_extract_and_refused_by_readers(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for sql in MIGRATIONS[: SCHEMA_VERSION - 1]:
        conn.executescript(sql)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.execute("CREATE TABLE kept (x)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    proc = run("claims", "--db", "old.db", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "factcheck: old.db: store needs an upgrade; open it once with `extract`"
    ]
    assert db.read_bytes() == before
    # an input that fails keeps spaCy unloaded; the store is still opened, so migrated
    proc = run("extract", "missing.txt", "--db", "old.db", "-q", cwd=tmp_path)
    assert proc.stderr.splitlines() == ["factcheck: missing.txt: no such file or folder"]
    with Store(db, readonly=True) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"kept", "articles", "claims", "paths"} <= tables
    assert run("claims", "--db", "old.db", "-f", "json", cwd=tmp_path).stdout.strip() == "[]"


@pytest.mark.parametrize("read_only", ["file", "folder", "both"])
def test_a_read_only_store_serves_readers_and_extract_says_why_not(
    work, reference, tmp_path, read_only
):
    prefix = unprivileged()
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = copy_store(work, folder / "store.db")
    (tmp_path / "new.txt").write_text("Officials said 40 people were killed.\n", encoding="utf-8")
    if read_only in ("file", "both"):
        db.chmod(0o444)
    if read_only in ("folder", "both"):
        folder.chmod(0o555)
    before = db.read_bytes()
    try:
        claims = run("claims", "--db", db, "-f", "json", cwd=tmp_path, prefix=prefix)
        assert claims.returncode == 0, claims.stderr
        assert len(json.loads(claims.stdout)) == sum(len(c) for c in reference.values())
        conflicts = run("conflicts", "--db", db, "-f", "json", cwd=tmp_path, prefix=prefix)
        assert conflicts.returncode == 0, conflicts.stderr
        assert json.loads(conflicts.stdout)
        extract = run("extract", "new.txt", "--db", db, "-q", cwd=tmp_path, prefix=prefix)
        assert extract.returncode == 1
        [line] = extract.stderr.splitlines()
        why = "store is read-only" if read_only != "folder" else f"folder {folder} is read-only"
        assert line.startswith(f"factcheck: {db}: {why}; `extract` "), line
        assert db.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["store.db"]
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


# --- queries -------------------------------------------------------------------------------

HOSTILE = [
    "'; DROP TABLE claims; --",
    "killed'; DELETE FROM articles; --",
    "' OR '1'='1",
    '" OR 1=1 --',
    "%",
    "_",
    "%killed%",
    "k_lled",
    "*",
    "corpus/a0001.txt' OR '1'='1",
]


def test_hostile_filter_values_are_only_values(work, reference, tmp_path):
    """Every filter reaches SQLite as a parameter: nothing matches, nothing changes."""
    db = copy_store(work, tmp_path / "q.db")
    before = db.read_bytes()
    runner = CliRunner()
    commands = [
        *(["claims", "--metric", v] for v in HOSTILE),
        *(["claims", "--article", v] for v in HOSTILE),
        *(["conflicts", "--metric", v] for v in HOSTILE),
    ]
    for args in commands:
        result = runner.invoke(app, [*args, "--db", str(db), "-f", "json"])
        assert result.exit_code == 0, (args, result.stderr)
        assert json.loads(result.stdout) == [], args
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert snapshot(db) == reference
    # and the filters still work for a real value
    result = runner.invoke(app, ["claims", "--metric", "killed", "--db", str(db), "-f", "json"])
    assert {c["metric"] for c in json.loads(result.stdout)} == {"killed"}


def _wait_for_saved_articles(db: Path, proc: subprocess.Popen[str], limit: float = 60.0) -> None:
    """Until the run has committed an article (so its workers are parsing), not a fixed sleep:
    a fast machine finished a fixed-size corpus before a fixed sleep ended."""
    import sqlite3

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
                if conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.1)
    raise AssertionError("the run saved no article in time")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_a_signal_with_workers_stops_them_and_says_what_was_saved(tmp_path, sig):
    """SIGTERM (a supervisor, a CI timeout) during `--jobs 2`: the workers stop with the parent
    (none left holding its stderr), the run ends with Ctrl-C's line and 143, and the store
    opens with whole articles only. After kill -9 (the OOM killer) the parent can say nothing,
    but no worker outlives it either."""
    import uuid

    folder = tmp_path / "in"
    folder.mkdir()
    body = "Floods killed {n} people in the valley, officials said on Monday. " * 40
    for n in range(600):  # far more than the workers parse before the signal lands
        (folder / f"a{n:03d}.txt").write_text(body.format(n=n + 2) + "\n")
    mark = uuid.uuid4().hex
    env = {**os.environ, "FACTCHECK_TEST_MARK": mark}
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "extract", str(folder), "--db", str(tmp_path / "s.db"),
         "--jobs", "2", "-q"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    _wait_for_saved_articles(tmp_path / "s.db", proc)  # the workers are up and parsing
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)  # returns: nothing holds the pipe open
    if sig == signal.SIGTERM:
        assert proc.returncode == 143, stderr
        assert "interrupted;" in stderr and "Traceback" not in stderr
    else:
        assert proc.returncode == -signal.SIGKILL
    time.sleep(1)
    left = []
    for env_file in Path("/proc").glob("[0-9]*/environ"):
        try:
            if mark.encode() in env_file.read_bytes():
                left.append(env_file.parent.name)
        except OSError:
            continue
    assert left == []
    from factcheck.store import Store

    with Store(tmp_path / "s.db", readonly=True) as store:
        for article in store.articles():
            assert store.metric_counts(article.article_id)  # every stored article is whole


def test_a_signal_outside_extract_says_so_and_exits_with_its_status(monkeypatch, capsys):
    """typer turns an interrupt into a silent exit 130; a SIGTERM while `claims` writes is
    reported and exits 143."""
    import factcheck.cli as cli

    def interrupted() -> None:
        try:
            cli._on_signal(signal.SIGTERM, None)
        except KeyboardInterrupt:
            raise SystemExit(130) from None

    monkeypatch.setattr(cli, "app", interrupted)
    monkeypatch.setattr(cli, "_SIGNALLED", [])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 143
    assert "interrupted" in capsys.readouterr().err


# --- conflicts' judging workers -----------------------------------------------------------


def _judged_store(tmp_path: Path, n: int) -> Path:
    from factcheck.measure.synthetic import build_store

    db = tmp_path / "judged.db"
    build_store(db, n)
    return db


def test_conflicts_workers_stop_on_a_bad_row(tmp_path) -> None:
    """A story whose stored row cannot be read fails the run (exit 1, the problem said), with
    every worker gone: nothing waits on a worker stopped mid-reply."""
    db = _judged_store(tmp_path, 6_000)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE claims SET qualifier = 'bogus' WHERE rowid = 3000")
    for _ in range(3):
        proc = start("conflicts", "--db", db, "--jobs", "2", "-f", "json", cwd=tmp_path)
        _, stderr = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 1 and "qualifier" in stderr, stderr
        assert stderr.count("\n") == 1 and "cannot be read" in stderr, stderr


def test_conflicts_interrupted_while_judging_in_workers_exits(tmp_path) -> None:
    """Ctrl-C while two workers judge (to the process group, as a terminal sends it): queued
    stories are dropped, the running ones finish, and the run exits with nothing on stdout. A
    second Ctrl-C while it waits for them ends it at once; either way it never hangs."""
    # judging these takes about 2 s here (after 0.4 s of start): every Ctrl-C below lands
    # while workers judge, not while the table is written (an interrupted write leaves what
    # it wrote, as any program's does)
    db = _judged_store(tmp_path, 150_000)
    for delay, again in ((0.8, None), (1.5, None), (0.8, 0.2), (1.2, 0.1), (1.0, 0.3)):
        proc = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "conflicts", "--db", str(db), "--jobs", "2"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=_default_sigint, start_new_session=True,
        )  # fmt: skip
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)
        if again is not None:
            time.sleep(again)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
        # 0: it had finished; -2: the second Ctrl-C came as Python was exiting (a shell says 130)
        assert proc.returncode in (130, 0, -signal.SIGINT), (proc.returncode, stderr)
        if proc.returncode != 0:
            assert stdout == ""


def test_ctrl_c_while_the_cli_imports_is_one_line() -> None:
    """A Ctrl-C in the first tenth of a second lands while the CLI's modules import: the
    entry point says so in one line and exits 130, no traceback. (The interrupt is raised by
    an import hook, where a real one would land, so the test does not race the clock.)"""
    hook = (
        "import sys\n"
        "class Interrupt:\n"
        "    @staticmethod\n"
        "    def find_spec(name, *args):\n"
        "        if name == 'factcheck.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt)\n"
        "sys.argv = ['factcheck', '--help']\n"
        "import runpy\n"
        "runpy.run_module('factcheck', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", hook], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 130
    assert done.stdout == ""
    assert done.stderr == "factcheck: interrupted; nothing was changed\n"
