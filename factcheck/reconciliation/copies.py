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

Copies are looked for within a story and `COPY_DAYS` (`mark_copies`): two printings of
one text share its words and names, so story clustering has already put them together, and a
story's signatures within the date window compare as one array.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.store import Store

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
CHUNK = 2048
"""Signatures compared at once: 2 MB of temporaries, whatever the story's size."""


class _Signatures:
    """Signatures in a growing array (ids, days and whether each is new alongside), dropped
    from the front as the date window moves on, compared `CHUNK` rows at a time."""

    def __init__(self) -> None:
        import numpy as np

        self.sig = np.zeros((16, NUM_PERM), dtype=np.uint32)
        self.n = np.zeros(16, dtype=np.float64)
        self.day = np.zeros(16, dtype=np.int64)
        self.new = np.zeros(16, dtype=bool)
        self.ids: list[str] = []
        self.lo = self.hi = 0

    def drop_before(self, day: int) -> None:
        while self.lo < self.hi and self.day[self.lo] < day:
            self.lo += 1

    def push(self, article_id: str, day: int, sig: Signature, new: bool) -> None:
        import numpy as np

        if self.hi == len(self.n):  # full: move the live rows to the front, in a bigger array
            live = self.hi - self.lo  # if more than half of it is live
            size = len(self.n) * (2 if 2 * live > len(self.n) else 1)
            for name in ("sig", "n", "day", "new"):
                old = getattr(self, name)
                grown = np.zeros((size, *old.shape[1:]), dtype=old.dtype)
                grown[:live] = old[self.lo : self.hi]
                setattr(self, name, grown)
            self.ids = self.ids[self.lo : self.hi]
            self.lo, self.hi = 0, live
        self.sig[self.hi] = sig["sig"]
        self.n[self.hi] = sig["n"]
        self.day[self.hi] = day
        self.new[self.hi] = new
        self.ids.append(article_id)
        self.hi += 1

    def matches(self, sig: Signature, new: bool) -> list[str]:
        """Ids of the held rows this signature copies or is copied by; only the new ones when
        it is not new itself (two old articles were compared when the later one came)."""
        import numpy as np

        found: list[str] = []
        row = np.asarray(sig["sig"], dtype=np.uint32)
        for a in range(self.lo, self.hi, CHUNK):
            b = min(self.hi, a + CHUNK)
            if new:  # the window's slice, a view
                rows, block, sizes = np.arange(a, b), self.sig[a:b], self.n[a:b]
            else:  # a re-run adding one article to a big story compares that one, not all
                rows = np.flatnonzero(self.new[a:b]) + a
                if not len(rows):
                    continue
                block, sizes = self.sig[rows], self.n[rows]
            jaccard = (block == row).sum(axis=1) / NUM_PERM
            found.extend(self.ids[q] for q in rows[_copy(jaccard, sig["n"], sizes)])
        return found


def copy_pairs(
    undated: Iterable[tuple[str, Signature, bool]],
    dated: Iterable[tuple[str, int, Signature, bool]],
) -> Iterator[tuple[str, list[str]]]:
    """(article_id, [the earlier-read articles it copies]) for one story's articles: every pair
    printed within `COPY_DAYS` of each other, or with an undated one, where one at least is new
    (`True`), is compared once. The undated, (article_id, signature, new), are held; the dated,
    (article_id, day number, signature, new) in date order, are streamed, and only those inside
    the window are held: memory follows a story's articles a fortnight, not its size."""
    held = _Signatures()
    for aid, sig, new in undated:
        if found := held.matches(sig, new):
            yield aid, found
        held.push(aid, 0, sig, new)
    window = _Signatures()
    for aid, day, sig, new in dated:
        window.drop_before(day - COPY_DAYS)
        if found := window.matches(sig, new) + held.matches(sig, new):
            yield aid, found
        window.push(aid, day, sig, new)


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

    undated = [(aid, sig, True) for aid, _, sig, day in rows if day is None]
    dated = sorted(
        ((aid, day, sig, True) for aid, _, sig, day in rows if day is not None),
        key=lambda r: (r[1], r[0]),
    )
    for aid, found in copy_pairs(undated, dated):
        for other in found:
            a, b = root(aid), root(other)
            if a != b:
                first, second = sorted((a, b), key=lambda x: (key[x], x))
                parent[second] = first
    return {aid: root(aid) for aid in parent if root(aid) != aid}


def mark_copies(store: Store) -> int:
    """Mark each stored article that copies an earlier one (`copy_of`: the first of its cluster,
    by date, then name); returns how many stored articles are copies. Only stories that gained
    an article not yet compared are read, one story at a time, its signatures streamed in date
    order and each new article compared with those within `COPY_DAYS` of it as one array
    (`copy_clusters` gives the same clusters for one story in memory)."""
    with store.transaction():
        for story in store.uncompared_stories():
            # the story's clusters in memory (root of each member, members of each root):
            # a copy found is looked up by its cluster, not by a query per member
            root = store.copy_roots(story, FORMAT)
            members: dict[str, list[str]] = {}
            for aid, r in root.items():
                members.setdefault(r, []).append(aid)
            for aid, found in copy_pairs(*store.copy_signatures(story, FORMAT)):
                roots = {root[aid]} | {root[other] for other in found}
                if len(roots) < 2:
                    continue
                first = store.join_copy_roots(roots)
                for r in roots - {first}:
                    for m in members.pop(r, []):
                        root[m] = first
                        members.setdefault(first, []).append(m)
        store.mark_compared()
    return store.copy_count()
