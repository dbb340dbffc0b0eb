"""Synthetic claims at any scale, for `factcheck bench` and for tests of the store → reconcile path.

A benchmark at a million claims cannot run spaCy over real articles, but it needs claims shaped
like what extraction yields, or grouping and judging are measured on the wrong problem: a few
hundred stories, each a place and a handful of metrics from the pack whose figures drift over
weeks, reported by many publishers who quote different sources, round, lag, qualify, split out
parts and now and then disagree. Everything derives from `(n, seed)`, so runs are comparable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

from factcheck.models import Article, Claim, Qualifier
from factcheck.numbers import as_number, parse_number
from factcheck.reconciliation.stories import StoryRow
from factcheck.resources import metric_pack, number_words, stop_words

_T = TypeVar("_T")

__all__ = ["STORIES", "build_store", "synthetic_articles", "synthetic_claims"]

STORIES = 300
"""Stories share the claims by a Zipf-like weight: a few big ones, a long tail of small ones."""
MODEL, RULES = "synthetic", "synthetic-1"
"""What `build_store` records as the extraction; no real model or rules produced these claims."""

_FIRST_DAY = dt.date(2023, 1, 1)
_SPAN_DAYS = 3 * 365
_BATCH_CLAIMS = 50_000

_PLACES = (
    "Gaza", "Israel", "Derna", "Libya", "Lahaina", "Maui", "Balasore", "Odisha", "Marrakesh",
    "Morocco", "Khartoum", "Sudan", "Kharkiv", "Ukraine", "Aleppo", "Syria", "Hatay", "Turkey",
    "Port-au-Prince", "Haiti", "Goma", "Congo", "Tigray", "Ethiopia", "Rakhine", "Myanmar",
    "Sindh", "Pakistan", "Herat", "Afghanistan", "Beirut", "Lebanon", "Sanaa", "Yemen", "Kherson",
    "Mariupol", "Valencia", "Spain", "Emilia-Romagna", "Italy", "Kerala", "Wayanad", "Sylhet",
    "Bangladesh", "Noto", "Japan", "Hualien", "Taiwan", "Acapulco", "Mexico", "Rio Grande do Sul",
    "Brazil", "Khan Younis", "Rafah", "West Bank", "Jenin", "El Fasher", "Darfur", "Bakhmut",
    "Zaporizhzhia",
)  # fmt: skip
_PUBLISHERS = (
    "Reuters", "Associated Press", "AFP", "BBC News", "Al Jazeera", "The Guardian",
    "The New York Times", "The Washington Post", "CNN", "Daily Sabah", "The Times of Israel",
    "Hurriyet Daily News", "Haaretz", "Middle East Eye", "The National", "Arab News", "Dawn",
    "The Hindu", "Hindustan Times", "NDTV", "Deutsche Welle", "France 24", "Euronews",
    "Le Monde", "El País", "Kyiv Independent", "Ukrainska Pravda", "Libya Observer",
    "Morocco World News", "Hespress", "Sudan Tribune", "Anadolu Agency", "Xinhua", "NHK",
    "Kyodo News", "Focus Taiwan", "ABC News", "NPR", "Sky News", "The Independent",
)  # fmt: skip
_OUTLETS = ("Herald", "Tribune", "Post", "Observer", "Gazette", "Chronicle", "Times", "Courier")
_SOURCES = (
    "{place} Health Ministry", "local officials", "the UN", "OCHA", "the Red Crescent",
    "police", "the army", "rescue teams", "civil defence", "the interior minister",
    "{place} authorities", "aid groups", "hospital officials", "the government",
)  # fmt: skip
_PARTS = (
    ("children", "children"), ("women", "women"), ("civilians", "civilians"),
    ("foreign nationals", "foreign nationals"), ("soldiers", "soldiers"),
    ("nationality:american", "Americans"), ("nationality:thai", "Thais"),
    ("nationality:british", "Britons"), ("nationality:french", "French citizens"),
)  # fmt: skip
_VAGUE = ("dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands")
_BEFORE = {
    Qualifier.MORE_THAN: ("more than", "over", "upwards of"),
    Qualifier.AT_LEAST: ("at least", "no fewer than"),
    Qualifier.APPROXIMATE: ("about", "around", "roughly", "nearly", "some", "an estimated"),
    Qualifier.AT_MOST: ("up to", "as many as"),
    Qualifier.LESS_THAN: ("fewer than", "under", "less than"),
}

# metric: (lowest, highest) first figure, counted nouns, what the sentence says happened
_METRICS: dict[str, tuple[int, int, tuple[str, ...], str]] = {
    "killed": (3, 60_000, ("people", "civilians", "residents", "Palestinians"), "were killed"),
    "wounded": (5, 120_000, ("people", "civilians"), "were wounded"),
    "missing": (2, 20_000, ("people", "residents"), "remain missing"),
    "displaced": (100, 2_000_000, ("people", "residents", "families"), "were displaced"),
    "hostages_taken": (2, 300, ("hostages", "captives"), "were taken"),
    "hostages_held": (2, 250, ("hostages", "captives"), "are still held"),
    "hostages_released": (1, 120, ("hostages", "captives"), "were released"),
    "hostages_dead": (1, 60, ("hostages",), "are believed dead"),
    "hostages_alive": (1, 100, ("hostages",), "are believed alive"),
    "hostages_rescued": (1, 20, ("hostages",), "were rescued"),
    "hostage_bodies_returned": (1, 40, ("bodies",), "were returned"),
    "prisoners_released": (10, 2_000, ("prisoners", "detainees"), "were freed"),
    "prisoners_held": (100, 10_000, ("prisoners", "detainees"), "remain in custody"),
    "arrested": (5, 5_000, ("people", "protesters", "suspects"), "were arrested"),
    "aid_trucks": (10, 10_000, ("trucks", "aid trucks"), "have entered"),
    "population": (10_000, 3_000_000, ("people", "residents"), "live"),
    "buildings_destroyed": (10, 100_000, ("buildings", "homes"), "were destroyed"),
    # generic metrics (not in the pack): no direction, as extraction names them
    "soldiers_deployed": (50, 20_000, ("soldiers", "troops"), "were deployed"),
    "rescuers_deployed": (20, 5_000, ("rescuers", "volunteers"), "were deployed"),
}
_CORE = ("killed", "wounded", "missing", "displaced", "buildings_destroyed", "aid_trucks")
_HOSTAGES = (
    "hostages_taken", "hostages_held", "hostages_released", "hostages_dead", "hostages_alive",
    "hostages_rescued", "hostage_bodies_returned", "prisoners_released", "prisoners_held",
)  # fmt: skip
_OTHER = ("arrested", "population", "soldiers_deployed", "rescuers_deployed")
_COUNTS_THINGS = frozenset({"aid_trucks", "buildings_destroyed", "population"})
"""Metrics with no parts: "38 women were destroyed" is not a sentence."""
_EPISODIC = frozenset({"hostages_released", "prisoners_released", "hostage_bodies_returned"})


def synthetic_articles(n: int, seed: int = 0) -> Iterator[tuple[Article, list[Claim]]]:
    """Articles with their claims, `n` claims in all; article paths sort in the order given.
    Each article carries its story's id, as a clustered store's do."""
    if n <= 0:
        return
    rng = _Dice(seed)
    stories = [_story(rng, i) for i in range(STORIES)]
    names = {id(s): f"synthetic-{i:03d}" for i, s in enumerate(stories)}
    weights = list(accumulate(1.0 / (i + 3) ** 0.9 for i in range(STORIES)))
    publishers = _publishers(rng)
    pub_weights = list(accumulate(1.0 / (i + 2) for i in range(len(publishers))))
    made = 0
    index = 0
    while made < n:
        story = rng.choices(stories, cum_weights=weights)[0]
        count = min(n - made, 1 + int(rng.expovariate(1 / 9)))
        article = _article(
            rng, seed, index, story, rng.choices(publishers, cum_weights=pub_weights)[0]
        ).model_copy(update={"story": names[id(story)], "story_source": "cluster"})
        claims = [
            Claim(**{**f, "story": article.story}) for f in _claims(rng, story, article, count)
        ]
        yield article, claims
        made += count
        index += 1


def synthetic_claims(n: int, seed: int = 0) -> Iterator[Claim]:
    """`n` claims, deterministic for `(n, seed)`, in the order a store built from them reads."""
    for _article, claims in synthetic_articles(n, seed):
        yield from claims


def build_store(path: Path, n_claims: int, seed: int = 0) -> None:
    """Write `synthetic_claims(n_claims, seed)` and their articles into the store at `path`.

    In batches of a few thousand claims a transaction, so a million claims take seconds, not the
    hours one transaction per article would.
    """
    from factcheck.store import Store

    with Store(path) as store:
        store.save_many(synthetic_articles(n_claims, seed), MODEL, RULES, batch=_BATCH_CLAIMS)


# --- helpers -------------------------------------------------------------------------------


class _Dice(random.Random):
    """`random.Random` with cheap draws for the per-claim loop: `choice` and `randint` reject and
    retry, which costs more than the rest of a claim (the slight bias here does not matter)."""

    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[int(self.random() * len(seq))]

    def between(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


@dataclass(frozen=True, slots=True)
class _Story:
    place: str
    other_place: str | None
    start: int
    """First day, counted from `_FIRST_DAY`."""
    days: int
    metrics: tuple[str, ...]
    bases: tuple[float, ...]
    growth: tuple[float, ...]
    """Each metric's figure at the end of the story over its first figure (1 when fixed)."""
    sources: tuple[str, ...]
    shares: tuple[float, ...]
    """Each of `_PARTS`' share of the whole: "children" are a stable share of one story's toll."""

    def true_value(self, k: int, day: int) -> int:
        """Metric k's real figure on `day`: smooth and monotone in its direction, as tolls are."""
        frac = min(max((day - self.start) / self.days, 0.0), 1.5)
        return max(1, round(self.bases[k] * self.growth[k] ** frac))


