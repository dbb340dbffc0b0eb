"""From a parsed sentence and a number in it to a claim: what is counted, which metric, where or
whose (subject and part), who says so, and as of when.

The rules read the dependency parse, not the words of particular articles: a metric's cue words
count by their distance in the tree from the number, so "1,200 people were killed and more than 250
taken hostage" gives each number its own verb. Plain functions over spaCy tokens, called by the
thin `factcheck_claims` component; everything here is tested on single sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from factcheck.dates import CLOCK, MONTHS, PART_WORDS, SEASONS, WEEKDAYS, YEAR, YEARS_AGO
from factcheck.models import SPREAD_EVIDENCE
from factcheck.numbers import NumberMatch
from factcheck.resources import (
    MetricPack,
    age_heads,
    attribution_words,
    demonyms,
    identifier_nouns,
    irregular_participles,
    kind_words,
    number_words,
    place_kinds,
    spread_levels,
    worldwide_words,
)

WORLDWIDE = "worldwide"
"""The subject of a figure its text scopes to the whole world."""
LEDE_TOKENS = 64
"""Passages starting this early (headline, dateline, first paragraph) are always read."""
MAX_CUE_DISTANCE = 4
"""How far (in arcs or tokens) a cue word may sit from the number and still name its metric."""
GROUP_BONUS = 3.0
"""What each extra satisfied cue group is worth, in distance units."""
_CONTAINERS = {"number", "toll", "tally", "count", "figure", "total", "list", "sum"}
_OF_HEADS = {
    "body",
    "bodies",
    "remains",
    "corpse",
    "coffin",
    "release",
    "death",
    "family",
    "evacuation",
    "deaths",
    "rescue",
    "exchange",
    "return",
    "transfer",
}

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PLACE_PREPS = {"in", "on", "across", "throughout", "inside", "within", "at", "near"}
_SUBSET_WORDS = {"including", "include", "includes", "among", "out"}
_CLAUSE_EDGES = frozenset({"relcl", "acl", "advcl", "appos", "parataxis"})
"""Where the climb from a figure to the words that date it stops: another clause's verbs say
nothing of it."""
_DAY_DEIXIS = {"yesterday", "overnight", "tonight", "today"}
_PERIOD_STARTS = frozenset({"since"})
"""A date under these words starts the period a figure counts over ("since Thursday")."""
_TOTAL_CUES = {
    "total",
    "toll",
    "so",
    "overall",
    "altogether",
    "cumulative",
    "since",
    "tally",
    "all",
}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}


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


def build_claims(
    doc: Doc,
    mentions: Sequence[Mention],
    pack: MetricPack,
    excerpt: Excerpt | None = None,
) -> list[ClaimDraft]:
    """Every mention that counts something becomes a draft; the rest are dropped.

    Only the claim passages (`claim_passages`) are read: their numbers, their places for the
    article's default place, their speakers for a later "he said". So claims never depend on a
    paragraph without a figure, which is what lets extraction parse only these passages.
    Paragraphs that are not read still pass on a speaker named in plain words ("Green said").
    When `doc` holds only the claim passages of an article, `excerpt` says what it left out.
    """
    out: list[ClaimDraft] = []
    if excerpt is None:
        excerpt = full_excerpt(doc, mentions)
    passages = excerpt.passages
    inside = _passage_lookup(passages)
    default_place = dominant_place(doc, passages, excerpt.text)
    ends = dict(passages)
    starts = sorted(ends)

    def paragraph_of(i: int) -> Span | None:
        k = bisect_right(starts, i) - 1
        if k < 0:
            return None
        lo = starts[k]
        return doc[lo : ends[lo]] if i < ends[lo] else None

    speaker: str | None = None
    last_firm: str | None = None  # the metric of the last figure that is not vague
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.excluded_by in (None, "year") and inside(m.number.start):
            by_sentence.setdefault(doc[m.number.start].sent.start, []).append(m)
    pack_metrics = {m.name for m in pack.metrics}
    for sent in doc.sents:
        if not inside(sent.start):
            continue
        speaker = excerpt.speakers.get(sent.start, speaker)
        sent_mentions = by_sentence.get(sent.start, [])
        anchors = [number_anchor(doc, m.number) for m in sent_mentions]
        made: dict[int, ClaimDraft] = {}
        earlier: tuple[Token, str] | None = None  # the sentence's last figure and its metric
        for m, anchor in zip(sent_mentions, anchors, strict=True):
            head = _list_head(anchor, anchors) or _subset_head(anchor, anchors)
            whole = made.get(head.i) if head is not None else None
            if whole is not None and whole.metric not in pack_metrics:
                whole = None
            draft = build_claim(
                doc,
                sent,
                m,
                sent_mentions,
                pack,
                default_place,
                speaker,
                whole_metric=whole.metric if whole else None,
                paragraph=paragraph_of(sent.start),
                whole_anchor=head if whole else None,
                earlier=earlier,
            )
            if draft is None:
                continue
            if whole is not None:
                draft.part = draft.counted or draft.part or f"part of {whole.text}"
                draft.evidence.append(f"metric: a part of '{whole.text}'")
            if last_firm is not None and last_firm != draft.metric:
                _another_kind(doc, m, draft, last_firm)
            made[anchor.i] = draft
            earlier = (anchor, draft.metric)
            out.append(draft)
            if not m.number.vague:
                last_firm = draft.metric
        _list_items(doc, made, pack)
        speaker = _named_speaker(sent) or speaker
    if out:
        day = news_day_text(excerpt.text if excerpt.text is not None else doc.text)
        for draft in out:
            draft.news_day = day
    return out


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


def _another_kind(doc: Doc, m: Mention, draft: ClaimDraft, before: str) -> None:
    """ "11,300 dead ... another 10,100 missing": after a figure of another metric, "another"
    adds a kind of count, not more of this one, so the figure is the whole count."""
    if not draft.part or m.number.qstart == 0 or doc[m.number.qstart - 1].lower_ != "another":
        return
    rest = [p for p in draft.part.split(", ") if p != "additional"]
    draft.part = ", ".join(rest) or None
    draft.evidence.append(f"part: 'another' after a figure of {before}: a further kind of count")


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
    skip = attribution_words()["pronouns"] | _DETERMINERS
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


def _passage_lookup(passages: Sequence[tuple[int, int]]):  # type: ignore[no-untyped-def]
    firsts = [s for s, _ in passages]

    def inside(i: int) -> bool:
        k = bisect_right(firsts, i) - 1
        return k >= 0 and i < passages[k][1]

    return inside


def build_claim(
    doc: Doc,
    sent: Span,
    mention: Mention,
    sent_mentions: Sequence[Mention],
    pack: MetricPack,
    default_place: str | None = None,
    previous_speaker: str | None = None,
    whole_metric: str | None = None,
    paragraph: Span | None = None,
    whole_anchor: Token | None = None,
    earlier: tuple[Token, str] | None = None,
) -> ClaimDraft | None:
    n = _without_particle(doc, mention.number)
    anchor = number_anchor(doc, n)
    counted = counted_noun(anchor)
    if mention.excluded_by == "year" and not (
        counted is not None and anchor.dep_ == "nummod" and counted.tag_ in ("NNS", "NNPS")
    ):
        return None
    if counted is not None and counted.lemma_.lower() in pack.abstract_nouns:
        return None
    if (
        counted is not None
        and counted.lemma_.lower() in pack.place_nouns
        and _spread_phrase(counted)
        and any(o is not mention and o.excluded_by is None for o in sent_mentions)
    ):  # beside another figure ("23 killed in four states") it says where that one is
        if not any(c.dep_ == "nummod" and c.i != anchor.i for c in counted.children):
            return None  # ("protests in 100 cities", alone, is a count; "took 14 towns" too)
        counted = None  # "at least 129 across six states", parsed as one run of numbers
    if counted is None and _is_age(anchor, n.value):
        return None
    if _counts_sources(anchor, counted):
        return None
    if not (counted is not None and n.end <= counted.i <= n.end + 2) and _is_identifier(
        doc, n.start
    ):  # a run of names, unless a counted noun follows the number ("Game 4, 18,000 fans")
        return None
    if _call_sign_before(doc, n.start, n.end, n.value):
        return None  # "WXII 12 reports", "WLWT 5 said": a station's name
    evidence: list[str] = []
    others = [number_anchor(doc, o.number) for o in sent_mentions if o is not mention]
    metric = whole_metric
    own = own_predicate(anchor) if whole_metric and counted is None else None
    if own is not None:
        # "the bodies of 40 hostages, including three mistakenly killed": the part's own
        # predicate, read with what the whole counts, says what the part is
        words = {t.lemma_.lower() for t in own.subtree} | {t.lower_ for t in own.subtree}
        whole_noun = counted_noun(whole_anchor) if whole_anchor is not None else None
        whole_words = set() if whole_noun is None else {whole_noun.lemma_.lower(), whole_noun.lower_}
        named = metric_from_words(words, whole_words, pack)
        if named is not None and named != whole_metric:
            metric = named
            evidence.append(f"metric: its own predicate '{own.text}'")
    if metric is None:
        metric = choose_metric(anchor, counted, others, pack, evidence, span=(n.qstart, n.qend))
    if metric is None and counted is None and earlier is not None:
        metric = _elided_metric(anchor, earlier, pack, evidence)
    if metric is None:
        if counted is None or counted.pos_ not in ("NOUN", "PROPN") or _named(counted, anchor):
            return None
        metric = generic_metric(counted, pack)
        evidence.append(f"metric: generic from '{counted.text}'")
    place, _ = claim_place(anchor, counted)
    level = "clause" if place else "none"
    spread = spread_over(anchor, counted, pack) if place is None else None
    if spread is not None:
        # "230 people across seven states": no one of them, so not the article's own place;
        # "three Texas counties", "six US states": the place that holds them is named
        holders = (_place_name(c) for c in spread.children if c.dep_ in ("compound", "amod"))
        named = next((h for h in holders if h), None)
        place = named or spread_scope(spread.lemma_.lower(), default_place)
        level = "clause" if place else "none"
        evidence.append(f"{SPREAD_EVIDENCE}{spread.text}")
    elif place is None:
        place, level = context_place(anchor, paragraph)
        if place is None and default_place:
            place, level = default_place, "article"
    place_source = {"clause": "text", "sentence": "text", "paragraph": "text"}.get(level, level)
    evidence.append(f"subject: {level}")
    revision = revision_cue(anchor)
    if revision:
        evidence.append(f"revision: {revision}")
    part = claim_part(anchor, counted, pack)
    if (
        part
        and "identified" in part.split(", ")
        and not any(o.number.value > n.value for o in sent_mentions if o is not mention)
    ):
        # "police identified the three people killed": the whole count, named; only beside a
        # larger figure ("of the 278 bodies, 177 have been identified") is it a part
        part = ", ".join(x for x in part.split(", ") if x != "identified") or None
        evidence.append("part: 'identified' with no larger figure in its sentence is the whole")
    attribution = claim_attribution(anchor, previous_speaker)
    kind = _kind_with_evidence(anchor, counted, evidence)
    if metric in pack.pending or metric in pack.pending.values():
        cue = pending_release(anchor, counted, pack)
        if cue is not None:
            metric, kind = pack.pending.get(metric, metric), None
            evidence.append(f"metric: still held until a release to come ({cue})")
    first, last = doc[n.qstart], doc[n.qend - 1]
    return ClaimDraft(
        text=doc[first.i : last.i + 1].text,
        start=first.idx,
        end=last.idx + len(last.text),
        sentence=sent.text.strip(),
        value=n.value,
        value_high=n.value_high,
        qualifier=n.qualifier,
        metric=metric,
        counted=counted_phrase(counted) if counted is not None else None,
        subject=place,
        subject_source=place_source,
        place_source=level,
        part=part,
        attribution=attribution,
        as_of_text=claim_date_text(anchor),
        episode=is_episode(anchor, counted),
        kind=kind,
        step=narrated_step(anchor),
        evidence=evidence,
    )


def _without_particle(doc: Doc, n: NumberMatch) -> NumberMatch:
    """The number without a qualifier word the parse reads as part of a verb: "handed over
    four hostages" (a particle: exactly four), "the toll inched up to 61" (the target of a rise:
    exactly 61). "Up to 300 may have died" keeps its bound."""
    if n.qstart >= n.start or n.verb_qualified:
        return n
    first = doc[n.qstart]
    verb = first.head
    particle = first.dep_ == "prt" or (
        first.dep_ == "advmod"
        and verb.pos_ == "VERB"
        and n.qstart + 1 < n.start
        and doc[n.qstart + 1].dep_ == "prep"
        and doc[n.qstart + 1].head.i == first.i
    )
    if not particle:
        return n
    return replace(n, qstart=n.start, qualifier="at_least" if n.vague else "exact")


def number_anchor(doc: Doc, n: NumberMatch) -> Token:
    """The token that stands for the number in the parse (the span's syntactic root)."""
    span = doc[n.start : n.end]
    root = span.root
    # "three or four" / "between 10 and 15": the first number carries the relations;
    # "tens of thousands of students": "thousands" does
    words = number_words()
    scale = root.lower_ in words["scales"] or root.lower_ in words["vague"]
    return root if root.like_num or scale else span[0]


def counted_noun(anchor: Token) -> Token | None:
    """What the number counts: "1,200 people" → people; "Seventy of the 251 hostages" → hostages."""
    head = anchor
    while (
        head.dep_ in ("compound", "quantmod", "nummod")
        and head.head.like_num
        and head.head.i != head.i
    ):
        head = head.head
    if (
        head.dep_ in ("nummod", "amod", "compound", "quantmod", "npadvmod")
        and head.head.pos_ in ("NOUN", "PROPN")
        and head.head.i > head.i
    ):
        return _compound_head(head.head)
    if head.head.lower_ == "strong" and head.head.dep_ == "amod" and head.head.i > head.i:
        return head.head.head  # "an 87,000-strong workforce": its members

    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "out"):
            for pobj in child.subtree:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return pobj
                if pobj.dep_ == "pobj" and pobj.lower_ in ("whom", "which"):
                    # "35 of whom ...": the noun the relative clause hangs on
                    for anc in head.ancestors:
                        if anc.dep_ == "relcl" and anc.head.pos_ in ("NOUN", "PROPN"):
                            return anc.head
    if head.dep_ == "conj":
        first = head.head
        if first.pos_ in ("NOUN", "PROPN") and not first.like_num:
            return first
        if first.like_num:
            return counted_noun(first)
    return None


