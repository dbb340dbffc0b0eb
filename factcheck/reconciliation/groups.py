"""Which claims measure the same quantity: the step between the store and the verdicts.

Same metric, same part ("five Americans" is not the 58 they belong to), same kind of count (one
event vs a running total), same scope. A scope the sentence names is firm; one inferred from the
article's main place is a default that yields to a named scope of the same metric. Within a scope,
figures more than `MAGNITUDE_GAP` apart are kept apart: 8 and 48,453 deaths are not two readings of
one quantity but a part and a whole the parse could not tell apart. Each bucket says why.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from factcheck.models import SPREAD_EVIDENCE, Claim, Frame, Place
from factcheck.numbers import parse_number
from factcheck.places import nesting
from factcheck.reconciliation.figures import figure_date, pair_interval
from factcheck.resources import number_words

YEAR_IN = re.compile(r"\b(1[89]|20)\d\d\b")

MAGNITUDE_GAP = 3.0
"""Sorted figures of one scope split where the next is more than this many times the previous."""
SIDE_KINDS = frozenset({"historical", "projection"})
"""Kinds of count kept out of the current figure's group: the text itself says they are not it.
Planned figures stay with what was done: "announced 1,900, freed 1,800" is one quantity."""
SIDE_NOTES = {
    "historical": "figures the text quotes as superseded or past, apart from current counts "
    "and from each other unless they can all be true: a timeline of earlier tolls is not a dispute",
    "projection": "projections ('could reach'), apart from counts and from each other unless "
    "they can all be true",
}
NATIONALITY_SHARE = 0.4
"""A nationality on this share of a story's claims of a metric is the story's default, not a
part of it ("Thai hostages" in a story about Thai workers); other stories do not dilute it."""


@dataclass
class Bucket:
    metric: str
    subject: str | None
    part: str | None
    episode: bool
    members: list[Claim] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    story: str | None = None
    kind: str | None = None
    """`historical`, `projection` or `planned` for figures that are not the current count."""
    split: bool = False
    """One of several groups a scope's figures were split into by magnitude."""
    start: dt.date | None = None
    """The first report of the bucket's story: where a period frame's readings begin."""

    @property
    def story_key(self) -> tuple[object, ...]:
        """One quantity of one story, whatever the kind of its figures."""
        return (self.story, self.metric, self.episode, _fold(self.part), _fold(self.subject))

    @property
    def key(self) -> tuple[str, str | None, str | None, bool, float]:
        low = min(float(c.value) for c in self.members) if self.members else 0.0
        return (self.metric, _fold(self.subject), _fold(self.part), self.episode, low)


