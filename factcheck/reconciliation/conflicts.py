"""Claims → conflict groups: each bucket of one quantity (`groups.quantity_buckets`) judged as a
whole, with its best figure, a stable id, why its claims were grouped and the one pair whose
verdict it shows. Linear enough to run over a million claims a story at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise

from factcheck._gc import collector_paused
from factcheck.dates import day_part_span
from factcheck.models import BestFigure, Claim, ConflictGroup, Frame, Qualifier, Verdict
from factcheck.reconciliation.figures import INF, ROUNDABLE, Facts, facts_of, figure_date
from factcheck.reconciliation.groups import frame_of, frame_words, quantity_buckets
from factcheck.reconciliation.verdicts import (
    AGREE,
    CONTRADICTION,
    VERDICT_ORDER,
    explain,
    judge,
    scan,
    verdict_rank,
)
from factcheck.resources import metric_pack

ALL_PAIRS_LIMIT = 200
"""Up to this many distinct figures a group judges every pair; above it, a sample (see
`_sampled_pairs`) keeps a huge group from costing k² judgements."""


_SEVERITY = {v: i for i, v in enumerate(VERDICT_ORDER)}


_MAX_DATE = dt.date.max


_SLUG = re.compile(r"[^a-z0-9]+")


def group_claims(claims: Iterable[Claim], *, include_agree: bool = False) -> list[ConflictGroup]:
    """Group claims that measure the same quantity and judge each group; most serious first.

    `groups.quantity_buckets` decides which claims measure one quantity (linear, plus a sort per
    bucket); this judges each bucket (see `_judge_group`). The same article given twice counts
    once; groups with no judged pair, and `agree` groups unless asked, are dropped.
    """
    return sorted(judged_groups([claims], include_agree=include_agree), key=group_order)


def judged_groups(
    batches: Iterable[Iterable[Claim]], *, include_agree: bool = False
) -> Iterator[ConflictGroup]:
    """`group_claims` of each batch, in no order (`group_order` sorts them). A batch is a
    story's claims (`Store.claims_by_story`): a group never crosses stories, so a store is
    judged a story at a time and a story's claims are freed before the next is read."""
    pack = metric_pack()
    memo = _Memo()
    for claims in batches:
        with collector_paused():  # buckets and groups over a million claims, no cycles
            groups = []
            for bucket in quantity_buckets(claims):
                if len(bucket.members) < 2:
                    continue
                key = (bucket.metric, bucket.subject, bucket.part, bucket.episode)
                direction = pack.direction(bucket.metric, bucket.part)
                group = _build_group(
                    key, bucket.members, direction, bucket.notes, memo, story=bucket.story,
                    kind=bucket.kind, split=bucket.split,
                    frame=frame_of(bucket.members, bucket.episode, bucket.subject, bucket.start),
                )  # fmt: skip
                if group is not None and (include_agree or group.verdict is not Verdict.AGREE):
                    groups.append(group)
        yield from groups


def group_order(g: ConflictGroup) -> tuple[object, ...]:
    """Most serious first, then the widest spread; metric, subject and id make the order total."""
    return (-_SEVERITY[g.verdict], -g.spread, g.metric, (g.subject or "").casefold(), g.id)


# --- groups -----------------------------------------------------------------------------------


class _Figure:
    """Members sharing one signature (value, range, qualifier, precision, date): every pair
    between two figures gets the same verdict, so figures, not members, are paired."""

    __slots__ = ("facts", "sources")

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.sources: dict[tuple[str, str | None], Claim] = {}


