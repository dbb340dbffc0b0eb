"""Which quantity a figure counts: the metric pack's cue words scored by their distance in the
tree from the number, so each number of a sentence takes its own verb; a stable generic name for
counts outside the pack; and a figure's revision or pending release.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from spacy.tokens import Token

from factcheck.extraction.kind import claim_kind
from factcheck.extraction.tree import (
    arc_distance,
    counted_noun,
    governing_verb,
    is_in,
    negated,
    own_predicate,
    participle_of,
    plural_of,
    slug,
    tree_distances,
)
from factcheck.resources import MetricPack, kind_words, number_words

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
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "three hostages and five Thai nationals are set to be freed"
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
                # "expected to have been freed" by a day: the release done, not a stock
                and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in x.children)
            ):
                return f"'{x.head.text} to be {x.text}'"
    if node.dep_ == "pobj" and node.head.lower_ == "of":
        noun = node.head.head
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in release:
            kind, cue = claim_kind(noun, None)
            if kind == "planned":
                return f"'{noun.text} of' under {cue}"
    return None


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
    # "six hospitals destroyed", "1,041 schools and 48 hospitals": a facility a figure counts
    # is a building; it names no other metric (never the wounded a hospital treats)
    facility = pack.facility_words
    counted_facilities = {
        n.lemma_.lower()
        for n in (counted, *(counted_noun(o) for o in others))
        if n is not None and n.lemma_.lower() in facility
    }
    building_groups = pack.building_groups
    best: tuple[float, int] | None = None
    best_name = None
    for order, metric in enumerate(pack.metrics):
        # "the city of 12,700" is its population; "52,000 fans" at City's ground are fans
        barred = pack.uncounted.get(metric.name, ()) if counted is not None else ()
        buildings = building_groups.get(metric.name, frozenset())
        if counted_facilities and not buildings:
            barred = (*barred, *counted_facilities, *(plural_of(w) for w in counted_facilities))
        for a, alt in enumerate(metric.cues):
            found = []
            for g, group in enumerate(alt):
                d = min((dists.get(w, 99) for w in group if w not in barred), default=99)
                if d > MAX_CUE_DISTANCE or (d > 0 and (a, g) in buildings):
                    # a count of buildings counts them: "destroyed 900 homes", not a toll
                    # beside a collapsed factory ("factory collapse toll passes 1,000")
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
    shared = _shared_predicate(counted if counted is not None else _listed_number(anchor), others)
    label = _fact_label(anchor, lo)
    one = (
        containers
        | _relative_clause_tokens(anchor, others)
        | _container_predicate(anchor)
        | label
    )
    # the parser may end a sentence inside a fact box's label: its words still count
    before = [anchor.doc[i] for i in sorted(label) if i < sent.start]
    background = _background_state(counted)
    out: dict[str, float] = {}
    senses = pack.cue_pos if pack is not None else {}
    bare = pack.cue_bare if pack is not None else frozenset()
    senses_of = pack.cue_senses if pack is not None else {}
    for t in (*before, *sent):
        if t.i == anchor.i or negated(t):
            continue
        if t.lemma_.lower() in senses and t.pos_ not in senses[t.lemma_.lower()]:
            continue  # "free of cost", "on the other hand": not the cue's sense
        if t.lower_ == "ill" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-":
            continue  # "the ill-fated plane": a compound modifier, no one taken ill
        if bare and t.lemma_.lower() in bare and any(c.dep_ == "compound" for c in t.children):
            continue  # "job losses", "crop losses": a loss of something else
        if t.dep_ in ("compound", "amod", "nmod") and t.head.lemma_.lower() in senses_of.get(
            t.lemma_.lower(), ()
        ):
            continue  # "life sentences", "death threats": the noun's kind, not the metric
        d = min(tree.get(t.i, 99), lo - t.i if t.i < lo else max(t.i - hi + 1, 1))
        if t.i in zero:
            d = 0
        elif t.i in theirs:
            continue
        elif t.i in one:
            d = min(d, 1)
        elif t.i in shared:
            d = min(d, shared[t.i])
        elif any(arc_distance(t, o, ot) < d for o, ot in other_trees):
            d += 1
        if t.i in background:
            d += 1
        result = t.lower_ in _RESULT_WORDS
        verb = _result_of(t) if result else _conj_outcome(t)
        if verb is not None:
            # an outcome of the act the number hangs on ("shot to death", "fatally shot",
            # "shot and killed") says more than the act: just nearer than the act itself
            reach = lo - verb.i if verb.i < lo else max(verb.i - hi + 1, 1)
            via = min(tree.get(verb.i, 99), reach)
            if any(arc_distance(verb, o, ot) < via for o, ot in other_trees):
                via += 1  # the act another figure of the sentence hangs on
            # a result word on the verb ("fatally shooting three and wounding another") is
            # surer than a conjoined verb, which may be an act of its own the parse missed
            d = min(d, via - (0.5 if result else 0.25))
        keys = [t.lemma_.lower(), t.lower_]
        if t.tag_ in ("NNP", "NNPS") and t.lower_.endswith("s"):
            keys.append(t.lower_[:-1])  # "Captives" opening a line, tagged a name: "captive"
        for key in keys:
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
    if verb is not None and verb.lemma_.lower() in _REVISE and not _through_with(anchor, verb):
        return f"'{verb.text}'"
    change = _change_noun(anchor)  # "a revision in the death toll from 103 to 84"
    if change is not None and change.lemma_.lower() in _REVISE | {"revision", "correction"}:
        return f"'{change.text}'"
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
        return slug(noun)
    forms = [verb, *(c for c in verb.children if c.dep_ == "conj" and _shares_noun(c))][:2]
    cc = next((c.lower_ for f in forms for c in f.children if c.dep_ == "cc"), "and")
    words = [_act_name(v, names) for v in forms]
    return slug(f"{noun}_{f'_{cc}_'.join(dict.fromkeys(words))}")


def _plural_name(noun: Token) -> str:
    """A noun as a metric names it: plural, as written where it is ("troops", "staff")."""
    return noun.lower_ if noun.tag_ in ("NNS", "NNPS") else plural_of(noun.lemma_.lower())


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
        name = participle_of(verb) + (f"_{particle.lower_}" if particle is not None else "")
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
    for c in counted.children:  # "to reach six trapped miners": the state that names them
        if c.dep_ == "amod" and c.tag_ == "VBN" and c.i < counted.i:
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


def elided_metric(
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
    return slug(f"{base}_{_act_name(verb, names)}")


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
    item = _listed_number(anchor)
    if counted is None and item is not None and item.head.pos_ in ("NOUN", "PROPN"):
        # "110 prisoners — 30 for each civilian hostage, and 50 for Berger": a bare number set
        # beside a counted noun breaks that count down, and counts what it counts
        if any(c.dep_ == "nummod" and c.like_num for c in item.head.children):
            out.add(item.head.i)
    if counted is None:
        return out
    out.add(counted.i)
    if counted.dep_ == "pobj" and counted.head.lower_ == "of":
        holder = counted.head.head
        if holder.pos_ == "NOUN" and holder.lemma_.lower() in _OF_HEADS:
            out.add(holder.i)
    return out


_PREDICATE_EDGES = frozenset({"acomp", "oprd", "attr", "dobj", "xcomp", "prt", "agent"})


def _background_state(counted: Token | None) -> set[int]:
    """ "Three men held hostage since October have been released": a participle on the subject
    says how things stood; the clause's own verb says what happened to them, so the
    participle's words are one step further away than their arcs."""
    if counted is None or counted.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    head = counted.head
    if head.pos_ != "VERB" or head.tag_ == "VBG" or head.i < counted.i:
        return set()  # a headline's "9 people hurt in ... shooting" has no verb of its own
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i != counted.i for c in head.children):
        return set()  # "3 others wounded in ...; suspects sought": the verb is another's
    out = {
        t.i
        for c in counted.children
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > counted.i
        for t in c.subtree
    }
    main = _garden_path_verb(head)
    if main is not None:
        below = {t.i for t in main.subtree}
        out |= {t.i for t in head.subtree if t.i not in below and t.i > counted.i}
    return out


