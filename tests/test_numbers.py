"""numbers.py: number phrases as news writes them, table-driven, plus properties over any text."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.models import Qualifier
from factcheck.numbers import _simple_tokens, find_numbers, format_value, parse_number, precision_of
from factcheck.reconciliation.figures import _interval
from factcheck.resources import qualifier_words

# text, value, value_high, qualifier
CASES = [
    ("48,300", 48_300, None, "exact"),
    ("over 48,300", 48_300, None, "more_than"),
    ("at least 48,453", 48_453, None, "at_least"),
    ("about 1,800", 1_800, None, "approximate"),
    ("around 1,900", 1_900, None, "approximate"),
    ("fewer than 10", 10, None, "less_than"),
    ("up to 20,000", 20_000, None, "at_most"),
    ("more than 2 200", 2_200, None, "more_than"),
    ("1.2 million", 1_200_000, None, "exact"),
    ("roughly two million", 2_000_000, None, "approximate"),
    ("Seventy", 70, None, "exact"),
    ("Nineteen", 19, None, "exact"),
    ("twenty-five", 25, None, "exact"),
    ("one hundred and five", 105, None, "exact"),
    ("three or four", 3, 4, "range"),
    ("between 10 and 15", 10, 15, "range"),
    ("10-15", 10, 15, "range"),
    ("18,000 to 20,000", 18_000, 20_000, "range"),
    ("thousands", 1_000, None, "at_least"),
    ("tens of thousands", 10_000, None, "at_least"),
    ("a dozen", 12, None, "exact"),
    ("300 or more", 300, None, "at_least"),
    ("topped 2,000", 2_000, None, "more_than"),
]


@pytest.mark.parametrize(("text", "value", "high", "qualifier"), CASES, ids=[c[0] for c in CASES])
def test_parse_number(text, value, high, qualifier):
    m = parse_number(text)
    assert m is not None
    assert (m.value, m.value_high, m.qualifier) == (value, high, qualifier)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("over 48,300", "over 48,300"),
        ("at least 48,453", "at least 48,453"),
        ("300 or more", "300 or more"),
        ("three or four", "three or four"),
        ("between 10 and 15", "between 10 and 15"),
        ("one hundred and five", "one hundred and five"),
        ("more than 2 200", "more than 2 200"),
    ],
)
def test_qualifier_words_are_part_of_the_span(text, phrase):
    tokens = _simple_tokens(text)
    m = parse_number(text)
    assert m is not None
    assert _join(tokens[m.qstart : m.qend]) == phrase


def test_vague_plurals_are_flagged_vague():
    thousands = parse_number("thousands")
    dozen = parse_number("a dozen")
    assert thousands is not None and thousands.vague
    assert dozen is not None and not dozen.vague


def test_topped_is_verb_qualified_and_the_verb_is_not_in_the_span():
    m = parse_number("topped 2,000")
    assert m is not None
    assert m.verb_qualified
    assert _join(_simple_tokens("topped 2,000")[m.qstart : m.qend]) == "2,000"


@pytest.mark.parametrize("text", ["from 288 to 275", "from 10 to 15", "revised from 10 to 15"])
def test_a_revision_from_one_figure_to_another_is_two_figures_not_a_range(text):
    found = find_numbers(_simple_tokens(text))
    values = [int(w) for w in re.findall(r"\d+", text)]
    assert [(m.value, m.value_high, m.qualifier) for m in found] == [
        (v, None, "exact") for v in values
    ]


def test_no_number_gives_none():
    assert parse_number("no figures here") is None
    assert parse_number("") is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [("1,200", 100), ("1,218", 1), ("about 1,800", 100), ("two million", 1e6), ("48,300", 100)],
)
def test_precision_of(text, unit):
    assert precision_of(text) == unit


@pytest.mark.parametrize(
    ("value", "text"), [(1200.0, "1,200"), (48_453, "48,453"), (2.5, "2.5"), (0.0, "0")]
)
def test_format_value(value, text):
    assert format_value(value) == text


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_number_never_raises_on_text(text):
    m = parse_number(text)
    assert m is None or m.value >= 0


@settings(max_examples=300, deadline=None)
@given(st.binary().map(lambda b: b.decode("latin-1")))
def test_parse_number_never_raises_on_decoded_bytes(text):
    m = parse_number(text)
    assert m is None or m.value >= 0


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12))
def test_digits_round_trip(n):
    for text in (f"{n:,}", str(n)):
        m = parse_number(text)
        assert m is not None, text
        assert (m.value, m.value_high, m.qualifier) == (n, None, "exact"), text


BEFORE = sorted(qualifier_words()["before"].items())


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BEFORE), st.integers(1, 10**9))
def test_every_qualifier_phrase_keeps_the_value_and_gives_its_qualifier(entry, n):
    phrase, qualifier = entry
    text = f"{phrase} {n:,}"
    m = parse_number(text)
    assert m is not None, text
    assert (m.value, m.value_high, m.qualifier) == (n, None, qualifier), text
    assert m.qstart == 0, text


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**6).flatmap(lambda a: st.tuples(st.just(a), st.integers(a + 1, 3 * a))))
def test_between_a_and_b_is_a_range(pair):
    a, b = pair
    m = parse_number(f"between {a} and {b}")
    assert m is not None
    assert (m.value, m.value_high, m.qualifier) == (a, b, "range")


def _join(tokens):
    return "".join(text + space for text, space in tokens).strip()


# --- hostile input and qualifier order (issue 5) -------------------------------------------

_DIGITISH = st.text(alphabet="0123456789,. -–+", max_size=400)
_WORDS = sorted({*qualifier_words()["before"], *qualifier_words()["after"], "between", "and"})
_WORDY = st.lists(
    st.one_of(
        st.sampled_from(_WORDS),
        st.sampled_from(["two", "million", "thousands", "of", "a", "dozen", "or", "to", "-"]),
        st.from_regex(r"\d{1,400}", fullmatch=True),
        st.text(max_size=5),
    ),
    max_size=40,
).map(" ".join)


@pytest.mark.issue(5)
@settings(max_examples=300, deadline=None)
@given(st.one_of(_DIGITISH, _WORDY))
def test_any_number_found_is_finite_and_printable(text):
    """Runs of hundreds of digits once read as infinity, which `format_value` cannot print."""
    for m in [parse_number(text), *find_numbers(_simple_tokens(text))]:
        if m is None:
            continue
        for v in (m.value, m.value_high):
            assert v is None or (math.isfinite(v) and v >= 0), (text, m)
        assert format_value(m.value)
        assert precision_of(text) > 0


@pytest.mark.issue(5)
def test_a_four_hundred_digit_run_is_not_a_number():
    assert parse_number("9" * 400) is None
    assert parse_number(f"more than {'9' * 400} people") is None


_TOKEN = st.tuples(st.text(max_size=8), st.sampled_from(["", " ", "\n", "  "]))


@pytest.mark.issue(5)
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_TOKEN, st.sampled_from(_simple_tokens("about 1,800 or more"))), max_size=60)
)
def test_find_numbers_never_raises_and_spans_nest_in_order(tokens):
    """The component feeds spaCy's tokens, whatever they are; spans must index them."""
    last = 0
    for m in find_numbers(tokens):
        assert last <= m.qstart <= m.start < m.end <= m.qend <= len(tokens), m
        last = m.qend