def _compound_head(noun: Token) -> Token:
    """The last noun of the noun run `noun` starts: a compound's head is its last noun, so in
    "10 active duty IDF soldiers" (parsed with the number on "duty") 10 counts soldiers. Only a
    singular noun followed by a plural one is re-read: "40 aid trucks" was parsed right."""
    if noun.tag_ not in ("NN", "NNP"):
        return noun
    doc = noun.doc
    i = noun.i + 1
    while i < len(doc) and i < noun.i + 4 and doc[i].pos_ in ("NOUN", "PROPN"):
        if doc[i].tag_ in ("NNS", "NNPS"):
            return doc[i]
        i += 1
    return noun


def own_predicate(anchor: Token) -> Token | None:
    """A verb or adjective on the number itself ("including three mistakenly killed", "two
    found dead"): a part's own predicate, which says what that part is."""
    for c in anchor.children:
        if c.dep_ in ("acl", "relcl", "amod") and c.pos_ in ("VERB", "ADJ") and c.i > anchor.i:
            return c
    return None


def metric_from_words(own: set[str], whole: set[str], pack: MetricPack) -> str | None:
    """The pack metric an own predicate names: the one with the most cue groups all found among
    its words (`own`) and what the whole counts (`whole`), one group at least among its own;
    first in pack order on a tie."""
    best: tuple[int, int] | None = None
    name = None
    both = own | whole
    for order, metric in enumerate(pack.metrics):
        for alt in metric.cues:
            if all(both & set(group) for group in alt) and any(own & set(g) for g in alt):
                score = (-len(alt), order)
                if best is None or score < best:
                    best, name = score, metric.name
    return name


def pending_release(anchor: Token, counted: Token | None, pack: MetricPack) -> str | None:
    """Why a release figure counts people still held, or None: the counted people are the
    subject of a release still to come ("14 hostages are slated to be released", "remain to be
    freed") or the object of a planned release noun ("will include the release of 19")."""
    node = counted if counted is not None else anchor
    release = pack.pending_words
    if node.dep_ in ("nsubj", "nsubjpass"):
        verb = node.head  # "are slated to be released", "are due to be freed"
        comps = [c for c in verb.children if c.dep_ in ("acomp", "xcomp")]
        for x in [*verb.children, *(g for c in comps for g in c.children)]:
            if (
                x.dep_ == "xcomp"
                and x.lemma_.lower() in release
                and any(c.dep_ == "auxpass" for c in x.children)
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in x.children)
            ):
                return f"'{x.head.text} to be {x.text}'"
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        noun = node.head.head
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in release:
            kind, cue = claim_kind(noun, None)
            if kind == "planned":
                return f"'{noun.text} of' under {cue}"
    return None


def counted_phrase(noun: Token) -> str:
    """The counted noun with its modifiers, as written: "Palestinian prisoners"."""
    left = [
        t
        for t in noun.lefts
        if t.dep_ in ("amod", "compound", "nmod")
        and not t.like_num
        and not any(c.like_num for c in t.children)  # "3,000-strong"
    ]
    toks = sorted([*left, noun], key=lambda t: t.i)
    # keep a contiguous run ending at the noun
    run = [noun]
    for t in reversed(toks[:-1]):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    return " ".join(t.text for t in run)


def tree_distances(anchor: Token, limit: int = 8) -> dict[int, int]:
    """Arc distance from `anchor` to each token of its sentence (the parse as an undirected graph)."""
    dist = {anchor.i: 0}
    queue = deque([anchor])
    sent = anchor.sent
    while queue:
        t = queue.popleft()
        d = dist[t.i]
        if d >= limit:
            continue
        for nb in (*t.children, t.head):
            if nb.i not in dist and sent.start <= nb.i < sent.end:
                dist[nb.i] = d + 1
                queue.append(nb)
    return dist


def choose_metric(
    anchor: Token,
    counted: Token | None,
    others: Sequence[Token],
    pack: MetricPack,
    evidence: list[str] | None = None,
    span: tuple[int, int] | None = None,
) -> str | None:
    """The pack metric whose cue words sit closest to the number.

    Distance is arcs in the parse or tokens in the text, whichever is shorter (the parse can
    misattach, the text cannot tell clauses apart: together they are robust). A cue word nearer
    to another number of the sentence counts one step further away, so "1,037 dead and 1,204
    injured" gives each figure its own word. Each extra cue group an alternative satisfies
    (hostage *and* released) earns a bonus, so specific metrics beat generic ones at equal reach.
    """
    dists = cue_distances(anchor, counted, others, span, pack)
    for word, extra in pack.weak_cues.items():
        if word in dists:
            dists[word] += extra
    best: tuple[float, int] | None = None
    best_name = None
    for order, metric in enumerate(pack.metrics):
        # "the city of 12,700" is its population; "52,000 fans" at City's ground are fans
        barred = pack.uncounted.get(metric.name, ()) if counted is not None else ()
        for alt in metric.cues:
            found = []
            for group in alt:
                d = min((dists.get(w, 99) for w in group if w not in barred), default=99)
                if d > MAX_CUE_DISTANCE:
                    break
                found.append(d)
            else:
                score = (sum(found) - GROUP_BONUS * (len(alt) - 1), order)
                if best is None or score < best:
                    best, best_name = score, metric.name
    if best_name and evidence is not None and best is not None:
        evidence.append(f"metric: cues of '{best_name}' (score {best[0]:g})")
    return best_name


