"""How one group or claim reads on a screen, whatever the format: its quantity in words, the figures
shown (at most `FIGURES_SHOWN`, the lowest and highest always) and how each is cited. The tables,
the Markdown and the HTML report all take these, so a group reads the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.choices import Verdict
from factcheck.reconciliation.figures import figure_date
from factcheck.reconciliation.groups import frame_words

if TYPE_CHECKING:
    from factcheck.models import Claim, ConflictGroup


def quantity_words(g: ConflictGroup) -> str:
    """ "killed — Gaza" / "hostages held — Gaza (Americans)"."""
    words = g.metric.replace("_", " ")
    where = g.subject or "unspecified place"
    part = f" ({_part_words(g.part)})" if g.part else ""
    event = ""
    if g.episode:
        event = f", {frame_words(g.frame)}" if g.frame is not None else ", single event"
    return f"{words} — {where}{part}{event}"


# --- helpers -------------------------------------------------------------------------------


def _part_words(part: str) -> str:
    """A part as a reader says it: "nationality:american" -> "american", "role:civilians" ->
    "civilians"."""
    return part.replace("nationality:", "").replace("role:", "")


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


def as_row(g: ConflictGroup | GroupRow) -> GroupRow:
    return g if isinstance(g, GroupRow) else group_row(g)


FIGURES_SHOWN = 12
"""Figures a group's table cell lists; past that it says how many more (a million-claim store
had groups of 800 figures: a screen of one cell nobody reads, all of it in JSON and CSV)."""


def _shown(g: ConflictGroup) -> tuple[list[tuple[Claim, str]], str | None]:
    """The figures a table lists for a group and, when some are left out, the line saying so
    (only the lines shown are cited: a million-claim store spent 7 s citing hidden ones)."""
    lines = _lines(g)
    if len(lines) <= FIGURES_SHOWN:
        return cited_figures(g, lines), None
    # the lowest and the highest figure always show: the spread the verdict reads is visible
    low = min(range(len(lines)), key=lambda k: float(lines[k][0].value))
    high = max(range(len(lines)), key=lambda k: float(lines[k][0].value))
    keep = sorted({low, high} | set(range(FIGURES_SHOWN - 2)))
    keep += [k for k in range(len(lines)) if k not in keep][: FIGURES_SHOWN - len(keep)]
    picked = [lines[k] for k in sorted(keep)]
    more = len(lines) - len(picked)
    return cited_figures(g, picked), f"… and {more:,} more figures (--format json or csv: all)"


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


def cited_figures(g: ConflictGroup, lines: list[list[Claim]] | None = None) -> list[tuple[Claim, str]]:
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
    bits = [c.publisher or c.article, str(figure_date(c) or "undated")]
    if c.attribution:
        bits.append(f"per {c.attribution}")
    return ", ".join(bits)


def subject_words(c: Claim) -> str:
    part = f" ({_part_words(c.part)})" if c.part else ""
    return f"{c.subject or ''}{part}"