def quantity_buckets(claims: Iterable[Claim]) -> list[Bucket]:
    """Claims → buckets of one quantity each, in a linear pass plus a sort per bucket.

    Written for a million claims: each claim is touched a few times, whether it is vague comes
    with it from extraction, and what depends only on a repeated string (what a part or subject
    folds to; vagueness where extraction did not say) is worked out once per distinct string.
    """
    vague_words = tuple(number_words()["vague"])
    vague: dict[str, bool] = {}
    unique: dict[tuple[str, str, int, int], Claim] = {}
    for c in claims:
        is_vague = c.vague
        if is_vague is None:  # not known (a claim stored before it was kept, or built by hand)
            text = c.text
            is_vague = vague.get(text)
            if is_vague is None:
                is_vague = vague[text] = _is_vague(text, vague_words)
        if not is_vague:
            # one text published by two outlets gives each its claims (article names differ)
            unique.setdefault((c.article_id, c.article, c.start, c.end), c)
    unique = _event_years(_story_readings(unique))
    starts = _story_starts(unique.values())
    one_day = _one_event_stories(unique.values(), starts)
    coarse: dict[tuple[str | None, str, bool, str | None], list[Claim]] = {}
    events = {
        id(c)
        for c in unique.values()
        if (c.episode and (c.story, c.metric) not in one_day) or _other_event(c, starts.get(c.story))
    }
    recalled = _recalled_events(unique.values(), events)
    for c in unique.values():
        side = c.kind if c.kind in SIDE_KINDS else None
        coarse.setdefault((c.story, c.metric, id(c) in events, side), []).append(c)
    listed = _breakdowns(unique.values())
    homes, cores = _story_places(unique.values(), listed)
    defaults = _default_nationalities(coarse, homes)
    levels = {
        c.place.key: (c.place.chain(), c.place.level)
        for c in unique.values()
        if c.place is not None and c.place.key
    }
    folds: dict[str | None, str | None] = {None: None}
    out: list[Bucket] = []
    for (story, metric, episode, side), members in coarse.items():
        default_parts = defaults[story, metric]
        routes: dict[str | None, tuple[str | None, str | None]] = {None: (None, None)}
        by_part: dict[str | None, list[Claim]] = {}
        part_display: dict[str | None, str | None] = {}
        for c in members:
            route = routes.get(c.part)
            if route is None:
                part = _part(c.part, default_parts)
                route = routes[c.part] = (_fold(part), part)
            folded = route[0]
            group = by_part.get(folded)
            if group is None:
                group = by_part[folded] = []
                part_display[folded] = route[1]
            group.append(c)
        for folded, group in by_part.items():
            part = part_display[folded]
            if any(c.place is not None for c in group):
                scopes = _by_place(
                    group, homes.get(story, frozenset()), cores.get(story, frozenset()), listed,
                    levels,
                )  # fmt: skip
            else:  # claims from a store written before places: compare the names as written
                scopes = _by_scope(group, folds)
            for subject, scoped, note in scopes:
                if side is not None:
                    chunks = _by_overlap(scoped)
                elif episode:
                    chunks = [
                        m for when in _by_event_date(scoped, recalled) for m in _by_magnitude(when)
                    ]
                else:
                    chunks = _rejoin_series(_by_magnitude(scoped))
                for chunk in chunks:
                    b = Bucket(
                        metric, subject, part, episode, chunk, [note] if note else [], story,
                        side,
                    )  # fmt: skip
                    b.start = starts[story][0] if story in starts else None
                    if side is not None:
                        b.notes.append(SIDE_NOTES[side])
                    elif len(chunk) < len(scoped):
                        b.split = True
                        b.notes.append(
                            f"figures over {MAGNITUDE_GAP:g}x apart kept in separate groups"
                        )
                    out.append(b)
    _quoted_records(out)
    return out


def _story_readings(
    claims: dict[tuple[str, str, int, int], Claim],
) -> dict[tuple[str, str, int, int], Claim]:
    """A story's place names read together, as one article's are (`places.resolve_many`): the
    "Georgia" of one article is the state where another article of the story names a county of
    it, so the story's claims do not split between a country and a state of one name."""
    from factcheck.places import place_model, resolve_many

    names: dict[str | None, set[str]] = {}
    for c in claims.values():
        if c.story and c.subject and c.place is not None and c.place.key:
            names.setdefault(c.story, set()).add(c.subject)
    readings = {story: resolve_many(sorted(found)) for story, found in names.items()}
    out = {}
    for k, c in claims.items():
        found = readings.get(c.story, {}).get(c.subject or "") if c.place is not None else None
        if found is not None and c.place is not None and found.key != c.place.key:
            c = c.model_copy(update={"place": place_model(c.subject, found, c.place.source)})
        out[k] = c
    return out


STORY_EVENT_SLACK = 3
"""Days before a story's first report that its own happening may lie: the crash a story opens
with, reported the next morning."""


def _story_starts(claims: Iterable[Claim]) -> dict[str | None, tuple[dt.date, dt.date]]:
    """Each story's first and last report dates."""
    out: dict[str | None, tuple[dt.date, dt.date]] = {}
    for c in claims:
        p = c.published
        if p is not None:
            first, last = out.get(c.story, (p, p))
            out[c.story] = (min(first, p), max(last, p))
    return out


def _other_event(c: Claim, dates: tuple[dt.date, dt.date] | None) -> bool:
    """A figure of one act (`Claim.event`) that is not the story's own happening: one whose
    dates lie wholly after the story's opening days (the 18 March strikes in a war followed
    since January) or before them (the 7 October attack an article recalls). The happening a
    story opens with (the crash, the quake's first shock) is the story's running total, and so
    is an act the text does not date: a follow-up months later names the shooting it follows."""
    if c.event is None or dates is None:
        return False
    start, _ = dates
    span = _text_span(c)
    if span is None:
        return False
    return span[1] < start - dt.timedelta(days=STORY_EVENT_SLACK) or span[0] > start + (
        dt.timedelta(days=1)
    )


