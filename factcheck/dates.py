"""Dates of figures: what a date expression the text gives means, against the article's date.

Pure (no spaCy), so reconciliation can order figures with it too. `extraction.when` finds the words
("on Saturday at 10 pm", "last summer", "June 4"); this says which day, how precisely, and
which part of the day.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "CLOCK",
    "MONTHS",
    "PART_WORDS",
    "SEASONS",
    "WEEKDAYS",
    "YEAR",
    "YEARS_AGO",
    "as_of_precision",
    "day_part_span",
    "full_date",
    "resolve_as_of",
    "split_day_part",
]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i
    for i, ms in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in ms
}


PART_WORDS = ("morning", "afternoon", "evening", "night", "midday", "noon")

SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})

CLOCK = r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?"
"""A clock time as news writes it ("10 pm", "6:00 p.m."), for the patterns that find one."""


def split_day_part(expr: str) -> tuple[str, str | None]:
    """("Saturday at 10 pm") → ("Saturday", "22:00"); ("early Sunday morning") → ("Sunday",
    "early morning"); a date without a part of the day keeps None."""
    low = expr.strip()
    early = re.match(r"(early|late)\s+", low, re.I)
    if early:
        low = low[early.end() :]
    clock = re.search(rf"\s+at\s+({CLOCK})$", low, re.I)
    if clock:
        h, m, half = re.match(r"(\d+)(?::(\d\d))?\s*([ap])", clock.group(1), re.I).groups()  # type: ignore[union-attr]
        hour = int(h) % 12 + (12 if half.lower() == "p" else 0)
        return low[: clock.start()], f"{hour:02d}:{m or '00'}"
    words = low.rsplit(None, 1)
    if len(words) == 2 and words[1].lower() in PART_WORDS:
        part = words[1].lower()
        if early:
            part = f"{early.group(1).lower()} {part}"
        return words[0], part if part in _SPANS else words[1].lower()
    return low, None


_SPANS = {"early morning": (3, 7), "morning": (6, 12), "midday": (11.5, 13), "noon": (11.5, 13),
          "afternoon": (12, 18), "evening": (17, 21), "night": (20, 24), "late night": (22, 24)}  # fmt: skip


def day_part_span(label: str | None) -> tuple[float, float] | None:
    """The hours a part of the day may mean: "evening" is 17 to 21, "22:00" is 22 itself. Two
    figures of one date are in order only when their spans do not meet: 6 p.m. and "evening"
    cannot be told apart."""
    if label is None:
        return None
    m = re.fullmatch(r"(\d\d):(\d\d)", label)
    if m:
        hour = int(m.group(1)) + int(m.group(2)) / 60
        return hour, hour
    found = _SPANS.get(label)
    return (float(found[0]), float(found[1])) if found else None


def full_date(expr: str) -> dt.date | None:
    """A date that needs no reference day: "June 4, 2024", "4 Jun, 2024", "Sept. 12 2023"."""
    low = split_day_part(expr)[0].lower().strip().replace(",", " ")
    iso = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", low)
    if iso:  # "2022-01-06", as a page's metadata line writes it
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    low = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", low)  # "07th January 2022"
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})\s+(\d{4})", low) or re.fullmatch(
        r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", low
    )
    if not m:
        return None
    month, day = (m.group(1), m.group(2)) if m.group(1).isalpha() else (m.group(2), m.group(1))
    if month not in MONTHS:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[month], int(day))
    except ValueError:
        return None


def as_of_precision(expr: str | None) -> str | None:
    """How precisely a date expression pins its day: `day`, `week`, `month` or `year`."""
    if not expr:
        return None
    low = expr.lower().strip()
    if YEAR.fullmatch(low) or low == "last year" or YEARS_AGO.fullmatch(low):
        return "year"
    if low == "last week":
        return "week"
    if low == "last month" or (low.startswith("last ") and low[5:] in SEASONS):
        return "month"
    if re.fullmatch(r"([a-z]+)\.?,?\s+(\d{4})", low):
        return "month"
    return "day"


YEARS_AGO = re.compile(r"(a|one|two|three|four|five|\d+) years? ago")


YEAR = re.compile(r"(1[89]|20)\d\d")


_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?")


def resolve_as_of(expr: str | None, published: dt.date | None) -> dt.date | None:
    """ "Saturday" in an article of Sunday 2023-09-10 → 2023-09-09; "June 4" → that date in the
    article's year; "yesterday" → the day before; a past year, month or "last year" → its last
    day; "two years ago". None when it cannot be pinned."""
    if not expr:
        return None
    if published is None:
        return full_date(expr)
    low = split_day_part(expr)[0].lower().strip()
    m = _DAY_MONTH.fullmatch(low)
    if m and m.group(2) in MONTHS:  # "18 March", "7 October 2023": as "March 18"
        low = f"{m.group(2)} {m.group(1)}" + (f" {m.group(3)}" if m.group(3) else "")
    m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)", low)
    if m:  # "on the 3rd": this month's, or last month's when that day is still to come
        day = int(m.group(1))
        month = published.replace(day=1)
        if day > published.day:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        try:
            return month.replace(day=day)
        except ValueError:
            return None
    if low.startswith("last ") and low[5:] in SEASONS:
        # the season's middle month, in the latest year it lies wholly before publication
        month = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}[low[5:]]
        year = published.year if month + 2 < published.month else published.year - 1
        return dt.date(year, month, 15)
    if low in ("today", "tonight"):
        return published
    if low in ("yesterday", "overnight"):
        return published - dt.timedelta(days=1)
    if low in WEEKDAYS:
        back = (published.weekday() - WEEKDAYS.index(low)) % 7
        return published - dt.timedelta(days=back)
    if YEAR.fullmatch(low):
        year = int(low)
        return dt.date(year, 12, 31) if year < published.year else None
    if low == "last year":
        return dt.date(published.year - 1, 12, 31)
    m = YEARS_AGO.fullmatch(low)
    if m:
        n = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(m.group(1))
        years = n if n is not None else int(m.group(1))
        try:
            return published.replace(year=published.year - years)
        except ValueError:  # 29 February
            return published.replace(year=published.year - years, day=28)
    if low in ("last month", "last week"):
        first = published.replace(day=1)
        return first - dt.timedelta(days=1) if low == "last month" else published - dt.timedelta(7)
    m = re.fullmatch(r"([a-z]+)\.?,?\s+(\d{4})", low)  # "May 2024": the month's last day
    if m and m.group(1) in MONTHS:
        year, month = int(m.group(2)), MONTHS[m.group(1)]
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return end if end < published else None
    m = re.match(r"([a-z]+)\.?\s+(\d{1,2})(?:\s+(\d{4}))?$", low)
    if m and m.group(1) in MONTHS:
        try:
            year = int(m.group(3)) if m.group(3) else published.year
            found = dt.date(year, MONTHS[m.group(1)], int(m.group(2)))
        except ValueError:
            return None
        if not m.group(3) and found > published + dt.timedelta(days=7):
            found = found.replace(year=year - 1)  # "Dec. 30" in a January article
        return found
    return full_date(expr)


# --- publication dates ---------------------------------------------------------------------

_ISO_START = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?\d{4,6}Z?)?$")
_RFC2822 = re.compile(r"(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4}")


def publication_date(value: str | None) -> dt.date | None:
    """The day an article was published, from whatever gives it (a manifest, a header, an
    export, a page's metadata, `--published`): ISO dates and datetimes ("2024-03-03",
    "2024-03-03T08:15:00Z"), the compact form ("20240303", GDELT's "20240303T081500Z") and RSS
    dates ("Sun, 03 Mar 2024 08:15:00 GMT"). Nothing else: not week or ordinal dates, which
    `date.fromisoformat` also reads, nor "2024-3-3" or "March 3". One parser, so a date one input
    accepts is never refused by another."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_START.match(value) or _COMPACT.match(value)
    if not m and _RFC2822.match(value):  # RSS: "Sun, 03 Mar 2024 08:15:00 GMT"
        from email.utils import parsedate_to_datetime

        try:
            return parsedate_to_datetime(value).date()
        except (TypeError, ValueError):
            return None
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