@pytest.mark.issue(5)
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12), st.sampled_from(["", "Officials said ", "(AFP) - "]))
def test_digits_round_trip_with_space_separators_and_in_a_sentence(n, prefix):
    """ "2 200" is how much of the world writes 2,200."""
    spaced = f"{n:,}".replace(",", " ")
    for text in (f"{prefix}{spaced} people died", f"{prefix}{n:,} people died"):
        found = find_numbers(_simple_tokens(text))
        assert [(m.value, m.value_high, m.qualifier) for m in found] == [(n, None, "exact")], text


BOUND_QUALIFIERS = {"more_than", "at_least", "less_than", "at_most"}
_BOUND_PHRASES = sorted(
    (phrase, q, "before")
    for phrase, q in qualifier_words()["before"].items()
    if q in BOUND_QUALIFIERS
) + sorted(
    (phrase, q, "after")
    for phrase, q in qualifier_words()["after"].items()
    if q in BOUND_QUALIFIERS
)


def _allowed(text):
    """The interval a phrase allows, read exactly as reconciliation reads it."""
    m = parse_number(text)
    assert m is not None, text
    lo, lo_open, hi, hi_open = _interval(
        m.value, m.value_high, Qualifier(m.qualifier), precision_of(text)
    )
    return lambda x: (lo < x if lo_open else lo <= x) and (x < hi if hi_open else x <= hi)


