"""Where a figure applies: a locative phrase near the number, a place its sentence or paragraph
names, a spread over several places of a kind, or the place the article is about. Names are
resolved against the gazetteer later (`factcheck.places`); here they are read from the parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from factcheck.extraction.passages import passage_lookup
from factcheck.extraction.tree import entities_in, entity_at, governing_verb
from factcheck.resources import MetricPack, demonyms, place_kinds, spread_levels, worldwide_words

WORLDWIDE = "worldwide"
"""The subject of a figure its text scopes to the whole world."""


_PLACE_LABELS = {"GPE", "LOC", "FAC"}


_PLACE_PREPS = {"in", "on", "across", "throughout", "inside", "within", "at", "near"}


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
                    place = place_name(pobj) or _gazetteer_name(pobj) or _place_of_kind(pobj)
                    if place:
                        return combined_places(pobj, place), "text"
            # "Gaza's population": a possessive place scopes its own noun, not the clause
            # ("Israel's campaign ... has killed" names an agent, not where)
            if c.dep_ == "poss" and counted is not None and host.i == counted.i:
                place = place_name(c)
                if place:
                    return place, "text"
    return None, "none"


def _place_of_kind(tok: Token) -> str | None:
    """A kind of place the text locates by its name or its holder: "in the suburb of Mukilteo",
    "in Zambezia province", "in Malawi's southern districts", "in the southern districts of
    Malawi". One place of a kind is named by its "of" ("the city of Derna"), then a possessor or
    a compound, which may only hold it ("a Detroit neighborhood"); places of a kind are held by
    their possessor or compound ("the southern Gaza cities of Khan Younis and Rafah": Gaza), and
    an "of" holds them only when it names one place. The gazetteer, not the tagger, says a name
    is a place: small models take "Malawi" for a person."""
    if tok.lemma_.lower() not in place_kinds():
        return None
    of = [
        p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj"
    ]  # fmt: skip
    holders = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
    if tok.tag_ in ("NNS", "NNPS"):
        named = holders + [p for p in of if not p.conjuncts]
    else:
        named = [c for c in tok.children if c.dep_ == "appos"] + of + holders
    for h in named:
        # a nationality holds its country's places ("the Thai capital": Thailand)
        name = demonyms().get(h.lower_) or place_name(h) or _known_proper(h)
        if name:
            return name
    return None


def _known_proper(tok: Token) -> str | None:
    """A proper noun (with the proper nouns compounded before it) the gazetteer knows."""
    if tok.pos_ != "PROPN":
        return None
    start = tok.i
    while start > tok.sent.start and tok.doc[start - 1].dep_ == "compound" and (
        tok.doc[start - 1].pos_ == "PROPN"
    ):
        start -= 1
    from factcheck.places import lookup

    name = tok.doc[start : tok.i + 1].text
    return name if lookup(name) else None


def combined_places(pobj: Token, place: str) -> str:
    """A figure over places named together ("in Mozambique and Malawi", "across Kenya, Somalia
    and Ethiopia") is their combined count, not the first one's: its scope is all of them,
    named in a fixed order so two reports of it meet (`places.several_places` says when names
    combine; `places.combined_place` gives the scope its own key)."""
    from factcheck.places import several_places

    names = [place]
    for conj in pobj.conjuncts:
        other = place_name(conj) or _gazetteer_name(conj, "conj")
        if other is None:
            return place
        names.append(other)
    names = sorted(dict.fromkeys(names))
    if several_places(names) is None:
        return place
    return f"{', '.join(names[:-1])} and {names[-1]}"


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
                    spread_phrase(pobj)
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


def spread_phrase(noun: Token) -> bool:
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


def bureau_dateline(sent: Span, place: str, default_place: str | None) -> bool:
    """The sentence opens on a dateline naming `place` ("LOS ANGELES (AFP) -") and the article
    is about a place that neither holds it nor lies in it (Utah): the bureau that filed the
    story, not where its figures are."""
    if not default_place or place == default_place:
        return False
    start = sent.start
    while start < sent.end and sent.doc[start].is_space:
        start += 1
    first = next((e for e in entities_in(sent) if e.start == start), None)
    if first is None or _normalize_place(first.text) != place:
        return False
    if not _dateline_mark(first):
        return False
    from factcheck.places import lookup, nesting

    here, there = lookup(place), lookup(default_place)
    if not here or not there:
        return False
    return not any(
        nesting(a.chain(), a.level, b.chain(), b.level) > 0 for a in here[:3] for b in there[:3]
    )


def _dateline_mark(ent: Span) -> bool:
    """A dash or a bracketed credit follows the name closely: "FORT WAYNE, Ind. (WANE) —"."""
    return any(t.text in ("—", "–", "-", "--", "(") for t in ent.doc[ent.end : ent.end + 5])


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
        dateline = ent.start == ent.sent.start and _dateline_mark(ent)
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


def _names_a_country(text: str) -> bool:
    """Every place the name can be is a country ("Russia"; not "Georgia", also a state)."""
    from factcheck.places import lookup

    found = lookup(_normalize_place(text) or text)  # "Georgia" may be the state: a label
    return bool(found) and all(p.level == "country" for p in found)


def dominant_place(
    doc: Doc, passages: Sequence[tuple[int, int]] | None = None, text: str | None = None
) -> str | None:
    """The place an article is about. Candidates are the GPE/LOC names the claim passages carry
    (the figures are told about them), and a country they name only by nationality; the winner
    is the one the whole text names most often, counted by string match in any case, so
    paragraphs that were never parsed still vote (on a tie, the place that holds the others,
    else the first named). `text` is the article's full text when `doc` holds only its claim
    passages."""
    inside = passage_lookup(passages) if passages is not None else (lambda i: True)
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


def place_name(tok: Token) -> str | None:
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


def _gazetteer_name(tok: Token, dep: str = "pobj") -> str | None:
    """A proper noun after a locative preposition (or, with `dep="conj"`, named with one) that
    the gazetteer knows, whatever the tagger took it for: small models tag "Al Haouz" and
    "Malawi" a person and "Taroudant" nothing, but "1,293 deaths in Al Haouz" counts people in
    a place."""
    if tok.pos_ != "PROPN" or tok.dep_ != dep:
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