def cue_distances(
    anchor: Token,
    counted: Token | None,
    others: Sequence[Token],
    span: tuple[int, int] | None = None,
    pack: MetricPack | None = None,
) -> dict[str, float]:
    """Each lemma (and lower-cased form) of the sentence → its distance from the number.

    Text distance is counted from the number phrase with its qualifier words (`span`), so "in
    exchange for more than 600" puts "exchange" two words away, not four."""
    lo, hi = span or (anchor.i, anchor.i + 1)
    sent = anchor.sent
    tree = tree_distances(anchor)
    other_trees = [(o, tree_distances(o)) for o in others if o.i != anchor.i]
    zero = _zero_distance_tokens(anchor, counted)
    containers = _container_tokens(anchor, counted)
    if counted is None or counted.lemma_.lower() in ("other", "more"):
        # "the bodies of eight others", "four captives ... while one is alive", "two more
        # bodies ..., bringing the total to 61": the number counts what the previous figure
        # of its sentence counted; a bare number only takes people from it, not an outcome
        # ("1 dead, 7 injured" does not make 7 dead), unless it is that count's total
        earlier = [o for o in others if o.i < anchor.i]
        antecedent = counted_noun(earlier[-1]) if earlier else None
        if antecedent is not None and (
            counted is not None
            or containers
            or (pack and antecedent.lemma_.lower() in pack.people_nouns)
        ):
            zero.add(antecedent.i)
    theirs = _other_predicates(anchor, counted, others)
    one = containers | _relative_clause_tokens(anchor, others)
    out: dict[str, float] = {}
    senses = pack.cue_pos if pack is not None else {}
    bare = pack.cue_bare if pack is not None else frozenset()
    for t in sent:
        if t.i == anchor.i or _negated(t):
            continue
        if t.lemma_.lower() in senses and t.pos_ not in senses[t.lemma_.lower()]:
            continue  # "free of cost", "on the other hand": not the cue's sense
        if bare and t.lemma_.lower() in bare and any(c.dep_ == "compound" for c in t.children):
            continue  # "job losses", "crop losses": a loss of something else
        d = min(tree.get(t.i, 99), lo - t.i if t.i < lo else max(t.i - hi + 1, 1))
        if t.i in zero:
            d = 0
        elif t.i in theirs:
            continue
        elif t.i in one:
            d = min(d, 1)
        elif any(_distance(t, o, ot) < d for o, ot in other_trees):
            d += 1
        result = t.lower_ in _RESULT_WORDS
        verb = _result_of(t) if result else _conj_outcome(t)
        if verb is not None:
            # an outcome of the act the number hangs on ("shot to death", "fatally shot",
            # "shot and killed") says more than the act: just nearer than the act itself
            reach = lo - verb.i if verb.i < lo else max(verb.i - hi + 1, 1)
            via = min(tree.get(verb.i, 99), reach)
            if any(_distance(verb, o, ot) < via for o, ot in other_trees):
                via += 1  # the act another figure of the sentence hangs on
            # a result word on the verb ("fatally shooting three and wounding another") is
            # surer than a conjoined verb, which may be an act of its own the parse missed
            d = min(d, via - (0.5 if result else 0.25))
        for key in (t.lemma_.lower(), t.lower_):
            if d < out.get(key, 99):
                out[key] = d
    return out


_RESULT_WORDS = frozenset({"death", "dead", "fatally", "mortally"})


_REVISE = frozenset({"revise", "amend", "correct", "lower", "downgrade", "adjust"})


def revision_cue(anchor: Token) -> str | None:
    """Why the figure is its source's own revision, or None: the new value of a revising verb
    ("revised the toll to 275", "amended ... to 3,958", not "from 288") or a sentence that
    says a count was doubled ("after factoring out some double counting")."""
    verb = governing_verb(anchor)
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "from":
        return None
    if verb is not None and verb.lemma_.lower() in _REVISE:
        return f"'{verb.text}'"
    low = anchor.sent.text.lower()
    if "double count" in low or "counted twice" in low:
        return "'double counting'"
    return None


def _conj_outcome(t: Token) -> Token | None:
    """The verb a subjectless conjoined verb completes ("were shot and killed"), or None."""
    if t.pos_ != "VERB" or t.dep_ != "conj" or t.head.pos_ != "VERB":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in t.children):
        return None  # "... and three of them died", "killed 49 and injured 53": acts of their own
    return t.head


def _result_of(t: Token) -> Token | None:
    """The verb whose result `t` names ("shot to death", "found shot dead", "fatally shot"),
    or None."""
    head = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "to" else t.head
    if (
        head.i != t.i
        and head.pos_ == "VERB"
        and t.dep_ in ("pobj", "acomp", "oprd", "advmod", "xcomp", "dobj", "amod")
    ):
        return head
    return None


def generic_metric(counted: Token, pack: MetricPack | None = None) -> str:
    """A stable name for a count outside the pack: noun plus its verb ("soldiers_deployed").

    Words of one pack class share the class's name, so two articles counting one thing in
    other words meet in one group ("two dams collapsed", "two dams burst", "the destruction
    of two dams": dams_destroyed; "laid off 900 employees", "900 workers let go": jobs_cut).
    A phrasal verb keeps its particle ("laid_off"), a denied act says so ("not_affected"), and
    coordinated verbs that share the noun keep both ("damaged_or_destroyed")."""
    names = pack.class_names if pack is not None else {}
    lemma = counted.lemma_.lower()
    compound = next((c for c in counted.lefts if c.dep_ == "compound"), None)
    key = f"{compound.lemma_.lower()}_{lemma}" if compound is not None else ""
    verb = _generic_verb(counted, names)
    if key in names:  # "job losses": a class word of two nouns
        noun = names[key]
    elif lemma in names and _named_with(lemma, verb, pack):
        noun = names[lemma]
    else:
        noun = _plural_name(counted)
    if verb is None or "_" in noun:  # a class named for an act ("layoffs": jobs_cut)
        return _slug(noun)
    forms = [verb, *(c for c in verb.children if c.dep_ == "conj" and _shares_noun(c))][:2]
    cc = next((c.lower_ for f in forms for c in f.children if c.dep_ == "cc"), "and")
    words = [_act_name(v, names) for v in forms]
    return _slug(f"{noun}_{f'_{cc}_'.join(dict.fromkeys(words))}")


def _plural_name(noun: Token) -> str:
    """A noun as a metric names it: plural, as written where it is ("troops", "staff")."""
    return noun.lower_ if noun.tag_ in ("NNS", "NNPS") else _plural(noun.lemma_.lower())


def _is_amount(t: Token) -> bool:
    words = number_words()
    return t.like_num or t.lower_ in words["vague"] or t.lower_ in words["scales"]


def _named_with(noun: str, verb: Token | None, pack: MetricPack | None) -> bool:
    """Whether a noun's class name applies beside this verb (a class may ask for a verb of
    its own kind: employees are "jobs" only where they are cut)."""
    if pack is None:
        return True
    needs = pack.classes[pack.class_of[noun]].only_with if noun in pack.class_of else []
    if not needs:
        return True
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    keys = [lemma, *(f"{lemma}_{c.lemma_.lower()}" for c in verb.children)]
    return any(pack.class_of.get(k) in needs for k in keys)


def _is_people(noun: Token, pack: MetricPack) -> bool:
    return noun.lemma_.lower() in pack.people or noun.lower_ in pack.people


def _shares_noun(verb: Token) -> bool:
    """A conjoined verb said of the same noun: it has no subject or object of its own."""
    return verb.pos_ == "VERB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children
    )


def _bare(t: Token) -> bool:
    """A word with no arguments of its own ("let go", "made redundant in Ireland")."""
    return not any(c.dep_ in _ARGUMENTS for c in t.children)


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "attr", "pobj"})


def _act_name(verb: Token, names: Mapping[str, str]) -> str:
    """How a generic metric names an act: its class's name, else its participle with its
    particle ("laid_off", "let_go"), "not_" before a denied act."""
    lemma = verb.lemma_.lower()
    particle = next(
        (
            c
            for c in verb.children
            if c.dep_ == "prt"
            or (c.dep_ in ("xcomp", "oprd", "acomp") and c.pos_ in ("VERB", "ADJ") and _bare(c))
        ),
        None,
    )
    key = f"{lemma}_{particle.lemma_.lower()}" if particle is not None else lemma
    name = names.get(key) or (names.get(lemma) if particle is None else None)
    if name is None:
        name = _participle(verb) + (f"_{particle.lower_}" if particle is not None else "")
    if any(c.dep_ == "neg" for c in verb.children):
        name = f"not_{name}"
    return name


