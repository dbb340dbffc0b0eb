"""Numbers as news writes them: "48,300", "2 200", "1.2 million", "Seventy", "three or four",
"between 10 and 15", "more than 250", "thousands".

Pure code over plain token texts, so it is fast, testable without spaCy and the same for the
component (which feeds it spaCy tokens) and for `parse_number` (which feeds it a string). Whether a
number is a *claim* (not a date, an age, a percentage) is decided later, with the parse.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.resources import number_words, qualifier_words

Token = tuple[str, str]
"""A token's text and the whitespace after it (spaCy's `text` and `whitespace_`)."""

_DIGITS = re.compile(
    r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$"
    r"|^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$"  # South Asian grouping: "1,32,121", "55,42,053"
)
_GROUP3 = re.compile(r"^\d{3}$")
_HEAD_GROUP = re.compile(r"^\d{1,3}$")
_WORD_SPLIT = re.compile(r"\d[\d,.]*\d|\d|[A-Za-z]+\.?|[^\sA-Za-z\d]")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found in a token sequence: `start:end` is the number, `qstart` adds the qualifier
    words written before it, `qend` those after it ("or more")."""

    start: int
    end: int
    qstart: int
    qend: int
    value: float
    value_high: float | None
    qualifier: str
    vague: bool = False
    verb_qualified: bool = False


def parse_number(text: str) -> NumberMatch | None:
    """Read one number phrase ("about 1,800", "three or four"); None when `text` holds none.

    Never raises: it is fed whatever a user or a web page contains.
    """
    if not isinstance(text, str) or len(text) > 10_000:
        return None
    tokens = _simple_tokens(text)
    matches = find_numbers(tokens)
    return matches[0] if matches else None


def find_numbers(tokens: Sequence[Token]) -> list[NumberMatch]:
    """Every number in `tokens`, left to right, ranges and qualifiers attached."""
    lower = [t[0].lower() for t in tokens]
    out: list[NumberMatch] = []
    i = 0
    while i < len(tokens):
        core = _read_core(tokens, lower, i)
        if core is None:
            i += 1
            continue
        end, value, vague = core
        value_high = None
        qualifier = "exact"
        qend = end
        rng = _read_range(tokens, lower, i, end, value)
        if rng is not None:
            qend, value_high, low = rng
            value = low if low is not None else value
            end = qend
            qualifier = "range"
        qstart = i
        verb_qualified = False
        if qualifier != "range":
            qstart, before = _qualifier_before(lower, i)
            if before:
                qualifier = before
            after = _qualifier_after(lower, end)
            if after:
                qend, q = after
                qualifier = q
            elif not before:
                verb = _verb_qualifier(lower, i)
                if verb:
                    qualifier, verb_qualified = verb, True
        elif i >= 1 and lower[i - 1] == "between":
            qstart = i - 1
        if vague and qualifier == "exact":
            qualifier = "at_least"
        out.append(
            NumberMatch(i, end, qstart, qend, value, value_high, qualifier, vague, verb_qualified)
        )
        i = qend
    return out


def as_number(value: float) -> int | float:
    """48300.0 → 48300: whole numbers stay ints in JSON, as the contract's examples show."""
    return int(value) if float(value).is_integer() else value


