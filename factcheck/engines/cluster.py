"""Parsing on a Dask cluster (`extract --engine dask`), for archive backfills.

The run is the local one (`run.run_extract`): this process reads the inputs, skips what
the store holds (content hash) and writes the store, one writer; only the parse moves. Articles
go out in partitions of `partition_size` texts as they are read (an export is never loaded
whole), at most two partitions a worker in flight, and come back as plain rows (each claim
draft a dict, never a `Doc`) in input order. Each worker loads the model once, through a
`WorkerPlugin` whose `setup` also runs on workers that join or restart later; the model never
travels in the task graph.

A partition's rows are written to a part file beside the store (named by a hash of its texts,
the model and the rules) before any of its articles is stored, and the file is removed once
all are: a run killed between the two leaves the file, and the next run stores its articles
from it without parsing them again. A worker killed mid-run loses its tasks to the others
(distributed reschedules them). `dask` and `distributed` are the `dask` extra.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from factcheck.extraction.drafts import ClaimDraft
    from factcheck.ingest.articles import LoadedArticle

PARTITION_SIZE = 32
"""Articles a task: a second or two of parsing, so scheduling costs little beside it."""
INSTALL = "--engine dask needs the dask extra: pip install 'factcheck[dask]'"

_models: dict[str, Any] = {}
"""This worker's loaded pipelines by name (a shared scheduler may serve runs of two models)."""
_failed: dict[str, str] = {}
"""Models this worker could not load, and why: said by the tasks, not logged as tracebacks."""
loads = 0
"""Models this worker process has loaded (the plugin's count; a test reads it)."""


class MissingExtra(RuntimeError):
    """dask or distributed is not installed."""


def require() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise MissingExtra(INSTALL) from exc


def model_plugin(model: str) -> Any:
    """A `WorkerPlugin` that loads the pipeline once per worker process. (The class is made
    here, so that the module imports without distributed; its `setup` calls a function of this
    module, so the model lands in the worker's copy of the module, where tasks read it.)"""
    from distributed import WorkerPlugin

    class LoadModel(WorkerPlugin):
        def __init__(self, model: str) -> None:
            self.model = model
            self.name = f"factcheck-model-{model}"  # one a model: runs of two models coexist

        def setup(self, worker: Any) -> None:
            load_model(self.model)

    return LoadModel(model)


def load_model(model: str) -> None:
    """Load once per process; registering the plugin again (the next run) loads nothing."""
    global loads
    if model in _models:
        return
    import warnings

    from factcheck.extraction.pipeline import load_pipeline

    warnings.simplefilter("ignore")
    try:
        _models[model] = load_pipeline(model)
    except Exception as exc:  # said by each task, as one line, not logged as a traceback
        _failed[model] = str(exc) or type(exc).__name__
        return
    loads += 1


def parse_partition(texts: list[str], batch_size: int, model: str) -> list[list[dict[str, Any]]]:
    """On a worker: each text's claim drafts as dicts."""
    from factcheck.errors import FactcheckError
    from factcheck.extraction.pipeline import extract_claims

    nlp = _models.get(model)
    if nlp is None:
        raise FactcheckError(_failed.get(model, f"a worker has no model {model!r} loaded"))
    items = [(t, i) for i, t in enumerate(texts)]
    return [
        [asdict(d) for d in drafts]
        for drafts, _ in extract_claims(nlp, items, batch_size=batch_size)
    ]


def worker_loads() -> int:
    """Run on each worker by a test: how many times its model was loaded."""
    return loads


def connect(scheduler: str | None, jobs: int) -> tuple[Any, Any]:
    """(client, cluster): the scheduler given, or a local cluster of `jobs` single-threaded
    worker processes on loopback (no dashboard); cluster is None for a scheduler given."""
    require()
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError, ValueError) as exc:
            from factcheck.errors import FactcheckError

            raise FactcheckError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
    cluster = LocalCluster(
        n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.CRITICAL,
    )  # fmt: skip
    try:
        return Client(cluster), cluster
    except BaseException:
        cluster.close()
        raise