def _generic_verb(counted: Token, names: Mapping[str, str]) -> Token | None:
    """The act a counted noun takes part in: a participle on it ("2,719 structures exposed"),
    its verb ("two dams collapsed"), an event noun it is "of" ("the destruction of two dams"), or
    the verb of the first noun of its list ("a school and two clinics were affected")."""
    for c in counted.children:  # said of the noun itself: before the verb it is object of
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return c
    node = counted
    while node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and _is_amount(node.head.head):
        node = node.head.head  # "thousands of students marched": the amount takes the verb
    if node.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = node.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() not in ("be", "have"):
            return verb
        if verb.pos_ == "ADJ" and node.dep_ == "nsubj":
            return verb  # "made 350 people redundant"
    if counted.dep_ == "pobj" and counted.head.lower_ == "of":
        event = counted.head.head
        if event.pos_ == "NOUN" and event.lemma_.lower() in names:
            return event
    return None


def claim_place(anchor: Token, counted: Token | None) -> tuple[str | None, str]:
    """Where the count applies, from a locative phrase near the number ("in Gaza", "on the
    Israeli side", "Gaza's population"). Returns (place, how it was found)."""
    hosts = [anchor]
    if counted is not None:
        hosts.append(counted)
    verb = governing_verb(anchor)
    if verb is not None:
        hosts.append(verb)
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i not in (
                anchor.i,
                getattr(counted, "i", -1),
            ):
                hosts.append(c)
        # "the attack on Israel in which 1,200 people were killed": the clause's antecedent
        if verb.dep_ == "relcl":
            hosts.append(verb.head)
    world = worldwide_words()
    for host in hosts:
        for c in host.children:
            # "cut 11,000 jobs globally", "its 87,000-strong global workforce", "around the
            # world": the figure is the world's, not the article's place
            if (c.dep_ in ("advmod", "amod", "npadvmod") and c.lower_ in world) or (
                c.dep_ == "prep"
                and c.lower_ in ("around", "across", "worldwide", "throughout")
                and any(g.lower_ in world for g in c.children)
            ):
                return WORLDWIDE, "text"
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                for pobj in c.children:
                    place = _place_name(pobj) or _gazetteer_name(pobj)
                    if place:
                        return place, "text"
            # "Gaza's population": a possessive place scopes its own noun, not the clause
            # ("Israel's campaign ... has killed" names an agent, not where)
            if c.dep_ == "poss" and counted is not None and host.i == counted.i:
                place = _place_name(c)
                if place:
                    return place, "text"
    return None, "none"


_SPREAD_PREPS = frozenset({"in", "across", "throughout", "over", "among"})
"""Not "from": "rescuers from 20 countries" says where people came from, not where they count."""
_SPREAD_WORDS = frozenset({"several", "multiple", "many", "various", "numerous", "different"})


def spread_over(anchor: Token, counted: Token | None, pack: MetricPack) -> Token | None:
    """The places a figure spreads over ("in four states", "across several countries", "in 12
    provinces"): the noun of a locative phrase of the clause that counts places of a kind."""
    hosts = [anchor, counted, governing_verb(anchor)]
    if counted is not None and counted.dep_ == "pobj" and counted.head.lower_ == "of":
        hosts.append(counted.head.head)  # "the lives of 230 people across seven states"
    for host in hosts:
        if host is None:
            continue
        for prep in host.children:
            if prep.dep_ != "prep":
                continue
            for pobj in prep.children:
                lemma = pobj.lemma_.lower()
                if (
                    _spread_phrase(pobj)
                    and pobj.tag_ in ("NNS", "NNPS")
                    and lemma in pack.place_nouns
                    and any(
                        c.like_num or c.lower_ in _SPREAD_WORDS
                        for c in pobj.children
                        if c.dep_ in ("nummod", "amod", "quantmod", "det")
                    )
                ):
                    return pobj
    return None


def _spread_phrase(noun: Token) -> bool:
    """The noun is the object of a preposition of extent ("in", "across", "throughout" ...),
    also where the parser hangs the preposition inside the phrase ("to at least 129 across six
    states")."""
    return noun.dep_ == "pobj" and (
        noun.head.lower_ in _SPREAD_PREPS
        or any(t.lower_ in _SPREAD_PREPS for t in noun.lefts)
        or any(t.lower_ in _SPREAD_PREPS for c in noun.lefts for t in c.lefts)
    )


def spread_scope(kind: str, default_place: str | None) -> str | None:
    """Where a figure spread over several places of a kind applies: over countries, the
    world's; over states or provinces, the country of the article's place; over counties,
    towns or districts, its state or province (the country where it has none). None when the
    article's place is unknown (then no place at all: the article's own would be wrong)."""
    level = spread_levels().get(kind, "region")
    if level == "world":
        return WORLDWIDE
    if not default_place:
        return None
    from factcheck.places import resolve_many

    found = resolve_many([default_place]).get(default_place)
    if found is None:
        return None
    if found.level == "country":
        return found.name
    if level == "region" and found.level == "region":
        return found.name
    if level == "region" and found.region_name:
        return found.region_name
    return found.country_name


def context_place(anchor: Token, paragraph: Span | None = None) -> tuple[str | None, str]:
    """A place the clause does not name but its sentence or paragraph does, where it is read as
    a location: after a locative preposition ("In Chicago, police said two men were shot") or as
    a dateline ("FORT WAYNE, Ind. —"). A place that only qualifies a noun ("Chicago police",
    "Israeli strikes") or acts ("Israel released …") is not where the counted people are.
    The nearest such place in the sentence wins, then the latest one before it in the paragraph."""
    sent = anchor.sent
    found = _located_places(sent)
    if found:
        best = min(found, key=lambda pair: abs(pair[0] - anchor.i))
        return best[1], "sentence"
    if paragraph is not None:
        before = [p for p in _located_places(paragraph) if p[0] < sent.start]
        if before:
            return before[-1][1], "paragraph"
    return None, "none"


def doc_entities(doc: Doc) -> tuple[list[int], list[Span]]:
    """The doc's entities and their start tokens, built once per doc: `Span.ents` and
    `Doc.ents` build every entity of the doc on each call, which per claim made a long
    article quadratic (a 950,000-character text took two minutes)."""
    key = ("factcheck", "ents", len(doc))
    found = doc.user_data.get(key)
    if found is None:
        ents = list(doc.ents)
        found = doc.user_data[key] = ([e.start for e in ents], ents)
    return found


def entities_in(span: Span) -> list[Span]:
    """`span.ents` (the entities wholly inside it), from the doc's cached entities."""
    starts, ents = doc_entities(span.doc)
    out = []
    for e in ents[bisect_left(starts, span.start) :]:
        if e.start >= span.end:
            break
        if e.end <= span.end:
            out.append(e)
    return out


def entity_at(tok: Token) -> Span | None:
    """The entity holding a token, if any."""
    starts, ents = doc_entities(tok.doc)
    k = bisect_right(starts, tok.i) - 1
    return ents[k] if k >= 0 and ents[k].start <= tok.i < ents[k].end else None


def _located_places(span: Span) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for ent in entities_in(span):
        if ent.label_ not in ("GPE", "LOC"):
            continue
        root = ent.root
        head = root.head
        if root.dep_ == "appos" and head.dep_ == "pobj" and head.lemma_.lower() in place_kinds():
            root, head = head, head.head  # "in the Thai capital, Bangkok"
        locative = root.dep_ == "pobj" and head.lower_ in _PLACE_PREPS
        # a dateline opens its sentence: "FORT WAYNE, Ind. (WANE) —"
        dateline = ent.start == ent.sent.start and any(
            t.text in ("—", "–", "-", "--", "(") for t in ent.doc[ent.end : ent.end + 5]
        )
        # a roundup's label opens its paragraph: "Georgia: Gov. Kemp said 11 people had died";
        # a country so set is more often the side that speaks ("Russia: the ministry said ...")
        label = (
            ent.start == ent.sent.start
            and ent.end < len(ent.doc)
            and ent.doc[ent.end].text == ":"
            and not _names_a_country(ent.text)
        )
        if locative or dateline or label:
            name = _normalize_place(ent.text)
            if name:
                out.append((ent.start, name))
    return out


