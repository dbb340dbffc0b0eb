"""What a parse leaves behind, and how it becomes claims without parsing again.

The claims component hands on a number it found (`Mention`) and a claim before its article's
metadata is attached (`ClaimDraft`). Drafts are what the store keeps, so `to_claims` (provenance,
`as_of`, kind, the resolved place, the article's own timeline) runs on stored drafts after a
manifest correction. No spaCy here: re-dating an article must not load a model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from factcheck import models
from factcheck.dates import PART_WORDS, as_of_precision, full_date, resolve_as_of, split_day_part
from factcheck.models import Article, Claim, Event
from factcheck.numbers import NumberMatch, as_number
from factcheck.places import Place, combined_place, place_model, resolve_many
from factcheck.resources import metric_pack


@dataclass(frozen=True, slots=True)
class Mention:
    """A number the numbers component found, and the pattern that ruled it out, if any."""

    number: NumberMatch
    excluded_by: str | None = None


@dataclass(slots=True)
class ClaimDraft:
    """A claim as the component finds it, before article metadata is attached."""

    text: str
    start: int
    end: int
    sentence: str
    value: float
    value_high: float | None
    qualifier: str
    metric: str
    counted: str | None
    subject: str | None
    subject_source: str
    part: str | None
    attribution: str | None
    as_of_text: str | None
    episode: bool
    kind: str | None = None
    """What the text itself says of the figure: `historical`, `projection`, `planned`, else None."""
    step: str | None = None
    """A cue that the text narrates this figure as a step of a count's rise ("had reached",
    "rose to 820 shortly after midday"): history if the article gives a higher current count."""
    place_source: str = "none"
    """Where the place was read: `clause`, `sentence`, `paragraph`, `article` or `none`."""
    evidence: list[str] = field(default_factory=list)
    news_day: str | None = None
    """The day the article reports from (its dateline): the date of a figure the text does not
    date itself."""
    vague: bool | None = None
    """The figure is a vague one ("thousands", "dozens"), as the number finder read it; None in
    drafts stored before it was kept."""
    event: str | None = None
    """The noun of the one-act happening the figure counts ("attack", "strikes"), if any."""
    event_date_text: str | None = None
    """The date that happening's name gives ("the Oct. 7, 2023 attack")."""
    event_toll: bool = False
    """The figure is the happening's toll read later ("the toll from the attack stands at
    1,139"): the figure's own date is not the happening's."""


def to_claims(article: Article, drafts: Iterable[ClaimDraft]) -> list[Claim]:
    """Attach the article's provenance, settle `as_of` (explicit date, else publication) and
    resolve each claim's place through the gazetteer, the article's names together."""
    drafts = list(drafts)
    resolved = resolve_many(d.subject for d in drafts if d.subject)
    pack = metric_pack()
    out = []
    # an article with no date of its own is read as of the latest full date its text gives
    # ("Updated 4 Jun, 2024", "on May 30, 2024"): weekdays and "yesterday" count from it
    reference, inferred = article.published, None
    if reference is None:
        inferred = _latest_full_date(drafts)
        reference = inferred[0] if inferred else None
    for d in drafts:
        explicit = resolve_as_of(d.as_of_text, reference)
        source = "text" if explicit else ("published" if article.published else "none")
        when = d.as_of_text if explicit else None
        bare = d.as_of_text if d.as_of_text in PART_WORDS and reference else None
        if explicit is None and inferred is not None:
            explicit, source, when = inferred[0], "lead", inferred[1]
            d.evidence.append(f"as_of: the latest date the undated text gives ({inferred[1]})")
        elif explicit is None:
            lead = _news_day(d.news_day, article.published)
            if lead is not None:
                explicit, source, when = lead, "lead", d.news_day
                d.evidence.append(f"as_of: the article reports from {d.news_day}")
        kind = d.kind or _default_kind(
            d, explicit if source == "text" else None, reference,
            pack.direction(d.metric),
        )  # fmt: skip
        out.append(
            Claim(
                article=article.article,
                article_id=article.article_id,
                publisher=article.publisher,
                published=article.published,
                text=d.text,
                start=d.start,
                end=d.end,
                sentence=d.sentence,
                value=as_number(d.value),
                value_high=None if d.value_high is None else as_number(d.value_high),
                qualifier=d.qualifier,  # type: ignore[arg-type]
                metric=d.metric,
                counted=d.counted,
                subject=d.subject,
                subject_source=d.subject_source,  # type: ignore[arg-type]
                attribution=d.attribution,
                as_of=explicit or article.published,
                as_of_source=source,  # type: ignore[arg-type]
                as_of_precision=as_of_precision(when)
                if when
                else ("day" if article.published else None),  # type: ignore[arg-type]
                as_of_time=split_day_part(when)[1] if when else bare,
                part=d.part,
                episode=d.episode,
                evidence=d.evidence,
                story=article.story,
                kind=kind,
                place=_place(d, resolved),
                vague=d.vague,
                event=_event(d, reference, explicit if source == "text" else None, when),
            )
        )
    return _repeats_dated(superseded_in_text(out, [d.step for d in drafts]))