def _event_years(
    claims: dict[tuple[str, str, int, int], Claim],
) -> dict[tuple[str, str, int, int], Claim]:
    """A story's event dates read together, as its places are: "the Oct. 7 attack" in a 2025
    article is the "Oct. 7, 2023 attack" another article of the story names with its year, not
    the anniversary the calendar alone would choose."""
    yeared: dict[tuple[str | None, int, int], set[int]] = {}
    for c in claims.values():
        e = c.event
        if e is not None and e.date is not None and e.text and YEAR_IN.search(e.text):
            yeared.setdefault((c.story, e.date.month, e.date.day), set()).add(e.date.year)
    if not yeared:
        return claims
    out = {}
    for k, c in claims.items():
        e = c.event
        if e is not None and e.date is not None and e.text and not YEAR_IN.search(e.text):
            years = yeared.get((c.story, e.date.month, e.date.day))
            if years and e.date.year not in years:
                c = c.model_copy(update={"event": e.model_copy(update={"date": e.date.replace(
                    year=max(y for y in years if y <= e.date.year) if any(
                        y <= e.date.year for y in years) else min(years))})})  # fmt: skip
        out[k] = c
    return out


def _one_event_stories(
    claims: Iterable[Claim], starts: dict[str | None, tuple[dt.date, dt.date]]
) -> frozenset[tuple[str | None, str]]:
    """(story, metric) where the story is one event: its figures of one day ("3 killed
    tonight") all fall within a day of the story's first report (`starts`), so that day's count
    is the story's count, not one episode of a longer series (a day's toll in a weeks-long war)."""
    days: dict[tuple[str | None, str], set[dt.date]] = {}
    undated: set[tuple[str | None, str]] = set()
    for c in claims:
        if c.story is None:
            continue
        if c.episode:
            when = figure_date(c)
            if when is None:
                undated.add((c.story, c.metric))
            else:
                days.setdefault((c.story, c.metric), set()).add(when)
    out = set()
    for key, found in days.items():
        start = starts[key[0]][0] if key[0] in starts else None
        if key in undated or start is None:
            continue
        if max(found) - min(found) <= dt.timedelta(days=1) and abs(min(found) - start).days <= 1:
            out.add(key)
    return frozenset(out)


def _quoted_records(buckets: list[Bucket]) -> None:
    """An earlier figure one text quotes ("the previous toll of 2,012") joins, in its own
    group, the same figure another text of the story gave as its current count at the time:
    that is the record it quotes, and the group says whether the quote is faithful. The current
    claim stays in its own group as well."""
    wanted = {b.story_key for b in buckets if b.kind == "historical"}
    if not wanted:
        return
    current: dict[tuple[object, ...], dict[float, list[Claim]]] = {}
    for b in buckets:
        if b.kind is None and b.story_key in wanted:
            by_value = current.setdefault(b.story_key, {})
            for c in b.members:
                by_value.setdefault(float(c.value), []).append(c)
    for b in buckets:
        if b.kind != "historical" or b.story_key not in current:
            continue
        articles = {c.article_id for c in b.members}
        by_value = current[b.story_key]
        added = [
            c
            for v in dict.fromkeys(float(h.value) for h in b.members)
            for c in by_value.get(v, ())
            if c.article_id not in articles
        ]
        if added:
            b.members.extend(added)
            b.notes.append(
                "with the same figures other articles gave as their current count: the "
                "record the earlier figures quote"
            )


# --- helpers -------------------------------------------------------------------------------


def _by_scope(
    claims: list[Claim], folds: dict[str | None, str | None]
) -> list[tuple[str | None, list[Claim], str]]:
    """Claims of one metric and part → scopes. Where a claim goes depends only on its subject and
    whether the sentence named it, so that is decided once per pair, in order of first
    appearance; `folds` caches `_fold` by subject across calls."""
    kinds = [(c.subject, c.subject_source == "article") for c in claims]
    first = dict.fromkeys(kinds)
    for subject, _ in first:
        if subject not in folds:
            folds[subject] = _fold(subject)
    named = dict.fromkeys(folds[subj] for subj, art in first if not art and folds[subj])
    display: dict[str | None, str | None] = {}
    for subject, _ in first:
        s = folds[subject]
        if s is not None and s not in display:
            display[s] = subject
    only = next(iter(named)) if len(named) == 1 else None
    notes: dict[str | None, str] = {}
    route: dict[tuple[str | None, bool], str | None] = {}
    for subject, art in first:
        s = folds[subject]
        if not art or s in named:
            route[subject, art] = s
        elif only is not None:
            route[subject, art] = only
            notes[only] = "claims without a named place joined the only named one"
        elif not named:
            route[subject, art] = "*"
        else:
            route[subject, art] = s
    scopes: dict[str | None, list[Claim]] = {}
    for c, kind in zip(claims, kinds, strict=True):
        scope = route[kind]
        members = scopes.get(scope)
        if members is None:
            members = scopes[scope] = []
        members.append(c)
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


