"""Who a figure is credited to: "according to X", "citing X", the subject of a reporting verb, or
the last named speaker of an earlier sentence for a later "he said".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from factcheck.extraction.tree import noun_phrase
from factcheck.resources import attribution_words


def claim_attribution(anchor: Token, previous_speaker: str | None = None) -> str | None:
    """Who the text credits: "according to X", "citing X", or the subject of a reporting verb
    that governs the number's clause ("X said Israel had freed 596 prisoners")."""
    words = attribution_words()
    sent = anchor.sent
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor().lower_ == "to":
            pobj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return noun_phrase(pobj)
        if t.lower_ in ("citing", "quoting"):
            obj = next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                return noun_phrase(obj)
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
            return noun_phrase(subj)
    # "..., the ministry said." when the parser hangs the main clause under the reporting verb
    root = sent.root
    if reports(root) and root.i > anchor.i:
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i > anchor.i), None)
        if subj is not None:
            return previous_speaker if subj.lower_ in words["pronouns"] else noun_phrase(subj)
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


def named_speaker(sent: Span) -> str | None:
    """The last named source of a sentence ("Pradeep Jena said ..."), for a later "he said"."""
    words = attribution_words()
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < sent.end and t.nbor().lower_ == "to":
            pobj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return noun_phrase(pobj)
    for t in sent:
        if t.lemma_.lower() in words["verbs"] and t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if (
                subj is not None
                and subj.pos_ in ("PROPN", "NOUN")
                and subj.lower_ not in words["pronouns"]
            ):
                return noun_phrase(subj)
    return None
