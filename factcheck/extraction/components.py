"""spaCy components, so a spaCy user gets the claims with `nlp.add_pipe("factcheck_claims")`.

Thin adapters in span_ruler's shape: `__call__` is `match(doc)` then `set_annotations(doc, ...)`;
the logic is plain functions in `factcheck.numbers` and the claim readers beside this module.
`factcheck_numbers` needs only the tokenizer (so it can pick the sentences worth parsing);
`factcheck_claims` needs the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, SENT_START, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import registry

from factcheck.extraction.claim import build_claims
from factcheck.extraction.drafts import ClaimDraft, Mention
from factcheck.extraction.passages import passage_starts
from factcheck.numbers import find_numbers
from factcheck.resources import MetricPack, metric_pack, patterns

for _name in ("factcheck_numbers", "factcheck_claims", "factcheck_excerpt"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@registry.misc("factcheck.default_metric_pack.v1")
def default_metric_pack() -> MetricPack:
    return metric_pack("default")


@registry.misc("factcheck.number_patterns.v1")
def number_patterns() -> list[dict]:
    return [p.model_dump() for p in patterns("numbers")]


@Language.factory(
    "factcheck_numbers",
    assigns=["doc._.factcheck_numbers"],
    default_config={"patterns": {"@misc": "factcheck.number_patterns.v1"}},
)
def make_number_finder(nlp: Language, name: str, patterns: list[dict]) -> NumberFinder:
    return NumberFinder(nlp, name, patterns)


@Language.factory(
    "factcheck_claims",
    assigns=["doc._.factcheck_claims"],
    requires=["token.dep", "token.pos", "token.lemma"],
    default_config={"metric_pack": {"@misc": "factcheck.default_metric_pack.v1"}},
)
def make_claim_builder(nlp: Language, name: str, metric_pack: MetricPack) -> ClaimBuilder:
    return ClaimBuilder(nlp, name, metric_pack)


class NumberFinder:
    """Marks every number (with qualifier and range) and the patterns that rule one out."""

    def __init__(self, nlp: Language, name: str, patterns: Sequence[dict]) -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for p in patterns:
            if any(t.get("OP") in ("*", "+") for t in p["pattern"]):
                raise ValueError(f"pattern {p['id']!r}: use '?' tokens, not '*' or '+'")
            self.matcher.add(p["id"], [p["pattern"]])
        # a match that touches a number lies within this many tokens of it
        self.reach = max((len(p["pattern"]) for p in patterns), default=1)

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.factcheck_numbers
        if mentions is None:  # an excerpt (pipeline.excerpt_doc) arrives with its numbers
            mentions = self.match(doc)
        self.set_annotations(doc, mentions)
        return doc

    def match(self, doc: Doc) -> list[Mention]:
        numbers = find_numbers([(t.text, t.whitespace_) for t in doc])
        if not numbers:
            return []
        # patterns only matter where they touch a number, so match windows around the numbers
        # instead of the whole text (the same matches, a fraction of the work)
        windows: list[list[int]] = []
        for n in numbers:
            lo, hi = max(0, n.qstart - self.reach), min(len(doc), n.qend + self.reach)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        excluded: dict[int, str] = {}
        for lo, hi in windows:
            for match_id, start, end in self.matcher(doc[lo:hi]):
                label = doc.vocab.strings[match_id]
                for i in range(lo + start, lo + end):
                    excluded.setdefault(i, label)
        out = []
        for n in numbers:
            hit = next((excluded[i] for i in range(n.start, n.end) if i in excluded), None)
            if hit == "year" and n.value_high is not None and excluded.get(n.start) != "year":
                hit = None  # "between 1500 and 2000 people": a range from a non-year
            out.append(Mention(n, hit))
        return out

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        doc._.factcheck_numbers = mentions
        if not doc.has_annotation("SENT_START"):
            # "Oct. 7": the abbreviation's full stop does not end a sentence
            not_starts = [
                m.number.start
                for m in mentions
                if m.excluded_by and m.excluded_by.startswith("month_")
            ]
            mark_line_breaks(doc, not_starts)


def mark_line_breaks(doc: Doc, not_starts: Sequence[int] = ()) -> None:
    """A headline or paragraph ends at its line break even without a full stop, so "Death Toll
    Rises to 632\n\nThe death toll ..." is two sentences, not one with two 632s. Set as one
    array (`Token.is_sent_start` checks the whole doc on each set: quadratic on a long text)."""
    if not len(doc):
        return
    starts = doc.to_array([SENT_START]).astype("int64")  # -1: not a start (uint64 cannot say)
    for i in passage_starts(doc)[1:]:
        starts[i] = 1
    for i in not_starts:
        starts[i] = -1
    doc.from_array([SENT_START], starts.astype("uint64"))


class ClaimBuilder:
    """Turns the numbers of a parsed Doc into claim drafts (`doc._.factcheck_claims`)."""

    def __init__(self, nlp: Language, name: str, metric_pack: MetricPack) -> None:
        self.name = name
        self.pack = metric_pack
        self._finder: NumberFinder | None = None
        self._nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[ClaimDraft]:
        mentions = doc._.factcheck_numbers
        if mentions is None:  # used without factcheck_numbers in front
            if self._finder is None:
                self._finder = NumberFinder(self._nlp, "factcheck_numbers", number_patterns())
            mentions = self._finder.match(doc)
        if not mentions:
            return []
        return build_claims(doc, mentions, self.pack, doc._.factcheck_excerpt)

    def set_annotations(self, doc: Doc, drafts: list[ClaimDraft]) -> None:
        doc._.factcheck_claims = drafts


@Language.factory("factcheck_attributes", assigns=["token.pos", "token.morph"])
def make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    return FastAttributes(name)


_KEYS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM, "DEP": DEP}
_READ = (LOWER, ORTH, NORM, TAG, DEP, IS_SPACE)
"""The attributes rules read, in the order of a row of `Doc.to_array`."""
_INDEXED = _READ[:4]
"""A rule's first token is looked up by the first of these it tests for given values (the
rarer a value, the fewer tokens try the rule: words before tags)."""


class FastAttributes:
    """The trained pipeline's `attribute_ruler` (tag → POS and morphology, plus word exceptions)
    with the same result at a fraction of its cost: its rules test one or two tokens for plain
    values, so each token tries only the few rules its tag or word can match instead of
    running a Matcher over every pattern (13% of a parse). Rules apply in the ruler's order,
    later ones winning, as `AttributeRuler.set_annotations` does. Built from a loaded ruler by
    `compile_rules`; a ruler with any other pattern shape is left in place."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.ruler: object | None = None
        self.by_key: dict[tuple[int, int], list[_Rule]] = {}
        self.always: list[_Rule] = []

    def use(self, ruler: object, rules: list[_Rule]) -> None:
        self.ruler = ruler
        self.by_key, self.always = {}, []
        for rule in rules:
            first = {attr: wanted for attr, mode, wanted in rule.tokens[0] if mode == "in"}
            key = next((k for k in range(len(_INDEXED)) if k in first), None)
            if key is None:
                self.always.append(rule)
            else:
                for value in first[key]:  # type: ignore[attr-defined]
                    self.by_key.setdefault((key, value), []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(list(_READ)).tolist()
        hits: list[tuple[int, int, int]] = []
        get, none = self.by_key.get, ()
        for i, (lower, orth, norm, tag, _, _) in enumerate(rows):
            for rule in (
                *get((0, lower), none), *get((1, orth), none),
                *get((2, norm), none), *get((3, tag), none), *self.always,
            ):  # fmt: skip
                if rule.matches(rows, i):
                    hits.append((rule.order, i, i + rule.index))
        attrs = self.ruler.attrs  # type: ignore[union-attr]
        for order, _, target in sorted(set(hits)):
            set_token_attrs(doc[target], attrs[order])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def to_bytes(self, **kwargs: object) -> bytes:
        return self.ruler.to_bytes(**kwargs)  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class _Rule:
    """One pattern of the ruler: per token, tests of (column of `_READ`, mode, wanted) where mode is
    "in" or "not_in" (a set of string ids) or "regex" (searched in the string)."""

    order: int
    tokens: tuple[tuple[tuple[int, str, object], ...], ...]
    index: int
    strings: object

    def matches(self, rows: list[list[int]], i: int) -> bool:
        if i + len(self.tokens) > len(rows):
            return False
        for k, tests in enumerate(self.tokens):
            row = rows[i + k]
            for attr, mode, wanted in tests:
                if mode == "in":
                    ok = row[attr] in wanted  # type: ignore[operator]
                elif mode == "not_in":
                    ok = row[attr] not in wanted  # type: ignore[operator]
                else:
                    ok = wanted.search(self.strings[row[attr]]) is not None  # type: ignore[attr-defined,index]
                if not ok:
                    return False
        return True


def compile_rules(ruler: object) -> list[_Rule] | None:
    """The ruler's rules as plain token tests, or None if any has a shape this cannot test
    (an operator, a regex, an attribute it does not read)."""
    strings = ruler.vocab.strings  # type: ignore[attr-defined]
    out: list[_Rule] = []
    for order in range(len(ruler.attrs)):  # type: ignore[attr-defined]
        _, patterns = ruler.matcher.get(str(order))  # type: ignore[attr-defined]
        index = ruler.indices[order]  # type: ignore[attr-defined]
        for pattern in patterns:
            tokens = []
            for spec in pattern:
                tests = []
                for key, want in spec.items():
                    test = _token_test(key, want, strings)
                    if test is None:
                        return None
                    tests.append(test)
                tokens.append(tuple(tests))
            if not tokens or not -len(tokens) <= index < len(tokens):
                return None
            out.append(_Rule(order, tuple(tokens), index % len(tokens), strings))
    return out


def _token_test(key: str, want: object, strings: object) -> tuple[int, str, object] | None:
    if key == "IS_SPACE" and isinstance(want, bool):
        return _READ.index(IS_SPACE), "in", frozenset({int(want)})
    if key not in _KEYS:
        return None
    column = _READ.index(_KEYS[key])
    ids = lambda words: frozenset(strings.add(w) for w in words)  # type: ignore[attr-defined]  # noqa: E731
    if isinstance(want, str):
        return column, "in", ids([want])
    if isinstance(want, dict) and len(want) == 1:
        op, value = next(iter(want.items()))
        if op in ("IN", "NOT_IN") and all(isinstance(w, str) for w in value):
            return column, op.lower(), ids(value)
        if op == "REGEX" and isinstance(value, str):
            return column, "regex", re.compile(value)
    return None