def _story(rng: _Dice, i: int) -> _Story:
    place = rng.choice(_PLACES)
    other = rng.choice(_PLACES) if rng.random() < 0.35 else None
    pool = [*_CORE, rng.choice(_OTHER)]
    if rng.random() < 0.25:
        pool += rng.sample(_HOSTAGES, 5)
    metrics = tuple(rng.sample(pool, min(len(pool), rng.randint(3, 7))))
    pack = metric_pack()
    bases, growth = [], []
    for m in metrics:
        lo, hi, _, _ = _METRICS[m]
        bases.append(math.exp(rng.uniform(math.log(lo), math.log(hi))))
        direction = pack.direction(m)
        growth.append(
            rng.uniform(1.1, 4.0)
            if direction == "rises"
            else rng.uniform(0.3, 0.95)
            if direction in ("falls", "moves")
            else 1.0
            if direction == "fixed"
            else rng.uniform(0.8, 2.0)
        )
    sources = tuple(s.format(place=place) for s in rng.sample(_SOURCES, rng.randint(2, 5)))
    return _Story(
        place,
        other if other != place else None,
        rng.randrange(_SPAN_DAYS),
        rng.randint(14, 180),
        metrics,
        tuple(bases),
        tuple(growth),
        sources,
        tuple(rng.uniform(0.02, 0.4) for _ in _PARTS),
    )


