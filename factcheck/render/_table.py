"""The conflicts table written as plain text, fast: rich decides the column widths from a sample,
then rows are wrapped and padded here (a million-claim store's table through rich's own renderer
took minutes). Below `STACK_BELOW` columns each group is a stacked block instead. Private: the
public face is `render.tables.GroupWriter`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from rich.cells import cell_len, get_character_cell_size, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import strip_control_codes
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factcheck.render.rows import GroupRow, as_row

if TYPE_CHECKING:
    from factcheck.models import ConflictGroup


_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word


_NOT_ASCII_LINES = re.compile(r"[^\n\x20-\x7e]")


_STRIPPED_CONTROLS = re.compile(r"[\x07\x08\x0b\x0c\r]")  # rich.control.STRIP_CONTROL_CODES


STACK_BELOW = 100
"""Terminals narrower than this get one block per group instead of the five-column table, which
at 80 columns wraps every cell into a thin column (225 lines for the seeds' 6 groups), as `gh`
and `pip-audit` switch layouts for narrow terminals."""


def stack_width(console: Console) -> int:
    return max(40, console.width)


def stacked_title(n_groups: int) -> str:
    return f"{n_groups} groups where sources differ\n"


def stacked_block(g: GroupRow, width: int) -> str:
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


def groups_frame(n_groups: int) -> Table:
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


def write_groups_table(groups: Sequence[ConflictGroup | GroupRow], console: Console) -> bool:
    """Write `groups_table(groups)` as `console.print` would, character for character, in a
    fraction of the time; False (nothing written) where only rich itself can be exact.

    Rich renders a million figures in minutes: every line of every cell passes through its
    segment and style machinery. Without colour none of that shows, so this draws the same table
    from plain strings. Rich still decides the column widths (`_column_widths`, through its
    public API) and renders the cells the fast path does not cover; the fast
    path is rich's word wrapping of left-aligned, folding cells, on printable ASCII, where a
    character is a cell. tests/measure/test_synthetic.py holds both writers to the same output.
    """
    frame = groups_frame(len(groups))
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
    frame = groups_frame(len(rows))
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
    g = as_row(g)
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


def write_out(console: Console, text: str, end: str = "\n") -> None:
    """Machine formats bypass rich's markup and wrapping so they stay byte-exact."""
    console.file.write(text + end)
    console.file.flush()
