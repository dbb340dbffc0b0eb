"""What kind of count a figure is: the current total, a stock, one event, a plan, a quoted
earlier figure or a projection, with the cue that says so. Verdicts depend on it (an event's
count never updates a running total), so each cue is a word class or a shape of the parse.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from factcheck.dates import MONTHS, WEEKDAYS, YEAR
from factcheck.extraction.tree import DAY_DEIXIS, entity_at, governing_verb, is_in
from factcheck.resources import attribution_words, kind_words

_CLAUSE_EDGES = frozenset({"relcl", "acl", "advcl", "appos", "parataxis"})
"""Where the climb from a figure to the words that date it stops: another clause's verbs say
nothing of it."""


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
    kinds = kind_words()
    if counted is not None and any(
        c.dep_ == "amod" and c.lower_ in kinds["increments"] and c.i > anchor.i
        for c in counted.children
    ):  # "41 more deaths": the day's rise, not the toll it brings the count to
        return True
    if verb is not None and _day_span(verb, kinds["day_spans"]):
        return True  # "killed 39 in the past 24 hours"
    if words & _TOTAL_CUES:
        return False
    if verb is not None and any(c.lower_ in DAY_DEIXIS for c in verb.children):
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


def _day_span(verb: Token, spans: frozenset[str]) -> bool:
    """A "past 24 hours" or "last day" phrase on the verb: the count of that span."""
    for c in verb.children:
        if c.dep_ in ("prep", "npadvmod"):
            text = " ".join(t.lower_ for t in c.subtree)
            if any(s in text for s in spans):
                return True
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
    denied = _denied_by(anchor, words)
    if denied is not None:
        return "historical", denied
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
        if t.dep_ == "pobj" and head.lower_ == "from" and is_in(head.head, words["change"]):
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
        if c.dep_ == "relcl" and is_in(c, words["planned_heads"]):
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
            if not is_in(t, words["reports"]):
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
                    is_in(c, words["reports"])
                    and any(g.dep_ == "amod" and g.lower_ in words["earlier"] for g in c.children)
                )
            ):
                return "historical", f"'{c.text}' as subject of '{t.text}'"
            if c.dep_ == "prep" and low in ("in", "according"):
                for g in c.children:
                    if is_in(g, words["reports"]) and any(
                        m.dep_ == "amod" and m.lower_ in words["earlier"] for m in g.children
                    ):
                        return "historical", f"'{c.text} ... {g.text}'"
        if not seen_verb:
            seen_verb = True
            # a figure not reached yet ("could reach", "expected to climb above") is a
            # projection; an act not done yet ("will free", "expected to free") is planned
            grows = is_in(t, words["growth"]) or is_in(t, words["change"])
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if grows and aux & words["projection_modals"]:
                return "projection", f"'{next(iter(aux & words['projection_modals']))} {t.text}'"
            if (
                t.lemma_ == "be"
                and aux & words["projection_modals"]
                and any(c.dep_ == "nsubj" and is_in(c, words["reports"]) for c in t.children)
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
                if is_in(h, words["projection_heads"]) and (grows or acts):
                    return ("projection" if grows else "planned"), f"'{h.text}' over '{t.text}'"
                if is_in(h, words["planned_heads"]):
                    return "planned", f"'{h.text}' over '{t.text}'"
    return None, None


def _denied_by(anchor: Token, words: Mapping[str, frozenset[str]]) -> str | None:
    """The cue when the figure stands in a clause its speaker denies: under a denial verb
    ("denied that 50 died", "rejected claims that 300 were killed") or a belief or report verb
    under negation ("does not believe there are 19"). The figure is someone else's, quoted."""
    node = anchor
    for _ in range(8):
        if node.head.i == node.i:
            return None
        came_from, node = node, node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        lemma = node.lemma_.lower()
        clause = came_from.dep_ in ("ccomp", "dobj", "xcomp", "acl", "relcl") or any(
            c.dep_ == "mark" for c in came_from.children
        )
        if lemma in words["denials"] and clause:
            return f"'{node.text}' by its speaker"
        if (
            lemma in words["beliefs"]
            and came_from.dep_ in ("ccomp", "xcomp")
            and any(c.dep_ == "neg" for c in node.children)
        ):
            return f"'not {node.text}'"
    return None


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


def narrated_step(anchor: Token) -> str | None:
    """A cue that the figure is told as one step of a count's rise: the verb that gives it is a
    growth verb ("reach", "rise", "exceed") in the past perfect ("had reached 1,037") or dated
    to a time of day ("rose to 820 shortly after midday", "by nightfall"). Alone it proves
    nothing ("the toll rose to 40 on Friday evening" may be the latest); the article's own
    higher figure makes it history (`drafts.superseded_in_text`)."""
    words = kind_words()
    verb = governing_verb(anchor)
    if verb is None or not is_in(verb, words["growth"]):
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


def kind_with_evidence(anchor: Token, counted: Token | None, evidence: list[str]) -> str | None:
    kind, cue = claim_kind(anchor, counted)
    if kind is not None:
        evidence.append(f"kind: {kind} from {cue}")
    return kind


_EVENT_PREPS = frozenset({"in", "during", "by", "from", "after", "with", "of"})
"""Prepositions that tie a count to the happening that caused it: "killed in a shooting",
"deaths from the blast", "victims of the attack"."""


