"""Work on this machine: in this process, or in `--jobs` worker processes.

Parsing takes (text, article) items and gives (claim drafts, article) back in input order; the
extract run (`run.run_extract`) stores them. Judging (`judge_stories`) gives each
story's groups, for `conflicts` to write.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from factcheck.extraction.drafts import ClaimDraft
    from factcheck.ingest.articles import LoadedArticle
    from factcheck.models import ConflictGroup
    from factcheck.store import Store


def parse_here(
    model: str, items: Iterable[tuple[str, LoadedArticle]], batch_size: int
) -> Iterator[tuple[list[ClaimDraft], LoadedArticle]]:
    from factcheck.extraction.pipeline import extract_claims, load_pipeline

    yield from extract_claims(load_pipeline(model), items, batch_size=batch_size)


def available_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- worker processes ------------------------------------------------------------------------

_worker_nlp = None
WORKER_CHUNK = 16
"""Articles a task: small enough that two workers share a hundred articles evenly."""


def _start_method() -> str:
    """fork where the platform makes it safe (Linux): workers share the parent's loaded model
    copy-on-write and start in milliseconds; spawn elsewhere (each worker loads the model)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _worker_init(model: str | None, parent: int) -> None:
    """Ctrl-C and termination are the parent's to handle (it stops the workers); a spawned
    worker loads the pipeline once, a forked one already holds the parent's."""
    global _worker_nlp
    _die_with_parent(parent)
    # a forked worker never writes to stderr: a lock another of the parent's threads (the
    # progress bar) held at the fork stays held in the child; errors come back as results
    import warnings

    warnings.simplefilter("ignore")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if model is not None:
        from factcheck.extraction.pipeline import load_pipeline

        _worker_nlp = load_pipeline(model)