class _Memo:
    """What claims share across one `group_claims` call, worked out once: the facts of each
    figure as written, and each attribution folded. A million claims hold far fewer of either."""

    __slots__ = ("facts", "folds")

    def __init__(self) -> None:
        self.facts: dict[tuple[object, ...], tuple[Facts, tuple[object, ...]]] = {}
        self.folds: dict[str | None, str | None] = {None: None}

    def figure(self, claim: Claim) -> tuple[Facts, tuple[object, ...]]:
        """`facts_of(claim)` and the signature that makes claims one figure."""
        qualifier = claim.qualifier
        key = (
            claim.value,
            claim.value_high,
            qualifier,
            claim.text if qualifier in ROUNDABLE else None,  # the only use of the text
            figure_date(claim),
            claim.as_of_time if claim.as_of is not None else None,
            claim.kind == "planned",
        )
        found = self.facts.get(key)
        if found is None:
            facts = facts_of(claim)
            sig = (facts.value, facts.high, facts.qualifier, facts.precision, facts.date,
                   facts.hour, facts.planned)  # fmt: skip
            found = self.facts[key] = (facts, sig)
        return found

    def source(self, claim: Claim) -> tuple[str, str | None]:
        """Who stands behind a figure: its article (the first of its copies) and folded
        attribution; two members with the same source and value are a repeat."""
        return claim.copy_of or claim.article_id, self.fold(claim.attribution)

    def fold(self, text: str | None) -> str | None:
        """`_fold(text)`, once per distinct text."""
        try:
            return self.folds[text]
        except KeyError:
            folded = self.folds[text] = _fold(text)
            return folded


