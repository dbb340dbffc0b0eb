"""Articles that are copies or light rewrites of one text: the same wire story printed by many
outlets. Copies are one source, so their agreement is not corroboration and a group counts
independent sources.

A MinHash (datasketch) of each text's three-word runs, with the number of runs, estimates how
much of the shorter of two texts the longer one holds (containment): outlets trim a wire story,
add their own headline, captions, "related" lists and house style, and a write-thru adds new
paragraphs, so two printings of one story often share under half of their union but most of
the shorter one. Measured on 94 pairs of real pages (14 wire stories, each in 2-4 outlets, and
independent reports of the same events; excerpts of about 2,000 characters): the exact
containment of copies and rewrites of one wire text is 0.13-0.87 (median 0.59 for copies), of
independent reports 0.00-0.14 (the highest: one agency quoting another). With `THRESHOLD` 0.2
and `MIN_SHARED` the estimate finds 34 of 37 copies and 5 of 9 rewrites and joins none of the
48 independent pairs; a Jaccard threshold of 0.5 on five-word runs (the first version) found 2
of the 46.

Copies are looked for within a story and `COPY_DAYS` (`Store.assign_copies`): two printings of
one text share its words and names, so story clustering has already put them together, and a
story's signatures compare as one array.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

SHINGLE = 3
"""Words a shingle: short enough that house style ("percent" / "%") breaks few of them."""
NUM_PERM = 256
"""Permutations: 128 put two local reports with 16 of 929 runs in common (J 0.017) at 0.06."""
SCHEME = "affine32"
"""datasketch's hashing scheme, named so stored signatures stay comparable across versions."""
FORMAT = f"w{SHINGLE}p{NUM_PERM}-{SCHEME}"
"""Stored with each signature: a signature of another format (an older factcheck's) is not
compared with this one's (its article is compared again when its text is next extracted)."""
THRESHOLD = 0.2
"""Estimated containment from which two texts are one source (see the module's measurements)."""
MIN_SHARED = 12
"""...and the runs they share, at least about two lines' worth: a one-line brief shares "floods
in the" and "said on Tuesday" with any flood story, a fifth of its few runs."""
_WORD = re.compile(r"\w+")

Signature = Mapping[str, Any]
"""{"format": FORMAT, "n": shingle count, "sig": NUM_PERM integers}, stored as JSON."""


def signature(text: str) -> dict[str, Any]:
    """The text's MinHash and shingle count."""
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return {"format": FORMAT, "n": len(shingles), "sig": [int(v) for v in m.hashvalues]}


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard overlap of two texts' shingles."""
    return sum(x == y for x, y in zip(a["sig"], b["sig"], strict=True)) / NUM_PERM


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the shorter text's shingles that the other holds."""
    return float(_containment(similarity(a, b), a["n"], b["n"])[0])


def is_copy(a: Signature, b: Signature) -> bool:
    return bool(_copy(similarity(a, b), a["n"], b["n"]))


def _shared(jaccard: Any, n_a: Any, n_b: Any) -> Any:
    """|A∩B| from the Jaccard estimate and the sizes: J (|A| + |B|) / (1 + J)."""
    return jaccard * (n_a + n_b) / (1.0 + jaccard)


def _containment(jaccard: Any, n_a: Any, n_b: Any) -> Any:
    """(|A∩B| / min(|A|, |B|), |A∩B|), scalars or numpy arrays."""
    import numpy as np

    shared = _shared(jaccard, n_a, n_b)
    return np.minimum(1.0, shared / np.maximum(1, np.minimum(n_a, n_b))), shared


def _copy(jaccard: Any, n_a: Any, n_b: Any) -> Any:
    contained, shared = _containment(jaccard, n_a, n_b)
    return (contained >= THRESHOLD) & (shared >= MIN_SHARED)


COPY_DAYS = 7
"""Printings of one text further apart than this (by publication date) are not compared: a
wire story is printed within days, and a story of 50,000 articles must not compare every pair.
An undated article is compared with its whole story."""


class SignatureTable:
    """One story's signatures as arrays, in date order, so an article is compared with the
    others printed within `COPY_DAYS` of it as one vector operation."""

    def __init__(self, sigs: Iterable[Signature], days: Sequence[int | None]) -> None:
        import numpy as np

        # row by row: a story's signatures as Python lists would take 30 times the memory
        self.matrix = np.zeros((len(days), NUM_PERM), dtype=np.uint32)
        self.sizes = np.zeros(len(days), dtype=np.float64)
        for k, sig in enumerate(sigs):
            self.matrix[k] = sig["sig"]
            self.sizes[k] = sig["n"]
        self.days = np.array([-1 if d is None else d for d in days], dtype=np.int64)
        self.dated = np.flatnonzero(self.days >= 0)
        self.dated = self.dated[np.argsort(self.days[self.dated], kind="stable")]
        self.undated = np.flatnonzero(self.days < 0)

    def copies_of(self, i: int) -> list[int]:
        """Rows that row `i` copies or is copied by (itself excluded)."""
        import numpy as np

        day = self.days[i]
        if day < 0:
            near = np.arange(len(self.days))
        else:
            sorted_days = self.days[self.dated]
            lo = np.searchsorted(sorted_days, day - COPY_DAYS, side="left")
            hi = np.searchsorted(sorted_days, day + COPY_DAYS, side="right")
            near = np.concatenate([self.dated[lo:hi], self.undated])
        near = near[near != i]
        if not len(near):
            return []
        jaccard = (self.matrix[near] == self.matrix[i]).sum(axis=1) / NUM_PERM
        return [int(j) for j in near[_copy(jaccard, self.sizes[i], self.sizes[near])]]


def copy_clusters(rows: Sequence[tuple[str, str, Signature, int | None]]) -> dict[str, str]:
    """(article_id, sort key, signature, day number or None) rows of one story → {article_id:
    the article it copies} for every article that is not the first of its cluster (the first by
    sort key, then id). The store does the same one story at a time, in its transaction."""
    parent = {aid: aid for aid, _, _, _ in rows}
    key = {aid: k for aid, k, _, _ in rows}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    table = SignatureTable((r[2] for r in rows), [r[3] for r in rows])
    for i, (aid, _, _, _) in enumerate(rows):
        for j in table.copies_of(i):
            a, b = root(aid), root(rows[j][0])
            if a != b:
                first, second = sorted((a, b), key=lambda x: (key[x], x))
                parent[second] = first
    return {aid: root(aid) for aid in parent if root(aid) != aid}