def _by_place(
    claims: list[Claim],
    home: frozenset[str],
    core: frozenset[str] = frozenset(),
    listed: frozenset[tuple[str, str, str]] = frozenset(),
    levels: dict[str, tuple[tuple[str, ...], str | None]] | None = None,
) -> list[tuple[str | None, list[Claim], str]]:
    """Claims of one story, metric and part → scopes by where the counted people are.

    The story's own places (the article defaults most of its articles fall back on) and what
    contains them are one scope: "Derna's toll" and "Libya's toll" in a story about Derna are
    one quantity, as the text treats them, unless the story gives another part of the container
    a toll of its own (Georgia's beside North Carolina's: the country's is then a sum). A place the text names that is not one of those (a
    province inside the country, a neighbouring country, another state) is a scope of its own.
    A claim whose place is only the article default, or a name the gazetteer does not know,
    belongs to the story's scope; so does a country its sentence names outside the claim's own
    clause ("prisoners held in Israel" in a Gaza story): a country is weak evidence of where
    one count is, a town or province is not.
    """
    levels = levels or {}
    shared = _shared_containers(claims, home, core, levels)
    scopes: dict[str | None, list[Claim]] = {}
    for c in claims:
        p = c.place
        key: str | None = None
        if p is not None and p.key in shared:
            # "227 across six states" beside Georgia's and Florida's own tolls in a story about
            # North Carolina: the country's count is a sum over its parts, not the story's
            key = p.key
        elif (
            p is not None
            and p.key
            and p.key not in home
            and (p.source == "clause" or (p.source != "article" and p.level != "country"))
            # a place inside the story's own (a county of the state the story is about) is
            # the story's count, unless its sentence breaks a figure down place by place
            and (
                not _inside_core(p, core, levels)
                or ((c.article_id, c.sentence, c.metric) in listed and p.key not in core)
            )
        ):
            key = p.key
        elif p is not None and p.key and p.key not in core and p.source == "clause" and _spread(c):
            # "243 deaths across multiple states" in a story about one of them: the country's
            # total, not the story's own place's count, though the country contains it ("40
            # across 12 counties" in a story about their state is the state's own count)
            key = p.key
        scopes.setdefault(key, []).append(c)
    result = []
    for key, members in scopes.items():
        if key is None:
            named = Counter(c.subject for c in members if c.subject)
            subject = named.most_common(1)[0][0] if named else None
            note = "the story's own place and what contains it" if home else ""
        else:
            first = next(c.place for c in members if c.place is not None)
            subject = first.name
            sources = sorted({c.place.source for c in members if c.place is not None})
            note = f"place '{first.name}' named in the text ({', '.join(sources)})"
        result.append((subject, members, note))
    return result


def _shared_containers(
    claims: Iterable[Claim],
    home: frozenset[str],
    core: frozenset[str],
    levels: dict[str, tuple[tuple[str, ...], str | None]],
) -> frozenset[str]:
    """The country of a story about one of its states or provinces, where the story's claims
    also give another state's own count: a North Carolina story that gives Georgia's and
    Florida's tolls has a country's toll that is a sum over states, not North Carolina's. (A
    story about a town keeps its country's toll as its own, as Derna's is Libya's, whatever
    other towns it names.)"""
    containers = home - core
    if not containers or not core or any(levels.get(k, ((), None))[1] != "region" for k in core):
        return frozenset()
    found: set[str] = set()
    for c in claims:
        p = c.place
        if p is None or not p.key or p.source == "article" or p.key in home or p.level != "region":
            continue
        ancestors = _ancestors(p)
        if ancestors and not core.intersection(ancestors):
            found.update(containers.intersection(ancestors))
    return frozenset(found)


def _spread(c: Claim) -> bool:
    """The claim's figure spreads over several places ("in four states"), per its evidence."""
    return any(e.startswith(SPREAD_EVIDENCE) for e in c.evidence)


