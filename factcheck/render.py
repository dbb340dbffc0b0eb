"""Models → what a user reads: rich tables, JSON, JSONL, CSV, Markdown.

The only module that builds rich tables. JSON comes from `model_dump(mode="json")` alone, so the
contract's field names cannot drift; every format is reached through a `match` that ends in
`assert_never`, so adding a format without rendering it fails the type check and a test.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from typing import IO, TYPE_CHECKING, assert_never

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import strip_control_codes
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factcheck.choices import OutputFormat, Verdict
from factcheck.numbers import format_value

if TYPE_CHECKING:
    from factcheck.measure.bench import Report as BenchReport
    from factcheck.measure.evaluate import DisputeScore, Score
    from factcheck.models import Claim, ConflictGroup, Story
    from factcheck.run import ArticleReport

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
_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
_NOT_ASCII_LINES = re.compile(r"[^\n\x20-\x7e]")
_STRIPPED_CONTROLS = re.compile(r"[\x07\x08\x0b\x0c\r]")  # rich.control.STRIP_CONTROL_CODES
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
            w.writerow(_claim_row(c))
            if buf.tell() > 65_536:
                write(buf.getvalue())
                buf.seek(0)
                buf.truncate()
        write(buf.getvalue())
    elif fmt is OutputFormat.jsonl:
        for c in claims:
            write(_jsonl(c))
    else:  # json: the array json.dumps(indent=2) writes, an item at a time
        first = True
        for c in claims:
            item = json.dumps(c.model_dump(mode="json"), indent=2, ensure_ascii=False)
            write(("[\n" if first else ",\n") + "\n".join("  " + line for line in item.split("\n")))
            first = False
        write("[]\n" if first else "\n]\n")
    console.file.flush()


STORY_FIELDS = ("story", "label", "first", "last", "size", "place", "articles")


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
            _out(console, json.dumps(rows, indent=2, ensure_ascii=False))
        case OutputFormat.jsonl:
            _out(console, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), end="")
        case OutputFormat.csv:
            flat = [{**r, "articles": " ".join(r["articles"])} for r in rows]
            _out(console, _csv(flat, STORY_FIELDS), end="")
        case OutputFormat.markdown:
            lines = ["| story | label | first | last | articles |", "|---|---|---|---|---|"]
            lines += [
                f"| {r['story']} | {_md(r['label'])} | {r['first'] or ''} | {r['last'] or ''} "
                f"| {r['size']} |"
                for r in rows
            ]
            _out(console, "\n".join(lines))
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
                payload = _stacked_block(group_row(g), _stack_width(self.console))
            case OutputFormat.table | OutputFormat.markdown:
                payload = group_row(g)
            case OutputFormat.json:
                item = json.dumps(g.model_dump(mode="json"), indent=2, ensure_ascii=False)
                payload = "\n".join("  " + line for line in item.split("\n"))
            case OutputFormat.jsonl:
                payload = json.dumps(g.model_dump(mode="json"), ensure_ascii=False) + "\n"
            case OutputFormat.csv:
                rows = [
                    {"group": g.id, "verdict": g.verdict.value, **_claim_row(c)} for c in g.claims
                ]
                payload = _csv(rows, ["group", "verdict", *CLAIM_FIELDS], header=False)
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
                _out(console, groups_markdown(rows))
            elif not _write_groups_table(rows, console):
                console.print(groups_table(rows))
            return
        self.spans.sort(key=lambda r: r[0])
        write = console.file.write
        if self.stacked:
            write(_stacked_title(len(self.spans)))
        elif self.fmt is OutputFormat.csv:
            write(_csv([], ["group", "verdict", *CLAIM_FIELDS]))
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
            _subject(c),
            c.attribution or "",
            c.publisher or "",
            str(c.as_of or ""),
        )
    return table


STACK_BELOW = 100
"""Terminals narrower than this get one block per group instead of the five-column table, which
at 80 columns wraps every cell into a thin column (225 lines for the seeds' 6 groups), as `gh`
and `pip-audit` switch layouts for narrow terminals."""


def _stack_width(console: Console) -> int:
    return max(40, console.width)


def _stacked_title(n_groups: int) -> str:
    return f"{n_groups} groups where sources differ\n"


def _stacked_block(g: GroupRow, width: int) -> str:
    """One group of the narrow table: a blank line, the quantity and its verdict, a line per
    figure, then why; wrapped to `width`."""
    out = ["\n"]
    out += _wrap(f"{g.quantity} · {g.verdict.value} · spread {g.spread:.0%}", width)
    for line in [f"{text} ({cite})" for text, cite in g.figures] + ([g.more] if g.more else []):
        out += _wrap(line, width, "  • ", "    ")
    out += _wrap(g.explanation, width, "  why: ", "  ")
    return "".join(out)


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`textwrap.wrap` of the text without control characters, each line ending in a newline.
    Most lines fit as they are: those skip textwrap, whose chunking is most of a big table's
    writing. (A line textwrap would change, by width or whitespace, still goes through it.)"""
    text = _strip_controls(text)
    if len(first) + len(text) <= width and text.isprintable() and text[-1:] not in ("", " "):
        return [f"{first}{text}\n"]
    import textwrap

    lines = textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest)
    return [f"{line}\n" for line in lines]