def _place(d: ClaimDraft, resolved: dict[str, Place | None]) -> models.Place | None:
    """The claim's place: the gazetteer's reading of its subject, or, for places named together
    that it reads one by one, their combined scope."""
    found = resolved.get(d.subject or "")
    if found is None and d.subject and d.place_source != "none":
        combined = combined_place(d.subject, d.place_source)
        if combined is not None:
            return combined
    return place_model(d.subject, found, d.place_source)


_CURRENT = ("total", "stock", "event")


def _repeats_dated(claims: list[Claim]) -> list[Claim]:
    """A figure the article repeats (a headline's "Toll Reaches 2,012" and the body's "at least
    2,012 ... according to a toll issued on Saturday at 10 pm") takes the date the text gives it
    once, where the text gives it exactly one."""
    dated: dict[tuple[object, ...], set[tuple[dt.date, str | None, str | None]]] = {}
    for c in claims:
        if c.as_of_source == "text" and c.as_of is not None and c.kind in _CURRENT:
            when = (c.as_of, c.as_of_time, c.as_of_precision)
            dated.setdefault((*_timeline_key(c), float(c.value)), set()).add(when)
    if not dated:
        return claims
    out = []
    for c in claims:
        found = dated.get((*_timeline_key(c), float(c.value)))
        if c.as_of_source in ("published", "lead", "none") and c.kind in _CURRENT and found:
            if len(found) == 1:
                day, time, precision = next(iter(found))
                c = c.model_copy(
                    update={
                        "as_of": day,
                        "as_of_time": time,
                        "as_of_precision": precision,
                        "as_of_source": "text",
                        "evidence": [*c.evidence, f"as_of: {day}, where the text dates this figure"],
                    }
                )
        out.append(c)
    return out


def _latest_full_date(drafts: Sequence[ClaimDraft]) -> tuple[dt.date, str] | None:
    """The latest date the article gives itself in full (its dateline, year included), with its
    words, or None. A date a sentence gives a figure ("the October 7, 2023, assault killed
    1,200") dates that figure, not the article: an undated article read as of it would date its
    every figure to the war's first day."""
    found = [
        (day, text)
        for text in dict.fromkeys(d.news_day for d in drafts if d.news_day)
        if (day := full_date(text)) is not None
    ]
    return max(found) if found else None


NEWS_DAY_WINDOW = 7
"""A dateline or lead day counts only this many days before publication (or on its day)."""


def _news_day(expr: str | None, published: dt.date | None) -> dt.date | None:
    """The day an article reports from, when it is a day of the week before publication;
    without a publication date, a dateline's month and day cannot be placed in a year."""
    day = resolve_as_of(expr, published)
    if day is None or published is None:
        return None
    return day if 0 <= (published - day).days <= NEWS_DAY_WINDOW else None


