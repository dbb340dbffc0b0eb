"""Models → what a user reads: rich tables, JSON, JSONL, CSV, Markdown.

The only module that builds rich tables. JSON comes from `model_dump(mode="json")` alone, so the
contract's field names cannot drift; every format is reached through a `match` that ends in
`assert_never`, so adding a format without rendering it fails the type check and a test.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.evaluate import Score
from factcheck.extraction import ArticleReport
from factcheck.models import Claim, ConflictGroup, Verdict
from factcheck.numbers import format_value

if TYPE_CHECKING:
    from factcheck.bench import Report as BenchReport

CLAIM_FIELDS = [
    "article",
    "article_id",
    "publisher",
    "published",
    "text",
    "start",
    "end",
    "sentence",
    "value",
    "value_high",
    "qualifier",
    "metric",
    "counted",
    "subject",
    "attribution",
    "as_of",
]
VERDICT_STYLE = {
    Verdict.CONTRADICTION: "bold red",
    Verdict.UPDATE: "yellow",
    Verdict.COMPATIBLE: "cyan",
    Verdict.ROUNDING: "green",
    Verdict.AGREE: "dim green",
}


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


def render_claims(claims: Sequence[Claim], fmt: OutputFormat, console: Console) -> None:
    match fmt:
        case OutputFormat.table:
            console.print(claims_table(claims))
        case OutputFormat.json:
            _out(
                console,
                json.dumps(
                    [c.model_dump(mode="json") for c in claims], indent=2, ensure_ascii=False
                ),
            )
        case OutputFormat.jsonl:
            _out(console, "".join(_jsonl(c) for c in claims), end="")
        case OutputFormat.csv:
            _out(console, _csv([_claim_row(c) for c in claims], CLAIM_FIELDS), end="")
        case OutputFormat.markdown:
            _out(console, claims_markdown(claims))
        case _:
            assert_never(fmt)


def render_summary(reports: Sequence[ArticleReport], console: Console) -> None:
    """`extract`'s default output: one row per article (other formats print the claims)."""
    table = Table(title="Extracted claims", title_justify="left")
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
            "stored" if r.status == "stored" else "new",
        )
    console.print(table)


def render_groups(groups: Sequence[ConflictGroup], fmt: OutputFormat, console: Console) -> None:
    match fmt:
        case OutputFormat.table:
            console.print(groups_table(groups))
        case OutputFormat.json:
            _out(
                console,
                json.dumps(
                    [g.model_dump(mode="json") for g in groups], indent=2, ensure_ascii=False
                ),
            )
        case OutputFormat.jsonl:
            _out(
                console,
                "".join(
                    json.dumps(g.model_dump(mode="json"), ensure_ascii=False) + "\n" for g in groups
                ),
                end="",
            )
        case OutputFormat.csv:
            rows = [
                {"group": g.id, "verdict": g.verdict.value, **_claim_row(c)}
                for g in groups
                for c in g.claims
            ]
            _out(console, _csv(rows, ["group", "verdict", *CLAIM_FIELDS]), end="")
        case OutputFormat.markdown:
            _out(console, groups_markdown(groups))
        case _:
            assert_never(fmt)


def render_score(s: Score, console: Console, show: bool = False) -> None:
    console.print(s.line(), highlight=False, markup=False)
    if not show:
        return
    for g in s.misses:
        console.print(
            f"miss  {g.file}  {g.span!r}  {g.metric}  | {g.sentence[:100]}",
            highlight=False,
            markup=False,
        )
    for c in s.false_positives:
        console.print(
            f"extra {c.article}  {c.text!r}  {c.metric}  | {c.sentence[:100]}",
            highlight=False,
            markup=False,
        )
    for g, c in s.wrong:
        console.print(
            f"wrong {g.file}  {g.span!r}  gold {g.qualifier}/{g.metric}  got {c.qualifier.value}/{c.metric}",
            highlight=False,
            markup=False,
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
            _subject(c),
            c.attribution or "",
            c.publisher or "",
            str(c.as_of or ""),
        )
    return table


