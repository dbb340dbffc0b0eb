"""Articles → stories: which articles tell of one real-world event (one quake, one shooting).

A group of claims must never cross stories, so this runs before any claim is compared. It is
online news clustering after Miranda et al. (EMNLP 2018): each article, in date order, is scored
against the stories active around its date by TF-IDF cosine (scikit-learn) over its words, its
names (capitalised runs, weighted up) and its title, with the resolved place as a strong signal
and a time kernel; below a threshold it starts a story of its own. Candidates come from an
inverted index over each story's strongest terms within a date window, so the cost is near
linear in articles. Assignments are stored and never recomputed: a re-run or a new article does
not renumber a story, and a manifest's `story` column always wins.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from factcheck.places import nesting
from factcheck.resources import stop_words
from factcheck.store.rows import StoryRow

if TYPE_CHECKING:
    from factcheck.models import Story
    from factcheck.store import Store

__all__ = [
    "StoryRow",
    "assign_stories",
    "cluster_stories",
    "document_frequencies",
    "story_features",
]

THRESHOLD = 0.08
"""Lowest score (cosine with the story's centroid, adjusted for place and time) that joins a story."""
WINDOW_DAYS = 400
"""Stories whose articles are all further than this from an article's date are not candidates."""
TIME_SCALE_DAYS = 60.0
"""The time kernel: a story's score loses up to `TIME_WEIGHT` as the gap grows past this."""
TIME_WEIGHT = 0.25
WIDE_TIME_FACTOR = 0.25
"""The share of the time kernel that applies to stories about a region or country."""
PLACE_BONUS = 0.12
"""Same place (one inside the other) adds this; two places that cannot be one subtract `PLACE_CLASH`."""
PLACE_CLASH = 0.1
BACKGROUND_CAP = 5.0
"""Words rarer than this (on 7 − Zipf) weigh no more: typos and scraps are not evidence."""
TOP_TERMS = 12
"""Each article's strongest terms index its story for candidate search."""
POSTING_CAP = 16
"""Stories a term offers as candidates, the most recently joined first."""
NAME_KEYS = 3
"""Names (the most repeated, rarest in English) each article is also indexed by."""
MERGE_THRESHOLD = 0.2
"""Cosine between two stories' centroids (each centroid's length counts the words only its
articles have) at which the merge pass makes them one: a war's reports split by the side each
defaults to reach 0.55, a quake's first report and its follow-ups 0.23; two stories of other
events within a month stay under 0.17 on every set (two shootings of one city months apart
reach 0.37, which `MERGE_GAP_DAYS` keeps apart)."""
MERGE_GAP_DAYS = 30
"""Stories further apart than this in time are not merged, however alike their words."""
MAX_TERMS = 150
"""Terms kept per article (the strongest by count); the rest are noise for clustering."""

_WORDFREQ_CACHE = 1 << 12
_LOCAL = ("city", "county")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass
class _Story:
    story: str
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    """The centroid's squared length, kept as members join rather than summed per score."""
    size: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    places: Counter[str] = field(default_factory=Counter)
    chains: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)
    fixed: bool = False
    """A story a manifest named: the merge pass never moves it."""


