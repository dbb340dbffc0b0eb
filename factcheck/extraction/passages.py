"""Which passages of an article are read, and what the unread ones say: paragraph starts, the
lede, the dateline's day, and the last speaker named in plain words before a claim passage.
Only passages that hold a figure are parsed in full; these keep that cheap without losing context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from factcheck.extraction.drafts import Mention
from factcheck.extraction.tree import DETERMINERS
from factcheck.resources import attribution_words

LEDE_TOKENS = 64
"""Passages starting this early (headline, dateline, first paragraph) are always read."""


_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z .'’-]{1,40},[ \t]+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?[ \t]+\d{1,2})\b",
    re.M,
)


LEAD_CHARS = 600
"""How far into an article its dateline and lead may start."""


def news_day_text(text: str) -> str | None:
    """The day an article reports from, by its dateline ("Balasore, June 4", "WASHINGTON,
    Sept. 12 (Reuters) -") or an "Updated 4 Jun, 2024" line: the date of its figures that carry
    none of their own. A lead's "on Sunday" is not enough: it dates the lead's own figure, and
    "now stands at" is today."""
    m = _DATELINE.search(text[:LEAD_CHARS]) or _UPDATED.search(text[:LEAD_CHARS])
    return m.group(1) if m else None


_UPDATED = re.compile(
    r"^[ \t]*(?:Updated|Published|Posted|Last updated)\b[: \t]*(?:on[ \t]+)?(?:[A-Z][a-z]+,[ \t]+)?"
    r"(\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?,?[ \t]+\d{4}|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},?[ \t]+\d{4})",
    re.M,
)
"""An "Updated 4 Jun, 2024" or "Published: June 4, 2024" line near the top of a page."""


def passage_starts(doc: Doc) -> list[int]:
    """Where each passage (headline, paragraph) begins: after a blank line, or after a line break
    before a word that is not lower-case (a single break before a lower-case word is taken as hard
    wrapping). Read off the tokens alone, so it holds before and after parsing."""
    starts = [0] if len(doc) else []
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            nxt = doc[tok.i + 1]
            if tok.text.count("\n") >= 2 or not nxt.is_lower:
                starts.append(tok.i + 1)
    return starts


def claim_passages(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """The passages claims are read from: the lede (every passage that starts within the first
    `LEDE_TOKENS` tokens: headline, dateline, first paragraph, which name the story's place) and
    every one holding a number that no pattern ruled out. Token ranges, in order."""
    starts = passage_starts(doc)
    if not starts:
        return []
    bounds = list(zip(starts, [*starts[1:], len(doc)], strict=True))
    wanted = {k for k, s in enumerate(starts) if s < LEDE_TOKENS}
    for m in mentions:
        if m.excluded_by in (None, "year"):
            wanted.add(bisect_right(starts, m.number.start) - 1)
    return [bounds[k] for k in sorted(wanted)]


@dataclass(frozen=True, slots=True)
class Excerpt:
    """What `build_claims` needs to know about an article beyond the passages it reads: where
    they are (token ranges), the whole text (for the place count) and, keyed by the first token
    of a passage, the last speaker the unread paragraphs before it named."""

    passages: Sequence[tuple[int, int]]
    text: str | None = None
    speakers: Mapping[int, str] = field(default_factory=dict)


def full_excerpt(doc: Doc, mentions: Sequence[Mention]) -> Excerpt:
    """The excerpt of a doc that holds the whole article."""
    passages = claim_passages(doc, mentions)
    return Excerpt(passages, None, unread_speakers(doc, passages))


def unread_speakers(doc: Doc, passages: Sequence[tuple[int, int]]) -> dict[int, str]:
    """For each claim passage, the last speaker named (in plain words) by the unread paragraphs
    since the previous one. Works on a tokenized doc; no parse needed."""
    out: dict[int, str] = {}
    prev_end = 0
    for start, end in passages:
        if start > prev_end:
            who = passage_speaker(doc[prev_end:start])
            if who:
                out[start] = who
        prev_end = end
    return out


def passage_speaker(span: Span) -> str | None:
    """The last named source in unparsed words: "Green said", "said Gov. Josh Green"."""
    forms = _attribution_forms()
    skip = attribution_words()["pronouns"] | DETERMINERS
    last = None
    for t in span:
        if t.lower_ not in forms:
            continue
        before = _title_run(span, t.i - 1, -1)
        after = _title_run(span, t.i + 1, 1)
        run = before or after
        if run and not (len(run) == 1 and run[0].lower_ in skip):
            last = "".join(x.text_with_ws for x in run).strip()
    return last


def _title_run(span: Span, i: int, step: int) -> list[Token]:
    doc = span.doc
    run: list[Token] = []
    while span.start <= i < span.end and _name_word(doc[i]):
        run.append(doc[i])
        i += step
    return run[::-1] if step < 0 else run


def _name_word(t: Token) -> bool:
    """A word of a name or title as written: "Green", "UN", "Gov.", not "the" or "12"."""
    word = t.text[:-1] if t.text.endswith(".") and len(t.text) > 2 else t.text
    return word.isalpha() and (word.istitle() or word.isupper())


@cache
def _attribution_forms() -> frozenset[str]:
    """Inflected forms of the attribution verbs, so unparsed text can be scanned for them."""
    irregular = {"say": "said", "tell": "told", "write": "wrote", "put": "put", "show": "shown"}
    forms: set[str] = set()
    for v in attribution_words()["verbs"]:
        stem = v[:-1] if v.endswith("e") else v
        forms |= {v, f"{v}s", f"{stem}ed"}
        if v.endswith("y"):
            forms |= {f"{v[:-1]}ies", f"{v[:-1]}ied"}
        if v in irregular:
            forms.add(irregular[v])
    return frozenset(forms)


def passage_lookup(passages: Sequence[tuple[int, int]]):  # type: ignore[no-untyped-def]
    firsts = [s for s, _ in passages]

    def inside(i: int) -> bool:
        k = bisect_right(firsts, i) - 1
        return k >= 0 and i < passages[k][1]

    return inside