def groups_table(groups: Sequence[ConflictGroup]) -> Table:
    """One row per group, most serious first; wraps rather than cuts at 80 columns."""
    table = Table(
        title=f"{len(groups)} groups where sources differ", title_justify="left", show_lines=True
    )
    table.add_column("quantity", overflow="fold", ratio=2)
    table.add_column("figures (publisher, date, attribution)", overflow="fold", ratio=4)
    table.add_column("spread", justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("why", overflow="fold", ratio=4)
    for g in groups:
        figures = Text()
        for i, c in enumerate(g.claims):
            if i:
                figures.append("\n")
            figures.append(c.text, style="bold")
            figures.append(f" ({_cite(c)})")
        table.add_row(
            quantity_words(g),
            figures,
            f"{g.spread:.0%}",
            Text(g.verdict.value, style=VERDICT_STYLE[g.verdict]),
            g.explanation,
        )
    return table


def groups_markdown(groups: Sequence[ConflictGroup]) -> str:
    lines = ["| quantity | figures | spread | verdict | why |", "|---|---|---|---|---|"]
    for g in groups:
        figs = "<br>".join(f"**{_md(c.text)}** ({_md(_cite(c))})" for c in g.claims)
        lines.append(
            f"| {_md(quantity_words(g))} | {figs} | {g.spread:.0%} | {g.verdict.value} | {_md(g.explanation)} |"
        )
    return "\n".join(lines)


def claims_markdown(claims: Sequence[Claim]) -> str:
    lines = [
        "| figure | metric | subject | attribution | publisher | date |",
        "|---|---|---|---|---|---|",
    ]
    for c in claims:
        lines.append(
            f"| {_md(c.text)} | {c.metric} | {_md(_subject(c))} | {_md(c.attribution or '')} | "
            f"{_md(c.publisher or '')} | {c.as_of or ''} |"
        )
    return "\n".join(lines)


def quantity_words(g: ConflictGroup) -> str:
    """ "killed — Gaza" / "hostages held — Gaza (Americans)"."""
    words = g.metric.replace("_", " ")
    where = g.subject or "unspecified place"
    part = f" ({g.part.replace('nationality:', '')})" if g.part else ""
    event = ", single event" if g.episode else ""
    return f"{words} — {where}{part}{event}"


# --- helpers -------------------------------------------------------------------------------


def _cite(c: Claim) -> str:
    bits = [c.publisher or c.article, str(c.as_of or c.published or "undated")]
    if c.attribution:
        bits.append(f"per {c.attribution}")
    return ", ".join(bits)


def _subject(c: Claim) -> str:
    part = f" ({c.part.replace('nationality:', '')})" if c.part else ""
    return f"{c.subject or ''}{part}"


def _claim_row(c: Claim) -> dict[str, object]:
    d = c.model_dump(mode="json")
    return {k: d[k] for k in CLAIM_FIELDS}


def _jsonl(c: Claim) -> str:
    return json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n"


def _csv(rows: Sequence[dict[str, object]], fields: Sequence[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _out(console: Console, text: str, end: str = "\n") -> None:
    """Machine formats bypass rich's markup and wrapping so they stay byte-exact."""
    console.file.write(text + end)
    console.file.flush()


__all__ = [
    "OutputFormat",
    "format_value",
    "render_claims",
    "render_groups",
    "render_score",
    "render_summary",
]


def render_bench(report: BenchReport, fmt: OutputFormat, console: Console) -> None:
    """`factcheck bench`: one row per case, medians and ratios; json keeps every repeat."""
    if fmt is OutputFormat.json:
        data = {
            "machine": report.machine,
            "cases": [{**asdict(c), "median": round(c.median, 4)} for c in report.cases],
            "differences_from_full_parse": report.differences,
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
    diff = (
        "claims identical to the full parse"
        if not report.differences
        else f"{len(report.differences)} articles differ from the full parse"
    )
    if fmt is OutputFormat.markdown:
        console.print(f"| {' | '.join(header)} |", markup=False, highlight=False)
        console.print(f"|{'---|' * len(header)}", markup=False, highlight=False)
        for r in rows:
            console.print(f"| {' | '.join(r)} |", markup=False, highlight=False)
        console.print(f"\nMachine: {machine}. {diff}.", markup=False, highlight=False)
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