def groups_table(groups: Sequence[ConflictGroup | GroupRow]) -> Table:
    """One row per group, most serious first; wraps rather than cuts at 80 columns."""
    table = _groups_frame(len(groups))
    for g in map(_row, groups):
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


def _groups_frame(n_groups: int) -> Table:
    """The conflicts table without rows: its title and columns, shared by both writers."""
    table = Table(
        title=f"{n_groups} groups where sources differ", title_justify="left", show_lines=True
    )
    table.add_column("quantity", overflow="fold", ratio=2)
    table.add_column("figures (publisher, date, attribution)", overflow="fold", ratio=4)
    table.add_column("spread", justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("why", overflow="fold", ratio=4)
    return table


def groups_markdown(groups: Sequence[ConflictGroup | GroupRow]) -> str:
    lines = ["| quantity | figures | spread | verdict | why |", "|---|---|---|---|---|"]
    for g in map(_row, groups):
        figs = "<br>".join(
            [f"**{_md(text)}** ({_md(cite)})" for text, cite in g.figures]
            + ([_md(g.more)] if g.more else [])
        )
        lines.append(
            f"| {_md(g.quantity)} | {figs} | {g.spread:.0%} | {g.verdict.value} | {_md(g.explanation)} |"
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


@dataclass(frozen=True, slots=True)
class GroupRow:
    """What the tables show of a group: its figures as (text, cite), at most FIGURES_SHOWN, and
    the line saying how many more. `GroupWriter` keeps these, not the groups' claims."""

    quantity: str
    verdict: Verdict
    spread: float
    explanation: str
    figures: tuple[tuple[str, str], ...]
    more: str | None


def group_row(g: ConflictGroup) -> GroupRow:
    shown, more = _shown(g)
    figures = tuple((c.text, cite) for c, cite in shown)
    return GroupRow(quantity_words(g), g.verdict, g.spread, g.explanation, figures, more)


def _row(g: ConflictGroup | GroupRow) -> GroupRow:
    return g if isinstance(g, GroupRow) else group_row(g)


FIGURES_SHOWN = 12
"""Figures a group's table cell lists; past that it says how many more (a million-claim store
had groups of 800 figures: a screen of one cell nobody reads, all of it in JSON and CSV)."""


def _shown(g: ConflictGroup) -> tuple[list[tuple[Claim, str]], str | None]:
    """The figures a table lists for a group and, when some are left out, the line saying so
    (only the lines shown are cited: a million-claim store spent 7 s citing hidden ones)."""
    lines = _lines(g)
    if len(lines) <= FIGURES_SHOWN:
        return _figures(g, lines), None
    # the lowest and the highest figure always show: the spread the verdict reads is visible
    low = min(range(len(lines)), key=lambda k: float(lines[k][0].value))
    high = max(range(len(lines)), key=lambda k: float(lines[k][0].value))
    keep = sorted({low, high} | set(range(FIGURES_SHOWN - 2)))
    keep += [k for k in range(len(lines)) if k not in keep][: FIGURES_SHOWN - len(keep)]
    picked = [lines[k] for k in sorted(keep)]
    more = len(lines) - len(picked)
    return _figures(g, picked), f"… and {more:,} more figures (--format json or csv: all)"


def _lines(g: ConflictGroup) -> list[list[Claim]]:
    shown: dict[tuple[str, str, str | None], list[Claim]] = {}
    folds: dict[str, str] = {}  # a group repeats its words: each casefolded once
    for c in g.claims:
        text, who = c.text, c.attribution  # "Railway officials" once
        key = folds.get(text)
        if key is None:
            key = folds[text] = text.casefold()
        if who:
            who = folds.get(who) or folds.setdefault(who, who.casefold())
        shown.setdefault((c.copy_of or c.article_id, key, who or None), []).append(c)
    return list(shown.values())


def _figures(g: ConflictGroup, lines: list[list[Claim]] | None = None) -> list[tuple[Claim, str]]:
    """A group's figures as the tables show them: copies of one text giving one figure are one
    line ("Outlet A, 2024-03-05; copy in 4 more outlets"), not a line an outlet."""
    out = []
    for first, *copies in lines if lines is not None else _lines(g):
        outlets = {(c.article_id, c.article) for c in copies}
        more = len(outlets - {(first.article_id, first.article)})
        cite = _cite(first) + (f"; copy in {more} more outlet{'s' * (more != 1)}" if more else "")
        out.append((first, cite))
    return out


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


def _csv(rows: Sequence[dict[str, object]], fields: Sequence[str], header: bool = True) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n")
    if header:
        w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _write_groups_table(groups: Sequence[ConflictGroup | GroupRow], console: Console) -> bool:
    """Write `groups_table(groups)` as `console.print` would, character for character, in a
    fraction of the time; False (nothing written) where only rich itself can be exact.

    Rich renders a million figures in minutes: every line of every cell passes through its
    segment and style machinery. Without colour none of that shows, so this draws the same table
    from plain strings. Rich still decides the column widths (`_column_widths`, through its
    public API) and renders the cells the fast path does not cover; the fast
    path is rich's word wrapping of left-aligned, folding cells, on printable ASCII, where a
    character is a cell. tests/test_synthetic.py holds both writers to the same output.
    """
    frame = _groups_frame(len(groups))
    if (
        console.color_system is not None
        or console.record
        or console.is_jupyter
        or console.legacy_windows
        or console.soft_wrap
        or frame.box is None
        or frame.padding != (0, 1, 0, 1)
    ):
        return False
    options = console.options.update(
        justify=None, overflow=None, height=None, no_wrap=None, markup=None, highlight=None
    )
    rows = [_plain_cells(g, console) for g in groups]
    found = _column_widths(console, options, rows)
    if found is None:
        return False
    widths, table_width = found
    if table_width > options.max_width or min(widths) < 3:
        return False
    box = frame.box.substitute(
        options, safe=console.safe_box if frame.safe_box is None else frame.safe_box
    )
    cells = _CellWriter(console, options, frame, widths)
    out: list[str] = []
    if frame.title:
        out += [f"{line}\n" for line in cells.wrap(_plain(console, str(frame.title)), table_width)]
    out.append(box.get_top(widths) + "\n")
    header = [cells.lines(j, _plain(console, str(c.header))) for j, c in enumerate(frame.columns)]
    out += _row_lines(header, widths, box.head_left, box.head_vertical, box.head_right, top=False)
    out.append(box.get_row(widths, "head", edge=True) + "\n")
    separator = box.get_row(widths, "row", edge=True) + "\n"
    middle = (box.mid_left, box.mid_vertical, box.mid_right)
    foot = (box.foot_left, box.foot_vertical, box.foot_right)
    write = console.file.write
    for i, row in enumerate(rows, 1):
        edges = foot if i == len(rows) else middle
        out += _row_lines([cells.lines(j, cell) for j, cell in enumerate(row)], widths, *edges)
        if i < len(rows):
            out.append(separator)
        if len(out) > 10_000:  # a million figures make a few hundred MB of table
            write("".join(out))
            out = []
    out.append(box.get_bottom(widths) + "\n")
    write("".join(out))
    console.file.flush()
    return True


def _column_widths(
    console: Console, options: ConsoleOptions, rows: Sequence[tuple[str, ...]]
) -> tuple[list[int], int] | None:
    """(column widths with padding, table width) as rich lays out the table of `rows`, read
    off rich's own drawing, through its public API, of the table with one blank stand-in row
    that measures as each column's widest cell: that row's line is the edges and dividers
    around runs of spaces. None where the drawing is not that (a box without vertical lines)."""
    frame = _groups_frame(len(rows))
    frame.title = None
    if rows:
        measured = [[_measure(cell) for cell in column] for column in zip(*rows, strict=True)]
        stand_in = [_Measured(max(m[0] for m in ms), max(m[1] for m in ms)) for ms in measured]
    else:
        stand_in = [_Measured(0, 0) for _ in frame.columns]
    frame.add_row(*stand_in)
    drawn = console.render_lines(frame, options, pad=False)
    if len(drawn) < 3:
        return None
    line = "".join(segment.text for segment in drawn[-2])
    edges = [i for i, ch in enumerate(line) if ch != " "]
    if len(edges) != len(frame.columns) + 1 or edges[0] != 0 or not _cell_per_character(line):
        return None
    return [b - a - 1 for a, b in pairwise(edges)], len(line)


class _Measured:
    """A stand-in cell that measures as a column's widest: rich takes a column's measure as the
    widest minimum and widest maximum over its cells, so one such cell gives the same widths."""

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum, self.maximum = minimum, maximum

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.minimum, self.maximum)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text()  # one blank line: the row `_column_widths` reads the widths off


class _CellWriter:
    """A cell's plain text → its lines, each exactly its column's width, padding included."""

    def __init__(self, console: Console, options: ConsoleOptions, frame: Table, widths: list[int]):
        self.console, self.options, self.widths = console, options, widths
        self.columns = frame.columns
        self.cache: dict[tuple[int, str], list[str]] = {}

    def lines(self, j: int, plain: str) -> list[str]:
        column, width = self.columns[j], self.widths[j]
        if column.justify == "left" and column.overflow == "fold" and not column.no_wrap:
            ascii_lines = _NOT_ASCII_LINES.search(plain) is None
            out: list[str] = []
            for line in plain.split("\n"):
                if ascii_lines or _cell_per_character(line):
                    out += _wrap_ascii(line, width - 2, " ")
                else:
                    out += [f" {w} " for w in self.wrap(line, width - 2)]
            return out
        found = self.cache.get((j, plain))  # spread and verdict: few values, drawn by rich
        if found is None:
            options = self.options.update(
                width=width,
                justify=column.justify,
                no_wrap=column.no_wrap,
                overflow=column.overflow,
                height=None,
                highlight=column.highlight,
            )
            rendered = self.console.render_lines(Padding(Text(plain), (0, 1)), options, pad=True)
            found = self.cache[j, plain] = ["".join(s.text for s in line) for line in rendered]
        return found

    def wrap(self, line: str, width: int) -> list[str]:
        """One line of a left-aligned, folding cell → lines of exactly `width` cells, as
        `Text.wrap` and then `Lines.justify("left")` make them."""
        if _cell_per_character(line):
            return _wrap_ascii(line, width)
        wrapped = Text(line).wrap(self.console, width, justify="left", overflow="fold")
        return [set_cell_size(w.plain, width) for w in wrapped]


def _wrap_ascii(line: str, width: int, edge: str = "") -> list[str]:
    """`Text.wrap` of one line of printable ASCII, justified left to `width`, between `edge`s.

    The walk is `rich._wrap.divide_line(line, width, fold=True)` with `len` for `cell_len` and
    slices for `chop_cells` (a character is a cell); each piece is then cut as `rstrip_end` and
    `truncate` cut it (trailing spaces first) and padded. The words tile the line, so each starts
    where the last ended.
    """
    n = len(line)
    if n <= width:  # every word fits: no break
        return [f"{edge}{line}{' ' * (width - n)}{edge}"]
    breaks: list[int] = []
    offset = end = 0
    for word in _WORD.findall(line):
        start = end
        end += len(word)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # fold the word
            chunks = [word[i : i + width] for i in range(0, len(word), width)]
            for chunk in chunks[:-1]:
                if start:
                    breaks.append(start)
                start += len(chunk)
            if start:
                breaks.append(start)
            offset = len(chunks[-1])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    out = []
    begin = 0
    for cut in [*breaks, n]:
        piece = line[begin:cut]
        begin = cut
        if len(piece) > width:  # rstrip_end (ASCII's only whitespace is " "), then truncate
            spaces = len(piece) - len(piece.rstrip())
            piece = piece[: len(piece) - min(spaces, len(piece) - width)][:width]
        out.append(f"{edge}{piece}{' ' * (width - len(piece))}{edge}")
    return out


_ONE_CELL: dict[str, bool] = {}


def _cell_per_character(line: str) -> bool:
    """Whether `line` wraps as printable ASCII does (`_wrap_ascii`): printable (so no space but
    " "), every character one cell wide. "—" and "…" are, in every table's quantity and "more"
    lines; rich's own wrapping of them was most of the table's cost."""
    if not line.isprintable():
        return False
    if line.isascii():
        return True
    for ch in set(line):
        one = _ONE_CELL.get(ch)
        if one is None:
            one = _ONE_CELL[ch] = get_character_cell_size(ch) == 1
        if not one:
            return False
    return True


def _row_lines(
    cells: list[list[str]], widths: list[int], left: str, divider: str, right: str, top: bool = True
) -> list[str]:
    """One table row: cells aligned to the top (the header to the bottom), padded with blank
    lines to the tallest, between the box's edges."""
    height = max(len(c) for c in cells)
    lines = []
    for c, width in zip(cells, widths, strict=True):
        blank = [" " * width] * (height - len(c))
        lines.append(c + blank if top else blank + c)
    return [f"{left}{divider.join(parts)}{right}\n" for parts in zip(*lines, strict=True)]


def _plain_cells(g: ConflictGroup | GroupRow, console: Console) -> tuple[str, ...]:
    """A group's row as `groups_table` builds it, each cell as its plain text."""
    g = _row(g)
    lines = [f"{text} ({cite})" for text, cite in g.figures] + ([g.more] if g.more else [])
    return (
        _plain(console, g.quantity),
        _strip_controls("\n".join(lines)),
        _plain(console, f"{g.spread:.0%}"),
        _strip_controls(g.verdict.value),
        _plain(console, g.explanation),
    )


def _plain(console: Console, s: str) -> str:
    """What rich makes of a string cell, without styles: markup and emoji codes read."""
    if "[" in s or ":" in s:
        return console.render_str(s, highlight=False).plain
    return _strip_controls(s)


def _strip_controls(s: str) -> str:
    """`rich.control.strip_control_codes`, which `Text` applies, without its cost on text that
    has none of them (most text)."""
    return strip_control_codes(s) if _STRIPPED_CONTROLS.search(s) else s


def _measure(plain: str) -> tuple[int, int]:
    """`Text.__rich_measure__`: (longest word, longest line) in cells."""
    words = plain.split()
    if _NOT_ASCII_LINES.search(plain) is None:
        longest_line = max(map(len, plain.split("\n")))
        return (max(map(len, words)) if words else longest_line), longest_line
    lines = plain.splitlines()
    longest_line = max(map(_cells, lines)) if lines else 0
    # a big cell repeats its words (publishers, dates) thousands of times: measure each once
    return (max(map(_cells, dict.fromkeys(words))) if words else longest_line), longest_line


def _cells(s: str) -> int:
    return len(s) if s.isascii() and s.isprintable() else cell_len(s)


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