def _garden_path_verb(head: Token) -> Token | None:
    """The small model reads a participle as the main verb ("men held hostage ... have been
    released": "held" the root, "released" its conjunct): a verb conjoined to a past-tense
    verb, with auxiliaries of its own, no subject and no "and" before it, is the clause's verb."""
    if head.tag_ != "VBD":
        return None
    return next(
        (
            c
            for c in head.children
            if c.dep_ in ("conj", "advcl")  # "since May have been released": an advcl too
            and c.pos_ == "VERB"
            and _finite_aux(c)
            and not any(a.dep_ in ("nsubj", "nsubjpass", "cc") for a in c.children)
            and not any(a.dep_ == "cc" and head.i < a.i < c.i for a in head.children)
        ),
        None,
    )


def _finite_aux(verb: Token) -> bool:
    """ "have been released", "were freed": an auxiliary that makes a clause of its own (not
    "being released", "to be released")."""
    auxes = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    return bool(auxes) and not any(a.tag_ in ("VBG", "TO") or a.lower_ == "to" for a in auxes)


def _listed_number(anchor: Token) -> Token | None:
    """A bare number set beside a counted noun, or conjoined to one that is ("30 for each
    hostage, and 50 for Berger"): the first such number, which `_shared_predicate` reads."""
    item = anchor
    while item.dep_ == "conj" and item.head.like_num and item.head.i != item.i:
        item = item.head
    if item.dep_ != "appos" or item.i == 0:
        return None
    # after a dash, colon or bracket ("prisoners—30 for ..."); a comma list of figures ("1 Dead,
    # 7 Injured") is figures of their own
    return item if item.doc[item.i - 1].text in ("—", "–", "-", "--", ":", "(") else None


