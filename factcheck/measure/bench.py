"""`factcheck bench`: how fast extraction and reconciliation are, measured the way a user runs them.

Every case runs the real command in a fresh process (model load, store writes and output
included) and is timed by wall clock, several times, reporting the median. The reference is bare
spaCy: the same trained pipeline over the same texts with `nlp.pipe`, in its own process. Corpora
are varied copies of the inputs (paragraphs reshuffled, a copy number added) so no cache or
store can skip work; the reconciliation figures use synthetic stores (`synthetic.build_store`).
Speed is judged here, never in unit tests.
"""

from __future__ import annotations

import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

STORIES = """
import json, sys
from factcheck.measure.synthetic import time_stories
with open(sys.argv[2], "w") as out:
    json.dump(time_stories(int(sys.argv[1])), out)
"""
BARE_SPACY = """
import sys, pathlib, spacy
nlp = spacy.load(sys.argv[1])
files = sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))
for doc in nlp.pipe((f.read_text(encoding="utf-8") for f in files), batch_size=int(sys.argv[3])):
    pass
"""
BARE_BATCHES = (16, 32, 64, 256)
"""Batch sizes bare spaCy is timed at; the yardstick is its best (at 1,000, the pipeline's
default, it is memory-bound and slower, which would flatter extract)."""


@dataclass
class Case:
    """One measured case: its wall-clock seconds per repeat and what it is compared with."""

    name: str
    size: str
    seconds: list[float] = field(default_factory=list)
    peak_rss_mb: float | None = None
    ratio: float | None = None
    ratio_label: str = ""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


@dataclass
class Report:
    machine: dict[str, str]
    cases: list[Case]
    differences: list[str]
    checked: bool = True


# --- corpora ---------------------------------------------------------------------------------


def source_texts(paths: Sequence[Path]) -> list[str]:
    """The texts copies are made from: every *.txt under the given paths."""
    files: list[Path] = []
    for p in paths:
        files += sorted(p.rglob("*.txt")) if p.is_dir() else [p]
    texts = [f.read_text(encoding="utf-8") for f in files]
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise ValueError("no .txt articles to build a corpus from")
    return texts


def varied_copy(text: str, copy: int) -> str:
    """A copy that is a different article to every cache: the body's paragraphs in another order
    (the lede stays first) and the copy number in a closing line."""
    paras = text.split("\n\n")
    head, body = paras[:2], paras[2:]
    random.Random(copy).shuffle(body)
    return "\n\n".join([*head, *body]).rstrip("\n") + f"\n\n(Copy {copy}.)\n"


def build_corpus(texts: Sequence[str], n: int, folder: Path) -> Path:
    """`n` articles in `folder`, cycling through the sources, each copy varied."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = texts[i % len(texts)]
        (folder / f"a{i:06d}.txt").write_text(varied_copy(src, i // len(texts)), encoding="utf-8")
    return folder


# --- measuring -------------------------------------------------------------------------------


def timed(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command to completion; (wall seconds, its peak RSS in MB). Output is discarded.

    The peak is of the process and its workers together (`--jobs`, `conflicts`' judges),
    sampled every 50 ms from /proc: each process's RSS summed, so pages a forked worker shares
    with its parent count twice and the figure is an upper bound. Without /proc (or if the
    largest single process is higher), the kernel's peak for the largest one."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    done = threading.Event()
    tree_peak = [0]

    def sample() -> None:
        while not done.wait(0.05):
            tree_peak[0] = max(tree_peak[0], _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["no message"]
        raise RuntimeError(f"{' '.join(argv[:4])} ... failed ({proc.returncode}): {last[0]}")
    return elapsed, max(usage.ru_maxrss, tree_peak[0]) / 1024


def _tree_rss_kb(pid: int) -> int:
    """RSS of `pid` and its descendants, summed (Linux /proc; 0 where it cannot be read)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS")), 0)
            for task in os.listdir(f"/proc/{p}/task"):  # a child is listed under its thread
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def factcheck_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck", *args]


def repeat(case: Case, times: int, run: Callable[[], tuple[float, float]]) -> Case:
    for _ in range(times):
        seconds, rss = run()
        case.seconds.append(seconds)
        case.peak_rss_mb = max(case.peak_rss_mb or 0.0, rss)
    return case


