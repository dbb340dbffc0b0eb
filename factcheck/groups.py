"""Which claims measure the same quantity: the step between the store and the verdicts.

Same metric, same part ("five Americans" is not the 58 they belong to), same kind of count (one
event vs a running total), same scope. A scope the sentence names is firm; one inferred from the
article's main place is a default that yields to a named scope of the same metric. Within a scope,
figures more than `MAGNITUDE_GAP` apart are kept apart: 8 and 48,453 deaths are not two readings of
one quantity but a part and a whole the parse could not tell apart. Each bucket says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from factcheck.models import Claim
from factcheck.numbers import parse_number

MAGNITUDE_GAP = 3.0
"""Sorted figures of one scope split where the next is more than this many times the previous."""
NATIONALITY_SHARE = 0.4
"""A nationality on this share of a metric's claims is the story's default, not a part of it."""


@dataclass
class Bucket:
    metric: str
    subject: str | None
    part: str | None
    episode: bool
    members: list[Claim] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None, str | None, bool, float]:
        low = min(float(c.value) for c in self.members) if self.members else 0.0
        return (self.metric, _fold(self.subject), _fold(self.part), self.episode, low)


def quantity_buckets(claims: Iterable[Claim]) -> list[Bucket]:
    """Claims → buckets of one quantity each, in a linear pass plus a sort per bucket."""
    unique: dict[tuple[str, int, int], Claim] = {}
    for c in claims:
        if not _is_vague(c.text):
            unique.setdefault((c.article_id, c.start, c.end), c)
    coarse: dict[tuple[str, bool], list[Claim]] = {}
    by_metric: dict[str, list[Claim]] = {}
    for c in unique.values():
        coarse.setdefault((c.metric, bool(c.episode)), []).append(c)
        by_metric.setdefault(c.metric, []).append(c)
    defaults = {m: _default_nationalities(cs) for m, cs in by_metric.items()}
    out: list[Bucket] = []
    for (metric, episode), members in coarse.items():
        default_parts = defaults[metric]
        by_part: dict[str | None, list[Claim]] = {}
        part_display: dict[str | None, str | None] = {}
        for c in members:
            part = _part(c, default_parts)
            by_part.setdefault(_fold(part), []).append(c)
            part_display.setdefault(_fold(part), part)
        for folded, group in by_part.items():
            part = part_display[folded]
            for subject, scoped, note in _by_scope(group):
                for chunk in _by_magnitude(scoped):
                    b = Bucket(metric, subject, part, episode, chunk, [note] if note else [])
                    if len(chunk) < len(scoped):
                        b.notes.append(
                            f"figures over {MAGNITUDE_GAP:g}x apart kept in separate groups"
                        )
                    out.append(b)
    return out


# --- helpers -------------------------------------------------------------------------------


def _by_scope(claims: list[Claim]) -> list[tuple[str | None, list[Claim], str]]:
    named = Counter(_fold(c.subject) for c in claims if c.subject_source != "article" and c.subject)
    display: dict[str | None, str | None] = {}
    for c in claims:
        if c.subject:
            display.setdefault(_fold(c.subject), c.subject)
    scopes: dict[str | None, list[Claim]] = {}
    notes: dict[str | None, str] = {}
    for c in claims:
        s = _fold(c.subject)
        if c.subject_source != "article" or s in named:
            scopes.setdefault(s, []).append(c)
        elif len(named) == 1:
            only = next(iter(named))
            scopes.setdefault(only, []).append(c)
            notes[only] = "claims without a named place joined the only named one"
        elif not named:
            scopes.setdefault("*", []).append(c)
        else:
            scopes.setdefault(s, []).append(c)
    result = []
    for s, members in scopes.items():
        if s == "*":
            common = Counter(c.subject for c in members if c.subject).most_common(1)
            subject = common[0][0] if common else None
            note = "no claim names a place; scope taken from the articles"
        else:
            subject = display.get(s)
            note = notes.get(s, "")
        result.append((subject, members, note))
    return result


def _by_magnitude(claims: list[Claim]) -> list[list[Claim]]:
    ordered = sorted(claims, key=lambda c: float(c.value))
    chunks: list[list[Claim]] = []
    for c in ordered:
        v = float(c.value)
        if chunks and v <= MAGNITUDE_GAP * max(float(chunks[-1][-1].value), 1.0):
            chunks[-1].append(c)
        else:
            chunks.append([c])
    return chunks


def _default_nationalities(claims: list[Claim]) -> set[str]:
    counts = Counter(
        p for c in claims for p in (c.part or "").split(", ") if p.startswith("nationality:")
    )
    return {p for p, n in counts.items() if n >= NATIONALITY_SHARE * len(claims)}


def _part(c: Claim, default_parts: set[str]) -> str | None:
    if not c.part:
        return None
    kept = [p for p in c.part.split(", ") if p not in default_parts]
    return ", ".join(kept) or None


def _is_vague(text: str) -> bool:
    m = parse_number(text)
    return m is not None and m.vague


def _fold(s: str | None) -> str | None:
    return s.casefold() if s else None