def _fact_label(anchor: Token, lo: int) -> set[int]:
    """ "Hostages still in captivity: 59, of whom ...", "Total captured on Oct. 7, 2023: 251":
    a fact box's line names what its figure counts before the colon; its words are one step
    from the figure, whatever the parse made of the line."""
    doc = anchor.doc
    if lo < 2 or not doc[lo - 1].text.endswith(":"):
        return set()
    start = lo - 1  # the label runs back to its line's start (the parser may split the line)
    while start > 0 and lo - start <= 13 and "\n" not in doc[start - 1].text:
        start -= 1
    label = doc[start : lo - 1]
    if not 1 <= len(label) <= 12 or any(t.text.endswith(":") for t in label):
        return set()
    if start > 0 and "\n" not in doc[start - 1].text:
        return set()  # no line start within reach: a colon inside running text
    return {t.i for t in label}


def _shared_predicate(counted: Token | None, others: Sequence[Token]) -> dict[int, int]:
    """ "Three Israeli hostages and five Thai nationals are set to be freed": coordinated nouns,
    each with its figure, share the verb above the first; its words (the verb and its
    complements above the coordination) are as near this figure as the first figure, and no
    nearer to that one. Token -> its distance as the first figure has it."""
    if counted is None:
        return {}
    if counted.dep_ == "appos" and counted.like_num:
        first = counted.head  # "110 prisoners — 30 for each ..., and 50 for Berger"
    elif counted.dep_ == "conj":
        first = counted.head
    else:
        return {}
    if not any(c.dep_ == "nummod" and any(c.i == o.i for o in others) for c in first.children):
        return {}
    out: dict[int, int] = {}
    node, up = first, 1
    while node.head.i != node.i:
        node, up = node.head, up + 1
        out[node.i] = up
        for c in node.children:
            if c.dep_ in _PREDICATE_EDGES and not (c.left_edge.i <= first.i <= c.right_edge.i):
                for t in c.subtree:
                    out.setdefault(t.i, up + 1 + sum(1 for _ in _path_up(t, node)))
    return out


def _path_up(t: Token, top: Token) -> Iterator[Token]:
    """The tokens from `t` up to, not including, `top`'s child on the way (arcs below it)."""
    while t.head.i != top.i and t.head.i != t.i:
        yield t
        t = t.head