def claim_part(anchor: Token, counted: Token | None, pack: MetricPack) -> str | None:
    """A subset marker that keeps a part from its whole: "including five Americans",
    "88 bodies have been identified", "1,404 in critical condition"."""
    parts: list[str] = []
    head = anchor.head
    if head.lower_ in _SUBSET_WORDS or (
        counted is not None and counted.head.lower_ in _SUBSET_WORDS
    ):
        if counted is not None and counted.pos_ in ("NOUN", "PROPN"):
            parts.append(counted.text.lower())
    if anchor.dep_ == "nsubj" and _of_whom(anchor):
        # "81 people died, 28 of whom are children", "12 people, three of them children": what
        # the share of them is names the part
        named = (
            next((c for c in head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
            if head.lemma_ == "be"
            else head if head.pos_ == "NOUN" else None
        )
        if named is not None and _is_people(named, pack):
            parts.append(named.lower_)
    if counted is not None and _is_people(counted, pack):
        # "Palestinian prisoners", "four American captives": a nationality is a part of people;
        # "350 Irish jobs" are the jobs in Ireland, not a part of them
        for t in counted.lefts:
            if t.ent_type_ == "NORP" and t.dep_ in ("amod", "compound"):
                parts.append(f"nationality:{t.text.lower()}")
    verb = governing_verb(anchor)
    scope: list[Token] = [anchor]
    if counted is not None:
        scope.extend(counted.children)
        scope.append(counted)
    if verb is not None:
        scope.append(verb)
        scope.extend(
            c
            for c in verb.children
            if c.dep_ in ("acomp", "prep", "advmod", "neg", "xcomp", "oprd")
            # "200 are undergoing treatment": the state an ongoing verb takes as its object
            or (c.dep_ == "dobj" and c.pos_ == "NOUN" and _ongoing(verb))
        )
        for c in list(scope):
            if c.dep_ == "prep":
                scope.extend(c.children)
    for t in anchor.children:
        scope.append(t)
        if t.dep_ == "prep":  # "seven in good condition": the state the prepositional phrase names
            for obj in t.children:
                scope.append(obj)
                scope.extend(c for c in obj.children if c.dep_ == "amod")
    for t in scope:
        if t.head.i == anchor.i and t.i < anchor.i and t.dep_ in ("amod", "quantmod", "advmod"):
            continue  # the qualifier ("more than"), not a status
        status = pack.status_words.get(t.lemma_.lower()) or pack.status_words.get(t.lower_)
        if status == "under treatment" and t.pos_ == "VERB" and not _ongoing(t):
            continue  # "seven people were treated for wounds": the wounded, not those still in care
        if status and status not in parts:
            parts.append(status)
    # "not identified", "yet to be identified"; the small model may hang "yet" on the counted
    # noun ("187 bodies yet to be identified")
    deferral = [
        *(verb.children if verb is not None else ()),
        *(counted.children if counted else ()),
    ]
    neg = verb is not None and any(c.dep_ == "neg" or c.lower_ == "yet" for c in deferral)
    if neg and "identified" in parts:
        parts[parts.index("identified")] = "not identified"
    return ", ".join(sorted(set(parts))) or None


def _of_whom(anchor: Token) -> bool:
    """ "28 of whom", "ten of them": the number counts a share of people named before."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.lower_ in ("whom", "them") for o in c.children)
        for c in anchor.children
    )


def claim_attribution(anchor: Token, previous_speaker: str | None = None) -> str | None:
    """Who the text credits: "according to X", "citing X", or the subject of a reporting verb
    that governs the number's clause ("X said Israel had freed 596 prisoners")."""
    words = attribution_words()
    sent = anchor.sent
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor().lower_ == "to":
            pobj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _phrase(pobj)
        if t.lower_ in ("citing", "quoting"):
            obj = next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                return _phrase(obj)
    node = anchor
    seen = 0
    while node.head.i != node.i and seen < 12:
        node = node.head
        seen += 1
        if node.pos_ in ("VERB", "AUX") and reports(node):
            # active voice names the source; a passive one names it only with "by"
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is None:
                agent = next((c for c in node.children if c.dep_ == "agent"), None)
                subj = (
                    next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                )
            if subj is None or subj.i == anchor.i or anchor in subj.subtree:
                continue
            if subj.lower_ in words["pronouns"]:
                return previous_speaker
            if subj.lower_ in ("there", "that", "which", "who", "this"):
                continue
            return _phrase(subj)
    # "..., the ministry said." when the parser hangs the main clause under the reporting verb
    root = sent.root
    if reports(root) and root.i > anchor.i:
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i > anchor.i), None)
        if subj is not None:
            return previous_speaker if subj.lower_ in words["pronouns"] else _phrase(subj)
    return None


def reports(verb: Token) -> bool:
    """A reporting verb in its reporting sense: "the governor claimed 31 were killed" credits
    the governor; "the storm claimed 31 lives" tells what the storm did (the lexicon's acts)."""
    words = attribution_words()
    lemma = verb.lemma_.lower()
    if lemma not in words["verbs"]:
        return False
    return not any(
        c.dep_ == "dobj" and f"{lemma} {c.lemma_.lower()}" in words["acts"] for c in verb.children
    )


def claim_date_text(anchor: Token) -> str | None:
    """A date the text pins the figure to ("on Saturday", "Sunday night", "June 4", "yesterday")."""
    verb = governing_verb(anchor)
    hosts = [h for h in (verb, anchor) if h is not None]
    if (
        verb is not None
        and verb.dep_ == "ccomp"
        and verb.head.lemma_ in attribution_words()["verbs"]
    ):
        hosts.append(verb.head)  # "The Railways on Saturday said that the toll is 288"
    for host in hosts:
        for t in host.subtree:
            if abs(t.i - anchor.i) > 15 or (
                t.ent_type_ not in ("DATE", "ORDINAL")
                and t.lower_ not in _DAY_DEIXIS
                and t.lower_ not in WEEKDAYS
            ):  # a weekday is a date whatever the tagger says ("The Railways on Saturday")
                continue
            if _names_event(t):
                continue
            path = t
            hops = 0
            since = False
            while path.i != host.i and path.head.i != path.i and hops < 3:
                path = path.head
                hops += 1
                since = since or (path.i != host.i and path.lower_ in _PERIOD_STARTS)
            if path.i != host.i or since:
                continue  # "evacuated since March 3": when the count began, not its date
            low = t.lower_
            if (
                low in WEEKDAYS
                or low in _DAY_DEIXIS
                or (low in MONTHS and t.nbor().like_num if t.i + 1 < len(t.doc) else False)
            ):
                if low in MONTHS:
                    year = _year_after(t.nbor())
                    return f"{t.text} {t.nbor().text}" + (f" {year}" if year else "")
                return with_day_part(t)
            if YEAR.fullmatch(t.text) and (
                t.head.lower_ in ("in", "of", "since") or t.head.lower_ in MONTHS
            ):
                return t.text  # "a tsunami that killed 61 in 1960", "in May 1960"
            if low in ("year", "years", "ago") and t.ent_type_ == "DATE":
                ent = entity_at(t)
                low = ent.text.lower() if ent is not None else ""
                if ent is not None and (low == "last year" or YEARS_AGO.fullmatch(low)):
                    return ent.text  # "clashes that killed 60 last year", "two years ago"
            if low in SEASONS and t.i > 0 and t.doc[t.i - 1].lower_ == "last":
                return f"last {low}"  # "Last summer, one man was killed"
            if (
                _ORDINAL_DAY.fullmatch(low)
                and t.i > 0
                and t.doc[t.i - 1].lower_ == "the"
                and t.head.lower_ in ("on", "of", "since", "by")
            ):
                before = t.doc[max(0, t.i - 12) : t.i]  # not doc.text: that joins every token
                clock = _CLOCK_BEFORE.search(before.text + before[-1].whitespace_)
                at = f" at {clock.group(1)}" if clock else ""
                return f"the {low}{at}"  # "as of 6 p.m. on the 3rd": a day of this month
    return report_date_text(anchor) or _bare_day_part(anchor, hosts)


def _bare_day_part(anchor: Token, hosts: Sequence[Token]) -> str | None:
    """A part of the day with no day named: "382 were treated till morning" (a time on the
    article's date), "last night" (the day before)."""
    for host in hosts:
        for t in host.children:
            for w in (t, *t.children):
                if w.lower_ not in PART_WORDS or abs(w.i - anchor.i) > 15:
                    continue
                before = w.doc[w.i - 1].lower_ if w.i > 0 else ""
                if before in WEEKDAYS or before in _DAY_DEIXIS:
                    continue  # found above, with its day
                # alone, the word times the figure on the article's own date but does not
                # date it (a narrated "shortly after midday" may be yesterday's)
                return f"yesterday {w.lower_}" if before == "last" else w.lower_
    return None


_CLOCK_BEFORE = re.compile(rf"({CLOCK})\s+on\s+(?:the\s+)?$", re.I)
_ORDINAL_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)")


def report_date_text(anchor: Token) -> str | None:
    """The date of the report that gives the figure, when the sentence dates its source rather
    than the figure: "according to a ministry toll issued on Saturday at 10 pm", "the state
    government said in an update on Sunday evening", "the previous toll announced on Saturday
    night indicated 2,012". A day word counts when it hangs (within three arcs) from a reporting
    verb or a report noun; the event's own day ("the quake that struck on Friday") does not."""
    verbs = attribution_words()["verbs"]
    reports = kind_words()["reports"]
    for t in anchor.sent:
        if not _is_day_word(t):
            continue
        node = t
        for _ in range(3):
            if node.head.i == node.i:
                break
            node = node.head
            lemma = node.lemma_.lower()
            if (node.pos_ in ("VERB", "AUX") and lemma in verbs) or (
                node.pos_ in ("NOUN", "PROPN") and lemma in reports
            ):
                return with_day_part(t)
    return None


_RUN_JOINERS = frozenset({",", "and", "or", "like", "&", "/", "-"})


def _is_identifier(doc: Doc, start: int) -> bool:
    """A number that names a thing rather than counts it: the run of numbers it belongs to
    ("sections 37 and 38, 304A and 34") follows a naming noun ("section", "Flight", "Game")."""
    k = start - 1
    while k >= 0 and k > start - 40:
        t = doc[k]
        if t.lower_ in identifier_nouns():
            return True
        if t.lower_ in _RUN_JOINERS or t.like_num or _CODE.fullmatch(t.text):
            k -= 1
            continue
        if t.text == ")":  # a gloss between two items: "38 (causing hurt ...), 304A"
            opened = next((j for j in range(k - 1, max(-1, k - 25), -1) if doc[j].text == "("), None)
            if opened is None:
                return False
            k = opened - 1
            continue
        return False
    return False


def _names_a_country(text: str) -> bool:
    """Every place the name can be is a country ("Russia"; not "Georgia", also a state)."""
    from factcheck.places import lookup

    found = lookup(_normalize_place(text) or text)  # "Georgia" may be the state: a label
    return bool(found) and all(p.level == "country" for p in found)


def _call_sign_before(doc: Doc, start: int, end: int, value: float) -> bool:
    """A TV station credited for a figure ("..., WXII 12 reports", "KSDK 5 said"): a channel
    number under 100 after a run of capitals, then a reporting word or the sentence's end.
    ("ISIS 20 were killed", "the WHO 5,000 estimate" are counts.)"""
    if start == 0 or value >= 100 or value != int(value):
        return False
    prev = doc[start - 1]
    if not (prev.is_alpha and prev.is_upper and 3 <= len(prev.text) <= 5 and prev.pos_ == "PROPN"):
        return False
    if end >= len(doc) or doc[end].is_punct or doc[end].is_sent_start:
        return True
    after = doc[end].lemma_.lower()
    return after in attribution_words()["verbs"] or after in kind_words()["reports"]