def story_features(
    text: str, title: str | None = None, place: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What clustering reads of an article, small enough to store: word and name counts, title
    words counted twice, and the article's main resolved place (its key and ancestors)."""
    stops = stop_words()

    counts: Counter[str] = Counter()
    for line in text.splitlines():
        tokens = _WORD.findall(line)
        prev: str | None = None
        for i, w in enumerate(tokens):
            lw = w.lower().strip("'’-").removesuffix("’s").removesuffix("'s")
            capital = w[0].isupper() and i > 0 and lw not in stops
            if capital:
                counts["n:" + lw] += 1
                if prev is not None:
                    counts[f"n:{prev} {lw}"] += 1
            prev = lw if capital else None
            if len(lw) > 2 and lw not in stops and not capital:
                counts[lw] += 1
    for w in _WORD.findall(title or ""):
        lw = w.lower().strip("'’-").removesuffix("’s").removesuffix("'s")
        if len(lw) > 2 and lw not in stops:
            counts[lw] += 2
    terms = dict(counts.most_common(MAX_TERMS))
    return {"terms": terms, "place": place}


def assign_stories(rows: Sequence[StoryRow]) -> dict[str, str]:
    """Story ids for the rows that have none, given every stored row; stored ones stay put.

    Rows without features (a store written before stories) are left unassigned. All in memory;
    `cluster_store` streams the same steps from the store.
    """
    todo = [r for r in rows if r.story is None and r.features is not None]
    if not todo:
        return {}
    df, n = document_frequencies(r.features for r in rows)
    stored = [r for r in rows if r.story is not None and r.features is not None]
    merges: dict[str, str] = {}
    found = dict(cluster_stories(df, n, stored, sorted(todo, key=_date_order), merges))
    if merges:
        found = {aid: merges.get(sid, sid) for aid, sid in found.items()}
        found.update({r.article_id: merges[r.story] for r in stored if r.story in merges})
    return found


def document_frequencies(features: Iterable[dict[str, Any] | None]) -> tuple[Counter[str], int]:
    """(articles holding each term, articles with features): all TF-IDF needs of the corpus,
    so articles can be weighed one at a time afterwards. Grows with the vocabulary, not the
    number of articles."""
    df: Counter[str] = Counter()
    n = 0
    for f in features:
        if f is None:
            continue
        n += 1
        df.update(_weighted(f).keys())
    # a term of one article is left out (its count is 1 wherever it is missing): an archive's
    # names and typos are most of its vocabulary
    return Counter({t: c for t, c in df.items() if c > 1}), n


def cluster_stories(
    df: Counter[str], n: int, stored: Iterable[StoryRow], todo: Iterable[StoryRow],
    merges: dict[str, str] | None = None,
) -> Iterator[tuple[str, str]]:  # fmt: skip
    """(article_id, story id) for each `todo` row, taken in the order given (date order), after
    the `stored` rows have built their stories. Each article's vector is made when it is read
    and folded into its story's centroid, so memory holds stories, not articles. (Stories out
    of every later article's window are kept: an undated article, read last, may join any.)"""
    weigh = _Weigher(df, n)
    stories: dict[str, _Story] = {}
    index: dict[str, dict[str, None]] = {}
    touched: set[str] = set()
    for r in stored:
        if r.story is not None:
            _add(stories, index, r.story, r, weigh(r.features), df)
    for r in todo:
        vec = weigh(r.features)
        keys = _keys(vec, r)  # looked up by, then indexed by: worked out once
        best, best_score = None, THRESHOLD
        for sid in _candidates(keys, index, stories, r.published):
            score = _score(vec, r, stories[sid])
            if score >= best_score:
                best, best_score = sid, score
        sid = best or _new_id(r.article_id, stories)
        _add(stories, index, sid, r, vec, df, keys)
        touched.add(sid)
        yield r.article_id, sid
    if merges is not None:
        merges.update(_merge_pass(stories, index, touched))


class _Weigher:
    """One article's TF-IDF vector as scikit-learn's `TfidfTransformer(sublinear_tf=True)`
    would give it in the whole corpus (smoothed IDF), times each term's background weight,
    L2-normalised; terms in sorted order."""

    def __init__(self, df: Counter[str], n: int) -> None:
        self.df = df
        self.n = n
        self.idf: dict[str, float] = {}

    def __call__(self, features: dict[str, Any] | None) -> dict[str, float]:
        counts = _weighted(features)
        terms = sorted(counts)
        weights = []
        for t in terms:
            idf = self.idf.get(t)
            if idf is None:
                seen = self.df.get(t, 1)  # every term is in one article at least
                idf = (math.log((1 + self.n) / (1 + seen)) + 1.0) * _background(t)
                if seen > 1:  # a term of one article is weighed once: not worth keeping
                    self.idf[t] = idf
            weights.append((1.0 + math.log(counts[t])) * idf)
        norm = math.sqrt(sum(w * w for w in weights)) or 1.0
        return {t: w / norm for t, w in zip(terms, weights, strict=True)}


def story_label(members: Sequence[StoryRow]) -> tuple[str, str | None]:
    """(label, place): a label a person recognises, from the main place and the names most of
    its articles share, e.g. "Fort Wayne, Indiana: Amanda Dove, Creighton Avenue"."""
    places: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for r in members:
        f = r.features or {}
        p = f.get("place")
        if p and p.get("display"):
            places[p["display"]] += 1
        seen = set()
        for term in (f.get("terms") or {}):
            if term.startswith("n:") and term not in seen:
                seen.add(term)
                names[term[2:]] += 1
    place = places.most_common(1)[0][0] if places else None
    place_words = {w.lower() for w in re.findall(r"\w+", place or "")}
    # telling names first: two-word names and rare words ("Abdel Latif", "Pulse") over
    # weekdays and words any report has ("Police", "Saturday")
    ranked = sorted(
        (n for n, k in names.items() if k >= max(1, len(members) // 2) or len(members) == 1),
        key=lambda n: (-names[n] * _background("n:" + n) * (2 if " " in n else 1), n),
    )
    keys: list[str] = []
    for n in ranked:
        words = set(n.split())
        if words <= place_words or _background("n:" + n) < 2.0:
            continue
        if any(words & set(k.lower().split()) for k in keys):
            continue
        keys.append(n.title())
        if len(keys) == 2:
            break
    if not keys and members[0].title:
        keys = [members[0].title[:60]]
    label = ": ".join(x for x in (place, ", ".join(keys)) if x) or members[0].article
    return label, place


# --- helpers ---------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 15)
def _background(term: str) -> float:
    """How telling a word is in English at large (wordfreq's Zipf scale: "said" 6.0, "police"
    5.3, "Gaza" 3.9, "Derna" 2.0). A small corpus cannot say this itself: when every article
    is about one story, its IDF gives the story's own words no weight at all."""
    import wordfreq

    # wordfreq memoises each word it is asked, 100,000 of them (25 MB) before it starts over;
    # this cache already holds the words asked twice, and an archive asks each of its names
    # once, so its own is kept small (a setting it reads per call; harmless if it goes)
    wordfreq.CACHE_SIZE = min(getattr(wordfreq, "CACHE_SIZE", _WORDFREQ_CACHE), _WORDFREQ_CACHE)
    zipf_frequency = wordfreq.zipf_frequency
    words = term.removeprefix("n:").split()
    zipf = min((zipf_frequency(w, "en") for w in words), default=0.0)
    return min(BACKGROUND_CAP, max(0.3, 7.0 - zipf))


def _weighted(features: dict[str, Any] | None) -> dict[str, float]:
    """Names count twice a plain word: two reports of one event share its people and
    streets, two reports of similar events share only their vocabulary."""
    terms = (features or {}).get("terms") or {}
    return {t: (2.0 * n if t.startswith("n:") else float(n)) for t, n in terms.items()}


def _date_order(r: StoryRow) -> tuple[int, str]:
    return (r.published.toordinal() if r.published else dt.date.max.toordinal(), r.article)


def _top(vec: dict[str, float], k: int = TOP_TERMS) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])[:k]]


