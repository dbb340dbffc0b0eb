"""Reading the dependency parse around a number: its anchor token, the noun it counts, the verb
above it, distances in the tree, entities, and the phrases the other readers quote. Every reader
of a claim (metric, place, part, attribution, when, kind) stands on these.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import deque

from spacy.tokens import Doc, Span, Token

from factcheck.numbers import NumberMatch
from factcheck.resources import MetricPack, irregular_participles, number_words

DAY_DEIXIS = {"yesterday", "overnight", "tonight", "today"}


DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}


def number_anchor(doc: Doc, n: NumberMatch) -> Token:
    """The token that stands for the number in the parse (the span's syntactic root)."""
    span = doc[n.start : n.end]
    root = span.root
    # "three or four" / "between 10 and 15": the first number carries the relations;
    # "tens of thousands of students": "thousands" does
    words = number_words()
    scale = root.lower_ in words["scales"] or root.lower_ in words["vague"]
    return root if root.like_num or scale else span[0]


_CLAUSE_OPENERS = frozenset(
    {"as", "when", "while", "after", "since", "because", "before", "until", "where", "though"}
)


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
        between = head.doc[head.i + 1 : head.head.i]
        if any(t.like_num and t.dep_ == "nummod" and t.head.i == head.head.i for t in between):
            # "rose to 42 one day after": another number counts the noun, this one stands
            # alone (a parse that hangs both on "day")
            return None
        if any(t.lower_ in _CLAUSE_OPENERS for t in between):
            return None  # "increased to 3,145 as more bodies were found": another clause's noun
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
        if first.lower_ in number_words()["scales"]:
            # "1.38 lakh in Dhemaji and 95,000 in Morigaon": the first item's scale word is
            # a number, not what the list counts
            return counted_noun(first)
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
    head = anchor.head
    if (
        anchor.dep_ in ("nsubj", "nsubjpass")
        and head.pos_ == "VERB"
        and head.i > anchor.i
        and any(c.dep_ in ("oprd", "acomp") for c in head.children)
    ):
        return head  # "with 9 of them declared dead": the state its verb reports of the share
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


def is_people(noun: Token, pack: MetricPack) -> bool:
    return noun.lemma_.lower() in pack.people or noun.lower_ in pack.people


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


def is_in(tok: Token, words: frozenset[str]) -> bool:
    """The word's lemma or its form is in the class (the small model lemmatises "slated" or
    "up" unevenly)."""
    return tok.lemma_.lower() in words or tok.lower_ in words


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


# --- helpers -------------------------------------------------------------------------------


def arc_distance(t: Token, anchor: Token, tree: dict[int, int]) -> int:
    return min(tree.get(t.i, 99), abs(t.i - anchor.i))


def negated(t: Token) -> bool:
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


def noun_phrase(head: Token) -> str:
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
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].is_punct):
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


def plural_of(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun if noun.endswith("s") else noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def participle_of(verb: Token) -> str:
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


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "count"