def _ancestors(p: Place) -> tuple[str, ...]:
    return tuple(k for k in (p.region_key, p.country_key) if k and k != p.key)


def _inside_core(
    p: Place, core: frozenset[str], levels: dict[str, tuple[tuple[str, ...], str | None]]
) -> bool:
    """The place lies in one of the story's own places (a county of its state), or may (the
    county of a town the story is about: the gazetteer records no counties of towns)."""
    if core.intersection(_ancestors(p)):
        return True
    chain = p.chain()
    for key in core:
        own = levels.get(key)
        if own is not None and nesting(chain, p.level, own[0], own[1]) > 0:
            return True
    return False


def _breakdowns(claims: Iterable[Claim]) -> frozenset[tuple[str, str, str]]:
    """(article, sentence, metric) where a sentence gives one metric for two or more places
    ("1,293 deaths in Al Haouz, 452 in Taroudant"): each figure there is its place's own, not
    the story's total."""
    places: dict[tuple[str, str, str], set[str]] = {}
    for c in claims:
        if c.place is not None and c.place.key:
            places.setdefault((c.article_id, c.sentence, c.metric), set()).add(c.place.key)
    return frozenset(k for k, keys in places.items() if len(keys) > 1)


def _story_places(
    claims: Iterable[Claim], listed: frozenset[tuple[str, str, str]] = frozenset()
) -> tuple[dict[str | None, frozenset[str]], dict[str | None, frozenset[str]]]:
    """Per story, the places it is about and what contains them: the commonest article default
    (the place claims fall back on) with its ancestors ("Libya" in a story about Derna), and
    other defaults nested with it that at least half as many articles share. Second, per story,
    its own places without what contains them (a place inside one of those is the story's)."""
    Chain = tuple[tuple[str, ...], str | None]
    defaults: dict[tuple[str | None, str], Chain] = {}
    named: dict[tuple[str | None, str], Counter[Chain]] = {}
    for c in claims:
        p = c.place
        if p is None or not p.key:
            continue
        if p.source != "article" and (c.article_id, c.sentence, c.metric) in listed:
            continue  # a place-by-place breakdown says where parts are, not the story
        if p.source == "article":
            defaults.setdefault((c.story, c.article_id), (p.chain(), p.level))
        else:
            named.setdefault((c.story, c.article_id), Counter())[p.chain(), p.level] += 1
    votes: dict[str | None, Counter[Chain]] = {}
    for (story, _), chain in defaults.items():
        votes.setdefault(story, Counter())[chain] += 1
    # an article with no default gives half a vote to the place its claims name most (a report
    # whose every figure is "across Maui"): enough to join a place nested with the main one,
    # never to be the main one
    mains = {story: counted.most_common(1)[0] for story, counted in votes.items()}
    sides = {story: Counter(counted) for story, counted in votes.items()}  # defaults only
    for key, counted in named.items():
        if key not in defaults:
            votes.setdefault(key[0], Counter())[counted.most_common(1)[0][0]] += 0.5
    out: dict[str | None, frozenset[str]] = {}
    cores: dict[str | None, frozenset[str]] = {}
    for story, counted in votes.items():
        ((main, level), top) = mains.get(story) or counted.most_common(1)[0]
        keys: set[str] = set(main)
        own: set[str] = {main[0]}
        for (chain, lv), n in counted.items():
            # another default joins when it nests with the main one (Derna in Libya; Lahaina
            # and Maui County, which the gazetteer cannot nest but may), never a second country
            # (a Gaza story's articles from Israel's side)
            if 2 * n >= top and nesting(chain, lv, main, level):
                keys.update(chain)
                if chain[0] not in main:  # what contains the main place is not the story's own
                    own.add(chain[0])
            elif 5 * sides[story][chain, lv] >= 4 * top and chain[0] not in main:
                # two sides told about as often (a war's articles from each side): both are
                # the story's own places
                keys.update(chain)
                own.add(chain[0])
        out[story] = frozenset(keys)
        cores[story] = frozenset(own)
    return out, cores