def _keys(vec: dict[str, float], r: StoryRow) -> list[str]:
    """The terms an article is indexed and looked up by: its strongest terms (TF-IDF), and
    the names it repeats most, weighed by how rare they are in English. Where most articles
    tell one story the names they share have the least IDF ("Helene" in every report), so
    two reports of it may share none of their strongest terms, but they share that name."""
    terms = (r.features or {}).get("terms") or {}
    names = sorted(
        (t for t in terms if t.startswith("n:") and t in vec and _background(t) >= 2.0),
        key=lambda t: (-terms[t] * _background(t), t),
    )  # not a name any report has ("Sunday", "Ministry"), as the story label skips them
    return list(dict.fromkeys([*_top(vec), *names[:NAME_KEYS]]))


def _candidates(
    keys: list[str], index: dict[str, dict[str, None]], stories: dict[str, _Story],
    date: dt.date | None,
) -> Iterable[str]:  # fmt: skip
    """Stories indexed by one of the article's keys, the ones most recently joined first and
    at most `POSTING_CAP` a term, so a word many stories share ("shooting") costs the same at
    a million articles as at a thousand."""
    seen: set[str] = set()
    for t in keys:
        for sid in islice(reversed(index.get(t, {})), POSTING_CAP):
            if sid in seen:
                continue
            seen.add(sid)
            if _gap(stories[sid], date) <= WINDOW_DAYS:
                yield sid