# --- the benchmark ---------------------------------------------------------------------------


def run_bench(
    sources: Sequence[Path],
    *,
    articles: int,
    repeats: int,
    jobs: Sequence[int],
    memory: Sequence[int],
    claims: Sequence[int],
    model: str,
    check: bool,
    stories: Sequence[int] = (),
    engine: str = "local",
    workdir: Path | None = None,
    log: Callable[[str], None] = lambda s: None,
) -> Report:
    """Build the corpora, run every case, return the numbers (see the module docstring)."""
    texts = source_texts(sources)
    tmp = Path(tempfile.mkdtemp(prefix="factcheck-bench-", dir=workdir))
    cases: list[Case] = []
    differences: list[str] = []
    try:
        corpus = build_corpus(texts, articles, tmp / "corpus")
        size = f"{articles} articles"

        bare = best_bare_spacy(model, corpus, size, repeats, log)
        cases.append(bare)

        def extract_case(name: str, tag: str, *options: str) -> Case:
            """`factcheck extract` over the corpus, a fresh store each repeat."""
            log(f"factcheck {name} over {size}")
            dbs = (tmp / f"extract-{tag}-{k}.db" for k in range(repeats))
            case = repeat(
                Case(name, size),
                repeats,
                lambda: timed(
                    factcheck_cmd(
                        "extract", str(corpus), "--db", str(next(dbs)), "-q", *options,
                        "--model", model,
                    )
                ),
            )  # fmt: skip
            case.ratio, case.ratio_label = speedup(bare.median, case.median, "spaCy")
            cases.append(case)
            return case

        first = {j: extract_case(f"extract --jobs {j}", f"j{j}", "--jobs", str(j)) for j in jobs}
        if 1 in first and len(first) > 1:
            for j, case in first.items():
                if j != 1:
                    ratio, label = speedup(first[1].median, case.median, "--jobs 1")
                    case.note = f"{ratio:.2f}{label}"

        if engine == "dask":
            j = max(jobs)
            case = extract_case(
                f"extract --engine dask --jobs {j}", "dask", "--engine", "dask", "--jobs", str(j)
            )
            rate = f"{articles / case.median:.1f} articles/s, local cluster start included"
            if j in first:
                ratio, label = speedup(first[j].median, case.median, f"--jobs {j}")
                rate = f"{ratio:.2f}{label}; {rate}"
            case.note = rate

        j0 = jobs[0]
        log("factcheck extract again over the unchanged corpus")
        stored = tmp / f"extract-j{j0}-0.db"
        rerun = repeat(
            Case("extract again (nothing new)", size),
            repeats,
            lambda: timed(factcheck_cmd("extract", str(corpus), "--db", str(stored), "-q")),
        )
        rerun.ratio, rerun.ratio_label = rerun.median / first[j0].median, "× the first run"
        cases.append(rerun)

        peaks: list[Case] = []
        for n in memory:
            log(f"peak memory: extract over {n} articles")
            mem_corpus = build_corpus(texts, n, tmp / f"memory-{n}")
            case = repeat(
                Case("extract (peak memory)", f"{n} articles"),
                1,
                lambda c=mem_corpus, n=n: timed(
                    factcheck_cmd(
                        "extract",
                        str(c),
                        "--db",
                        str(tmp / f"memory-{n}.db"),
                        "-q",
                        "--model",
                        model,
                    )
                ),
            )
            if peaks:
                assert case.peak_rss_mb and peaks[0].peak_rss_mb
                case.ratio = case.peak_rss_mb / peaks[0].peak_rss_mb
                case.ratio_label = f"× the peak at {peaks[0].size}"
            peaks.append(case)
            cases.append(case)
            shutil.rmtree(mem_corpus)

        base: Case | None = None
        for n in claims:
            log(f"factcheck conflicts over {n:,} synthetic claims")
            from factcheck.measure.synthetic import build_store

            db = tmp / f"claims-{n}.db"
            build_store(db, n)
            case = repeat(
                Case("conflicts", f"{n:,} claims"),
                repeats,
                lambda db=db: timed(factcheck_cmd("conflicts", "--db", str(db))),
            )
            if base is None:
                base = case
            else:
                n0 = int(base.size.split()[0].replace(",", ""))
                growth = case.median / base.median
                nlogn = (n * math.log(n)) / (n0 * math.log(n0))
                case.ratio, case.ratio_label = growth / nlogn, f"× n log n growth from {base.size}"
            cases.append(case)
            db.unlink()

        first_story: Case | None = None
        for n in stories:
            log(f"story clustering over {n:,} synthetic articles")
            result = tmp / f"stories-{n}.json"
            case = repeat(
                Case("stories", f"{n:,} articles"),
                repeats,
                lambda n=n, result=result: timed(
                    [sys.executable, "-c", STORIES, str(n), str(result)]
                ),
            )
            found = json.loads(result.read_text(encoding="utf-8"))
            case.note = (
                f"clustering {n / found['seconds']:,.0f} articles/s; B-cubed P "
                f"{found['precision']:.3f} R {found['recall']:.3f}, {found['stories']:,} stories"
            )
            if first_story is None:
                first_story = case
            else:
                n0 = int(first_story.size.split()[0].replace(",", ""))
                case.ratio = (case.median / first_story.median) / (n / n0)
                case.ratio_label = f"× linear growth from {first_story.size}"
            cases.append(case)

        if check:
            log("comparing claims with the full parse")
            differences = compare_with_full_parse(corpus, model)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return Report(machine_info(model), cases, differences, check)