_CODE = re.compile(r"\d+[A-Za-z]{1,2}")
"""A numbered item with a letter ("304A")."""


def _elided_metric(
    anchor: Token, earlier: tuple[Token, str], pack: MetricPack, evidence: list[str]
) -> str | None:
    """A figure that names no noun, read through the sentence's previous figure: the total it
    is brought to ("found three more survivors, bringing the total to 40": that metric), or a
    part of it with its own verb ("detained 30 protesters; 9 of them were charged":
    protesters_charged)."""
    before, metric = earlier
    if _container_tokens(anchor, None):
        evidence.append(f"metric: the total of what '{before.text}' counts")
        return metric
    noun = counted_noun(before)
    verb = anchor.head
    if (
        noun is None
        or anchor.dep_ not in ("nsubj", "nsubjpass", "dobj")
        or verb.pos_ != "VERB"
        or verb.lemma_.lower() in ("be", "have")
        or any(c.dep_ not in ("prep", "punct", "det", "amod") for c in anchor.children)
    ):
        return None
    of = next((c for c in anchor.children if c.dep_ == "prep"), None)
    if of is not None and not (
        of.lower_ == "of" and any(g.lower_ in ("them", "those", "these") for g in of.children)
    ):
        return None
    names = pack.class_names
    base = names.get(noun.lemma_.lower()) or _plural_name(noun)
    evidence.append(f"metric: generic from '{noun.text}', which '{before.text}' counts")
    return _slug(f"{base}_{_act_name(verb, names)}")


def _named(counted: Token, anchor: Token) -> bool:
    """The counted noun is part of a name ("Boeing 737 jets" aside): an entity that does not
    also hold the number. A title-case headline ("Meta Lays Off More Than 11,000 Employees")
    is often read as one name end to end, the number inside it: that is no name."""
    if not counted.ent_type_:
        return False
    ent = entity_at(counted)
    return ent is None or not (ent.start <= anchor.i < ent.end)


def _counts_sources(anchor: Token, counted: Token | None) -> bool:
    """ "Three employees said", "two officials told Reuters": the number counts who speaks,
    not what is reported."""
    node = counted if counted is not None else anchor
    verb = node.head
    return (
        node.dep_ == "nsubj"
        and reports(verb)
        and verb.tag_ != "VBN"  # "soldiers believed to be held": what is believed of them
        and not any(c.dep_ == "xcomp" for c in verb.children)
    )


def _is_age(anchor: Token, value: float) -> bool:
    """A bare number set beside a person as an apposition: an age, not a count ("Melvin
    Edwards, 69, was shot", "two men, 25 and 30,", "John Smith (41)", "a boy, 7,")."""
    if value > 120 or value != int(value):
        return False
    node = anchor
    while node.dep_ == "conj" and node.head.like_num and node.head.i != node.i:
        node = node.head  # "25 and 30": the second age hangs on the first
    if node.dep_ != "appos":
        return False
    if any(c.dep_ not in ("punct", "cc", "conj") for c in anchor.children):
        return False  # "2 teens killed, 2 injured": a count with its own verb
    head = node.head
    return (
        head.ent_type_ == "PERSON"
        or head.lemma_.lower() in age_heads()
        or head.lower_ in age_heads()
    )


def _names_event(t: Token) -> bool:
    """A date inside the name of the event ("the June 2 crash", "Friday's quake"): it dates
    the event, not the figure, which may be counted days later."""
    if t.dep_ not in ("nmod", "compound", "poss", "amod") or t.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if t.head.lower_ in PART_WORDS:
        return False  # "on Wednesday evening": the day's own part
    return t.head.lemma_.lower() not in kind_words()["reports"]


def _is_day_word(t: Token) -> bool:
    """A weekday or "yesterday"-like word or a "June 4" month, not a possessive ("Friday's")."""
    doc = t.doc
    if t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "POS":
        return False
    low = t.lower_
    if low in WEEKDAYS or low in _DAY_DEIXIS:
        return True
    return low in MONTHS and t.i + 1 < len(doc) and doc[t.i + 1].like_num


_CLOCK = re.compile(rf"\s*(?:at\s+)?(?:around\s+|about\s+)?({CLOCK})", re.I)


def with_day_part(t: Token) -> str:
    """A day word with the part of the day the text gives: "Saturday evening", "early Sunday
    morning", "Saturday at 10 pm", so two figures of one day can still be put in order."""
    doc = t.doc
    if t.lower_ in MONTHS:
        return f"{t.text} {doc[t.i + 1].text}"
    text = t.text
    if t.i > 0 and doc[t.i - 1].lower_ in ("early", "late"):
        text = f"{doc[t.i - 1].text} {text}"
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in PART_WORDS:
        return f"{text} {nxt.text}"
    clock = _CLOCK.match(t.whitespace_ + doc[t.i + 1 : t.i + 8].text)  # not doc.text: O(doc)
    if clock:
        return f"{text} at {clock.group(1)}"
    return text


def _year_after(day: Token) -> str | None:
    """The year of "May 22, 1960", when the text gives one."""
    doc = day.doc
    k = day.i + 1
    if k < len(doc) and doc[k].text == ",":
        k += 1
    if k < len(doc) and YEAR.fullmatch(doc[k].text):
        return doc[k].text
    return None


def is_episode(anchor: Token, counted: Token | None) -> bool:
    """True when the figure counts one event ("freed 596 prisoners ... yesterday", "in exchange for
    more than 600 prisoners") rather than a running total, so it is not compared with totals."""
    verb = governing_verb(anchor)
    nodes = [anchor, *([counted] if counted is not None else [])]
    if verb is not None:
        nodes.append(verb)
    sent = anchor.sent
    lead = [t.lower_ for t in sent[max(0, anchor.i - sent.start - 6) : anchor.i - sent.start]]
    if any(lead[k : k + 3] == ["in", "exchange", "for"] for k in range(len(lead) - 2)):
        return True
    words = {t.lower_ for n in nodes for t in n.children} | {n.lower_ for n in nodes}
    if words & _TOTAL_CUES:
        return False
    if verb is not None and any(c.lower_ in _DAY_DEIXIS for c in verb.children):
        return True
    node = counted if counted is not None else anchor
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            break
        if head.lower_ == "exchange" and head.head.lower_ == "in" and node.head.lower_ != "of":
            return True
        node = head
    return False