def _gap(story: _Story, date: dt.date | None) -> float:
    """Days between a date and a story's span; 0 when either is undated (unknown, not far)."""
    if date is None or story.first is None or story.last is None:
        return 0.0
    if story.first <= date <= story.last:
        return 0.0
    return float(min(abs((date - story.first).days), abs((date - story.last).days)))


def _score(vec: dict[str, float], r: StoryRow, story: _Story) -> float:
    centroid = story.centroid
    norm = math.sqrt(story.norm2) or 1.0
    cos = sum(w * centroid.get(t, 0.0) for t, w in vec.items()) / norm
    place = (r.features or {}).get("place")
    # a local incident (a town's shooting) is news for days; a country's war or disaster for
    # months, so the time kernel is looser for stories whose place is not a town or county
    local = bool(story.chains) and story.chains[story.places.most_common(1)[0][0]][1] in _LOCAL
    weight = TIME_WEIGHT if local or not story.chains else TIME_WEIGHT * WIDE_TIME_FACTOR
    score = cos - weight * min(1.0, _gap(story, r.published) / TIME_SCALE_DAYS)
    if place and place.get("chain") and story.chains:
        chain = tuple(place["chain"])
        main = story.places.most_common(1)[0][0]
        other, other_level = story.chains[main]
        nested = nesting(chain, place.get("level"), other, other_level)
        if nested and cos >= THRESHOLD / 2:
            # evidence beside the words, never instead of them: a city's name alone does not
            # make two of its shootings one story
            score += PLACE_BONUS * nested
        elif (
            place.get("level") == other_level == "city"
            and len(chain) > 2
            and len(other) > 2
            and chain[1] == other[1]
        ):
            # two towns of one region are two events; across regions or countries the names
            # are as likely misread (the gazetteer's other Hamilton), so only the text decides
            score -= PLACE_CLASH
    return score


def _add(
    stories: dict[str, _Story], index: dict[str, dict[str, None]], sid: str, r: StoryRow,
    vec: dict[str, float], df: Counter[str] | None = None, keys: list[str] | None = None,
) -> None:  # fmt: skip
    """Fold an article into its story. A term only this article has (not in `df`) can match no other
    article: it counts in the centroid's length but is neither kept nor indexed (an archive's
    names and typos made the centroids and the index grow with every article)."""
    s = stories.get(sid)
    if s is None:
        s = stories[sid] = _Story(sid)
    for t, w in vec.items():
        if df is not None and t not in df:
            s.norm2 += w * w
            continue
        old = s.centroid.get(t, 0.0)
        s.centroid[t] = old + w
        s.norm2 += (old + w) ** 2 - old * old
    for t in keys if keys is not None else _keys(vec, r):
        if df is not None and t not in df:
            continue
        posting = index.setdefault(t, {})
        posting.pop(sid, None)  # most recently joined last
        posting[sid] = None
    s.size += 1
    s.fixed = s.fixed or r.story_source == "manifest"
    if r.published is not None:
        s.first = min(s.first or r.published, r.published)
        s.last = max(s.last or r.published, r.published)
    place = (r.features or {}).get("place")
    if place and place.get("chain"):
        key = place["chain"][0]
        s.places[key] += 1
        s.chains[key] = (tuple(place["chain"]), place.get("level"))


def _merge_pass(
    stories: dict[str, _Story], index: dict[str, dict[str, None]], touched: set[str]
) -> dict[str, str]:
    """One pass over the stories this run touched, earliest first: each is merged with the
    story its centroid is closest to when their cosine reaches `MERGE_THRESHOLD` and their
    dates lie within `MERGE_GAP_DAYS`, the later joining the earlier (one greedy pass alone
    never re-merges: the articles of one war default to two sides, and the first of them
    founded two stories). Compared with the merged story's centroid, so merges do not chain.
    Returns {merged id: surviving id}."""
    merged: dict[str, str] = {}

    def home(sid: str) -> str:
        while sid in merged:
            sid = merged[sid]
        return sid

    order = sorted(
        (s for s in touched if s in stories and not stories[s].fixed),
        key=lambda s: (stories[s].first or dt.date.max, s),
    )
    for sid in order:
        if sid in merged:
            continue
        s = stories[sid]
        best, best_cos = None, MERGE_THRESHOLD
        for t in _top(s.centroid, TOP_TERMS):
            for other in islice(reversed(index.get(t, {})), POSTING_CAP):
                o = home(other)
                if o == sid or stories[o].fixed:
                    continue
                target = stories[o]
                if _span_gap(s, target) > MERGE_GAP_DAYS or _clash(s, target):
                    continue
                c = _centroid_cos(s, target)
                if c >= best_cos:
                    best, best_cos = o, c
        if best is not None:
            # the later story joins the earlier, which keeps its id
            early, late = sorted((sid, best), key=lambda x: (stories[x].first or dt.date.max, x))
            _fold_into(stories[early], stories[late])
            merged[late] = early
    return {old: home(old) for old in merged}