def _publishers(rng: _Dice) -> list[str | None]:
    """The named outlets, then a long tail of local papers, and some articles with no credit."""
    local = [f"The {p} {rng.choice(_OUTLETS)}" for p in _PLACES for _ in range(2)]
    return [*_PUBLISHERS, *dict.fromkeys(local), None]


def _article(rng: _Dice, seed: int, index: int, story: _Story, publisher: str | None) -> Article:
    day = story.start + min(int(rng.expovariate(1 / (story.days / 2))), story.days + 30)
    published = None if rng.random() < 0.02 else _FIRST_DAY + dt.timedelta(days=day)
    return Article(
        article=f"synthetic/{index:08d}.txt",
        article_id=hashlib.sha256(f"synthetic:{seed}:{index}".encode()).hexdigest(),
        publisher=publisher,
        published=published,
        publisher_source="manifest" if publisher else "none",
        published_source="manifest" if published else "none",
    )


def _claims(rng: _Dice, story: _Story, article: Article, count: int) -> Iterator[dict[str, object]]:
    """The claim fields of one article: it covers one to four of its story's metrics."""
    day = (article.published - _FIRST_DAY).days if article.published else story.start
    focus = rng.sample(range(len(story.metrics)), min(len(story.metrics), rng.between(1, 4)))
    offset = rng.between(40, 400)
    for _ in range(count):
        k = rng.pick(focus)
        fields = _figure(rng, story, k, day, article)
        text = fields["text"]
        assert isinstance(text, str)
        offset += rng.between(30, 600)
        fields["start"], fields["end"] = offset, offset + len(text)
        offset += len(text)
        yield fields


