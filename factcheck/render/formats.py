"""Models → JSON, JSONL, CSV and Markdown text. JSON comes from `model_dump(mode="json")` alone, so
the contract's field names cannot drift from `spec/claims.md`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factcheck.render.rows import GroupRow, as_row, subject_words

if TYPE_CHECKING:
    from factcheck.models import Claim, ConflictGroup


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


STORY_FIELDS = ("story", "label", "first", "last", "size", "place", "articles")


def groups_markdown(groups: Sequence[ConflictGroup | GroupRow]) -> str:
    lines = ["| quantity | figures | spread | verdict | why |", "|---|---|---|---|---|"]
    for g in map(as_row, groups):
        figs = "<br>".join(
            [f"**{md_escape(text)}** ({md_escape(cite)})" for text, cite in g.figures]
            + ([md_escape(g.more)] if g.more else [])
        )
        lines.append(
            f"| {md_escape(g.quantity)} | {figs} | {g.spread:.0%} | {g.verdict.value} | {md_escape(g.explanation)} |"
        )
    return "\n".join(lines)


def claims_markdown(claims: Sequence[Claim]) -> str:
    lines = [
        "| figure | metric | subject | attribution | publisher | date |",
        "|---|---|---|---|---|---|",
    ]
    for c in claims:
        lines.append(
            f"| {md_escape(c.text)} | {c.metric} | {md_escape(subject_words(c))} | {md_escape(c.attribution or '')} | "
            f"{md_escape(c.publisher or '')} | {c.as_of or ''} |"
        )
    return "\n".join(lines)


def claim_fields(c: Claim) -> dict[str, object]:
    d = c.model_dump(mode="json")
    return {k: d[k] for k in CLAIM_FIELDS}


def jsonl_line(c: Claim) -> str:
    return json.dumps(c.model_dump(mode="json"), ensure_ascii=False) + "\n"


def csv_text(rows: Sequence[dict[str, object]], fields: Sequence[str], header: bool = True) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n")
    if header:
        w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")