def parse_on_dask(
    model: str,
    items: Iterable[tuple[str, LoadedArticle]],
    batch_size: int,
    *,
    jobs: int,
    parts: Path,
    fingerprint: str,
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
    client: Any = None,
) -> Iterator[tuple[list[ClaimDraft], LoadedArticle]]:
    """the extract run's parse step on a cluster: (drafts, article) in input order. Texts a
    killed run's part files hold (same model and rules) are not sent again."""
    from factcheck.extraction.drafts import ClaimDraft

    leftover, old_files = _leftovers(parts)
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(scheduler, jobs)
    try:
        client.register_plugin(model_plugin(model))
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        it = iter(items)
        in_flight: deque[_Partition] = deque()

        def collect() -> Iterator[tuple[list[ClaimDraft], LoadedArticle]]:
            p = in_flight.popleft()
            if p.job is not None:
                for i, drafts in zip(p.todo, p.job.result(), strict=True):
                    p.rows[i] = drafts
                _write_part(p.path, [(k, p.rows[i]) for i, k in enumerate(p.keys) if i in p.todo])
            for rows, art in zip(p.rows, p.loaded, strict=True):
                assert rows is not None
                yield [ClaimDraft(**d) for d in rows], art
            p.path.unlink(missing_ok=True)  # every article of it is stored

        while chunk := list(islice(it, partition_size)):
            keys = [_key(t, fingerprint) for t, _ in chunk]
            rows = [leftover.pop(k, None) for k in keys]
            todo = [i for i, r in enumerate(rows) if r is None]
            job = (
                client.submit(
                    parse_partition, [chunk[i][0] for i in todo], batch_size, model, pure=False
                )
                if todo
                else None
            )
            path = parts / f"{_digest(keys)}.jsonl"
            in_flight.append(_Partition(job, todo, rows, keys, path, [a for _, a in chunk]))
            while len(in_flight) >= 2 * workers:
                yield from collect()
        while in_flight:
            yield from collect()
        for f in old_files:  # what they held is stored now, or was not asked for
            f.unlink(missing_ok=True)
        try:
            parts.rmdir()  # only when empty
        except OSError:
            pass
    finally:
        if own:
            try:
                client.close()
            finally:
                if cluster is not None:
                    cluster.close()


class _Partition(NamedTuple):
    job: Any
    """The future parsing `todo`, or None when every text came from a part file."""
    todo: list[int]
    rows: list[list[dict[str, Any]] | None]
    keys: list[str]
    path: Path
    loaded: list[LoadedArticle]


def _key(text: str, fingerprint: str) -> str:
    """A text parsed by one model and rule set."""
    return hashlib.sha256(f"{fingerprint}\0{text}".encode()).hexdigest()[:32]


def _digest(keys: list[str]) -> str:
    return hashlib.sha256("".join(keys).encode()).hexdigest()[:32]


def _write_part(path: Path, rows: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """Written whole or not at all (a temporary file renamed): one text's key and drafts a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for key, drafts in rows:
            f.write(json.dumps({"key": key, "drafts": drafts}) + "\n")
    os.replace(tmp, path)


def _leftovers(parts: Path) -> tuple[dict[str, list[dict[str, Any]]], list[Path]]:
    """The drafts of texts parsed by a run killed before it stored them, and their files (a
    file cut short or not ours is skipped: its texts are parsed again)."""
    found: dict[str, list[dict[str, Any]]] = {}
    if not parts.is_dir():
        return found, []
    # a write a kill cut short (its temporary file, never renamed) holds nothing to reuse
    files = sorted(parts.glob("*.jsonl")) + sorted(parts.glob("*.tmp"))
    for path in files:
        if path.suffix == ".tmp":
            continue
        try:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    found[row["key"]] = row["drafts"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found, files