def _other_predicates(anchor: Token, counted: Token | None, others: Sequence[Token]) -> set[int]:
    """Words that say what *another* figure of the sentence is, never this one: a part's own
    predicate ("including two found dead") and, when this figure has a verb of its own, the
    other figure's verb with its complements ("four captives have been confirmed dead, while
    one is believed to be alive": "confirmed dead" is not said of "one")."""
    out: set[int] = set()
    mine = _main_verb(governing_verb(anchor))
    phrase = counted if counted is not None else anchor
    for o in others:
        if o.i == anchor.i:
            continue
        pred = own_predicate(o) if counted_noun(o) is None else None
        if pred is not None and not (pred.left_edge.i <= anchor.i <= pred.right_edge.i):
            out.update(t.i for t in pred.subtree)
        verb = _main_verb(governing_verb(o))
        if verb is None or mine is None or verb.i == mine.i:
            continue
        if phrase.left_edge.i <= verb.i <= phrase.right_edge.i:
            continue  # "the three men killed in the shooting of five": the verb is this figure's
        out.add(verb.i)
        for c in verb.children:
            if c.dep_ in _PREDICATE_EDGES and not (c.left_edge.i <= anchor.i <= c.right_edge.i):
                out.update(t.i for t in c.subtree)
    return out


def _container_predicate(anchor: Token) -> set[int]:
    """ "A total of 147 hostages have been released", "the number of dead rose to 40": the
    verb whose subject is the container the figure is counted in is the figure's own verb."""
    node = anchor
    for _ in range(4):
        if node.head.i == node.i:
            return set()
        node = node.head
        if node.lemma_.lower() in _CONTAINERS and node.dep_ in ("nsubj", "nsubjpass"):
            return {node.head.i} if node.head.pos_ in ("VERB", "AUX") else set()
    return set()


def _main_verb(verb: Token | None) -> Token | None:
    """The verb an auxiliary serves: in "there have been 81 wounded" the figure hangs on
    "been", whose verb is "wounded", the verb the list's other figures share."""
    if verb is not None and verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
        return verb.head
    if verb is not None:
        return _garden_path_verb(verb) or verb
    return verb


def _container_tokens(anchor: Token, counted: Token | None) -> set[int]:
    """ "The number of deaths ... reached 2,122", "put the number of injured at 1,175": the
    container noun and what it holds are cues one step from the number."""
    verb = governing_verb(anchor)
    out: set[int] = set()
    change = _changed_quantity(anchor)
    if change is not None:
        out.update(t.i for t in change.subtree if t.i - change.i <= 6)
    if verb is None or _through_with(anchor, verb):
        # "the toll was revised to 84, with an additional 284 reported injured": a figure in a
        # "with" phrase is its own, not the value the container's verb gives
        return out
    verbs = [verb]
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verbs.append(verb.head)  # "the number of those killed is estimated to be 49"
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and c.lemma_.lower() in _CONTAINERS:
                out.add(c.i)
                out.update(t.i for t in c.subtree if t.i - c.i <= 6)
    return out


def _through_with(anchor: Token, verb: Token) -> bool:
    """The path from the number up to its verb passes a "with" phrase."""
    node = anchor
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in ("with", "while"):
            return True
        node = node.head
    return False


def _changed_quantity(anchor: Token) -> Token | None:
    """ "an increase in the number of victims to 115", "a revision in the death toll from 103
    to 84": the new value of a change told as a noun; the quantity that changed ("in the
    death toll") holds what the number counts, as the subject of "rose to" does."""
    node = _change_noun(anchor)
    if node is None:
        return None
    preps = (p for p in node.children if p.dep_ == "prep" and p.lower_ in ("in", "of"))
    return next((c for p in preps for c in p.children if c.dep_ == "pobj"), None)


def _change_noun(anchor: Token) -> Token | None:
    """The noun of change ("increase", "revision") whose "to"/"from" value the number is."""
    node = anchor
    for _ in range(3):  # "to 84" may hang on "from 103", which hangs on the change
        if node.dep_ == "pobj" and node.head.lower_ in ("to", "from", "at"):
            node = node.head.head
        elif node.dep_ == "prep" and node.lower_ in ("to", "from"):
            node = node.head
        else:
            break
    if node is anchor:
        return None
    change = kind_words()["change"]
    if not (node.pos_ == "NOUN" and is_in(node, change)):
        # the parse may hang "to 84" on the verb whose object is the change
        node = next((c for c in node.children if c.dep_ == "dobj" and is_in(c, change)), None)
    return node if node is not None and node.pos_ == "NOUN" else None


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
