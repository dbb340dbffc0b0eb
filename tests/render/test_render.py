"""Rendering: what the human-facing tables leave out, and that the machine formats do not."""

from __future__ import annotations

import datetime as dt
import io
import json

from rich.console import Console

from factcheck.choices import OutputFormat
from factcheck.models import Claim, Qualifier
from factcheck.reconciliation.conflicts import group_claims
from factcheck.render.rows import FIGURES_SHOWN
from factcheck.render.tables import render_groups


def _claims(n: int) -> list[Claim]:
    """`n` outlets giving one same-day toll, each a different figure: one contradiction."""
    out = []
    for k in range(n):
        text = f"{100 + 3 * k}"
        out.append(
            Claim(
                article=f"in/{k}.txt", article_id=f"id{k}", publisher=f"Outlet {k}",
                published=dt.date(2031, 4, 2), text=text, start=40, end=40 + len(text),
                sentence=f"Floods killed {text} people.", value=100 + 3 * k, value_high=None,
                qualifier=Qualifier.EXACT, metric="killed", counted="people", subject="Valdora",
                attribution=None, as_of=dt.date(2031, 4, 2),
            )
        )
    return out


def _render(fmt: OutputFormat, n: int, width: int = 120) -> str:
    groups = group_claims(_claims(n))
    assert len(groups) == 1 and len(groups[0].claims) == n, [c.text for c in groups[0].claims]
    buf = io.StringIO()
    render_groups(groups, fmt, Console(file=buf, width=width, color_system=None))
    return buf.getvalue()


def test_a_table_lists_a_groups_first_figures_and_says_how_many_more():
    n = FIGURES_SHOWN + 18
    for fmt, width in ((OutputFormat.table, 160), (OutputFormat.table, 80), (OutputFormat.markdown, 120)):
        out = _render(fmt, n, width)
        assert "… and 18 more figures" in " ".join(out.split()), fmt
        assert sum(f"Outlet {k}," in out for k in range(n)) == FIGURES_SHOWN, (fmt, width)


def test_json_and_csv_carry_every_figure():
    n = FIGURES_SHOWN + 18
    [group] = json.loads(_render(OutputFormat.json, n))
    assert len(group["claims"]) == n
    assert "more figures" not in _render(OutputFormat.csv, n)
    assert _render(OutputFormat.csv, n).count("Outlet ") == n


def test_a_group_within_the_limit_has_no_note():
    assert "more figures" not in _render(OutputFormat.table, FIGURES_SHOWN)


def test_the_lowest_and_highest_figures_show_when_a_group_is_capped():
    out = " ".join(_render(OutputFormat.markdown, FIGURES_SHOWN + 18).split())
    n = FIGURES_SHOWN + 18
    assert "**100**" in out and f"**{100 + 3 * (n - 1)}**" in out  # both ends of the spread
    assert "… and 18 more figures" in out


def test_stacked_wrap_is_textwrap() -> None:
    """The narrow table's lines skip textwrap where they fit as written; they are its lines."""
    import random
    import textwrap

    from factcheck.render._table import _strip_controls, _wrap

    rng = random.Random(7)
    for _ in range(5_000):
        text = "".join(rng.choice("ab cd  ef—…\t\n\u00a0\x1b,.") for _ in range(rng.randint(0, 40)))
        width = rng.randint(8, 50)
        first, rest = rng.choice([("", ""), ("  • ", "    "), ("  why: ", "  ")])
        want = textwrap.wrap(
            _strip_controls(text), width, initial_indent=first, subsequent_indent=rest
        )
        assert _wrap(text, width, first, rest) == [f"{w}\n" for w in want], (text, width)
    line = "7 killed (Outlet, 2031-04-02)"
    assert _wrap(line, 80, "  • ") == [f"  • {line}\n"]
