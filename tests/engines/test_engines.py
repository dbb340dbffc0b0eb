"""`extract --engine dask`: the same store as a plain run, one model load per worker, and a run
that survives a killed worker."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [str(ROOT / "seeds"), str(ROOT / "data" / "dev" / "articles")]


def _stored(db: Path) -> tuple[list[tuple], int]:
    """(every stored claim as a sortable row, articles stored)."""
    from factcheck.store import Store

    with Store(db, readonly=True) as store:
        claims = sorted(
            (c.article_id, c.start, c.end, c.text, c.value, c.metric, c.qualifier.value)
            for c in store.claims()
        )
        articles = store.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return claims, articles


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> tuple[list[tuple], int]:
    from factcheck.run import run_extract
    from factcheck.store import Store

    db = tmp_path_factory.mktemp("plain") / "plain.db"
    with Store(db) as store:
        run_extract(INPUTS, store, jobs=1, keep=False)
    return _stored(db)


@pytest.fixture(scope="module")
def client():
    """Two single-threaded worker processes on loopback, no dashboard; closed within a bound."""
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=50,
    )  # fmt: skip
    c = Client(cluster, timeout="60s")
    yield c
    c.close(timeout=30)
    cluster.close(timeout=30)


def test_the_cluster_stores_exactly_the_claims_of_a_plain_run_loading_the_model_once_a_worker(
    tmp_path, plain, client
):
    from factcheck.engines.cluster import worker_loads
    from factcheck.run import parts_dir, run_extract
    from factcheck.store import Store

    db = tmp_path / "dask.db"
    with Store(db) as store:
        reports = run_extract(INPUTS, store, engine="dask", client=client, partition_size=4)
        assert {r.status for r in reports} == {"new"}
        assert _stored(db) == plain
        assert not parts_dir(store).exists()  # every part file stored and removed
    assert sorted(client.run(worker_loads).values()) == [1, 1]  # once each, 7 tasks later


def test_a_worker_killed_mid_run_leaves_the_store_complete_and_without_duplicates(
    tmp_path, plain, client
):
    from factcheck.run import run_extract
    from factcheck.store import Store

    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = []

    def on_report(r) -> None:  # type: ignore[no-untyped-def]
        if not killed:  # after the first article is stored, while the others are parsing
            killed.append(victim)
            os.kill(victim, signal.SIGKILL)

    db = tmp_path / "killed.db"
    with Store(db) as store:
        run_extract(
            INPUTS, store, engine="dask", client=client, partition_size=2, on_report=on_report,
            keep=False,
        )  # fmt: skip
    assert killed
    assert _stored(db) == plain  # every article once, every claim once


def test_a_part_file_left_by_a_killed_run_is_stored_without_parsing(
    tmp_path, plain, client, monkeypatch
):
    """The driver died after a partition came back and before all of it was stored: the next
    run stores the rest of it from its part file, sending none of those texts again."""
    import factcheck.engines.cluster as cluster
    from factcheck.run import parts_dir, run_extract
    from factcheck.store import Store

    real = cluster.parse_on_dask

    def dies_at_the_sixth(*args, **kwargs):  # type: ignore[no-untyped-def]
        for n, item in enumerate(real(*args, **kwargs)):
            if n == 5:  # the second partition of 4: one of its articles stored, three not
                raise KeyboardInterrupt
            yield item

    db = tmp_path / "again.db"
    with Store(db) as store:
        monkeypatch.setattr(cluster, "parse_on_dask", dies_at_the_sixth)
        with pytest.raises(KeyboardInterrupt):
            run_extract(INPUTS, store, engine="dask", client=client, partition_size=4)
        monkeypatch.setattr(cluster, "parse_on_dask", real)
        assert len(list(parts_dir(store).glob("*.jsonl"))) == 1
        sent: list[int] = []
        submit = client.submit

        def counting(fn, texts, *args, **kwargs):  # type: ignore[no-untyped-def]
            sent.append(len(texts))
            return submit(fn, texts, *args, **kwargs)

        monkeypatch.setattr(client, "submit", counting)
        run_extract(INPUTS, store, engine="dask", client=client, partition_size=4)
    assert _stored(db) == plain
    assert sum(sent) == plain[1] - 5 - 3  # every input, less 5 stored and 3 from the file
    assert not parts_dir(store).exists()


def test_a_part_file_cut_short_is_parsed_again_and_cleared(tmp_path, plain, client):
    """What a kill leaves mid-write (a temporary file, a file cut mid-line) is not trusted: its
    texts are parsed again, and a finished run leaves no parts folder."""
    from factcheck.run import parts_dir, run_extract
    from factcheck.store import Store

    db = tmp_path / "cut.db"
    with Store(db) as store:
        folder = parts_dir(store)
        folder.mkdir()
        (folder / "0123.jsonl").write_text('{"key": "abc", "drafts": [{"te')
        (folder / "0123.999.tmp").write_text('{"key": "abc"')
        run_extract(INPUTS, store, engine="dask", client=client, partition_size=8)
        assert not folder.exists()
    assert _stored(db) == plain


def test_a_model_the_workers_lack_is_one_line_not_a_traceback(tmp_path, client):
    from factcheck.engines.cluster import model_plugin, parse_partition
    from factcheck.errors import FactcheckError

    client.register_plugin(model_plugin("no_such_model_here"))
    future = client.submit(parse_partition, ["Two died."], 8, "no_such_model_here", pure=False)
    with pytest.raises(FactcheckError, match="no_such_model_here"):
        future.result(timeout=120)


def test_without_the_extra_the_engine_says_how_to_install_it(monkeypatch):
    from typer.testing import CliRunner

    from factcheck.cli import app

    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    result = CliRunner().invoke(app, ["extract", str(ROOT / "seeds"), "--engine", "dask"])
    assert result.exit_code == 2
    assert "pip install 'factcheck[dask]'" in result.stderr
