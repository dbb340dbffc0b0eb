"""Models → what a user reads: rich tables on the terminal, and every format through one `match`.

Every format is reached through a `match` that ends in `assert_never`, so adding a format without
rendering it fails the type check and a test. `GroupWriter` holds a story's groups at a time, so
`conflicts` over a million claims never holds the store's.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import IO, TYPE_CHECKING, assert_never

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.choices import OutputFormat, Verdict
from factcheck.numbers import format_value
from factcheck.render._table import (
    STACK_BELOW,
    groups_frame,
    stack_width,
    stacked_block,
    stacked_title,
    write_groups_table,
    write_out,
)
from factcheck.render.formats import (
    CLAIM_FIELDS,
    STORY_FIELDS,
    claim_fields,
    claims_markdown,
    csv_text,
    groups_markdown,
    jsonl_line,
    md_escape,
)
from factcheck.render.rows import GroupRow, as_row, group_row, quantity_words, subject_words

if TYPE_CHECKING:
    from factcheck.measure.bench import Report as BenchReport
    from factcheck.measure.evaluate import DisputeScore, Score
    from factcheck.models import Claim, ConflictGroup, Story
    from factcheck.run import ArticleReport


VERDICT_STYLE = {
    Verdict.CONTRADICTION: "bold red",
    Verdict.UNCLEAR: "magenta",
    Verdict.UPDATE: "yellow",
    Verdict.COMPATIBLE: "cyan",
    Verdict.ROUNDING: "green",
    Verdict.AGREE: "dim green",
}


def render_claims(claims: Sequence[Claim], fmt: OutputFormat, console: Console) -> None:
    match fmt:
        case OutputFormat.table:
            console.print(claims_table(claims))
        case OutputFormat.json:
            write_out(
                console,
                json.dumps(
                    [c.model_dump(mode="json") for c in claims], indent=2, ensure_ascii=False
                ),
            )
        case OutputFormat.jsonl:
            write_out(console, "".join(jsonl_line(c) for c in claims), end="")
        case OutputFormat.csv:
            write_out(console, csv_text([claim_fields(c) for c in claims], CLAIM_FIELDS), end="")
        case OutputFormat.markdown:
            write_out(console, claims_markdown(claims))
        case _:
            assert_never(fmt)


def stream_claims(claims: Iterable[Claim], fmt: OutputFormat, console: Console) -> None:
    """`render_claims` for json, jsonl and csv a claim at a time, byte for byte the same, so a
    run over a huge export never holds its claims; table and markdown need them all."""
    if fmt in (OutputFormat.table, OutputFormat.markdown):
        render_claims(list(claims), fmt, console)
        return
    write = console.file.write
    if fmt is OutputFormat.csv:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(CLAIM_FIELDS), lineterminator="\n")
        w.writeheader()
        for c in claims:
            w.writerow(claim_fields(c))
            if buf.tell() > 65_536:
                write(buf.getvalue())
                buf.seek(0)
                buf.truncate()
        write(buf.getvalue())
    elif fmt is OutputFormat.jsonl:
        for c in claims:
            write(jsonl_line(c))
    else:  # json: the array json.dumps(indent=2) writes, an item at a time
        first = True
        for c in claims:
            item = json.dumps(c.model_dump(mode="json"), indent=2, ensure_ascii=False)
            write(("[\n" if first else ",\n") + "\n".join("  " + line for line in item.split("\n")))
            first = False
        write("[]\n" if first else "\n]\n")
    console.file.flush()


def render_stories(stories: Sequence[Story], fmt: OutputFormat, console: Console) -> None:
    """`factcheck stories`: one row per story; in JSON the contract's
    `{"story", "label", "articles", "first", "last"}` plus size and place."""
    rows = [s.model_dump(mode="json") for s in stories]
    match fmt:
        case OutputFormat.table:
            t = Table(title=f"{len(stories)} stories", title_justify="left")
            for col in ("story", "label", "dates", "articles"):
                t.add_column(col, overflow="fold")
            for s in stories:
                span = (
                    " … ".join(dict.fromkeys(d.isoformat() for d in (s.first, s.last) if d))
                    or "undated"
                )
                t.add_row(s.story, s.label, span, str(s.size))
            console.print(t)
        case OutputFormat.json:
            write_out(console, json.dumps(rows, indent=2, ensure_ascii=False))
        case OutputFormat.jsonl:
            write_out(console, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), end="")
        case OutputFormat.csv:
            flat = [{**r, "articles": " ".join(r["articles"])} for r in rows]
            write_out(console, csv_text(flat, STORY_FIELDS), end="")
        case OutputFormat.markdown:
            lines = ["| story | label | first | last | articles |", "|---|---|---|---|---|"]
            lines += [
                f"| {r['story']} | {md_escape(r['label'])} | {r['first'] or ''} | {r['last'] or ''} "
                f"| {r['size']} |"
                for r in rows
            ]
            write_out(console, "\n".join(lines))
        case _:
            assert_never(fmt)


def render_summary(reports: Sequence[ArticleReport], console: Console, more: int = 0) -> None:
    """`extract`'s default output: one row per article (other formats print the claims), and
    how many articles past the rows shown."""
    caption = f"… and {more:,} more articles (--format csv lists every claim)" if more else None
    table = Table(title="Extracted claims", title_justify="left", caption=caption)
    table.add_column("article", overflow="fold")
    table.add_column("publisher", overflow="fold")
    table.add_column("published")
    table.add_column("claims", justify="right")
    table.add_column("metrics", overflow="fold")
    table.add_column("status")
    for r in reports:
        if r.article is None:
            table.add_row(r.name, "", "", "", "", Text(f"failed: {r.error}", style="red"))
            continue
        top = ", ".join(
            f"{m} {n}" for m, n in sorted(r.metrics.items(), key=lambda x: (-x[1], x[0]))[:4]
        )
        table.add_row(
            r.name,
            r.article.publisher or "",
            str(r.article.published or "—"),
            str(r.claim_count),
            top,
            r.status,
        )
    console.print(table)


def render_totals(
    claims: Mapping[str, int], articles: Mapping[str, int], n_articles: int, console: Console
) -> None:
    """`extract`'s table past `SUMMARY_ARTICLES`: claims and articles by metric, the most
    claimed first (a row an article is `--verbose`)."""
    table = Table(
        title=f"Extracted claims from {n_articles:,} articles",
        title_justify="left",
        caption="--verbose lists each article; --format csv lists every claim",
    )
    table.add_column("metric")
    table.add_column("claims", justify="right")
    table.add_column("articles", justify="right")
    for metric, n in sorted(claims.items(), key=lambda x: (-x[1], x[0])):
        table.add_row(metric, f"{n:,}", f"{articles.get(metric, 0):,}")
    console.print(table)


def render_groups(groups: Sequence[ConflictGroup], fmt: OutputFormat, console: Console) -> None:
    """The groups in the order given, in any format."""
    with GroupWriter(fmt, console, order=None) as writer:
        for g in groups:
            writer.add(g)


GroupEntry = tuple[tuple[object, ...], Verdict, str, "GroupRow | str"]
"""(order key, verdict, quantity words, table row or text): one group as `GroupWriter` holds it."""


class GroupWriter:
    """Groups arriving in any order (a story at a time) → the output `render_groups` writes
    for them sorted by `order`, holding only what the output needs of each: a table row (at
    most FIGURES_SHOWN figures) for table and Markdown, for JSON, JSONL and CSV an offset into a
    temporary file the group's text went to. So `conflicts` over a million claims keeps a
    story's claims in memory, not the store's. `order=None` keeps the order of arrival. Used as
    a context manager: leaving it writes the output (not after an error) and drops the file."""

    def __init__(
        self,
        fmt: OutputFormat,
        console: Console,
        order: Callable[[ConflictGroup], tuple[object, ...]] | None,
    ) -> None:
        self.fmt, self.console, self.order = fmt, console, order
        self.rows: list[tuple[tuple[object, ...], GroupRow]] = []
        self.spans: list[tuple[tuple[object, ...], int, int]] = []
        self.spool: IO[bytes] | None = None
        self.verdicts: list[tuple[tuple[object, ...], Verdict, str]] = []
        """(order, verdict, quantity words) of every group, for `--fail-on`'s message."""
        self.stacked = fmt is OutputFormat.table and console.width < STACK_BELOW
        """A narrow table is one block of text per group, made (and wrapped) by `entry`."""

    def add(self, g: ConflictGroup) -> None:
        self.put(self.entry(g))

    def entry(self, g: ConflictGroup) -> GroupEntry:
        """What the output needs of `g`: its place in the order, verdict, words, and its table
        row or its text. Pure, so worker processes make these (`engines.local.judge_stories`)."""
        key = self.order(g) if self.order is not None else ()
        payload: GroupRow | str
        match self.fmt:
            case OutputFormat.table if self.stacked:  # its text is known now: wrap it here
                payload = stacked_block(group_row(g), stack_width(self.console))
            case OutputFormat.table | OutputFormat.markdown:
                payload = group_row(g)
            case OutputFormat.json:
                item = json.dumps(g.model_dump(mode="json"), indent=2, ensure_ascii=False)
                payload = "\n".join("  " + line for line in item.split("\n"))
            case OutputFormat.jsonl:
                payload = json.dumps(g.model_dump(mode="json"), ensure_ascii=False) + "\n"
            case OutputFormat.csv:
                rows = [
                    {"group": g.id, "verdict": g.verdict.value, **claim_fields(c)} for c in g.claims
                ]
                payload = csv_text(rows, ["group", "verdict", *CLAIM_FIELDS], header=False)
            case _:
                assert_never(self.fmt)
        return key, g.verdict, quantity_words(g), payload

    def put(self, entry: GroupEntry) -> None:
        key, verdict, words, payload = entry
        if self.order is None:
            key = (len(self.verdicts),)
        self.verdicts.append((key, verdict, words))
        if isinstance(payload, GroupRow):
            self.rows.append((key, payload))
            return
        if self.spool is None:
            self.spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the writer is)
        data = payload.encode("utf-8")
        self.spans.append((key, self.spool.tell(), len(data)))
        self.spool.write(data)

    def worst(self, at_least: Verdict) -> tuple[int, str | None]:
        """How many groups are judged `at_least` or worse, and the first such group's words."""
        hits = [v for v in self.verdicts if v[1].severity >= at_least.severity]
        if not hits:
            return 0, None
        top = min(hits, key=lambda v: (-v[1].severity, v[0]))
        return len(hits), f"{top[2]}: {top[1].value}"

    def __enter__(self) -> GroupWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if kind is None:
                self._write()
        finally:
            if self.spool is not None:
                self.spool.close()
                self.spool = None

    def _write(self) -> None:
        """Everything added, sorted: what the writer exists for, once the last group is in."""
        console = self.console
        if self.fmt in (OutputFormat.table, OutputFormat.markdown) and not self.stacked:
            self.rows.sort(key=lambda r: r[0])
            rows = [r for _, r in self.rows]
            self.rows = []
            if self.fmt is OutputFormat.markdown:
                write_out(console, groups_markdown(rows))
            elif not write_groups_table(rows, console):
                console.print(groups_table(rows))
            return
        self.spans.sort(key=lambda r: r[0])
        write = console.file.write
        if self.stacked:
            write(stacked_title(len(self.spans)))
        elif self.fmt is OutputFormat.csv:
            write(csv_text([], ["group", "verdict", *CLAIM_FIELDS]))
        elif self.fmt is OutputFormat.json:
            write("[\n" if self.spans else "[]\n")
        spool = self.spool
        for i, (_, offset, size) in enumerate(self.spans):
            assert spool is not None
            spool.seek(offset)
            text = spool.read(size).decode("utf-8")
            write(text if self.fmt is not OutputFormat.json or not i else ",\n" + text)
        if self.fmt is OutputFormat.json and self.spans:
            write("\n]\n")
        console.file.flush()