def claim_kind(anchor: Token, counted: Token | None) -> tuple[str | None, str | None]:
    """(kind, cue) where the parse says the figure is not the current one: `historical` (quoted
    as superseded or past: "the previous toll of 115", "Earlier, OCHA said 11,300", "revised to
    275 from 288", "once topped 2,000"), `projection` ("could reach 20,000", "expected to climb
    above 288") or `planned` ("will free 33", "due to be released"). (None, None) otherwise.

    It reads the figure's own words and the words above it up to the sentence root, never a
    sibling clause: in "rose to 2,122, up from the previous 2,012" only 2,012 is historical.
    """
    words = kind_words()
    node = counted if counted is not None else anchor
    # "the number of deaths is 275 and not 288": a figure the text denies
    if anchor.dep_ == "conj" and any(c.dep_ == "neg" for c in anchor.children):
        return "historical", f"'not {anchor.text}'"
    # the old value of a change: "from 288" under "revised", "up from 632"
    for t in (anchor, node):
        said = t.text
        if _opens_range(t):
            continue  # the new value of "from X to Y"
        if t.dep_ == "quantmod" and t.head.dep_ == "pobj" and _opens_range(t.head):
            # "from 632 to 1,037" parses as 632 and "to" modifying 1,037: judge the first as
            # the "from" phrase it opens
            t = t.head
        head = t.head
        if t.dep_ == "pobj" and head.lower_ == "from" and _is_in(head.head, words["change"]):
            return "historical", f"'from {said}' under '{head.head.text}'"
        if t.dep_ == "pobj" and head.lower_ == "of":
            instead = [h for h in (head.head, *head.children) if h.lower_ in words["replaced"]]
            if instead:
                return "historical", f"'{instead[0].text} of'"
    predicate = list(node.head.children) if node.dep_ in ("nsubj", "nsubjpass") else []
    for c in [*node.children, *predicate]:
        # "350 jobs at risk", "350 jobs are at risk", "homes in danger": what may yet be lost
        if c.dep_ == "prep" and c.lower_ in ("at", "in", "under") and any(
            g.lemma_.lower() in words["at_risk"] for g in c.children
        ):
            return "projection", f"'{c.text} {next(g.text for g in c.children)}'"
        # "the three hostages it was slated to release": a clause on the counted noun that
        # says the act is still to come
        if c.dep_ == "relcl" and _is_in(c, words["planned_heads"]):
            return "planned", f"'{c.text}' on '{node.text}'"
    seen_verb = False
    path = [anchor]
    x = anchor
    for _ in range(10):
        if x.head.i == x.i or x.dep_ in _CLAUSE_EDGES or _own_clause(x):
            break
        x = x.head
        path.append(x)
    for t in path:
        if t.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            if not _is_in(t, words["reports"]):
                continue
            for c in t.children:
                if c.dep_ in ("amod", "advmod", "compound") and c.lower_ in words["earlier"]:
                    return "historical", f"'{c.text} {t.text}'"
            continue
        if t.pos_ not in ("VERB", "AUX"):
            continue
        for c in t.children:
            low = c.lower_
            if c.dep_ in ("advmod", "npadvmod") and low in words["earlier_adverbs"]:
                return "historical", f"'{c.text}' on '{t.text}'"
            if c.dep_ in ("nsubj", "nsubjpass") and (
                low in words["earlier"]
                or (
                    _is_in(c, words["reports"])
                    and any(g.dep_ == "amod" and g.lower_ in words["earlier"] for g in c.children)
                )
            ):
                return "historical", f"'{c.text}' as subject of '{t.text}'"
            if c.dep_ == "prep" and low in ("in", "according"):
                for g in c.children:
                    if _is_in(g, words["reports"]) and any(
                        m.dep_ == "amod" and m.lower_ in words["earlier"] for m in g.children
                    ):
                        return "historical", f"'{c.text} ... {g.text}'"
        if not seen_verb:
            seen_verb = True
            # a figure not reached yet ("could reach", "expected to climb above") is a
            # projection; an act not done yet ("will free", "expected to free") is planned
            grows = _is_in(t, words["growth"]) or _is_in(t, words["change"])
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if grows and aux & words["projection_modals"]:
                return "projection", f"'{next(iter(aux & words['projection_modals']))} {t.text}'"
            if (
                t.lemma_ == "be"
                and aux & words["projection_modals"]
                and any(c.dep_ == "nsubj" and _is_in(c, words["reports"]) for c in t.children)
            ):  # "the toll could be closer to 650": an estimate of what the count may be
                return "projection", f"'{next(iter(aux & words['projection_modals']))} be'"
            acts = t.lemma_.lower() not in attribution_words()["verbs"] and t.lemma_ != "be"
            if acts and aux & words["planned_aux"]:
                return "planned", f"'{next(iter(aux & words['planned_aux']))} {t.text}'"
            # "could mean as many as 650 job losses", "would have been lost": an act a modal
            # makes possible or hypothetical; "may have died" (a past the text is unsure of)
            # and "could be trapped" (a state it is unsure of) stay the count they estimate
            hypothetical = aux & words["hypothetical_modals"]
            perfect = "have" in aux or any(c.lower_ in ("have", "'ve") for c in t.children)
            state = any(c.dep_ == "auxpass" for c in t.children)
            reported = (
                hypothetical == {"would"}
                and not perfect
                and t.dep_ == "ccomp"
                and t.head.lemma_.lower() in attribution_words()["verbs"] | {"announce"}
            )  # "announced 11,000 staff would be laid off": a reported "will"
            if acts and reported:
                return "planned", f"'would {t.text}' reported by '{t.head.text}'"
            if acts and hypothetical and ("would" in hypothetical or not (perfect or state)):
                return "projection", f"'{next(iter(hypothetical))} {t.text}'"
            heads = [c for c in t.children if c.dep_ in ("acomp", "xcomp", "attr")]
            top = t  # "expected to climb": the verb is the complement of a head
            while top.dep_ in ("xcomp", "auxpass", "aux") and top.head.i != top.i:
                top = top.head
                heads.append(top)
            for h in heads:  # "are due to be released", "is likely to rise"
                if _is_in(h, words["projection_heads"]) and (grows or acts):
                    return ("projection" if grows else "planned"), f"'{h.text}' over '{t.text}'"
                if _is_in(h, words["planned_heads"]):
                    return "planned", f"'{h.text}' over '{t.text}'"
    return None, None


def _own_clause(t: Token) -> bool:
    """A conjoined verb with a subject of its own heads a clause of its own: in "120 deaths
    were reported initially, but the toll was adjusted to 140", "initially" is not said of 140."""
    return (
        t.dep_ == "conj"
        and t.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
    )


def _opens_range(tok: Token) -> bool:
    return any(c.dep_ == "quantmod" and c.lower_ == "to" for c in tok.children)


def _ongoing(verb: Token) -> bool:
    """ "are being treated", "is treated", "still treated": a state that lasts, not a past act."""
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in (
            "is", "are", "being", "getting", "remain", "remains"
        ):  # fmt: skip
            return True
        if c.lower_ in ("still", "currently", "now"):
            return True
    return verb.tag_ in ("VBZ", "VBP", "VBG")


def narrated_step(anchor: Token) -> str | None:
    """A cue that the figure is told as one step of a count's rise: the verb that gives it is a
    growth verb ("reach", "rise", "exceed") in the past perfect ("had reached 1,037") or dated
    to a time of day ("rose to 820 shortly after midday", "by nightfall"). Alone it proves
    nothing ("the toll rose to 40 on Friday evening" may be the latest); the article's own
    higher figure makes it history (`pipeline.superseded_in_text`)."""
    words = kind_words()
    verb = governing_verb(anchor)
    if verb is None or not _is_in(verb, words["growth"]):
        return None
    if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        return f"'had {verb.text}'"
    for v in (verb, verb.head if verb.dep_ in ("ccomp", "xcomp") else None):
        if v is None:
            continue
        for c in v.children:
            if c.dep_ in ("prep", "npadvmod", "advmod") and c.i != anchor.i:
                hit = next((t for t in c.subtree if t.lower_ in words["time_of_day"]), None)
                if hit is not None and not any(t.ent_type_ == "DATE" for t in c.subtree):
                    return f"'{verb.text}' at '{hit.text}'"
    return None


def _is_in(tok: Token, words: frozenset[str]) -> bool:
    """The word's lemma or its form is in the class (the small model lemmatises "slated" or
    "up" unevenly)."""
    return tok.lemma_.lower() in words or tok.lower_ in words


def _kind_with_evidence(anchor: Token, counted: Token | None, evidence: list[str]) -> str | None:
    kind, cue = claim_kind(anchor, counted)
    if kind is not None:
        evidence.append(f"kind: {kind} from {cue}")
    return kind


def governing_verb(anchor: Token) -> Token | None:
    """The nearest verb above the number (through its noun and prepositions)."""
    node = anchor
    for _ in range(6):
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def dominant_place(
    doc: Doc, passages: Sequence[tuple[int, int]] | None = None, text: str | None = None
) -> str | None:
    """The place an article is about. Candidates are the GPE/LOC names the claim passages carry
    (the figures are told about them), and a country they name only by nationality; the winner
    is the one the whole text names most often, counted by string match in any case, so
    paragraphs that were never parsed still vote (on a tie, the place that holds the others,
    else the first named). `text` is the article's full text when `doc` holds only its claim
    passages."""
    inside = _passage_lookup(passages) if passages is not None else (lambda i: True)
    forms: dict[str, set[str]] = {}
    nationality: dict[str, set[str]] = {}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and inside(ent.start):
            name = _normalize_place(ent.text)
            if name:
                forms.setdefault(name, set()).update({ent.text.strip(), name})
        elif ent.label_ == "NORP" and inside(ent.start):
            country = demonyms().get(ent.text.strip().casefold())
            if country:
                nationality.setdefault(country, set()).add(ent.text.strip())
    full = doc.text if text is None else text
    for country, words in nationality.items():
        # "the Moroccan Interior Ministry": a figure's passage may name its country only by
        # nationality. A country its passages name outright is counted by name alone:
        # nationality words mostly qualify other nouns ("Israeli strikes", "Israeli hostages").
        if country not in forms:
            forms[country] = words | {country}
    if not forms:
        return None
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for name, names in forms.items():
        hits = {
            m.start()
            for f in names
            for m in re.finditer(rf"(?<!\w){re.escape(f)}(?!\w)", full, re.IGNORECASE)
        }
        counts[name] = len(hits)
        first[name] = min(hits, default=len(full))
    top = max(counts.values())
    tied = [k for k in counts if counts[k] == top]
    if len(tied) > 1:
        # no place named more than the rest: the one that holds them all is what the article
        # is about ("Morocco" over the provinces it lists once each)
        from factcheck.places import resolve_many, within

        resolved = resolve_many(tied)
        for name in tied:
            outer = resolved.get(name)
            others = [resolved.get(k) for k in tied if k != name]
            if outer is not None and all(o is not None and within(o, outer) for o in others):
                return name
    return max(counts, key=lambda k: (counts[k], -first[k]))


# --- helpers -------------------------------------------------------------------------------


def _distance(t: Token, anchor: Token, tree: dict[int, int]) -> int:
    return min(tree.get(t.i, 99), abs(t.i - anchor.i))


def _zero_distance_tokens(anchor: Token, counted: Token | None) -> set[int]:
    """The counted noun, the noun it is counted *of* ("the bodies of four hostages"), and an
    adjective the number heads ("One dead")."""
    out: set[int] = {
        c.i for c in anchor.children if c.dep_ in ("amod", "acomp") and c.i == anchor.i + 1
    }  # "One dead, others wounded": the word the number stands for
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of":
        holder = anchor.head.head  # "the deaths of hundreds of people"
        if holder.pos_ == "NOUN" and holder.lemma_.lower() in _OF_HEADS:
            out.add(holder.i)
    if counted is None:
        return out
    out.add(counted.i)
    if counted.dep_ == "pobj" and counted.head.lower_ == "of":
        holder = counted.head.head
        if holder.pos_ == "NOUN" and holder.lemma_.lower() in _OF_HEADS:
            out.add(holder.i)
    return out


_PREDICATE_EDGES = frozenset({"acomp", "oprd", "attr", "dobj", "xcomp", "prt", "agent"})