def _rejoin_series(chunks: list[list[Claim]]) -> list[list[Claim]]:
    """Magnitude chunks that are one running count read over time: every dated figure of the
    larger chunk is later than every dated figure of the smaller, and the step between them is
    within MAGNITUDE_GAP (a quake's toll of 1,002 on 29 March, 2,719 on 1 April, 3,085 on 3
    April). A count that grew more than threefold in a week is still one quantity."""
    out: list[list[Claim]] = []
    latest: dt.date | None = None  # the last dated reading of out[-1]
    top = 0.0  # the largest figure of out[-1] (chunks come in rising order of value)
    for chunk in chunks:
        dates = [d for c in chunk if (d := figure_date(c)) is not None]
        follows = (
            out
            and latest is not None
            and dates
            and latest < min(dates)
            and min(float(c.value) for c in chunk) <= MAGNITUDE_GAP * max(top, 1.0)
        )
        if follows:
            out[-1].extend(chunk)
        else:
            out.append(list(chunk))
            latest, top = None, 0.0
        if dates:
            latest = max(dates) if latest is None else max(latest, *dates)
        top = max(top, *(float(c.value) for c in chunk))
    return out


def _by_magnitude(claims: list[Claim]) -> list[list[Claim]]:
    """Sorted figures split where one is more than MAGNITUDE_GAP times the smallest of its
    chunk: compared with the group, not the neighbour, so 10, 25, 70 and 200 do not chain."""
    keyed = sorted([(float(c.value), c) for c in claims], key=_first)
    chunks: list[list[Claim]] = []
    low = 0.0  # the smallest value of the last chunk
    for v, c in keyed:
        if chunks and v <= MAGNITUDE_GAP * max(low, 1.0):
            chunks[-1].append(c)
        else:
            chunks.append([c])
            low = v
    return chunks


EVENT_SLACK = {"day": 1, "week": 7, "month": 31, "year": 366}
"""Days either side of a date its text gives that an event may lie, by the date's precision:
"on Saturday night" is reported on Sunday, "last week" spans seven days."""
REPORT_LAG = 7
"""Days before its article's date an event told without a date of its own may lie: an article
recalls this week's exchange, not last month's shooting."""


def frame_of(members: Sequence[Claim], episode: bool, place: str | None,
             start: dt.date | None) -> Frame:  # fmt: skip
    """The frame a bucket's members measure: an event dated by what its texts say (the date
    its name or a figure gives, else its earliest report), or a period since its story's
    first report."""
    dates = [d for c in members if (d := figure_date(c)) is not None]
    window = [min(dates), max(dates)] if dates else None
    if not episode:
        return Frame(type="period", place=place, start=start, window=window)
    named = Counter(c.event.noun for c in members if c.event is not None)
    spans = [(s, c) for c in members if (s := _text_span(c)) is not None]
    date = precision = text = None
    if spans:
        _, c = min(spans, key=lambda p: p[0])
        e = c.event
        if e is not None and e.date is not None:
            date, precision, text = e.date, e.precision, e.text
        else:
            date, precision, text = c.as_of, c.as_of_precision, None
    elif dates:
        date, precision = min(dates), "day"
    if text and date and window and not YEAR_IN.search(text) and (window[0] - date).days > 31:
        # "the Oct. 7 attack" months before its reports, with no year: which year is a guess
        date = None
    return Frame(
        type="event", place=place, date=date, precision=precision, window=window,
        event=named.most_common(1)[0][0] if named else None, text=text,
    )  # fmt: skip


def frame_words(frame: Frame | None) -> str:
    """The frame in words, for a table row and `why_grouped`: "the attack of Oct. 7", "one
    on 2025-03-18", "since 2025-01-19"."""
    if frame is None:
        return ""
    if frame.type == "event":
        when = frame.text or (frame.date.isoformat() if frame.date else None)
        if when and not frame.event:
            return f"on {when}"
        what = f"the {frame.event}" if frame.event else "one event"
        return f"{what} of {when}" if when else what
    return f"since {frame.start.isoformat()}" if frame.start else "running count"


def _text_span(c: Claim) -> tuple[dt.date, dt.date] | None:
    """The days around the date an event count's text gives it (its happening's name, or the
    figure's own clause), by that date's precision; None when the text gives none."""
    e = c.event
    if e is not None and e.date is not None:
        slack = dt.timedelta(days=EVENT_SLACK.get(e.precision or "day", 1))
        return e.date - slack, e.date + slack
    if c.as_of is not None and c.as_of_source in ("text", "lead") and (
        e is None or c.as_of_source == "text"
    ):
        slack = dt.timedelta(days=EVENT_SLACK.get(c.as_of_precision or "day", 1))
        return c.as_of - slack, c.as_of + slack
    return None