def _centroid_cos(a: _Story, b: _Story) -> float:
    small, large = (a, b) if len(a.centroid) <= len(b.centroid) else (b, a)
    dot = sum(w * large.centroid.get(t, 0.0) for t, w in small.centroid.items())
    return dot / ((math.sqrt(a.norm2) * math.sqrt(b.norm2)) or 1.0)


def _span_gap(a: _Story, b: _Story) -> float:
    """Days between two stories' spans; 0 when they overlap or one is undated."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return 0.0
    if a.first <= b.last and b.first <= a.last:
        return 0.0
    return float(min(abs((a.first - b.last).days), abs((b.first - a.last).days)))


def _clash(a: _Story, b: _Story) -> bool:
    """Two stories about two towns of one region are two events, whatever their words."""
    if not a.chains or not b.chains:
        return False
    x, lx = a.chains[a.places.most_common(1)[0][0]]
    y, ly = b.chains[b.places.most_common(1)[0][0]]
    return (
        lx == ly == "city" and len(x) > 2 and len(y) > 2 and x[1] == y[1] and x[0] != y[0]
    )


def _fold_into(into: _Story, s: _Story) -> None:
    for t, w in s.centroid.items():
        old = into.centroid.get(t, 0.0)
        into.centroid[t] = old + w
        into.norm2 += (old + w) ** 2 - old * old
    into.size += s.size
    for d in (s.first, s.last):
        if d is not None:
            into.first = min(into.first or d, d)
            into.last = max(into.last or d, d)
    into.places.update(s.places)
    into.chains.update(s.chains)


def _new_id(article_id: str, stories: dict[str, _Story]) -> str:
    """Named by the article that started it, so the id never changes as others join."""
    n = 8
    while True:
        sid = "s-" + hashlib.sha1(article_id.encode()).hexdigest()[:n]
        if sid not in stories:
            return sid
        n += 2


def cluster_store(store: Store, chunk: int = 2_000) -> int:
    """Cluster a store's articles that have no story yet; returns how many were assigned.

    Streams: term counts first, then the stored articles and the new ones (in date order)
    a row at a time, assignments written as they come, so a run's end holds its stories'
    centroids and the vocabulary, never every article (`assign_stories` is the same in memory)."""
    if not store.has_unclustered():
        return 0
    df, n = document_frequencies(store.story_features())
    done = 0
    merges: dict[str, str] = {}
    with store.transaction():
        found = cluster_stories(df, n, store.clustered_rows(), store.unclustered_rows(), merges)
        while batch := list(islice(found, chunk)):
            done += store.set_stories(batch)
        if merges:
            store.merge_stories(merges)
    return done


def stored_stories(store: Store) -> list[Story]:
    """The stories of a store's articles, earliest first, each with a label a person knows."""
    from factcheck.models import Story

    by_story: dict[str, list[StoryRow]] = {}
    for r in store.story_rows():
        if r.story is not None:
            by_story.setdefault(r.story, []).append(r)
    out = []
    for sid, members in by_story.items():
        dates = [m.published for m in members if m.published]
        label, place = story_label(members)
        out.append(
            Story(
                story=sid,
                label=label,
                articles=sorted(m.article for m in members),
                first=min(dates, default=None),
                last=max(dates, default=None),
                place=place,
                size=len(members),
            )
        )
    out.sort(key=lambda s: (s.first or dt.date.max, s.story))
    return out