def _die_with_parent(parent: int) -> None:
    """A parent killed outright (kill -9, the OOM killer) cannot stop its workers, and forked
    workers hold each other's ends of the task pipe open, so they would wait forever: on Linux
    the kernel ends a worker when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def _worker_parse(texts: list[str], batch_size: int) -> list[list[ClaimDraft]]:
    from factcheck.extraction.pipeline import extract_claims

    assert _worker_nlp is not None
    items = [(t, i) for i, t in enumerate(texts)]
    return [drafts for drafts, _ in extract_claims(_worker_nlp, items, batch_size=batch_size)]


def parse_in_workers(
    model: str, items: Iterable[tuple[str, LoadedArticle]], batch_size: int, jobs: int
) -> Iterator[tuple[list[ClaimDraft], LoadedArticle]]:
    """Chunks of articles go to `jobs` processes; at most two chunks per worker are in flight,
    so a huge corpus never piles up in memory, and results come back in input order. Input
    that fits in one chunk is parsed here: starting workers would cost more than it saves."""
    global _worker_nlp
    it = iter(items)
    head = list(islice(it, WORKER_CHUNK + 1))
    if len(head) <= WORKER_CHUNK:
        yield from parse_here(model, head, batch_size)
        return
    method = _start_method()
    if method == "fork":
        from factcheck.extraction.pipeline import load_pipeline

        _worker_nlp = load_pipeline(model)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=get_context(method),
        initializer=_worker_init,
        initargs=(None if method == "fork" else model, os.getpid()),
    )
    rest = chain(head, it)
    chunks = iter(lambda: list(islice(rest, WORKER_CHUNK)), [])
    in_flight: deque[tuple[Future[list[list[ClaimDraft]]], list[LoadedArticle]]] = deque()
    finished = False
    try:
        for chunk in chunks:
            texts = [t for t, _ in chunk]
            in_flight.append((pool.submit(_worker_parse, texts, batch_size), [a for _, a in chunk]))
            while len(in_flight) >= 2 * jobs:
                yield from _collect(in_flight.popleft())
        while in_flight:
            yield from _collect(in_flight.popleft())
        finished = True
    finally:
        # interrupted or failed: queued chunks are dropped and running ones finish (a chunk
        # takes a second or two); see `_stop`
        _stop(pool, cancel=not finished)
        _worker_nlp = None  # the parent's copy, shared with forked workers: done with


def _stop(pool: ProcessPoolExecutor, *, cancel: bool) -> None:
    """Shut the pool down, waiting for the work running in it (queued work dropped if
    `cancel`). Workers are not terminated mid-task: one killed mid-reply can leave the pool
    waiting on a half-sent message for good. A Ctrl-C or SIGTERM during the wait (a second one,
    after the first stopped the run) kills the workers and ends the process at once (130, 143):
    left to Python, it interrupts the wait and the pool's exit handlers can then wait forever
    on workers never told to stop."""
    if threading.current_thread() is not threading.main_thread():
        pool.shutdown(wait=True, cancel_futures=cancel)
        return
    workers = list((getattr(pool, "_processes", None) or {}).values())

    def now(signum: int, frame: object) -> None:
        for proc in workers:
            with contextlib.suppress(Exception):
                proc.kill()
        os._exit(128 + signum)

    names = [n for n in ("SIGINT", "SIGTERM") if hasattr(signal, n)]
    before = {n: signal.signal(getattr(signal, n), now) for n in names}
    try:
        pool.shutdown(wait=True, cancel_futures=cancel)
    finally:
        for n, handler in before.items():
            if handler is not None:
                signal.signal(getattr(signal, n), handler)


def _collect(
    job: tuple[Future[list[list[ClaimDraft]]], list[LoadedArticle]],
) -> Iterator[tuple[list[ClaimDraft], LoadedArticle]]:
    fut, loaded = job
    yield from zip(fut.result(), loaded, strict=True)


# --- judging stories in worker processes ------------------------------------------------------

_T = TypeVar("_T")
_worker_judge: Callable[[list[str]], tuple[int, list[Any]]] | None = None


def judge_stories(
    db: Path,
    each: Callable[[ConflictGroup], _T],
    *,
    metric: str | None = None,
    include_agree: bool = False,
    jobs: int = 1,
) -> Iterator[tuple[int, list[_T]]]:
    """Per story of the store, (claims read, `each` of its groups), in no order.

    A group never crosses stories, so stories are judged apart: in `jobs` processes, biggest
    first so that the last to finish is a small one, each reading its stories' claims from the
    store itself (which articles make a story is read once, here). `each` runs in the worker (a
    table row, or the group's JSON), so what crosses back is what the output needs, not the
    claims. One job, one story, or no fork: here. On an error or Ctrl-C, queued stories are
    dropped and the running ones finish (seconds) before the error goes on: a worker killed
    mid-reply would leave the pool waiting on a half-sent message for good.
    """
    from factcheck.store import Store

    with Store(db, readonly=True) as store:
        members = store.story_members()
        stories = sorted(members.values(), key=lambda ids: (-len(ids), ids[0]))
        if jobs <= 1 or len(stories) <= 1 or _start_method() != "fork":
            judge = _judge_with(store, each, metric, include_agree)
            for ids in stories:
                yield judge(ids)
            return
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(stories)),
        mp_context=get_context("fork"),
        initializer=_judge_init,
        initargs=(db, each, metric, include_agree, os.getpid()),
    )
    in_flight: deque[Future[tuple[int, list[_T]]]] = deque()
    try:
        for ids in stories:
            in_flight.append(pool.submit(_judge_story, ids))
            while len(in_flight) >= 2 * jobs:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        _stop(pool, cancel=True)


def _judge_with(
    store: Store, each: Callable[[ConflictGroup], _T], metric: str | None, include_agree: bool
) -> Callable[[list[str]], tuple[int, list[_T]]]:
    from factcheck.reconciliation.conflicts import judged_groups

    read = store.claims_reader(metric=metric)

    def judge(article_ids: list[str]) -> tuple[int, list[_T]]:
        claims = read(article_ids)
        return len(claims), [each(g) for g in judged_groups([claims], include_agree=include_agree)]

    return judge


def _judge_init(
    db: Path,
    each: Callable[[ConflictGroup], object],
    metric: str | None,
    include_agree: bool,
    parent: int,
) -> None:
    """A forked worker opens the store itself (a connection never crosses a fork) and keeps it
    for every story it is given; the process's end closes it."""
    global _worker_judge
    from factcheck.store import Store

    _worker_init(None, parent)
    store = Store(db, readonly=True)
    _worker_judge = _judge_with(store, each, metric, include_agree)


def _judge_story(article_ids: list[str]) -> tuple[int, list[Any]]:
    assert _worker_judge is not None
    return _worker_judge(article_ids)