def _figure(rng: _Dice, story: _Story, k: int, day: int, article: Article) -> dict[str, object]:
    metric = story.metrics[k]
    _, _, nouns, verb = _METRICS[metric]
    as_of, as_of_source = article.published, "published" if article.published else "none"
    when = ""
    roll = rng.random()
    if roll < 0.08 and article.published:  # "as of Tuesday": a figure from some days before
        back = rng.between(1, 10)
        day -= back
        as_of, as_of_source = article.published - dt.timedelta(days=back), "text"
        when = f" as of {as_of:%B} {as_of.day}"
    elif roll < 0.16:  # a stale figure copied from an earlier report
        day -= rng.between(1, 20)
    true = story.true_value(k, day)
    part, counted = None, rng.pick(nouns)
    episode = metric in _EPISODIC and rng.random() < 0.4
    if episode:  # one swap, not the running total
        true = max(1, round(true * rng.uniform(0.02, 0.15)))
    elif metric not in _COUNTS_THINGS and rng.random() < 0.08:
        p = rng.randrange(len(_PARTS))
        part, counted = _PARTS[p]
        true = max(1, round(true * story.shares[p]))
    if rng.random() < 0.04:  # a source that simply has another number
        true = max(1, round(true * rng.uniform(0.6, 1.4)))
    text, value, high, qualifier = _phrase(rng, true)
    vague = text in _VAGUE  # as the number finder reads it

    if story.other_place and rng.random() < 0.1:
        subject, subject_source = story.other_place, "text"
    else:
        subject, subject_source = story.place, "text" if rng.random() < 0.3 else "article"
    attribution = rng.pick(story.sources) if rng.random() < 0.5 else None
    per = f", according to {attribution}" if attribution else ""
    lead = rng.pick(("", "", "Officials said ", "By Sunday, ", "Reports say "))
    of = " of" if text in _VAGUE else ""  # "thousands of people"
    sentence = f"{lead}{text}{of} {counted} {verb} in {subject}{when}{per}."
    if not lead:
        text = text[0].upper() + text[1:]
        sentence = text + sentence[len(text) :]
    generic = metric not in _pack_metrics()
    return {
        "article": article.article,
        "article_id": article.article_id,
        "publisher": article.publisher,
        "published": article.published,
        "text": text,
        "sentence": sentence,
        "value": value,
        "value_high": high,
        "qualifier": qualifier,
        "metric": metric,
        "counted": counted,
        "subject": subject,
        "attribution": attribution,
        "as_of": as_of,
        "as_of_source": as_of_source,
        "as_of_precision": "day" if as_of is not None else None,
        "as_of_time": None,
        "subject_source": subject_source,
        "part": part,
        "episode": episode,
        "evidence": [
            f"metric: generic from '{counted}'"
            if generic
            else f"metric: cues of '{metric}' (score {rng.between(-3, 3)})",
            f"subject: {subject_source}",
        ],
        "story": None,
        "place": None,
        "kind": "event" if episode else "total",
        "copy_of": None,
        "vague": vague,
        "event": None,
    }


