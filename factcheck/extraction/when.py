"""The date the text pins a figure to ("on Saturday", "Sunday night", "June 4", "yesterday"), or the
date of the report that gives it. Words only: the article's own date and the calendar
arithmetic are `factcheck.dates`' concern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from factcheck.dates import CLOCK, MONTHS, PART_WORDS, SEASONS, WEEKDAYS, YEAR, YEARS_AGO
from factcheck.extraction.tree import DAY_DEIXIS, entity_at, governing_verb
from factcheck.resources import attribution_words, kind_words

_PERIOD_STARTS = frozenset({"since"})
"""A date under these words starts the period a figure counts over ("since Thursday")."""


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
                and t.lower_ not in DAY_DEIXIS
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
                if path.i != host.i and _dates_a_happening(path):
                    since = True  # "dead following a landslide on Friday": the slide's day
                    break
                since = since or (
                    path.i != host.i
                    and (
                        path.lower_ in _PERIOD_STARTS
                        or any(
                            c.dep_ in ("mark", "prep") and c.lower_ in _PERIOD_STARTS
                            for c in path.children
                        )
                    )
                )  # "since the war began in October 2023": when the count began
            if path.i != host.i or since:
                continue  # "evacuated since March 3": when the count began, not its date
            low = t.lower_
            if (
                low.rstrip(".") in MONTHS
                and t.i > 0
                and t.doc[t.i - 1].like_num
                and not (t.i + 1 < len(t.doc) and t.nbor().like_num and not YEAR.fullmatch(t.nbor().text))
            ):
                # "on 18 March", "between 3 and 9 May" (the day before the month: the last
                # day named, so a period is dated by its end)
                year = _year_after(t)
                return f"{t.doc[t.i - 1].text} {t.text}" + (f" {year}" if year else "")
            if (
                low in WEEKDAYS
                or low in DAY_DEIXIS
                or (low in MONTHS and t.nbor().like_num if t.i + 1 < len(t.doc) else False)
            ):
                if low in MONTHS:
                    end = next(
                        (c for c in t.children if c.dep_ == "conj" and c.lower_ in MONTHS
                         and c.i + 1 < len(c.doc) and c.nbor().like_num),
                        None,
                    )  # fmt: skip
                    if end is not None:  # "between May 3 and May 9": the period's end
                        t = end
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
                if before in WEEKDAYS or before in DAY_DEIXIS:
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


def _dates_a_happening(noun: Token) -> bool:
    """A noun of a happening between a date and the figure's verb ("presumed dead following a
    landslide on Friday", "killed in the attack on 7 October"): the date is the happening's,
    and a toll may be counted days later. A report noun ("a toll issued on Saturday") dates the
    report, which `report_date_text` reads."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = noun.lemma_.lower()
    words = kind_words()
    return lemma in words["event_acts"] or lemma in words["happenings"]


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
    if low in WEEKDAYS or low in DAY_DEIXIS:
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