def event_span(c: Claim) -> tuple[dt.date, dt.date] | None:
    """The days an event count may refer to: around the date its text gives (`_text_span`),
    or, for a count the text marks as this day's ("released overnight"), up to `REPORT_LAG`
    days before its article's date. None otherwise: an act the text names without a date may
    be one an article recalls from long ago ("the attack killed 1,200")."""
    span = _text_span(c)
    if span is not None or c.event is not None:
        return span
    when = figure_date(c)
    if when is None:
        return None
    return when - dt.timedelta(days=REPORT_LAG), when


RECALL_RATIO = 1.1
"""How near two figures' values must lie, as well as their ranges meeting, to be one count."""
RECALL_MIN = 20
"""The smallest figure that, undated, may be matched to a dated event by its value alone: two
counts of 2 in one story often meet by chance, two of 1,200 rarely do."""


def _recalled_events(claims: Iterable[Claim], events: set[int]) -> frozenset[int]:
    """Figures the text gives no date or act for that repeat a dated event's count ("about
    1,200 were killed" in a story whose other articles say "the Oct. 7, 2023 attack killed
    1,200"): the event's, not a reading of the story's running total. Adds them to `events`
    and returns them, so they are placed as undated reports of an event."""
    dated: dict[tuple[str | None, str], list[tuple[float, tuple[dt.date, dt.date]]]] = {}
    for c in claims:
        if id(c) in events and c.kind not in SIDE_KINDS and (s := _text_span(c)) is not None:
            dated.setdefault((c.story, c.metric), []).append((float(c.value), s))
    if not dated:
        return frozenset()
    out = set()
    for c in claims:
        found = dated.get((c.story, c.metric))
        if (
            found
            and id(c) not in events
            and c.kind in ("total", "stock")  # a plan meets its outcome in its own group
            and c.as_of_source != "text"
        ):
            v, p = float(c.value), c.published
            lag = dt.timedelta(days=REPORT_LAG)
            if any(
                # the same count, large enough not to meet by chance (1,218 beside 1,200;
                # "over 1,000" allows 1,904 but does not repeat it) ...
                (v >= RECALL_MIN and max(v, w) <= RECALL_RATIO * min(v, w))
                # ... or a figure of its size in an article of the days after it
                or (
                    p is not None
                    and span[0] <= p <= span[1] + lag
                    and max(v, w, 1.0) <= MAGNITUDE_GAP * max(min(v, w), 1.0)
                )
                for w, span in found
            ):
                out.add(id(c))
    events.update(out)
    return frozenset(out)