def format_value(value: float) -> str:
    """1200.0 → "1,200"; keeps decimals only where there are some."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def precision_of(text: str) -> float:
    """The rounding unit a figure is written to: "1,200" → 100, "1,218" → 1, "two million" → 1e6.

    A figure ending in zeros may be rounded to that many places; reconciliation uses this to tell
    rounding ("1,200" vs "1,218") from disagreement.
    """
    m = parse_number(text)
    if m is None:
        return 1.0
    digits = re.findall(r"\d[\d, ]*(?:\.\d+)?", text)
    if digits and not any(w in text.lower() for w in number_words()["scales"]):
        raw = digits[-1].replace(",", "").replace(" ", "")
        if "." in raw:
            return 10.0 ** -len(raw.split(".")[1])
        stripped = raw.rstrip("0")
        return float(10 ** (len(raw) - len(stripped))) if stripped else 1.0
    value = m.value_high or m.value
    unit = 1.0
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit


# --- helpers -------------------------------------------------------------------------------


def _simple_tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _WORD_SPLIT.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        out.append((m.group(), " " if nxt.isspace() else ""))
    return out


def _digit_value(text: str) -> float | None:
    if not _DIGITS.match(text):
        return None
    try:
        v = float(text.replace(",", ""))
    except ValueError:
        return None
    return v


def _read_core(tokens: Sequence[Token], lower: list[str], i: int) -> tuple[int, float, bool] | None:
    """The number starting at token i: (end, value, vague) or None."""
    words = number_words()
    text = tokens[i][0]
    value = _digit_value(text)
    j = i + 1
    if value is not None:
        # "2 200", "1 418": thousands separated by single spaces
        if _HEAD_GROUP.match(text):
            while j < len(tokens) and tokens[j - 1][1] == " " and _GROUP3.match(tokens[j][0]):
                value = value * 1000 + float(tokens[j][0])
                j += 1
        if j < len(tokens) and lower[j] in words["scales"]:
            value *= words["scales"][lower[j]]
            j += 1
        elif j < len(tokens) and _letter_scale(tokens, lower, j):
            value *= words["letter_scales"][lower[j]]
            j += 1
        if not math.isfinite(value):
            return None  # hundreds of digits are a serial number or junk, not a count
        return j, value, False
    w = lower[i]
    if (
        w == "half"
        and i + 2 < len(tokens)
        and lower[i + 1] in ("a", "an")
        and lower[i + 2] in words["singular_scales_after_a"]
    ):  # "half a million": the whole phrase, not "a million"
        return i + 3, 0.5 * words["singular_scales_after_a"][lower[i + 2]], False
    if (
        w in ("a", "an")
        and i + 1 < len(tokens)
        and lower[i + 1] in words["singular_scales_after_a"]
    ):
        v = float(words["singular_scales_after_a"][lower[i + 1]])
        j = i + 2
        if lower[i + 1] != "dozen" and j < len(tokens) and lower[j] in words["scales"]:
            v *= words["scales"][lower[j]]
            j += 1
        return j, v, False
    if w in words["vague"]:
        v = float(words["vague"][w])
        j = i + 1
        # "tens of thousands", "hundreds of thousands"
        if j + 1 < len(tokens) and lower[j] == "of" and lower[j + 1] in words["vague"]:
            v = (
                v * words["vague"][lower[j + 1]]
                if v >= 100
                else float(words["vague"][lower[j + 1]])
            )
            j += 2
        return j, v, True
    if (
        w == "tens"
        and i + 2 < len(tokens)
        and lower[i + 1] == "of"
        and lower[i + 2] in words["vague"]
    ):
        return i + 3, 10.0 * words["vague"][lower[i + 2]], True
    if w in words["units"] or w in words["tens"]:
        return _read_words(lower, i)
    return None


def _letter_scale(tokens: Sequence[Token], lower: list[str], j: int) -> bool:
    """ "3.1M jobs", "20m people": a scale letter glued to the number, before a plural noun
    ("6bn", "6 mn" are scale words, read before this). Lower-case "m" is also metres: never before a dimension or a
    preposition ("20m high", "20m from the shore"), and "a 50m wall", "Gate 3B" are no
    millions."""
    words = number_words()
    if tokens[j - 1][1] or lower[j] not in words["letter_scales"]:
        return False
    # "20m people", "3.1M jobs": a plural noun follows; "a 50m wall", "Gate 3B" are not millions
    nxt = lower[j + 1] if j + 1 < len(lower) else ""
    return nxt.isalpha() and nxt not in words["metre_words"] and _plural_looking(nxt)


def _plural_looking(word: str) -> bool:
    """ "people", "jobs", "users"; not "was", "its", "gas", "bus", "crisis"."""
    if word in number_words()["plural_nouns"]:
        return True
    return len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _read_words(lower: list[str], i: int) -> tuple[int, float, bool] | None:
    """Spelled-out numbers: "seventy", "twenty-five", "two million", "one hundred and five"."""
    words = number_words()
    units, tens, scales = words["units"], words["tens"], words["scales"]
    total = 0.0
    current = 0.0
    j = i
    last = None
    while j < len(lower):
        w = lower[j]
        if w in units and last not in ("unit",):
            if last == "ten" and units[w] >= 10:
                break
            current += units[w]
            last = "unit"
        elif w in tens and last not in ("unit", "ten"):
            current += tens[w]
            last = "ten"
        elif w in scales and w not in ("mn", "bn") and last in ("unit", "ten", "hundred"):
            if scales[w] == 100:
                current = (current or 1) * 100
                last = "hundred"
            else:
                total += (current or 1) * scales[w]
                current = 0
                last = "scale"
        elif (w == "-" and last == "ten" and j + 1 < len(lower) and lower[j + 1] in units) or (
            w == "and"
            and last in ("hundred", "scale")
            and j + 1 < len(lower)
            and (lower[j + 1] in units or lower[j + 1] in tens)
        ):
            j += 1
            continue
        else:
            break
        j += 1
    if j == i:
        return None
    return j, total + current, False


def _read_range(
    tokens: Sequence[Token], lower: list[str], start: int, end: int, low: float
) -> tuple[int, float, float | None] | None:
    """A second number making a range: "three or four", "10-15", "18,000 to 20,000",
    "between 10 and 15", "four to five thousand". Returns (end, high, the low value where
    the high one's scale applies to it too)."""
    if end + 1 >= len(tokens):
        return None
    link = lower[end]
    between = start >= 1 and lower[start - 1] == "between"
    if link not in ("or", "to", "-", "–", "and"):
        return None
    if link == "and" and not between:
        return None
    if link in ("-", "–") and (tokens[end - 1][1] or tokens[end][1]):
        return None  # "10 - 15" with spaces is too often a score or a dash
    if link == "to" and start >= 1 and lower[start - 1] in ("from", "at", "is", "was"):
        return None  # "revised from 288 to 275" is two figures
    core = _read_core(tokens, lower, end + 1)
    if core is None or core[2]:
        return None
    nxt, high, _ = core
    scale = number_words()["scales"].get(lower[nxt - 1])
    scaled = None  # "four to five thousand": 4,000 to 5,000
    if scale and high > 3 * low and low < scale and low * scale < high:
        scaled = low = low * scale
    if high <= low:
        return None
    if link == "or" and high > 2 * low + 2:
        return None
    if link in ("to", "-", "–") and high > 3 * low:
        return None
    return nxt, high, scaled


def _qualifier_before(lower: list[str], i: int) -> tuple[int, str | None]:
    before = qualifier_words()["before"]
    for n in (4, 3, 2, 1):
        if i - n < 0:
            continue
        phrase = " ".join(lower[i - n : i])
        if phrase in before:
            return i - n, before[phrase]
    return i, None


def _qualifier_after(lower: list[str], end: int) -> tuple[int, str] | None:
    after = qualifier_words()["after"]
    for n in (2, 1):
        phrase = " ".join(lower[end : end + n])
        if end + n <= len(lower) and phrase in after:
            return end + n, after[phrase]
    return None


_VERB_FORMS = {
    "exceed": ("exceeded", "exceeds", "exceeding"),
    "top": ("topped", "tops", "topping"),
    "surpass": ("surpassed", "surpasses", "surpassing"),
    "pass": ("passed", "passes"),
    "cross": ("crossed", "crosses"),
    "near": ("neared", "nears", "nearing"),
}


def _verb_qualifier(lower: list[str], i: int) -> str | None:
    """ "exceeded 1,305", "topped 2,000": the verb qualifies the number but is not part of it."""
    verbs = qualifier_words()["verbs"]
    for back in (1, 2):
        if i - back < 0:
            break
        w = lower[i - back]
        for lemma, forms in _VERB_FORMS.items():
            if (w == lemma or w in forms) and lemma in verbs:
                return verbs[lemma]
        if w == "above" and back == 1 and i >= 2 and lower[i - 2] in ("climb", "rise", "go"):
            return verbs.get("climb above")
        if w == "be" and back == 1 and i >= 3 and lower[i - 2] == "to" and lower[i - 3] in (
            "estimated", "believed", "thought", "put"
        ):  # "is estimated to be 49": an estimate, about
            return verbs.get("estimated to be")
        if w not in ("the", "a", "mark", "of"):
            break
    return None
