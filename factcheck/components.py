"""spaCy components, so a spaCy user gets the claims with `nlp.add_pipe("factcheck_claims")`.

Thin adapters in span_ruler's shape: `__call__` is `match(doc)` then `set_annotations(doc, ...)`;
the logic is plain functions in `numbers.py` and `claims.py`. `factcheck_numbers` needs only the
tokenizer (so it can pick the sentences worth parsing); `factcheck_claims` needs the parse.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import registry

from factcheck.claims import ClaimDraft, Mention, build_claims, passage_starts
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
            mark_line_breaks(doc)
            # "Oct. 7": the abbreviation's full stop does not end a sentence
            for m in mentions:
                if m.excluded_by and m.excluded_by.startswith("month_"):
                    doc[m.number.start].is_sent_start = False


def mark_line_breaks(doc: Doc) -> None:
    """A headline or paragraph ends at its line break even without a full stop, so "Death Toll
    Rises to 632\n\nThe death toll ..." is two sentences, not one with two 632s."""
    for i in passage_starts(doc)[1:]:
        doc[i].is_sent_start = True


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