def _by_event_date(claims: list[Claim], undated: frozenset[int] = frozenset()) -> list[list[Claim]]:
    """One story's event counts → one list per happening, by date: reports whose spans
    (`event_span`) meet the span of the happening's first report are one event (compared with
    the first, so a series of daily strikes does not chain); a city's shootings weeks apart are
    not. An undated report (and each of `undated`) is unknown, never a mismatch: it joins the
    happening whose figures it is nearest."""
    placed = [(None if id(c) in undated else event_span(c), c) for c in claims]
    spans = sorted(((s, c) for s, c in placed if s is not None), key=lambda p: p[0][1])
    chunks: list[tuple[tuple[dt.date, dt.date], list[Claim]]] = []
    for span, c in spans:
        if chunks and span[0] <= chunks[-1][0][1] and chunks[-1][0][0] <= span[1]:
            chunks[-1][1].append(c)
        else:
            chunks.append((span, [c]))
    out = [members for _, members in chunks]
    pool: list[Claim] = []
    for s, c in placed:
        if s is not None:
            continue
        # an undated report is unknown, never a mismatch: it joins the happening whose figures
        # it is nearest (within MAGNITUDE_GAP), else the undated reports of its magnitude
        v = max(float(c.value), 1.0)
        best, gap = None, MAGNITUDE_GAP
        for members in out:
            mid = sorted(max(float(m.value), 1.0) for m in members)[len(members) // 2]
            ratio = max(v, mid) / min(v, mid)
            if ratio < gap:
                best, gap = members, ratio
        if best is not None:
            best.append(c)
        else:
            pool.append(c)
    if pool:
        out.append(pool)
    return out


def _by_overlap(claims: list[Claim]) -> list[list[Claim]]:
    """Chunks of figures that can all be true at once, read with their qualifiers as the
    verdicts read them (`figures.pair_interval`: "more than 2,000" and 3,200 can; 632 and
    1,037 cannot): two earlier figures a text quotes are two moments of a timeline, not a
    dispute, while the same earlier figure in two texts is one."""

    chunks: list[tuple[tuple[float, bool, float, bool], list[Claim]]] = []
    for c in sorted(claims, key=lambda c: float(c.value)):
        new = pair_interval(c)
        if chunks:
            both = _intersect(chunks[-1][0], new)
            if both is not None and not any(_other_moment(c, m) for m in chunks[-1][1]):
                chunks[-1] = (both, [*chunks[-1][1], c])
                continue
        chunks.append((new, [c]))
    return [members for _, members in chunks]

def _other_moment(a: Claim, b: Claim) -> bool:
    """Two figures one text gives for two moments ("1,305 on Saturday evening", "2,012 on
    Saturday night"): steps of its timeline, never one record, however their bounds overlap."""
    return (
        a.article_id == b.article_id
        and a.value != b.value
        and (a.as_of, a.as_of_time) != (b.as_of, b.as_of_time)
    )

def _intersect(
    a: tuple[float, bool, float, bool], b: tuple[float, bool, float, bool]
) -> tuple[float, bool, float, bool] | None:
    """The values two intervals (lo, lo_open, hi, hi_open) both allow, or None."""
    lo, lo_open = max((a[0], a[1]), (b[0], b[1]))  # at a tie, the open end is the tighter
    hi, hi_open = min((a[2], not a[3]), (b[2], not b[3]))
    hi_open = not hi_open
    if lo < hi or (lo == hi and not lo_open and not hi_open):
        return lo, lo_open, hi, hi_open
    return None

def _default_nationalities(
    coarse: dict[tuple[str | None, str, bool, str | None], list[Claim]],
    homes: dict[str | None, frozenset[str]] | None = None,
) -> dict[tuple[str | None, str], set[str]]:
    """Per story and metric, the nationalities on at least NATIONALITY_SHARE of its claims, and
    those of the story's own countries: "73 remaining Israeli hostages" in a story about
    Israel and Gaza counts the hostages, where "eight Thai hostages" are a part of them."""
    homes = homes or {}
    sizes: Counter[tuple[str | None, str]] = Counter()
    parts: dict[tuple[str | None, str], Counter[str | None]] = {}
    for (story, metric, _episode, _side), members in coarse.items():
        sizes[story, metric] += len(members)
        parts.setdefault((story, metric), Counter()).update(c.part for c in members)
    defaults: dict[tuple[str | None, str], set[str]] = {}
    for key, per_part in parts.items():
        counts: Counter[str] = Counter()
        for part, n in per_part.items():
            for p in (part or "").split(", "):
                if p.startswith("nationality:"):
                    counts[p] += n
        share = NATIONALITY_SHARE * sizes[key]
        own = homes.get(key[0], frozenset())
        defaults[key] = {
            p for p, n in counts.items() if n >= share or _nationality_key(p) in own
        }
    return defaults


@cache
def _nationality_key(part: str) -> str | None:
    """The gazetteer key of the country a "nationality:x" part names, or None."""
    from factcheck.places import lookup
    from factcheck.resources import demonyms

    country = demonyms().get(part.removeprefix("nationality:"))
    places = [p for p in lookup(country) if p.level == "country"] if country else []
    return places[0].key if places else None

def _part(part: str | None, default_parts: set[str]) -> str | None:
    """The part that keeps a figure apart from its whole: not the story's default nationality,
    and not a role ("role:civilians": who the counted people were, not a subset of them)."""
    if not part:
        return None
    kept = [p for p in part.split(", ") if p not in default_parts and not p.startswith("role:")]
    return ", ".join(kept) or None

def _is_vague(text: str, vague_words: tuple[str, ...]) -> bool:
    """Whether the figure is a vague one ("thousands"), dropped before grouping.
    The parser marks a figure vague only when one of the lexicon's vague words is among its
    tokens, so a text holding none of them ("1,218", "more than 250") is not parsed at all.
    """
    lower = text.lower()
    if not any(w in lower for w in vague_words):
        return False
    m = parse_number(text)
    return m is not None and m.vague

def _first(pair: tuple[float, Claim]) -> float:
    return pair[0]

def _fold(s: str | None) -> str | None:
    return s.casefold() if s else None