def event_cue(anchor: Token, counted: Token | None) -> tuple[Token, str | None, bool] | None:
    """The one-act happening a figure counts, the date its name gives, and whether the figure
    is that happening's toll as read later ("the toll from the attack stands at 1,139": the
    figure's own date is then the reading's, not the event's): (noun, date text or None, toll). "Israeli strikes killed 404" (its subject), "two killed in a shooting",
    "the attack on October 7 that killed 1,200" (the noun a relative clause hangs from),
    "deaths in the attack" (the counted noun's). Only nouns of the `event_acts` class: a war's
    or a flood's toll is a running total, not one event's count."""
    acts = kind_words()["event_acts"]
    verb = governing_verb(anchor)
    nodes: list[Token] = []
    if verb is not None:
        nodes.append(verb)
        if verb.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
        ):  # "abducted 251 in the Oct. 7 attack and killed 1,200": one subject, one act
            nodes.append(verb.head)
    for noun in (anchor, counted):
        if noun is not None:
            nodes.append(noun)
            nodes.extend(c for c in noun.children if c.dep_ == "acl")  # "people killed in ..."
    reports = kind_words()["reports"]
    for node in nodes:
        if node.dep_ in ("relcl", "acl") and node is not counted:
            # "an attack that killed 1,200"; "a raid on the town that killed 37" (the clause
            # parsed onto the raid's object)
            up = node.head
            for _ in range(3):
                if is_in(up, acts):
                    return up, _name_date(up, anchor), False
                if up.dep_ not in ("pobj", "prep") or up.head.i == up.i:
                    break
                up = up.head
        for c in node.children:
            heads = []
            toll = False
            if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                heads.append(c)
                if is_in(c, reports):
                    toll = True  # "the toll from the 7 October attack stands at 1,139"
                    heads.extend(
                        g for p in c.children if p.dep_ == "prep" and p.lower_ in _EVENT_PREPS
                        for g in p.children if g.dep_ == "pobj"
                    )  # fmt: skip
            elif c.dep_ in ("prep", "agent") and (c.dep_ == "agent" or c.lower_ in _EVENT_PREPS):
                heads.extend(g for g in c.children if g.dep_ == "pobj")
            for h in heads:
                for x in (h, *(g for g in h.children if g.dep_ in ("conj", "appos"))):
                    if is_in(x, acts) and anchor not in x.subtree:
                        return x, _name_date(x, anchor), toll
    if verb is not None and _dated_act(verb, anchor):
        # "Hamas freed three hostages on Saturday": an act its clause dates is one event
        return verb, None, False
    return None


_READING_PREPS = frozenset({"as", "by", "until", "till", "through", "since", "up"})
"""Prepositions that date the reading of a running count, not an act: "as of Friday"."""


def _dated_act(verb: Token, anchor: Token) -> bool:
    """An act (not a reading: no growth, change or reporting verb; not the perfect, which
    sums up to now; no word of a running total) that its own clause dates by a day or a
    date: "freed three hostages on Saturday", "killed 12 people on 3 March"."""
    words = kind_words()
    if (
        verb.pos_ != "VERB"
        or is_in(verb, words["growth"])
        or is_in(verb, words["change"])
        or verb.lemma_.lower() in attribution_words()["verbs"]
        or is_in(verb, words["states"])
    ):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"have", "has", "had", "'ve", "will", "would", "could", "may", "might"}:
        return False
    if any(t.lower_ in _TOTAL_CUES for t in verb.subtree):
        return False
    for c in verb.children:
        if c.dep_ not in ("prep", "npadvmod") or anchor in c.subtree:
            continue
        if c.lower_ in _READING_PREPS:
            continue  # "recovered as of Friday", "by Sunday", "until Monday": a count's reading
        for t in c.subtree:
            low = t.lower_
            if low in WEEKDAYS or low in DAY_DEIXIS:
                return True
            if low.rstrip(".") in MONTHS and t.i + 1 < len(t.doc) and t.doc[t.i + 1].like_num:
                return True
            if t.like_num and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_.rstrip(".") in MONTHS:
                return True
    return False


def _name_date(noun: Token, anchor: Token) -> str | None:
    """The date in an event's name: "the Oct. 7, 2023 attack", "Tuesday's strikes", "the
    attack on October 7", "the 7 October assault". Not a date of the figure's own phrase."""
    doc = noun.doc
    tokens = list(noun.subtree)
    if noun.dep_ == "appos":  # "during the Oct. 7, 2021 assault", parsed as the date's apposition
        tokens.extend(noun.head.subtree)
    host = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("dobj", "pobj") and host.pos_ in ("VERB", "AUX"):
        # "On Oct. 7, 2023, Hamas led an attack ... that killed 1,200": the act's own verb
        for c in host.children:
            if c.dep_ in ("prep", "npadvmod") and noun not in c.subtree:
                tokens.extend(c.subtree)
    year = None
    for t in tokens:
        if anchor in t.subtree and t.i != noun.i:
            continue
        if t.ent_type_ != "DATE" and t.lower_ not in WEEKDAYS:
            continue
        ent = entity_at(t)
        span = ent if ent is not None else doc[t.i : t.i + 1]
        words = [w for w in span if w.tag_ != "POS" and w.lower_ not in ("the", "'s")]
        if not words or anchor.i in range(span.start, span.end):
            continue
        first = words[0].i
        if first > 0 and words[0].lower_.rstrip(".") in MONTHS and doc[first - 1].like_num:
            words.insert(0, doc[first - 1])  # "the 9 May blast": the tagger's date lost its day
        last = words[-1].i
        if (
            last + 2 < len(doc)
            and doc[last + 1].text == ","
            and YEAR.fullmatch(doc[last + 2].text)
            and not YEAR.fullmatch(words[-1].text)
        ):
            last += 2  # "the Oct. 7, 2023 attack": the tagger's date may stop at the comma
        text = doc[words[0].i : last + 1].text
        low = text.lower()
        if any(w in low for w in (*WEEKDAYS, *MONTHS)):
            return text
        if year is None and YEAR.fullmatch(low):
            year = text  # a bare year, unless a day is named too
    return year