def _phrase(entry, n):
    phrase, _, where = entry
    return f"{phrase} {n:,}" if where == "before" else f"{n:,} {phrase}"


@pytest.mark.issue(5)
@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_BOUND_PHRASES), st.integers(1, 10**9))
def test_qualified_figures_lie_on_the_right_side_of_the_bare_figure(entry, n):
    """ "more than N" allows only values above N, "at least N" N too, "fewer than N" only below,
    "at most N" N too; whatever word says it ("over", "upwards of", "or more", "under")."""
    allows = _allowed(_phrase(entry, n))
    qualifier = entry[1]
    above = qualifier in ("more_than", "at_least")
    assert allows(n) == (qualifier in ("at_least", "at_most")), entry
    assert allows(n + 1) == above, entry
    assert allows(n - 1) == (not above), entry
    assert allows(2 * n + 10) == above, entry
    assert allows(0) == (not above), entry


@pytest.mark.issue(5)
@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**9), st.integers(1, 10**9))
def test_qualifiers_are_monotone_in_the_figure(a, b):
    """A bigger figure moves each bound the same way: "more than 600" allows less than
    "more than 250" does, "fewer than 600" more than "fewer than 250"."""
    lo, hi = sorted((a, b))
    probes = [lo - 1, lo, lo + 1, hi - 1, hi, hi + 1, (lo + hi) // 2]
    for phrase in ("more than", "over", "at least", "fewer than", "under", "up to"):
        small, big = _allowed(f"{phrase} {lo:,}"), _allowed(f"{phrase} {hi:,}")
        for x in probes:
            if phrase in ("more than", "over", "at least"):
                assert not big(x) or small(x), (phrase, lo, hi, x)
            else:
                assert not small(x) or big(x), (phrase, lo, hi, x)


@pytest.mark.issue(5)
@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**9))
def test_qualifiers_order_against_each_other(n):
    """more than N ⊂ at least N; fewer than N ⊂ at most N; "about N" allows N; a lower bound
    and an upper bound on the same N meet only at N itself."""
    more, least = _allowed(f"more than {n:,}"), _allowed(f"at least {n:,}")
    fewer, most = _allowed(f"fewer than {n:,}"), _allowed(f"at most {n:,}")
    about = _allowed(f"about {n:,}")
    probes = [0, n - 1, n, n + 1, 10 * n]
    assert all(least(x) for x in probes if more(x))
    assert all(most(x) for x in probes if fewer(x))
    assert [x for x in probes if least(x) and most(x)] == [n]
    assert not any(more(x) and most(x) for x in probes)
    assert not any(fewer(x) and least(x) for x in probes)
    assert about(n)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("1,32,121", 132121, "exact"),  # South Asian digit grouping
        ("Over 55,42,053", 5542053, "more_than"),
        ("13,01,232", 1301232, "exact"),
        ("1.38 lakh", 138000, "exact"),
        ("~982", 982, "approximate"),  # a situation report's "about"
        ("1,234,567", 1234567, "exact"),  # the Western grouping still reads
    ],
)
def test_numbers_as_south_asian_and_situation_reports_write_them(text, value, qualifier) -> None:
    m = parse_number(text)
    assert m is not None and (m.value, m.qualifier) == (value, qualifier)


def test_a_grouping_that_is_neither_is_no_number() -> None:
    assert parse_number("1,3,121") is None

