"""The assembler: from a parsed sentence and a number in it to a claim draft, taking what is
counted, metric, place, part, attribution, date and kind from their own modules, and deciding
what is no claim at all (identifiers, ages, call signs, counts of who speaks).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from factcheck.extraction.attribution import claim_attribution, named_speaker, reports
from factcheck.extraction.drafts import ClaimDraft, Mention
from factcheck.extraction.kind import event_cue, is_episode, kind_with_evidence, narrated_step
from factcheck.extraction.metric import (
    choose_metric,
    elided_metric,
    generic_metric,
    metric_from_words,
    pending_release,
    revision_cue,
)
from factcheck.extraction.part import (
    WHOLE_NOUNS,
    claim_part,
    list_head,
    list_items,
    said_to_be,
    subset_head,
)
from factcheck.extraction.passages import Excerpt, full_excerpt, news_day_text, passage_lookup
from factcheck.extraction.place import (
    bureau_dateline,
    claim_place,
    context_place,
    dominant_place,
    place_name,
    spread_over,
    spread_phrase,
    spread_scope,
)
from factcheck.extraction.tree import (
    counted_noun,
    counted_phrase,
    entity_at,
    number_anchor,
    own_predicate,
)
from factcheck.extraction.when import claim_date_text
from factcheck.models import SPREAD_EVIDENCE
from factcheck.numbers import NumberMatch
from factcheck.resources import (
    MetricPack,
    age_heads,
    attribution_words,
    identifier_nouns,
    kind_words,
)


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
    inside = passage_lookup(passages)
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
    previous: ClaimDraft | None = None  # the last figure of a pack metric, for "Among them, ..."
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
        items = sum(_place_item(a) is not None for a in anchors) >= 2
        share_of: ClaimDraft | _Whole | None = (
            _named_whole(sent, pack) or (previous if _opens_with_share(sent) else None)
        )
        for m, anchor in zip(sent_mentions, anchors, strict=True):
            head = list_head(anchor, anchors) or subset_head(anchor, anchors)
            whole = made.get(head.i) if head is not None else None
            if whole is not None and whole.metric not in pack_metrics:
                whole = None
            if whole is None and head is None and share_of is not None:
                whole = share_of  # "The toll reached 157. Among them, 99 are women"
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
            where = _place_item(anchor) if items else None
            if draft is None and where is not None:
                listed = _list_metric(sent, anchor, earlier, last_firm, pack)
                if listed is not None:
                    draft = build_claim(
                        doc, sent, m, sent_mentions, pack, default_place, speaker,
                        whole_metric=listed, paragraph=paragraph_of(sent.start), earlier=earlier,
                    )  # fmt: skip
                    if draft is not None:
                        draft.evidence.append(f"metric: an item of a place-by-place list of {listed}")
            if draft is not None and where is not None:
                # "followed by 10,749 in Devbhumi Dwarka": the item's own place
                draft.subject, draft.subject_source, draft.place_source = where, "text", "clause"
            if draft is None:
                continue
            if whole is not None:
                counted_part = None if (draft.counted or "").lower() in WHOLE_NOUNS else draft.counted
                draft.part = (
                    counted_part or _named_share(anchor) or draft.part or f"part of {whole.text}"
                )
                if draft.metric == ABOARD and draft.counted:
                    low = draft.counted.lower()  # "four crew members": the crew
                    draft.part = "crew" if "crew" in low else (
                        "passengers" if "passenger" in low else draft.part
                    )
                draft.evidence.append(f"metric: a part of '{whole.text}'")
            if last_firm is not None and last_firm != draft.metric:
                _another_kind(doc, m, draft, last_firm)
            made[anchor.i] = draft
            earlier = (anchor, draft.metric)
            out.append(draft)
            if not m.number.vague:
                last_firm = draft.metric
                if draft.metric in pack_metrics and share_of is None:
                    previous = draft
        list_items(doc, made, pack)
        speaker = named_speaker(sent) or speaker
    _released_by_context(doc, out, pack)
    _captives_dead(doc, out, pack)
    if out:
        day = news_day_text(excerpt.text if excerpt.text is not None else doc.text)
        for draft in out:
            draft.news_day = day
    return out


def _glossed_in_digits(doc: Doc, n: NumberMatch, mentions: Sequence[Mention]) -> bool:
    """ "thirty-nine (39) people have died": the digits in brackets repeat the words before
    them, one figure written twice; the words are the claim."""
    if n.start < 2 or n.end >= len(doc) or doc[n.start - 1].text != "(" or doc[n.end].text != ")":
        return False
    return any(o.number.end == n.start - 1 and o.number.value == n.value for o in mentions)


ABOARD = "people_aboard"
_PEOPLE_HARM = frozenset({"killed", "wounded", "missing", "displaced", "people_evacuated"})
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", "LAW"})


def _traveller_part(counted: Token, pack: MetricPack) -> str | None:
    """Of the people aboard, the passengers or the crew ("68 passengers and four crew
    members"): the part its noun names; "72 people" are the whole."""
    words = {counted.lemma_.lower(), counted.lower_} | {
        c.lower_ for c in counted.lefts if c.dep_ == "compound"
    }
    if not words & pack.traveller_words:
        return None
    if any(c.dep_ == "conj" and not any(g.like_num for g in c.children) for c in counted.children):
        return None  # "187 passengers and crew": all of them
    return "crew" if words & {"crew", "crewmember", "crewmembers"} else "passengers"


def _counts_where_or_what_happened(counted: Token, pack: MetricPack) -> bool:
    """A count of places or of happenings is the setting of a story's counts, not one of them:
    "the quake impacted 11 districts", "protests in 19 counties", "two explosions near the
    site", "two blasts occurred". Places a figure says were destroyed or damaged stay ("12
    villages were destroyed": what the disaster did)."""
    lemma = _singular(counted.lemma_.lower())
    kinds = kind_words()
    if lemma in kinds["event_acts"] or lemma in kinds["happenings"] or lemma in _EVENT_NOUNS:
        return True
    if lemma not in pack.place_nouns and lemma not in _PLACE_EXTRA:
        return False
    damage = {w for c in ("destroy", "damage") if c in pack.classes for w in pack.classes[c].words}
    verbs = [counted.head] if counted.head.pos_ in ("VERB", "AUX") else []
    verbs += [c for c in counted.children if c.dep_ in ("acl", "relcl", "amod")]
    return not any(v.lemma_.lower() in damage or v.lower_ in damage for v in verbs)


_EVENT_NOUNS = frozenset({"event", "incident", "episode", "occurrence"})


def _singular(word: str) -> str:
    """ "Countries" tagged a proper noun keeps its plural as its lemma: read it as a noun."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
_PLACE_EXTRA = frozenset({"capital", "capitals"})


_SHARE_OPENERS = frozenset({"them", "these", "those", "whom"})


@dataclass(frozen=True)
class _Whole:
    """The whole a sentence names before its shares ("Among the dead, ...")."""

    metric: str
    text: str


def _named_whole(sent: Span, pack: MetricPack) -> _Whole | None:
    """ "Among the dead, at least 84 were women and 82 were men", "Of the injured, 5 have
    been discharged": the opener names the whole by its state; its shares count that."""
    words = [t for t in sent[:5] if not t.is_punct and t.dep_ != "advmod"]
    if len(words) < 3 or words[0].lower_ not in ("among", "of"):
        return None
    if words[1].lower_ not in ("the", "those"):  # "Among those still held, ...": by their state
        return None
    noun = words[2]
    if noun.like_num:
        return None
    metric = metric_from_words({noun.lower_, noun.lemma_.lower()}, set(), pack)
    return _Whole(metric, f"the {noun.text}") if metric is not None else None


def _opens_with_share(sent: Span) -> bool:
    """A sentence that opens on a share of the figure before it: "Among them, 99 are women",
    "Of these, 23 have been identified"."""
    words = [t.lower_ for t in sent[:3] if not t.is_punct]
    return len(words) >= 2 and words[0] in ("among", "of") and words[1] in _SHARE_OPENERS


def _named_share(anchor: Token) -> str | None:
    """What "99 are women" says the share is: the common noun its verb "be" takes."""
    attr = said_to_be(anchor)
    return attr.lower_ if attr is not None and attr.pos_ == "NOUN" else None


def _place_item(anchor: Token) -> str | None:
    """The place whose share of a list a figure is: "10,749 in Devbhumi Dwarka", "three each
    from Andhra Pradesh", "Nairobi (17)"; None for a figure of no such list item."""
    doc = anchor.doc
    k = anchor.i + 1
    if k < len(doc) and doc[k].lower_ == "each":
        k += 1
    if k + 1 < len(doc) and doc[k].lower_ in ("in", "from") and _place_word(doc[k + 1]):
        return _place_name(doc[k + 1])
    if (
        anchor.i >= 2
        and doc[anchor.i - 1].text == "("
        and anchor.i + 1 < len(doc)
        and doc[anchor.i + 1].text == ")"
        and _place_word(doc[anchor.i - 2])
    ):
        return _place_name(doc[anchor.i - 2])
    return None


def _place_name(t: Token) -> str:
    """The name a token of a place belongs to: its entity, else its run of proper nouns."""
    ent = entity_at(t)
    if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
        return ent.text
    lo = hi = t.i
    doc = t.doc
    while lo > t.sent.start and doc[lo - 1].pos_ == "PROPN":
        lo -= 1
    while hi + 1 < t.sent.end and doc[hi + 1].pos_ == "PROPN":
        hi += 1
    return doc[lo : hi + 1].text


def _place_word(t: Token) -> bool:
    return t.ent_type_ in ("GPE", "LOC", "FAC") or (t.pos_ == "PROPN" and t.is_title)


def _list_metric(
    sent: Span, anchor: Token, earlier: tuple[Token, str] | None, last: str | None,
    pack: MetricPack,
) -> str | None:  # fmt: skip
    """What a place-by-place list counts: the sentence's previous figure's metric ("10,800
    were evacuated in Kutch, followed by 10,749 in Devbhumi Dwarka"), else the cue words
    before the list ("The dead are from Nairobi (17), Nakuru (3)"), else the metric of the
    figure the text gave last ("44 arrested ... They include Nairobi (20), Garissa (2)")."""
    names = {m.name for m in pack.metrics}
    if earlier is not None:
        return earlier[1]
    words = {t.lemma_.lower() for t in sent if t.i < anchor.i} | {
        t.lower_ for t in sent if t.i < anchor.i
    }
    return metric_from_words(words, set(), pack) or (last if last in names else None)


RELEASED = "hostages_released"


def _captives_dead(doc: Doc, drafts: list[ClaimDraft], pack: MetricPack) -> None:
    """A share of a captive count that is dead ("59, of whom Israel has declared 32 to be
    dead", "Israel says eight of the 33 are dead" after a count of hostages) counts hostages
    dead, not people killed: a figure read as killed that is a share ("of whom", "of them",
    "of the 33") right after a figure of captives."""
    last_captive = None
    for d in drafts:
        if d.metric.startswith("hostage"):
            last_captive = d
            continue
        if d.metric != "killed" or last_captive is None:
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        anchor = span[-1] if span is not None else None
        if anchor is None or not _is_share(anchor):
            continue
        if d.sentence != last_captive.sentence and not _adjacent(doc, last_captive, d):
            continue
        d.metric = "hostages_dead"
        d.evidence.append(f"metric: a share of the captives '{last_captive.text}' that is dead")


def _is_share(anchor: Token) -> bool:
    """ "32 of whom", "eight of the 33", "of whom Israel has declared 32 to be dead"."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in anchor.children):
        return True
    return any(t.lower_ in ("whom", "them") for t in anchor.sent if t.i < anchor.i)


def _adjacent(doc: Doc, first: ClaimDraft, then: ClaimDraft) -> bool:
    """The second figure's sentence follows the first's."""
    a = doc.char_span(first.start, first.end, alignment_mode="expand")
    b = doc.char_span(then.start, then.end, alignment_mode="expand")
    if a is None or b is None:
        return False
    return b.sent.start == a.sent.end or (b.sent.start > a.sent.start and b.sent.start - a.sent.end < 2)


def _released_by_context(doc: Doc, drafts: list[ClaimDraft], pack: MetricPack) -> None:
    """People released ("freed three women", "390 people returned home") are hostages only
    where captives are spoken of: the article's words for captives and for prisoners decide
    (a prisoner swap's released are prisoners), and where it speaks of neither (patients
    released from hospital, arrested protesters released) they are people released."""
    todo = [
        d for d in drafts
        if d.metric == RELEASED and not _words_in(d.sentence, pack.captivity_words)
    ]  # fmt: skip
    if not todo:
        return
    captives = prisoners = 0
    prisoner = pack.classes.get("prisoner")
    prisoner_words = frozenset(prisoner.words) if prisoner is not None else frozenset()
    for t in doc:
        lemma = t.lemma_.lower()
        captives += lemma in pack.captivity_words or t.lower_ in pack.captivity_words
        prisoners += lemma in prisoner_words
    for d in todo:
        if captives >= prisoners and captives:
            continue
        if prisoners:
            d.metric = "prisoners_released"
            d.evidence.append("metric: people released in an article about prisoners, not captives")
        else:
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            counted = counted_noun(span[-1]) if span is not None else None
            d.metric = generic_metric(counted, pack) if counted is not None else "people_released"
            d.evidence.append("metric: no captive is spoken of: what its noun and verb say")


def _words_in(sentence: str, words: frozenset[str]) -> bool:
    low = sentence.lower()
    return any(w in low for w in words)


def _another_kind(doc: Doc, m: Mention, draft: ClaimDraft, before: str) -> None:
    """ "11,300 dead ... another 10,100 missing": after a figure of another metric, "another"
    adds a kind of count, not more of this one, so the figure is the whole count."""
    if not draft.part or m.number.qstart == 0 or doc[m.number.qstart - 1].lower_ != "another":
        return
    rest = [p for p in draft.part.split(", ") if p != "additional"]
    draft.part = ", ".join(rest) or None
    draft.evidence.append(f"part: 'another' after a figure of {before}: a further kind of count")


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
        and spread_phrase(counted)
        and any(o is not mention and o.excluded_by is None for o in sent_mentions)
    ):  # beside another figure ("23 killed in four states") it says where that one is
        if not any(c.dep_ == "nummod" and c.i != anchor.i for c in counted.children):
            return None  # ("protests in 100 cities", alone, is a count; "took 14 towns" too)
        counted = None  # "at least 129 across six states", parsed as one run of numbers
    if counted is not None and _counts_where_or_what_happened(counted, pack):
        return None
    if _glossed_in_digits(doc, n, sent_mentions):
        return None
    name = entity_at(anchor)
    if name is not None and name.label_ in _NAME_LABELS and anchor.i > name.start:
        return None  # "boarding Air Force One", "Formula One": a number inside a name
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
        metric = elided_metric(anchor, earlier, pack, evidence)
    if metric is None:
        if counted is None or counted.pos_ not in ("NOUN", "PROPN") or _named(counted, anchor):
            return None
        metric = generic_metric(counted, pack)
        evidence.append(f"metric: generic from '{counted.text}'")
    if (
        counted is not None
        and counted.lemma_.lower() in pack.animal_words
        and metric in _PEOPLE_HARM
    ):  # "two stray dogs had died", "5,000 cattle killed": animals, never a toll of people
        metric = f"{counted.lower_}_{metric}"
        evidence.append(f"metric: animals ('{counted.text}'), not people")
    place, _ = claim_place(anchor, counted)
    level = "clause" if place else "none"
    spread = spread_over(anchor, counted, pack) if place is None else None
    if spread is not None:
        # "230 people across seven states": no one of them, so not the article's own place;
        # "three Texas counties", "six US states": the place that holds them is named
        holders = (place_name(c) for c in spread.children if c.dep_ in ("compound", "amod"))
        named = next((h for h in holders if h), None)
        place = named or spread_scope(spread.lemma_.lower(), default_place)
        level = "clause" if place else "none"
        evidence.append(f"{SPREAD_EVIDENCE}{spread.text}")
    elif place is None:
        place, level = context_place(anchor, paragraph)
        opening = sent if level == "sentence" else paragraph if level == "paragraph" else None
        if place is not None and opening is not None and bureau_dateline(opening, place, default_place):
            place, level = None, "none"  # "LOS ANGELES (AFP) -" on a story about Utah
            evidence.append("place: the dateline is the bureau's, not where the figure is")
        if place is None and default_place:
            place, level = default_place, "article"
    place_source = {"clause": "text", "sentence": "text", "paragraph": "text"}.get(level, level)
    evidence.append(f"subject: {level}")
    revision = revision_cue(anchor)
    if revision:
        evidence.append(f"revision: {revision}")
    part = claim_part(anchor, counted, pack)
    if metric == ABOARD and counted is not None and part is None:
        part = _traveller_part(counted, pack)
    if (
        part
        and "identified" in part.split(", ")
        and not any(o.number.value > n.value for o in sent_mentions if o is not mention)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in anchor.children)
    ):  # "172 of the bodies had been identified": a share, a part even alone
        # "police identified the three people killed": the whole count, named; only beside a
        # larger figure ("of the 278 bodies, 177 have been identified") is it a part
        part = ", ".join(x for x in part.split(", ") if x != "identified") or None
        evidence.append("part: 'identified' with no larger figure in its sentence is the whole")
    attribution = claim_attribution(anchor, previous_speaker)
    kind = kind_with_evidence(anchor, counted, evidence)
    if metric in pack.pending or metric in pack.pending.values():
        cue = pending_release(anchor, counted, pack)
        if cue is not None and claim_date_text(anchor) is not None:
            # "set to be freed on Thursday": the planned release of that day, one event
            kind = "planned"
            evidence.append(f"kind: planned, a release its clause dates ({cue})")
        elif cue is not None:
            metric, kind = pack.pending.get(metric, metric), None
            evidence.append(f"metric: still held until a release to come ({cue})")
    first, last = doc[n.qstart], doc[n.qend - 1]
    event = event_cue(anchor, counted)
    if event is not None:
        evidence.append(f"event: '{event[0].text}'" + (f" of {event[1]}" if event[1] else ""))
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
        vague=n.vague,
        event=event[0].lemma_.lower() if event is not None else None,
        event_date_text=event[1] if event is not None else None,
        event_toll=event is not None and event[2],
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


def _named(counted: Token, anchor: Token) -> bool:
    """The counted noun is part of a name ("Boeing 737 jets" aside): an entity that does not
    also hold the number. A title-case headline ("Meta Lays Off More Than 11,000 Employees")
    is often read as one name end to end, the number inside it: that is no name."""
    if not counted.ent_type_ or (counted.ent_type_ == "NORP" and counted.tag_ in ("NNS", "NNPS")):
        return False  # "five Indians", "four Russians": people of a nationality, counted
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
        # "92 confirmed dead so far", "40 reported missing": the state reported of them
        and not any(c.dep_ in ("xcomp", "oprd", "acomp") for c in verb.children)
    )


def _is_age(anchor: Token, value: float) -> bool:
    """A bare number set beside a person as an apposition: an age, not a count ("Melvin
    Edwards, 69, was shot", "two men, 25 and 30,", "John Smith (41)", "a boy, 7,")."""
    if value > 120 or value != int(value):
        return False
    doc, i = anchor.doc, anchor.i
    k = i - 1 if i >= 1 and doc[i - 1].text != ":" else i - 2
    if k >= 0 and doc[k].lower_ in ("age", "aged", "ages"):
        return True  # "(age: 22)", "aged 25": the word says it
    if (
        2 <= i < len(doc) - 1
        and doc[i - 1].text in ("(", ",")
        and doc[i + 1].text in (")", ",")
        and doc[i - 2].ent_type_ == "PERSON"
        and not _in_place_list(doc[i - 2])
    ):  # "soldier Agam Berger (20)": right after a name, whatever the parse hangs it on
        return True
    node = anchor
    while node.dep_ == "conj" and node.head.like_num and node.head.i != node.i:
        node = node.head  # "25 and 30": the second age hangs on the first
    if node.dep_ != "appos":
        return False
    if any(c.dep_ not in ("punct", "cc", "conj") for c in anchor.children):
        return False  # "2 teens killed, 2 injured": a count with its own verb
    head = node.head
    if head.ent_type_ == "PERSON" and _in_place_list(head):
        return False  # "Nakuru (3), Laikipia (1)": the tagger's person is a county of a list
    return (
        head.ent_type_ == "PERSON"
        or head.lemma_.lower() in age_heads()
        or head.lower_ in age_heads()
        or _untagged_name(head)
    )


def _untagged_name(head: Token) -> bool:
    """A first and last name the tagger did not mark a person ("Stef'An Strawder, 18,"): two
    or more proper nouns with no entity of another kind."""
    if head.pos_ != "PROPN" or head.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP"):
        return False
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == head.i - 1 for c in head.children)


def _in_place_list(name: Token) -> bool:
    """A name in a run of "Place (N)" items, two of them tagged as places, whose own name the
    gazetteer knows as a place (a list of ages names people: "Smith (41), Jones (39)")."""
    from factcheck.places import lookup

    doc = name.doc
    sent = name.sent
    known = 0
    for t in sent:
        if t.text == "(" and t.i >= 1 and t.i + 2 < sent.end and doc[t.i + 2].text == ")":
            if doc[t.i + 1].like_num and doc[t.i - 1].ent_type_ in ("GPE", "LOC"):
                known += 1
    return known >= 2 and bool(lookup(name.text))
