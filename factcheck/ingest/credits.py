"""What a text says of itself: a header or front matter, a dated line ("Updated 4 Jun, 2024"), a
credit ("(Reuters) -", "CNN —"), a headline-like first line. The weakest sources of an
article's metadata, read only where a manifest, the command line or the page gives none.
"""

from __future__ import annotations

import datetime as dt
import re

_HEADER_DATE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")


_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)


_CREDIT = re.compile(r"^(?:[A-Z][A-Z .,'’-]*[ \t]+)?\(([A-Z][A-Z0-9 .&'’-]{2,60})\)", re.M)
"""A credit opens a paragraph, after at most an upper-case dateline: "GAZA (AFP) -". A capitalised
abbreviation inside a sentence ("told Agence France-Presse (AFP)", "the (WHO) said") is not one."""


_DASH_CREDIT = re.compile(
    r"^(?:[A-Z][A-Z .,'’-]*[ \t]+)?\(([A-Z][A-Za-z0-9 .&'’-]{1,60})\)[ \t]*[-–—]", re.M
)
"""A credit in mixed case needs the dash a wire dateline puts after it: "(Reuters) -",
"LONDON (Reuters) -"; "(Hamas)" in a sentence is no credit."""


_LEAD_CREDIT = re.compile(
    r"^([A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]+){0,2})[ \t]+[—–]{1,2}[ \t]", re.M
)
"""An outlet opening a paragraph with a dash: "CNN —" (a known agency or outlet only: "GAZA —"
is a dateline)."""


_BYLINE_CREDIT = re.compile(r"^By [^|\n]{2,80}\|[ \t]*([A-Z][A-Za-z .&'’-]{1,40}?)[ \t]*$", re.M)
"""A byline naming its outlet: "By Jane Doe | AFP"."""


_SOURCE_LINE = re.compile(r"^Source:[ \t]*([A-Z][A-Za-z .&'’-]{1,60}?)[ \t.]*$", re.M)
"""A source line: "Source: Xinhua"."""


_DATED_LINE = re.compile(
    r"^(?:[^\n|]{0,80}\|)?[ \t]*(?:Published|Updated|Posted|Last updated|First published)"
    r"(?:[ \t]+on)?:?[ \t]+(?:[A-Z][a-z]+day,?[ \t]+)?"
    r"(\d{4}[-/]\d{1,2}[-/]\d{1,2}|[A-Za-z0-9 ,.]{6,30}?\d{4})\b",
    re.M,
)
"""A "Published on: Mar. 3, 2024" / "Updated 4 Jun, 2024" / "Published: 2022-01-06" line near
the top, alone or after a byline ("By ANI | Published: January 6, 2022 08:14 AM")."""


_BOM = "\ufeff"


_AGENCIES = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "upi": "UPI",
    "pti": "PTI",
    "ani": "ANI",
    "ians": "IANS",
    "wam": "WAM",
    "efe": "EFE",
    "kyodo": "Kyodo",
    "bbc": "BBC",
    "cnn": "CNN",
    "al jazeera": "Al Jazeera",
}


_SMALL_WORDS = {"of", "the", "and", "in", "on", "for", "a", "an", "at", "to"}


def read_header(text: str) -> dict[str, str]:
    """Metadata the file carries at its top: a ` date 2025-03-03 ` prefix, or YAML-style front
    matter (`publisher:`, `published:`/`date:`, `title:`, `url:`)."""
    meta: dict[str, str] = {}
    text = text.removeprefix(_BOM)  # kept in the text (offsets match read_text()), not a header
    m = _FRONT_MATTER.match(text)
    if m:
        for line in m.group(1).splitlines():
            if ":" in line:
                key, _, value = line.partition(":")
                key, value = key.strip().lower(), value.strip().strip("\"'")
                if key in ("publisher", "source", "outlet"):
                    meta["publisher"] = value
                elif key in ("published", "date"):
                    meta["published"] = value
                elif key in ("title", "url"):
                    meta[key] = value
        return meta
    m = _HEADER_DATE.match(text)
    if m:
        meta["published"] = m.group(1)
    return meta


def dated_line(text: str) -> dt.date | None:
    """The date of a "Published on: Mar. 3, 2024" or "Updated 4 Jun, 2024" line near the top:
    the publication date a saved page or a pasted article carries in its text."""
    from factcheck.dates import full_date

    for m in _DATED_LINE.finditer(text[:_LEAD]):
        date = full_date(m.group(1))
        if date is not None:
            return date
    return None


_LEAD = 2000
"""How far into a text its credit and dated lines may sit."""


def credited_publisher(text: str) -> str | None:
    """A credit in the text: "(THE TIMES OF ISRAEL)", "(Reuters) -", "CNN —", "By … | AFP",
    "Source: Xinhua" near the top, or a closing "Reuters" line."""
    text = text.removeprefix(_BOM)
    head = text[:_LEAD]
    m = _CREDIT.search(head)
    if m:
        credit = m.group(1).strip()
        if credit.lower() in _AGENCIES:
            return _AGENCIES[credit.lower()]  # "(AFP)" is AFP, not "Afp"; "(AP)" is known too
        if sum(c.isalpha() for c in credit) >= 3 and credit.split()[0].isupper():
            return _title_case(credit)
    m = _DASH_CREDIT.search(head)
    if m:
        credit = m.group(1).strip()
        return _AGENCIES.get(credit.lower(), credit)
    # a byline's or source line's name may be a writer's desk or a ministry: agencies only
    for pattern in (_BYLINE_CREDIT, _SOURCE_LINE, _LEAD_CREDIT):
        for m in pattern.finditer(head):
            if m.group(1).strip().lower() in _AGENCIES:
                return _AGENCIES[m.group(1).strip().lower()]
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if lines:
        last = lines[-1].strip(" .()-–—")
        key = last.lower()
        if key in _AGENCIES:
            return _AGENCIES[key]
    return None


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline (short, no final full stop)."""
    body = _FRONT_MATTER.sub("", text.removeprefix(_BOM), count=1)
    body = _HEADER_DATE.sub("", body, count=1)
    first = body.strip().split("\n", 1)[0].strip()
    if first and len(first.split()) <= 16 and not first.endswith((".", "”", '"')):
        return first
    return None


def _title_case(s: str) -> str:
    words = s.lower().split()
    return " ".join(
        w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )
