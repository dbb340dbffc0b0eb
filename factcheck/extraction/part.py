"""Which part of a whole a figure counts: "including five Americans", "28 of whom", the items
of a list ("38 adults and 21 children"). A part is kept apart from its whole in grouping, so
its marker must be in the parse, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

from factcheck.extraction.drafts import ClaimDraft
from factcheck.extraction.tree import governing_verb, is_people
from factcheck.resources import MetricPack, demonyms

_SUBSET_WORDS = {"including", "include", "includes", "among", "out"}


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
        if named is not None and is_people(named, pack):
            parts.append(named.lower_)
    if counted is not None and is_people(counted, pack):
        # "Palestinian prisoners", "four American captives": a nationality is a part of people;
        # "350 Irish jobs" are the jobs in Ireland, not a part of them
        for t in counted.lefts:
            if t.ent_type_ == "NORP" and t.dep_ in ("amod", "compound"):
                parts.append(f"nationality:{t.text.lower()}")
    if counted is not None and not parts:
        role = _role_part(counted, pack)
        if role is not None:
            parts.append(role)
    share = _share_named(anchor)
    if share is not None and share not in parts:
        parts.append(share)
    condition = _condition(anchor, pack)
    if condition is not None and condition not in parts:
        parts.append(condition)
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


def _role_part(counted: Token, pack: MetricPack) -> str | None:
    """Who the counted people are, where that is narrower than everyone: "100 civilians were
    killed", "30 children among the dead", "60 Jordanians died". People stay killed whatever
    their role; the role is a part, written "role:civilians": it says who they were but, unlike
    a subset ("including five Americans"), keeps no figure apart from its whole (a war's "48,000
    Palestinians killed" is its toll). "People", "victims" and the captives or prisoners a
    metric already names are the whole."""
    low, lemma = counted.lower_, counted.lemma_.lower()
    if low in WHOLE_NOUNS or lemma in _WHOLE_LEMMAS:
        return None
    own = {w for c in ("captive", "prisoner", "body") if c in pack.classes
           for w in pack.classes[c].words}  # fmt: skip
    if lemma in own or low in own:
        return None
    if low in pack.occupant_words or lemma in pack.occupant_words:
        # "25 passengers were killed": everyone the crash struck; "Fourteen Jordanian
        # pilgrims died": the nationality is the role
        peoples = demonyms()
        norp = [
            c
            for c in counted.children
            if c.dep_ in ("amod", "compound") and (c.ent_type_ == "NORP" or c.lower_ in peoples)
        ]
        return f"{ROLE}{norp[0].lower_} {low}" if norp else None
    if (counted.ent_type_ == "NORP" and counted.pos_ in ("NOUN", "PROPN")) or (
        is_people(counted, pack) and counted.tag_ in ("NNS", "NNPS")
    ):
        return f"{ROLE}{low}"
    return None


ROLE = "role:"
"""How a part that names who the counted people were begins (`_role_part`)."""


_WHOLE_LEMMAS = frozenset({
    "people", "person", "individual", "other", "resident", "victim", "inhabitant", "casualty",
    "member", "national", "citizen", "soul", "life", "patient", "survivor",
})  # fmt: skip


def said_to_be(anchor: Token) -> Token | None:
    """The noun a figure's "be" takes: "99 are women", "323 of the dead were Egyptians"."""
    if anchor.dep_ != "nsubj" or anchor.head.lemma_ != "be":
        return None
    return next(
        (c for c in anchor.head.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")),
        None,
    )


def _share_named(anchor: Token) -> str | None:
    """What a share of the figure's whole is said to be: "323 of the dead were Egyptians"."""
    if not any(c.dep_ == "prep" and c.lower_ == "of" for c in anchor.children):
        return None
    attr = said_to_be(anchor)
    return attr.lower_ if attr is not None else None


def _condition(anchor: Token, pack: MetricPack) -> str | None:
    """ "of which 28 are said to be in a critical condition", "11 of whom were in critical
    condition": the condition a share's own predicate names, however deep its verbs nest."""
    node = anchor
    while node.dep_ in ("nummod", "quantmod", "compound") and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("nsubj", "nsubjpass"):
        return None
    share = any(c.dep_ == "prep" and c.lower_ == "of" for c in anchor.children) or any(
        t.lower_ in ("whom", "which") and t.i < anchor.i for t in anchor.sent
    )
    if not share:
        return None  # only a share of a count ("28 of whom are in critical condition")
    for t in node.head.subtree:
        if node.left_edge.i <= t.i <= node.right_edge.i:
            continue
        if t.lemma_.lower() == "condition" and _own_clause_of(t, node.head):
            for m in t.children:
                status = pack.status_words.get(m.lemma_.lower())
                if m.dep_ == "amod" and status and status.startswith("in "):
                    return status
    return None


def _own_clause_of(t: Token, verb: Token) -> bool:
    """Whether `t` is in `verb`'s own clause, not in a clause another figure heads ("117 were
    admitted, of which 28 are in critical condition")."""
    node = t
    while node.i != verb.i:
        if node.dep_ in ("relcl", "acl", "advcl", "conj", "parataxis") or node.like_num:
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _of_whom(anchor: Token) -> bool:
    """ "28 of whom", "ten of them": the number counts a share of people named before."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.lower_ in ("whom", "them") for o in c.children)
        for c in anchor.children
    )


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


def list_head(anchor: Token, others: Sequence[Token]) -> Token | None:
    """ "Nineteen hostages have been freed: four female civilians, five soldiers and 10 men":
    a figure in a list after a colon breaks down the figure before the colon."""
    sent = anchor.sent
    colon = next((t for t in reversed(sent[: anchor.i - sent.start]) if t.text == ":"), None)
    if colon is None:
        return None
    before = [o for o in others if o.i < colon.i]
    return before[-1] if before else None


WHOLE_NOUNS = frozenset({"people", "persons", "individuals", "others", "residents", "victims"})
"""Counted nouns that name everyone, no narrower group."""


def list_items(doc: Doc, made: Mapping[int, ClaimDraft], pack: MetricPack) -> None:
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
        elif (
            item.metric in pack_metrics
            and head.metric not in pack_metrics
            and is_people(noun, pack)
            and is_people(first, pack)
        ):
            # "68 passengers and four crew members were on board": the cue sits nearer the
            # last item, and the first item shares its predicate
            head.evidence.append(f"metric: the first item of a list with '{item.text} {noun.text}'")
            head.metric = item.metric
        elif not (item.metric == head.metric and is_people(noun, pack) and is_people(first, pack)):
            continue  # "1,604 fatalities in Al Haouz, ... one death in Essaouira": one count
        # items of one list are parts of one whole, not just who they were
        item.part = _item_name(noun) if not item.part or item.part.startswith(ROLE) else item.part
        if (head.part is None or head.part.startswith(ROLE)) and first.lower_ not in WHOLE_NOUNS:
            head.part = _item_name(first)


def _item_name(noun: Token) -> str:
    """A list item's noun with the nouns compounded before it: "crew members", "children"."""
    words = [c for c in noun.lefts if c.dep_ == "compound" and c.i == noun.i - 1] + [noun]
    return " ".join(t.lower_ for t in words)


def subset_head(anchor: Token, others: Sequence[Token]) -> Token | None:
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