def _other_predicates(anchor: Token, counted: Token | None, others: Sequence[Token]) -> set[int]:
    """Words that say what *another* figure of the sentence is, never this one: a part's own
    predicate ("including two found dead") and, when this figure has a verb of its own, the
    other figure's verb with its complements ("four captives have been confirmed dead, while
    one is believed to be alive": "confirmed dead" is not said of "one")."""
    out: set[int] = set()
    mine = governing_verb(anchor)
    phrase = counted if counted is not None else anchor
    for o in others:
        if o.i == anchor.i:
            continue
        pred = own_predicate(o) if counted_noun(o) is None else None
        if pred is not None and not (pred.left_edge.i <= anchor.i <= pred.right_edge.i):
            out.update(t.i for t in pred.subtree)
        verb = governing_verb(o)
        if verb is None or mine is None or verb.i == mine.i:
            continue
        if phrase.left_edge.i <= verb.i <= phrase.right_edge.i:
            continue  # "the three men killed in the shooting of five": the verb is this figure's
        out.add(verb.i)
        for c in verb.children:
            if c.dep_ in _PREDICATE_EDGES and not (c.left_edge.i <= anchor.i <= c.right_edge.i):
                out.update(t.i for t in c.subtree)
    return out


def _container_tokens(anchor: Token, counted: Token | None) -> set[int]:
    """ "The number of deaths ... reached 2,122", "put the number of injured at 1,175": the
    container noun and what it holds are cues one step from the number."""
    verb = governing_verb(anchor)
    out: set[int] = set()
    if verb is None:
        return out
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and c.lemma_.lower() in _CONTAINERS:
            out.add(c.i)
            out.update(t.i for t in c.subtree if t.i - c.i <= 6)
    return out


def _relative_clause_tokens(anchor: Token, others: Sequence[Token] = ()) -> set[int]:
    """ "59 hostages ... — 35 of whom Israel has declared dead": in a relative clause on "whom"
    the words after the pronoun are the number's predicate, and "whom" stands for the noun the
    previous figure of the sentence counts, whatever the parse attached it to."""
    out: set[int] = set()
    sent = anchor.sent
    whom = next(
        (
            t
            for t in sent
            if t.lower_ in ("whom", "which")
            and t.i < anchor.i + 3
            and any(o.i < t.i for o in others)
        ),
        None,
    )
    if whom is None:
        return out
    earlier = [o for o in others if o.i < whom.i]
    if earlier:
        antecedent = counted_noun(earlier[-1])
        if antecedent is not None:
            out.add(antecedent.i)
    for t in sent[whom.i - sent.start + 1 :]:
        if t.is_punct and t.i > anchor.i:
            break
        if t.i != anchor.i and not t.like_num:
            out.add(t.i)
    return out


def _list_head(anchor: Token, others: Sequence[Token]) -> Token | None:
    """ "Nineteen hostages have been freed: four female civilians, five soldiers and 10 men":
    a figure in a list after a colon breaks down the figure before the colon."""
    sent = anchor.sent
    colon = next((t for t in reversed(sent[: anchor.i - sent.start]) if t.text == ":"), None)
    if colon is None:
        return None
    before = [o for o in others if o.i < colon.i]
    return before[-1] if before else None


_WHOLE_NOUNS = frozenset({"people", "persons", "individuals", "others", "residents", "victims"})


def _list_items(doc: Doc, made: Mapping[int, ClaimDraft], pack: MetricPack) -> None:
    """Figures counting the nouns of one list ("the bodies of 38 adults and 21 children",
    "arrested 12 protesters and 3 journalists") are parts of one whole: each item carries its
    noun as its part, and an item whose own words name no metric takes the first item's (21
    took "children" as its metric); two items of one metric are parts when both nouns are
    people ("20 men and 11 women"), not when the list runs over places ("1,604 fatalities in Al
    Haouz, ... one death in Essaouira"). A first noun that names everyone ("people") is the
    whole.
    `made` maps each figure's anchor token to its draft."""
    pack_metrics = {m.name for m in pack.metrics}
    nouns: dict[int, int] = {}  # noun token -> its figure's anchor token
    for ai in made:
        tok = doc[ai]
        if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN"):
            nouns[tok.head.i] = ai
    for ni, ai in nouns.items():
        first = doc[ni]
        hops = 0
        while first.dep_ == "conj" and first.head.i != first.i and hops < 4:
            first = first.head
            hops += 1
        if not hops or first.i not in nouns:
            continue
        head, item, noun = made[nouns[first.i]], made[ai], doc[ni]
        if head.metric in pack_metrics and item.metric not in pack_metrics:
            item.evidence.append(f"metric: an item of a list after '{head.text} {first.text}'")
            item.metric = head.metric
        elif not (item.metric == head.metric and _is_people(noun, pack) and _is_people(first, pack)):
            continue  # "1,604 fatalities in Al Haouz, ... one death in Essaouira": one count
        item.part = item.part or noun.lower_
        if head.part is None and first.lower_ not in _WHOLE_NOUNS:
            head.part = first.lower_


def _subset_head(anchor: Token, others: Sequence[Token]) -> Token | None:
    """ "58 remain in Gaza, including five Americans": a figure introduced by "including" or
    "among them" is a part of the figure before it."""
    sent = anchor.sent
    window = [t.lower_ for t in sent[max(0, anchor.i - sent.start - 3) : anchor.i - sent.start]]
    edge = anchor.i
    if not ({"including", "among", "includes", "include"} & set(window)):
        # "including 20 adults and 11 children": a later item of the list the word opens is a
        # part of the same whole, the figure before the word
        node = anchor.head if anchor.dep_ == "nummod" else anchor
        hops = 0
        while node.dep_ == "conj" and node.head.i != node.i and hops < 4:
            node = node.head
            hops += 1
        opener = node.head
        if not hops or node.dep_ != "pobj" or opener.lower_ not in ("including", "among"):
            return None
        edge = opener.i
    before = [o for o in others if o.i < edge]
    return before[-1] if before else None


def _negated(t: Token) -> bool:
    """A cue under negation or deferral ("yet to be released", "not freed") does not count."""
    verb = t if t.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    for c in verb.children:
        if c.dep_ == "neg" or c.lower_ == "yet":
            return True
    head = verb.head
    return verb.dep_ in ("xcomp", "auxpass") and any(
        c.lower_ == "yet" or c.dep_ == "neg" for c in head.children
    )


def _place_name(tok: Token) -> str | None:
    if tok.ent_type_ in _PLACE_LABELS:
        ent = entity_at(tok)
        if ent is not None:
            return _normalize_place(ent.text) or None
    # "on the Israeli side": a nationality on a noun of place
    if tok.lemma_.lower() in ("side", "territory", "soil", "part"):
        for c in tok.children:
            place = demonyms().get(c.lower_)
            if place and c.dep_ in ("amod", "compound"):
                return place
    return None


def _gazetteer_name(tok: Token) -> str | None:
    """A proper noun after a locative preposition that the gazetteer knows, whatever the
    tagger took it for: small models tag "Al Haouz" a person and "Taroudant" nothing, but
    "1,293 deaths in Al Haouz" counts people in a place."""
    if tok.pos_ != "PROPN" or tok.dep_ != "pobj":
        return None
    words = [t for t in tok.subtree if t.i <= tok.i and (t.i == tok.i or t.dep_ == "compound")]
    if not words or words[0].i + len(words) - 1 != tok.i:
        return None
    from factcheck.places import lookup

    name = tok.doc[words[0].i : tok.i + 1].text
    return name if lookup(name) else None


def _normalize_place(text: str) -> str:
    """A place name without "the" or a possessive; empty for a name with no letter (the
    tagger sometimes marks a bare figure, "put at 288", as a place)."""
    if not any(ch.isalpha() for ch in text):
        return ""
    text = text.strip().strip("'\"‘’“”«»,;:()[]").strip()  # "Papua New Guinea '" from a quote
    text = re.sub(r"^(the)\s+", "", text, flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    return text.strip()


def _phrase(head: Token) -> str:
    """A noun phrase without determiners, relative clauses or trailing punctuation."""
    skip: set[int] = set()
    for c in head.children:
        if c.dep_ in ("relcl", "acl", "advcl", "punct") and c.i > head.i:
            skip.update(t.i for t in c.subtree)
        if c.dep_ in ("appos", "prep") and c.i > head.i and head.ent_type_ in ("PERSON",):
            skip.update(t.i for t in c.subtree)
        if c.dep_ == "appos" and c.i > head.i and head.pos_ == "PROPN":
            skip.update(t.i for t in c.subtree)  # "Meta, the parent company of ...": Meta
    toks = [t for t in head.subtree if t.i not in skip]
    while toks and (toks[0].lower_ in _DETERMINERS or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if len(toks) > 12:
        toks = [t for t in toks if t.i <= head.i][-6:]
    text = "".join(
        t.text + (" " if k + 1 < len(toks) and toks[k + 1].i != t.i + 1 else t.whitespace_)
        for k, t in enumerate(toks)
    ).strip()  # a space where skipped words were, never two words glued
    return text or head.text


def _named_speaker(sent: Span) -> str | None:
    """The last named source of a sentence ("Pradeep Jena said ..."), for a later "he said"."""
    words = attribution_words()
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor().lower_ == "to":
            pobj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _phrase(pobj)
    for t in sent:
        if t.lemma_.lower() in words["verbs"] and t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if (
                subj is not None
                and subj.pos_ in ("PROPN", "NOUN")
                and subj.lower_ not in words["pronouns"]
            ):
                return _phrase(subj)
    return None


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun if noun.endswith("s") else noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _participle(verb: Token) -> str:
    """The verb's past participle, as the text spells it where it gives one ("cancelled")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ == "ADJ" or verb.tag_ == "VBN":  # "made 40 workers sick": sick
        return verb.lower_
    if verb.tag_ == "VBD" and lemma not in irregular_participles():
        return verb.lower_
    return _past(lemma)


def _past(verb: str) -> str:
    irregular = irregular_participles().get(verb)
    if irregular:
        return irregular
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "count"