def _fold(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(text.split()).casefold() or None


def _judged(x: _Figure, y: _Figure) -> bool:
    """Whether some member pair across two figures is judged: as the contract says, only pairs
    from different articles or with different attributions; one source is never set against
    itself (an article's headline and body, or its own "earlier" and "now" figures)."""
    return not (len(x.sources) == 1 and x.sources.keys() == y.sources.keys())


def _pick(x: _Figure, y: _Figure) -> tuple[Claim, Claim]:
    """One judged member pair across two figures (or inside one, when `x is y`)."""
    if x is y:
        first_source, first = next(iter(x.sources.items()))
        other = next(c for s, c in x.sources.items() if s != first_source)
        return first, other
    first_source, first = next(iter(x.sources.items()))
    for source, claim in y.sources.items():
        if source != first_source:
            return first, claim
    only = next(iter(y.sources.values()))
    return next(c for s, c in x.sources.items() if s != first_source), only


Decision = tuple[Verdict, int, int]


def _judge_group(figures: Sequence[_Figure], direction: str | None) -> Decision | None:
    """The most serious judged pair as (verdict, i, j) over figure indices, or None.

    Up to ALL_PAIRS_LIMIT figures every pair is judged, which is exactly judging every member
    pair. Larger groups are sampled in O(k log k); a contradiction ends the search either way.
    """
    best: Decision | None = None
    best_rank = -1
    for i, fig in enumerate(figures):
        if len(fig.sources) >= 2:
            best, best_rank = (Verdict.AGREE, i, i), AGREE
            break
    n = len(figures)
    if n > ALL_PAIRS_LIMIT:
        for i, j in _sampled_pairs(figures):
            x, y = figures[i], figures[j]
            if not _judged(x, y):
                continue
            rank = verdict_rank(x.facts, y.facts, direction)
            if rank > best_rank:
                best, best_rank = (VERDICT_ORDER[rank], i, j), rank
                if rank == CONTRADICTION:
                    return best
        return best if best is not None else _any_judged(figures, direction)
    facts = [f.facts for f in figures]
    numbers: dict[tuple[str, str | None], int] = {}
    solo = [  # `_judged` as an int comparison, for the hot loop
        numbers.setdefault(next(iter(f.sources)), len(numbers)) if len(f.sources) == 1 else -1
        for f in figures
    ]
    for i in range(n - 1):
        j = i + 1
        while True:
            j, rank = scan(facts[i], facts, j, best_rank, direction, solo, solo[i])
            if j < 0:
                break
            best, best_rank = (VERDICT_ORDER[rank], i, j), rank
            if rank == CONTRADICTION:
                return best
            j += 1
    return best


def _sampled_pairs(figures: Sequence[_Figure]) -> Iterable[tuple[int, int]]:
    """For groups with more than ALL_PAIRS_LIMIT distinct figures: neighbours in date order
    (`figures` is date-sorted), neighbours in value order, and the lowest against the highest.

    Neighbours catch same-day disagreements and moves against the direction; the extreme pair
    catches the widest disagreement. O(k log k) for the sort, O(k) pairs.
    """
    n = len(figures)
    for i in range(n - 1):
        yield i, i + 1
    by_value = sorted(range(n), key=lambda k: (figures[k].facts.value, k))
    for a, b in pairwise(by_value):
        yield min(a, b), max(a, b)
    low, high = by_value[0], by_value[-1]
    if low != high:
        yield min(low, high), max(low, high)


def _any_judged(figures: Sequence[_Figure], direction: str | None) -> Decision | None:
    """Fallback for a sampled group whose sample held only repeats: pair the first figure with
    any figure it may be judged against (if there is none, no pair in the group is judged)."""
    for j in range(1, len(figures)):
        if _judged(figures[0], figures[j]):
            return judge(figures[0].facts, figures[j].facts, direction), 0, j
    return None


def _date_key(claim: Claim) -> tuple[int, str, int]:
    """Date order, undated last; article and offset make the order independent of the input's.
    (An int first lets `sorted` use its fast path for int keys.)"""
    return (figure_date(claim) or _MAX_DATE).toordinal(), claim.article, claim.start


def _build_group(
    key: tuple[str, str | None, str | None, bool],
    members: list[Claim],
    direction: str | None,
    notes: Sequence[str] = (),
    memo: _Memo | None = None,
    story: str | None = None,
    kind: str | None = None,
    split: bool = False,
    frame: Frame | None = None,
) -> ConflictGroup | None:
    metric, subject, part, episode = key
    members = sorted(members, key=_date_key)
    memo = memo or _Memo()
    figure, source = memo.figure, memo.source
    if kind == "historical":
        # the earlier figures one text quotes are moments of its own timeline, whoever it
        # credits each to: only another article's figure is set against them
        def source(claim: Claim) -> tuple[str, str | None]:
            return claim.copy_of or claim.article_id, None

    rewrites, rewritten = changed_in_copies(members)
    if rewritten:
        # a copy that changed the figure speaks for itself there, not for the text it copies
        copied_source = source

        def source(claim: Claim) -> tuple[str, str | None]:
            if claim.article_id in rewritten:
                return claim.article_id, copied_source(claim)[1]
            return copied_source(claim)

    stock = direction in ("falls", "moves")
    own_parts = _own_parts(members, stock, memo.fold)
    twins = _timed_twins(members)
    figures: dict[tuple[object, ...], _Figure] = {}
    for claim in members:
        if id(claim) in own_parts:
            continue
        facts, sig = figure(claim)
        if twins and facts.hour is None and facts.date is not None:
            hour = twins.get((facts.date, facts.value))
            if hour is not None:  # the same figure, timed by another source that day
                facts = facts._replace(hour=hour)
                sig = (*sig[:-2], hour, sig[-1])
        fig = figures.get(sig)
        if fig is None:
            fig = figures[sig] = _Figure(facts)
        fig.sources.setdefault(source(claim), claim)
    ordered = list(figures.values())

    decision = _judge_group(ordered, direction)
    if decision is None:
        return None
    verdict, i, j = decision
    unplaced: list[_Figure] = []
    if verdict is Verdict.UNCLEAR and None in (ordered[i].facts.date, ordered[j].facts.date):
        # a missing date leaves its own figures unplaced; it does not undo what the dated
        # readings show: their update stands, and the undated ones are named as unplaced
        dated = [f for f in ordered if f.facts.date is not None]
        again = _judge_group(dated, direction) if len(dated) >= 2 else None
        if again is not None and again[0] is Verdict.UPDATE:
            verdict, i, j = again
            ordered, unplaced = dated, [f for f in ordered if f.facts.date is None]

    values = list(dict.fromkeys(c.text for c in members))
    if verdict is Verdict.AGREE:
        judged = [c for c in members if id(c) not in own_parts]
        n_sources = len({source(c) for c in judged})
        shown = " / ".join(dict.fromkeys(c.text for c in judged))
        explanation = f"all {n_sources} sources give {shown}."
    else:
        a, b = _pick(ordered[i], ordered[j])
        explanation = explain(verdict, a, ordered[i].facts, b, ordered[j].facts, direction)

    if unplaced:
        shown = ", ".join(dict.fromkeys(next(iter(f.sources.values())).text for f in unplaced))
        explanation += (
            f" {len(unplaced)} undated figure{'s' if len(unplaced) > 1 else ''} ({shown}) cannot"
            " be placed in time: only their dates could say whether they fit the update."
        )
    if rewrites:
        explanation += " " + " ".join(f"{r[0].upper()}{r[1:]}." for r in rewrites)

    nums = [float(c.value) for c in members]
    top, bottom = max(nums), min(nums)
    spread = round((top - bottom) / top, 4) if top > 0 else 0.0

    return ConflictGroup(
        id=_group_id(_id_key(key, story, kind, members, split), metric, subject, part),
        metric=metric,
        subject=subject,
        verdict=verdict,
        claims=members,
        values=values,
        spread=spread,
        explanation=explanation,
        why_grouped=" ".join(
            [
                *([f"Story '{story}'."] if story else []),
                _why_grouped(metric, subject, part, episode, direction, members, frame),
                *([_own_parts_note(len(own_parts), stock)] if own_parts else []),
                *(f"{n[0].upper()}{n[1:]}." for n in notes),
            ]
        ),
        direction=direction,
        part=part,
        episode=episode,
        story=story,
        kind=kind,
        best=None if kind else _best(members),
        sources=len({c.copy_of or c.article_id for c in members}),
        rewrites=rewrites,
        frame=frame,
        stories=sorted({c.story for c in members if c.story}),
    )


def changed_in_copies(members: Sequence[Claim]) -> tuple[list[str], set[str]]:
    """Copies of one text that give this quantity another figure than the text they copy: a
    rewrite that changed a number is worth a look of its own ("B copies A but gives 70 where
    A gives 59"), whichever of the two is right. Compared with the cluster's first article
    where it gives the quantity. Returns the notes and the ids of the copies that changed."""
    by_article: dict[str, list[Claim]] = {}
    for c in members:
        if c.kind not in ("historical", "projection", "planned"):
            by_article.setdefault(c.article_id, []).append(c)
    out, changed = [], set()
    for article_id, claims in by_article.items():
        original = claims[0].copy_of
        if original is None or original not in by_article:
            continue
        theirs = by_article[original]
        mine_values = {float(c.value) for c in claims}
        their_values = {float(c.value) for c in theirs}
        if mine_values & their_values or not mine_values or not their_values:
            continue
        mine = " / ".join(dict.fromkeys(c.text for c in claims))
        given = " / ".join(dict.fromkeys(c.text for c in theirs))
        out.append(
            f"{_outlet(claims[0])} copies the text of {_outlet(theirs[0])} but gives {mine} "
            f"where it gives {given}"
        )
        changed.add(article_id)
    return out, changed


def _outlet(c: Claim) -> str:
    return f"{c.publisher} ({c.article})" if c.publisher else c.article


def _own_parts(
    members: Sequence[Claim], moves: bool = True, fold: Callable[[str | None], str | None] = _fold
) -> set[int]:
    """Members below a larger figure of their own article: "three people were found dead ...
    one was carrying a gun", "1 dead ... one victim remains critical". An article that gives 3
    and 1 tells of one of the three, not of a second count; judging its 1 against another
    outlet's 3 would cry contradiction over a part. So (ids of those that yield) a figure in the
    article's own voice yields to any larger figure of the article; one it credits to a source
    yields to a larger one of the same source, or to a larger one the article states in its own
    voice for the same date ("three were killed ... two men were pronounced dead, the sergeant
    said"). A credited figure beside another source's larger one ("596, per the Prisoners Club"
    beside Hamas's "over 600") is its source's count, and is judged. For a count that can fall,
    only figures of one date are compared (it may give a smaller figure later: "now 850
    remain"); for others one article's figures are read together, whatever dates its headline,
    lead and body carry."""
    # the largest figure of each (article, date compared within) by source, in all, and in
    # the article's own voice by date
    by_source: dict[tuple[tuple[str, dt.date | None], str | None], float] = {}
    by_day: dict[tuple[str, dt.date | None], float] = {}
    own_voice: dict[tuple[str, dt.date | None], float] = {}
    facts = []  # each member's (id, high, (day, source), day, source, (article, date))
    for c in members:
        v = float(c.value)
        who = fold(c.attribution)
        date = figure_date(c)
        dated = (c.article_id, date)
        day = dated if moves else (c.article_id, None)
        key = (day, who)
        if v > by_source.get(key, -INF):
            by_source[key] = v
        if v > by_day.get(day, -INF):
            by_day[day] = v
        if who is None and v > own_voice.get(dated, -INF):
            own_voice[dated] = v
        high = float(c.value_high) if c.value_high is not None else v
        facts.append((id(c), high, key, day, who, dated))
    out: set[int] = set()
    for ident, high, key, day, who, dated in facts:
        if high < by_source[key] or (
            high < by_day[day] if who is None else high < own_voice.get(dated, -INF)
        ):
            out.add(ident)
    return out


def _timed_twins(
    members: Sequence[Claim],
) -> dict[tuple[dt.date, float], tuple[float, float]]:
    """(date, value) → hour, where sources that time a figure agree on one hour: another
    source's 793 of the same date is the 793 "by Sunday morning", not a figure of unknown hour."""
    hours: dict[tuple[dt.date, float], set[tuple[float, float]]] = {}
    for c in members:
        hour = day_part_span(c.as_of_time) if c.as_of is not None else None
        if hour is not None:
            hours.setdefault((c.as_of, c.value), set()).add(hour)  # type: ignore[arg-type]
    return {k: next(iter(v)) for k, v in hours.items() if len(v) == 1}


def _own_parts_note(n: int, moves: bool) -> str:
    figures = "figure" if n == 1 else "figures"
    when = " for the same date" if moves else ""
    return (
        f"{n} smaller {figures} not judged: each stands beside a larger figure of its own "
        f"article{when}, so it reads as a part of that count."
    )


_PLACE_RANK = {"clause": 0, "sentence": 1, "paragraph": 2, "article": 3}


def _best(members: Sequence[Claim]) -> BestFigure:
    """The latest figure (undated ones last), from the source that names the place most
    specifically, an exact figure before a bound; and the range over all members."""

    def rank(c: Claim) -> tuple[object, ...]:
        when = figure_date(c)
        place = _PLACE_RANK.get(c.place.source, 4) if c.place is not None else 4
        return (
            when is None,
            -(when.toordinal() if when else 0),
            place,
            c.qualifier is not Qualifier.EXACT,
        )

    top = min(members, key=rank)
    values = [v for c in members for v in (c.value, c.value_high) if v is not None]
    return BestFigure(
        value=top.value,
        text=top.text,
        article=top.article,
        as_of=figure_date(top),
        low=min(values),
        high=max(values),
    )


def _id_key(
    key: tuple[object, ...],
    story: str | None,
    kind: str | None,
    members: Sequence[Claim],
    split: bool = False,
) -> tuple[object, ...]:
    """What names a group: its quantity, its story, and where one quantity's figures make
    several groups (earlier figures or projections, one group per set of values; figures split
    by magnitude) the kind and the smallest value, so no two groups share an id."""
    low = (kind, min(float(c.value) for c in members)) if kind or split else ()
    return (story, *key, *low) if story else (*key, *low)


def _group_id(key: tuple[object, ...], metric: str, subject: str | None, part: str | None) -> str:
    """Readable and stable across runs: a slug for people, a hash of the key for uniqueness."""
    words = " ".join(w for w in (metric, subject, part) if w)
    slug = _SLUG.sub("-", words.casefold()).strip("-")[:48].rstrip("-")
    digest = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def _why_grouped(
    metric: str,
    subject: str | None,
    part: str | None,
    episode: bool,
    direction: str | None,
    members: Sequence[Claim],
    frame: Frame | None = None,
) -> str:
    where = f"subject '{subject}'" if subject else "no subject"
    whole = f"part '{part}'" if part else "whole count (no part)"
    if episode:
        words = frame_words(frame)
        kind = "one event" + (f" ({words})" if words and words != "one event" else "")
        if frame is not None and frame.window and frame.window[0] != frame.window[-1]:
            kind += f", reported {frame.window[0]} to {frame.window[-1]}"
    else:
        kind = {
            "rises": "running total",
            "falls": "count of what remains",
            "moves": "count that can rise and fall",
            "fixed": "count of a past event",
        }.get(direction or "", "total")
        if frame is not None and frame.start is not None and direction != "fixed":
            days = len({d for c in members if (d := figure_date(c)) is not None})
            kind += f" {frame_words(frame)}, read on {days} date{'s' if days != 1 else ''}"
    n_claims = len(members)
    n_articles = len({c.article_id for c in members})
    articles = "article" if n_articles == 1 else "articles"
    return (
        f"same metric '{metric}', {where}, {whole}, {kind}; "
        f"{n_claims} claims from {n_articles} {articles}."
    )