def _phrase(rng: _Dice, true: int) -> tuple[str, int | float, int | float | None, Qualifier]:
    """A figure as news writes it: exact, rounded and qualified, a range, spelled out or vague."""
    roll = rng.random()
    if roll < 0.03:
        return _vague(rng.pick(_VAGUE[: 2 + min(3, int(math.log10(true + 1)))]))
    if roll < 0.06 and true >= 4:
        low = _round_to(true * rng.uniform(0.7, 0.95), _unit(true))
        high = _round_to(true * rng.uniform(1.05, 1.5), _unit(true))
        if high > low:
            words = "between {} and {}" if rng.random() < 0.5 else "{} to {}"
            return words.format(f"{low:,}", f"{high:,}"), low, high, Qualifier.RANGE
    if roll < 0.30 and true >= 20:  # rounded, with the qualifier that rounding calls for
        unit = _unit(true)
        qualifier = rng.pick(
            (Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.APPROXIMATE, Qualifier.APPROXIMATE)
        )
        value = (
            (true // unit) * unit if qualifier != Qualifier.APPROXIMATE else _round_to(true, unit)
        )
        if value >= 1_000_000 and value % 100_000 == 0 and rng.random() < 0.7:
            number = f"{value / 1_000_000:g} million"
            value = _parsed(number)[0]
        else:
            number = f"{value:,}"
        return f"{rng.pick(_BEFORE[qualifier])} {number}", value, None, qualifier
    qualifier = Qualifier.EXACT
    if roll > 0.97:
        qualifier = rng.pick((Qualifier.AT_MOST, Qualifier.LESS_THAN))
    elif roll > 0.88:
        qualifier = rng.pick((Qualifier.AT_LEAST, Qualifier.MORE_THAN))
    words = _spelled().get(true)
    number = words if words and rng.random() < 0.6 else f"{true:,}"
    if qualifier is Qualifier.EXACT:
        return number, true, None, qualifier
    return f"{rng.pick(_BEFORE[qualifier])} {number}", true, None, qualifier


def _vague(text: str) -> tuple[str, int | float, None, Qualifier]:
    value, _, qualifier = _parsed(text)
    return text, value, None, Qualifier(qualifier)


@cache
def _parsed(text: str) -> tuple[int | float, int | float | None, str]:
    """What extraction would store for a phrase with scale or vague words."""
    m = parse_number(text)
    assert m is not None, text
    high = None if m.value_high is None else as_number(m.value_high)
    return as_number(m.value), high, m.qualifier


@cache
def _spelled() -> dict[int, str]:
    words = number_words()
    return {int(v): w for group in ("units", "tens") for w, v in words[group].items() if v}


@cache
def _pack_metrics() -> frozenset[str]:
    return frozenset(m.name for m in metric_pack().metrics)


def _unit(value: float) -> int:
    """Two significant figures: 48,453 → 1,000; 596 → 10."""
    return max(1, 10 ** (len(str(int(value))) - 2))


def _round_to(value: float, unit: int) -> int:
    return max(unit, int(value / unit + 0.5) * unit)


# --- stories at scale ----------------------------------------------------------------------------


def synthetic_story_rows(n: int, seed: int = 0) -> tuple[list[StoryRow], dict[str, int]]:
    """`n` articles as story clustering reads them (`stories.StoryRow`), from a known set of
    stories, and each article's true story. An article samples its story's own names and
    words (its people, streets, the place) and words every report shares, as news does; stories
    overlap in time and place, so a clusterer that joins on place or date alone is caught out.
    """

    rng = _Dice(seed)
    n_stories = max(1, n // 4)  # four articles a story on average, as in the incident set
    stops = stop_words()
    from wordfreq import top_n_list

    # words any report of any story uses: real English, so they weigh what they weigh in news
    common = [w for w in top_n_list("en", 3000) if len(w) > 2 and w not in stops][:2000]
    weights = [1.0 / (k + 1) for k in range(len(common))]
    places = [
        {"key": f"P{k}", "chain": [f"P{k}", f"R{k % 40}", "C0"], "level": "city"}
        for k in range(400)
    ]
    stories = []
    for s in range(n_stories):
        own = [f"n:name{s}x{k}" for k in range(12)] + [f"word{s}y{k}" for k in range(10)]
        start = rng.between(0, 3 * 365)
        stories.append((own, rng.pick(places), start))
    rows, truth = [], {}
    for i in range(n):
        s = rng.between(0, n_stories - 1)
        own, place, start = stories[s]
        terms: dict[str, int] = {}
        for t in rng.sample(own, rng.between(6, len(own))):
            terms[t] = rng.between(1, 4)
        for t in rng.choices(common, weights, k=rng.between(40, 90)):
            terms[t] = terms.get(t, 0) + 1
        day = start + min(int(rng.expovariate(1 / 4)), 120)
        article_id = hashlib.sha256(f"story:{seed}:{i}".encode()).hexdigest()
        rows.append(
            StoryRow(
                article_id=article_id,
                article=f"synthetic/{i:08d}.txt",
                published=_FIRST_DAY + dt.timedelta(days=day),
                features={"terms": terms, "place": place},
                story=None,
            )
        )
        truth[article_id] = s
    return rows, truth


def b_cubed(truth: dict[str, int], got: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of a clustering against the true one (items in both)."""
    from collections import defaultdict

    items = [k for k in truth if k in got]
    by_true: dict[int, set[str]] = defaultdict(set)
    by_got: dict[str, set[str]] = defaultdict(set)
    for k in items:
        by_true[truth[k]].add(k)
        by_got[got[k]].add(k)
    p = r = 0.0
    for k in items:
        both = len(by_true[truth[k]] & by_got[got[k]])
        p += both / len(by_got[got[k]])
        r += both / len(by_true[truth[k]])
    return (p / len(items), r / len(items)) if items else (1.0, 1.0)


def time_stories(n: int, seed: int = 0) -> dict[str, float]:
    """Cluster `n` synthetic articles; the seconds it took and B-cubed against the truth."""
    import time

    from factcheck.reconciliation.stories import assign_stories

    rows, truth = synthetic_story_rows(n, seed)
    start = time.perf_counter()
    got = assign_stories(rows)
    seconds = time.perf_counter() - start
    p, r = b_cubed(truth, got)
    return {"seconds": seconds, "precision": p, "recall": r, "stories": len(set(got.values()))}