def best_bare_spacy(
    model: str, corpus: Path, size: str, repeats: int, log: Callable[[str], None]
) -> Case:
    """Bare spaCy at each of `BARE_BATCHES` once, then its fastest batch size `repeats` times."""
    tried: dict[int, float] = {}
    for batch in BARE_BATCHES:
        log(f"bare spaCy nlp.pipe over {size}, batch size {batch}")
        tried[batch] = timed(bare_cmd(model, corpus, batch))[0]
    best = min(tried, key=tried.__getitem__)
    log(f"bare spaCy nlp.pipe over {size} at its best batch size ({best})")
    case = repeat(
        Case(f"spaCy nlp.pipe (batch {best})", size),
        repeats,
        lambda: timed(bare_cmd(model, corpus, best)),
    )
    case.note = "best of batch " + ", ".join(f"{b}: {t:.2f} s" for b, t in tried.items())
    return case


def bare_cmd(model: str, corpus: Path, batch: int) -> list[str]:
    return [sys.executable, "-c", BARE_SPACY, model, str(corpus), str(batch)]


def speedup(reference: float, measured: float, what: str) -> tuple[float, str]:
    """(ratio, label) that reads right either way: "1.60× faster than X" or "1.25× slower"."""
    if measured <= reference:
        return reference / measured, f"× faster than {what}"
    return measured / reference, f"× slower than {what}"


def compare_with_full_parse(corpus: Path, model: str) -> list[str]:
    """Every article whose claims differ between the fast path (claim passages only, the
    cheaper attribute step) and the pipeline as trained run over the whole text."""
    from factcheck.extraction.pipeline import extract_claims, load_pipeline

    files = sorted(corpus.glob("*.txt"))

    def items() -> Iterator[tuple[str, str]]:
        for f in files:
            yield f.read_text(encoding="utf-8"), f.name

    nlp = load_pipeline(model)
    fast = {name: [asdict(d) for d in ds] for ds, name in extract_claims(nlp, items())}
    out = []
    reference = load_pipeline(model, fast=False)
    for drafts, name in extract_claims(reference, items(), full=True):
        full = [asdict(d) for d in drafts]
        if full != fast[name]:
            only_full = [d["text"] for d in full if d not in fast[name]]
            only_fast = [d["text"] for d in fast[name] if d not in full]
            out.append(f"{name}: full parse only {only_full}, excerpts only {only_fast}")
    return out


def machine_info(model: str) -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import spacy

    try:
        from importlib.metadata import version

        model_version = version(model.replace("_", "-"))
    except Exception:  # the model may be a path or unpackaged
        model_version = "?"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{model} {model_version}",
    }