def render_score(s: Score, console: Console, show: bool = False) -> None:
    console.print(s.line(), highlight=False, markup=False, soft_wrap=True)
    if not show:
        return
    for g in s.misses:
        console.print(
            f"miss  {g.file}  {g.span!r}  {g.metric}  | {_one_line(g.sentence)}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    for c in s.false_positives:
        console.print(
            f"extra {c.article}  {c.text!r}  {c.metric}  | {_one_line(c.sentence)}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    for g, c in s.wrong:
        console.print(
            f"wrong {g.file}  {g.span!r}  gold {g.qualifier}/{g.metric}  got {c.qualifier.value}/{c.metric}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    for g, c in s.place_wrong:
        got = c.place.name if c.place else c.subject
        console.print(
            f"place {g.file}  {g.span!r}  gold {g.subject!r}  got {got!r} ({c.subject_source})",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def _one_line(text: str, width: int = 100) -> str:
    return " ".join(text.split())[:width]


def render_dispute_score(s: DisputeScore, console: Console, show: bool = False) -> None:
    console.print(s.line(), highlight=False, markup=False, soft_wrap=True)
    if not show:
        return
    for d, found, got, n in s.rows:
        console.print(
            f"{d.id:>28} {'found' if found else 'MISSED':6} want {d.verdict:13} "
            f"got {got or '-':13} {n}/{len(d.members)}  {d.title[:70]}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def claims_table(claims: Sequence[Claim]) -> Table:
    table = Table(title=f"{len(claims)} claims", title_justify="left")
    for col, kw in [
        ("figure", {}),
        ("metric", {}),
        ("subject", {}),
        ("attribution", {}),
        ("publisher", {}),
        ("date", {"no_wrap": True}),
    ]:
        table.add_column(col, overflow="fold", **kw)
    for c in claims:
        table.add_row(
            c.text,
            c.metric,
            subject_words(c),
            c.attribution or "",
            c.publisher or "",
            str(c.as_of or ""),
        )
    return table


def groups_table(groups: Sequence[ConflictGroup | GroupRow]) -> Table:
    """One row per group, most serious first; wraps rather than cuts at 80 columns."""
    table = groups_frame(len(groups))
    for g in map(as_row, groups):
        figures = Text()
        for i, (text, cite) in enumerate(g.figures):
            if i:
                figures.append("\n")
            figures.append(text, style="bold")
            figures.append(f" ({cite})")
        if g.more:
            figures.append(f"\n{g.more}")
        table.add_row(
            g.quantity,
            figures,
            f"{g.spread:.0%}",
            Text(g.verdict.value, style=VERDICT_STYLE[g.verdict]),
            g.explanation,
        )
    return table


__all__ = [
    "OutputFormat",
    "format_value",
    "render_claims",
    "render_groups",
    "render_score",
    "render_summary",
    "stream_claims",
]


def render_bench(report: BenchReport, fmt: OutputFormat, console: Console) -> None:
    """`factcheck bench`: one row per case, medians and ratios; json keeps every repeat."""
    if fmt is OutputFormat.json:
        data = {
            "machine": report.machine,
            "cases": [{**asdict(c), "median": round(c.median, 4)} for c in report.cases],
            "differences_from_full_parse": report.differences if report.checked else None,
        }
        console.print_json(json.dumps(data))
        return
    rows = [
        (
            c.name,
            c.size,
            f"{c.median:.2f}",
            f"{c.peak_rss_mb:.0f}" if c.peak_rss_mb else "",
            f"{c.ratio:.2f} {c.ratio_label}" if c.ratio is not None else "",
            c.note,
        )
        for c in report.cases
    ]
    header = ("case", "size", "median s", "peak RSS MB", "ratio", "note")
    machine = ", ".join(f"{k} {v}" for k, v in report.machine.items())
    if not report.checked:
        diff = "claims not compared with the full parse (--no-check)"
    elif not report.differences:
        diff = "claims identical to the full parse"
    else:
        diff = f"{len(report.differences)} articles differ from the full parse"
    if fmt is OutputFormat.markdown:
        console.print(f"| {' | '.join(header)} |", markup=False, highlight=False, soft_wrap=True)
        console.print(f"|{'---|' * len(header)}", markup=False, highlight=False, soft_wrap=True)
        for r in rows:
            console.print(f"| {' | '.join(r)} |", markup=False, highlight=False, soft_wrap=True)
        console.print(
            f"\nMachine: {machine}. {diff}.", markup=False, highlight=False, soft_wrap=True
        )
    else:
        table = Table(title="factcheck bench", title_justify="left", caption=machine)
        for col in header:
            table.add_column(col, justify="right" if col in ("median s", "peak RSS MB") else "left")
        for r in rows:
            table.add_row(*r)
        console.print(table)
        console.print(diff, markup=False, highlight=False)
    for d in report.differences:
        console.print(f"  {d}", markup=False, highlight=False)