def superseded_in_text(
    claims: list[Claim], steps: Sequence[str | None] | None = None
) -> list[Claim]:
    """An article's own timeline: where it gives one running total or stock (same metric, part
    and place) at several dates, the figures it dates before its latest one are history ("the
    Railways on Saturday said 288" in a Sunday report of 275), not current counts. So are the
    undated steps it narrates on the way to its highest running total ("the toll had reached
    1,037" beside "2,122"; `steps` holds each claim's cue from `kind.narrated_step`)."""
    steps = steps if steps is not None else [None] * len(claims)
    latest: dict[tuple[object, ...], tuple[dt.date | None, set[float]]] = {}
    for c in claims:
        if c.kind in ("total", "stock"):
            key = _timeline_key(c)
            seen = latest.get(key)
            if seen is None or (c.as_of is not None and (seen[0] is None or c.as_of > seen[0])):
                latest[key] = (c.as_of, {float(c.value)})
            elif c.as_of == seen[0]:
                seen[1].add(float(c.value))
    out = []
    for c, step in zip(claims, steps, strict=True):
        seen = latest.get(_timeline_key(c)) if c.kind in ("total", "stock") else None
        if seen is None:
            out.append(c)
            continue
        now = "/".join(f"{v:g}" for v in sorted(seen[1]))
        if (
            c.as_of_source == "text"
            and c.as_of is not None
            and seen[0] is not None
            and c.as_of < seen[0]
            and float(c.value) not in seen[1]
        ):
            cue = f"kind: historical, dated {c.as_of} where the text gives {now} as of {seen[0]}"
        elif (
            step is not None
            and c.kind == "total"
            and c.as_of_source != "text"
            and c.as_of == seen[0]
            and float(c.value) < max(seen[1])
        ):
            cue = f"kind: historical, a step ({step}) on the way to the text's {max(seen[1]):g}"
        else:
            out.append(c)
            continue
        out.append(c.model_copy(update={"kind": "historical", "evidence": [*c.evidence, cue]}))
    return out


def _timeline_key(c: Claim) -> tuple[object, ...]:
    where = (c.place.key or c.place.name) if c.place is not None else c.subject
    return (c.metric, c.part, where)


_YEAR_LEVEL = re.compile(
    r"^(?:(?:in\s+)?(?:[a-z]+\.?,?\s+)?(?:1[89]|20)\d\d|last year|.* years? ago)$", re.I
)
"""Dates that name a year or a month of one, not a day: a figure so dated in an earlier year
is that period's count, not the story's now."""


def _event(
    d: ClaimDraft, reference: dt.date | None, as_of: dt.date | None, as_of_text: str | None
) -> Event | None:
    """The happening the figure counts, dated by its name ("the June 2 crash") or else by the
    date the text gives the figure ("strikes killed 404 on Tuesday"); undated otherwise."""
    if not d.event:
        return None
    text = d.event_date_text
    when = resolve_as_of(text, reference) if text else None
    if when is None and as_of is not None and not d.event_toll:
        when, text = as_of, as_of_text
    if when is None:
        return Event(noun=d.event)
    return Event(noun=d.event, date=when, text=text, precision=as_of_precision(text) or "day")


HISTORY_DAYS = 366
"""A figure the text dates this long before publication is history ("a tsunami killed 61 in
1960"), not the story's current count."""


def _default_kind(
    d: ClaimDraft, as_of: dt.date | None, published: dt.date | None, direction: str | None
) -> str:
    """The contract's `kind` where the parse found no cue: history by date, one event, a
    stock (a count the pack says can fall: held, missing) or a running total."""
    if as_of is not None and published is not None and (published - as_of).days > HISTORY_DAYS:
        d.evidence.append(f"kind: historical, dated {as_of.isoformat()}")
        return "historical"
    if as_of is not None and published is not None and as_of.year < published.year:
        if _YEAR_LEVEL.search(d.as_of_text or ""):
            # "clashes that killed 60 last year", "in 2023": a past year's count, not today's
            d.evidence.append(f"kind: historical, a past year ('{d.as_of_text}')")
            return "historical"
    if d.episode:
        return "event"
    return "stock" if direction in ("falls", "moves") else "total"
