"""The one place that loads a spaCy pipeline and runs it: model choice, our components, batching.

Loading a model costs seconds, so it happens once per run and only when some article actually
needs parsing (the store answers the rest). Texts go through `nlp.pipe(as_tuples=True)` in
batches, and claims come back paired with the article they belong to.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import replace
from itertools import groupby, islice
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from factcheck.errors import FactcheckError
from factcheck.extraction.components import compile_rules
from factcheck.extraction.drafts import ClaimDraft, Mention
from factcheck.extraction.passages import Excerpt, claim_passages, unread_speakers
from factcheck.resources import default_model

T = TypeVar("T")


ZONE_ARTICLES = 500
"""Articles per spaCy memory zone (the first chunk runs outside one, to warm caches)."""


def load_pipeline(model: str | None = None, *, fast: bool = True) -> Language:
    """The trained pipeline plus `factcheck_numbers` (first) and `factcheck_claims` (last).
    `fast` swaps the trained pipeline's `attribute_ruler` for `factcheck_attributes`, which sets
    the same attributes for less; `fast=False` is the pipeline as trained (the reference that
    `factcheck bench --check` compares claims with)."""
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise FactcheckError(
            f"cannot load spaCy pipeline {name!r}: {str(exc).splitlines()[0]}"
        ) from exc
    _tune_tokenizer(nlp)
    if fast:
        _fast_attributes(nlp)
    if "factcheck_numbers" not in nlp.pipe_names:
        nlp.add_pipe("factcheck_numbers", first=True)
    if "factcheck_claims" not in nlp.pipe_names:
        nlp.add_pipe("factcheck_claims", last=True)
    nlp.meta.setdefault("factcheck_model", name)
    return nlp


def _tune_tokenizer(nlp: Language) -> None:
    """Three splits news text needs that the English defaults lack: a dash glued between words
    ("killed 25 people—12 of them children"), a byte-order mark glued to the first word
    ("\ufeffAbout 1,800") and a tilde glued to a figure ("~982 deaths", as situation reports
    write "about"). Without them the number is one token with its neighbour."""
    infixes = [*nlp.Defaults.infixes, r"(?<=\w)[\u2014\u2013](?=\w)"]
    prefixes = ["\ufeff", r"~(?=\d)", *nlp.Defaults.prefixes]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search


def _fast_attributes(nlp: Language) -> None:
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    rules = compile_rules(ruler)
    if rules is None:
        return
    nlp.replace_pipe("attribute_ruler", "factcheck_attributes")
    nlp.get_pipe("attribute_ruler").use(ruler, rules)


def extract_claims(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    batch_size: int = 64,
    *,
    full: bool = False,
    zone_size: int = ZONE_ARTICLES,
) -> Iterator[tuple[list[ClaimDraft], T]]:
    """Run the pipeline over (text, context) pairs, yielding each article's drafts in order.

    By default only the claim passages (plus the few tokens of context the model's encoders can
    see past their edges) go through the trained components: most paragraphs hold no figure,
    and tokenizing to find that out costs a few percent of parsing. `full=True` parses the
    whole text, the straightforward way; both give the same claims, which a test checks.
    After the first `zone_size` articles (which warm the tokenizer's cache) each further chunk
    runs in a spaCy memory zone, so the words of a large archive do not pile up in the vocab.
    """
    it = iter(items)
    first = True
    while chunk := list(islice(it, zone_size)):
        with nullcontext() if first else nlp.memory_zone():
            yield from _extract_chunk(nlp, chunk, batch_size, full)
        first = False


def _extract_chunk(
    nlp: Language, items: list[tuple[str, T]], batch_size: int, full: bool
) -> Iterator[tuple[list[ClaimDraft], T]]:
    context = None if full else receptive_field(nlp)
    if context is None:
        for doc, ctx in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
            yield (doc._.factcheck_claims or []), ctx
        return
    finder = nlp.get_pipe("factcheck_numbers")

    def excerpts() -> Iterator[tuple[Doc, tuple[T, list[tuple[int, int]]]]]:
        for text, ctx in items:
            small, shifts = excerpt_doc(finder(nlp.make_doc(text)), context)
            yield small, (ctx, shifts)

    def parsed() -> Iterator[tuple[Doc, tuple[T, list[tuple[int, int]]]]]:
        # a very long article's passages are parsed a few at a time (memory by passage, not
        # by article); the rest in nlp.pipe batches, in input order either way
        for big, run in groupby(excerpts(), key=lambda e: len(e[0]) > PIECE_TOKENS):
            if big:
                for small, extra in run:
                    yield parse_in_pieces(nlp, small, extra[1]), extra
            else:
                yield from nlp.pipe(run, as_tuples=True, batch_size=batch_size)

    for doc, (ctx, shifts) in parsed():
        drafts = doc._.factcheck_claims or []
        for d in drafts:
            delta = _shift(shifts, d.start)
            d.start += delta
            d.end += delta
        yield drafts, ctx


PIECE_TOKENS = 20_000
"""An excerpt longer than this (tokens) is parsed in pieces of about this size: the trained
components hold activations for a whole Doc at once (1.3 GB for a 950,000-character text)."""


def parse_in_pieces(nlp: Language, small: Doc, shifts: list[tuple[int, int]]) -> Doc:
    """The trained components over an excerpt a piece at a time, split where the excerpt joins
    two windows of the article (each window carries its own context tokens, so no token of a
    passage sees across the cut), merged back into one Doc for `factcheck_claims`."""
    window_chars = {at for at, _ in shifts}
    starts = [t.i for t in small if t.idx in window_chars] or [0]
    cuts = [0]
    for i in starts[1:]:
        if i - cuts[-1] >= PIECE_TOKENS:
            cuts.append(i)
    bounds = list(zip(cuts, [*cuts[1:], len(small)], strict=True))
    pieces = [small[a:b].as_doc() for a, b in bounds]
    trained = [n for n in nlp.pipe_names if n not in ("factcheck_numbers", "factcheck_claims")]
    done = []
    with nlp.select_pipes(enable=trained):
        for piece in pieces:
            done.append(nlp(piece))
    merged = Doc.from_docs(done, ensure_whitespace=False) if len(done) > 1 else done[0]
    merged._.factcheck_numbers = small._.factcheck_numbers
    merged._.factcheck_excerpt = small._.factcheck_excerpt
    return nlp.get_pipe("factcheck_claims")(merged)


def excerpt_doc(doc: Doc, context: int) -> tuple[Doc, list[tuple[int, int]]]:
    """A new Doc holding only `doc`'s claim passages, each with `context` tokens either side, and
    the char shifts back: (start in the excerpt, offset to add) per piece.

    `doc` is tokenized and has been through `factcheck_numbers`. The tokens are copied, not
    re-tokenized, with their sentence starts, so every token of a claim passage sees the same
    neighbours the model would see in the whole article and gets the same analysis.
    """
    mentions = doc._.factcheck_numbers or []
    passages = claim_passages(doc, mentions)
    if not any(m.excluded_by in (None, "year") for m in mentions):
        return Doc(doc.vocab, words=[]), []
    pieces: list[list[int]] = []
    for start, end in passages:
        lo, hi = max(0, start - context), min(len(doc), end + context)
        if pieces and lo <= pieces[-1][1]:
            pieces[-1][1] = max(pieces[-1][1], hi)
        else:
            pieces.append([lo, hi])
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool | None] = []
    index: dict[int, int] = {}
    shifts: list[tuple[int, int]] = []
    at = 0
    for lo, hi in pieces:
        shifts.append((at, doc[lo].idx - at))
        for tok in doc[lo:hi]:
            index[tok.i] = len(words)
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
            starts.append(True if tok.i == lo else tok.is_sent_start)
            at += len(tok.text_with_ws)
    small = Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts)
    small._.factcheck_numbers = [
        Mention(
            replace(
                m.number,
                start=index[m.number.start],
                end=index[m.number.end - 1] + 1,
                qstart=index[m.number.qstart],
                qend=index[m.number.qend - 1] + 1,
            ),
            m.excluded_by,
        )
        for m in mentions
        if m.number.qstart in index and m.number.qend - 1 in index
    ]
    small._.factcheck_excerpt = Excerpt(
        passages=[(index[s], index[e - 1] + 1) for s, e in passages],
        text=doc.text,
        speakers={index[i]: who for i, who in unread_speakers(doc, passages).items()},
    )
    return small, shifts


def _shift(shifts: list[tuple[int, int]], char: int) -> int:
    k = bisect_right([s for s, _ in shifts], char) - 1
    return shifts[k][1]


def receptive_field(nlp: Language) -> int | None:
    """How many tokens either side can change a token's analysis: the largest depth × window of
    the pipeline's CNN encoders. None when some component reads the whole text (a transformer)
    or the architecture is unknown, and excerpts could then change the result."""
    found: list[int] = []
    unknown = False

    def walk(node: object) -> None:
        nonlocal unknown
        if isinstance(node, dict):
            arch = str(node.get("@architectures", ""))
            if "WindowEncoder" in arch:
                found.append(int(node.get("depth", 0)) * int(node.get("window_size", 1)))
            elif "ransformer" in arch or "TorchBiLSTM" in arch:
                unknown = True
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    components = nlp.config.get("components", {})
    walk([components[n] for n in nlp.pipe_names if n in components])
    if unknown:
        return None
    return max(found, default=0)
