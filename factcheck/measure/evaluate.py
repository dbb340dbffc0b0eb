"""`factcheck eval`: score extracted claims against a hand-made gold file, and groups against
judged disputes.

The claim scorer is the one the gold README describes: a prediction matches a gold row when the
file and the value agree and the character offsets overlap. Recall counts required rows only;
optional rows neither reward nor punish, so borderline claims do not distort precision. The
dispute scorer is the dev set's `score_disputes.py`, so the numbers printed here are the ones
the issues quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.models import Claim, ConflictGroup


@dataclass(frozen=True)
class GoldRow:
    file: str
    span: str
    start: int
    end: int
    value: float
    qualifier: str
    metric: str
    optional: bool
    sentence: str = ""
    subject: str | None = None
    attribution: str | None = None


@dataclass
class Score:
    gold_required: int = 0
    found_required: int = 0
    predictions: int = 0
    matched: int = 0
    qualifier_ok: int = 0
    metric_ok: int = 0
    place_rows: int = 0
    place_ok: int = 0
    attribution_ok: int = 0
    misses: list[GoldRow] = field(default_factory=list)
    false_positives: list[Claim] = field(default_factory=list)
    wrong: list[tuple[GoldRow, Claim]] = field(default_factory=list)
    place_wrong: list[tuple[GoldRow, Claim]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found_required / self.gold_required if self.gold_required else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predictions if self.predictions else 1.0

    @property
    def qualifier(self) -> float:
        return self.qualifier_ok / self.matched if self.matched else 0.0

    @property
    def metric(self) -> float:
        return self.metric_ok / self.matched if self.matched else 0.0

    @property
    def place(self) -> float:
        return self.place_ok / self.place_rows if self.place_rows else 0.0

    @property
    def attribution(self) -> float:
        return self.attribution_ok / self.matched if self.matched else 0.0

    def line(self) -> str:
        return (
            f"recall {self.recall:.3f} ({self.found_required}/{self.gold_required})  "
            f"precision {self.precision:.3f} ({self.matched}/{self.predictions})  "
            f"qualifier {self.qualifier:.3f}  metric {self.metric:.3f}  "
            f"place {self.place:.3f} ({self.place_ok}/{self.place_rows})  "
            f"attribution {self.attribution:.3f}"
        )


def read_gold(path: Path) -> list[GoldRow]:
    """Rows of a gold JSONL file; a bad line is an InputError naming the line."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read gold file ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            rows.append(
                GoldRow(
                    d["file"],
                    d["span"],
                    int(d["start"]),
                    int(d["end"]),
                    float(d["value"]),
                    d["qualifier"],
                    d["metric"],
                    bool(d.get("optional", False)),
                    d.get("sentence", ""),
                    d.get("subject") or None,
                    d.get("attribution") or None,
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: line {n}", f"not a gold row ({exc})") from exc
    return rows


def score(gold: Sequence[GoldRow], claims: Iterable[Claim]) -> Score:
    """Greedy one-to-one matching in document order, as the gold README specifies."""
    preds = [c for c in claims if Path(c.article).name in {g.file for g in gold}]
    s = Score(predictions=len(preds))
    by_file: dict[str, list[int]] = {}
    for i, c in enumerate(preds):
        by_file.setdefault(Path(c.article).name, []).append(i)
    used: set[int] = set()
    for g in gold:
        if not g.optional:
            s.gold_required += 1
        hit = None
        for i in by_file.get(g.file, []):
            c = preds[i]
            if i not in used and float(c.value) == g.value and c.start < g.end and g.start < c.end:
                hit = i
                break
        if hit is None:
            if not g.optional:
                s.misses.append(g)
            continue
        used.add(hit)
        c = preds[hit]
        s.matched += 1
        if not g.optional:
            s.found_required += 1
        s.qualifier_ok += c.qualifier == g.qualifier
        s.metric_ok += c.metric == g.metric
        keys = gold_places(g.subject) if g.subject else set()
        if keys:
            s.place_rows += 1
            if place_agrees(g.subject or "", c, keys):
                s.place_ok += 1
            else:
                s.place_wrong.append((g, c))
        s.attribution_ok += attribution_agrees(g.attribution, c.attribution)
        if c.qualifier != g.qualifier or c.metric != g.metric:
            s.wrong.append((g, c))
    s.false_positives = [c for i, c in enumerate(preds) if i not in used]
    return s


_WORD = re.compile(r"[^\W_]+")
_FILLER = frozenset(
    [
        "the",
        "of",
        "via",
        "and",
        "for",
        "from",
        "said",
        "according",
        "to",
        "a",
        "an",
        "in",
        "on",
        "by",
    ]
)


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").casefold()) if w not in _FILLER}


def gold_places(subject: str) -> set[str]:
    """Keys of every place the gazetteer finds in a gold subject's capitalised runs of one to
    three words ("Storm Daniel floods, Libya (nationwide)" -> Libya). Empty when the subject
    names none ("Palestinian prisoners"): such rows say nothing about places."""
    from factcheck.places import lookup

    words = re.findall(r"[A-Z][\w'’.-]*", subject)
    spans = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    return {p.key for span in spans if span in subject for p in lookup(span)}


def place_agrees(gold_subject: str, claim: Claim, keys: set[str] | None = None) -> bool:
    """The claim's most specific place is a place the gold subject names: the same gazetteer
    entry, or the same words. Gold subjects are free text, so this measures the level and the
    place ("Derna" where the gold says "Libya (nationwide)" disagrees), not the wording."""
    keys = gold_places(gold_subject) if keys is None else keys
    if claim.place is not None and claim.place.key in keys:
        return True
    gold = f" {' '.join(_WORD.findall(gold_subject.casefold()))} "
    for name in filter(None, [claim.subject, claim.place.name if claim.place else None]):
        words = " ".join(_WORD.findall(name.casefold()))
        if words and f" {words} " in gold:
            return True
    return False


def attribution_agrees(gold: str | None, got: str | None) -> bool:
    """Both name no source, or they share a content word ("Odisha Chief Secretary Pradeep Jena"
    and "Chief Secretary"); a source where the gold has none, or none where it has one, is wrong."""
    g, p = _words(gold), _words(got)
    return (not g and not p) or bool(g & p)


@dataclass(frozen=True)
class Dispute:
    """One judged dispute: the claims (file, value) that measure one quantity, and its verdict."""

    id: str
    title: str
    verdict: str
    members: frozenset[tuple[str, float]]


@dataclass
class DisputeScore:
    differing: int = 0
    agreeing: int = 0
    found_differing: int = 0
    right_differing: int = 0
    found_agreeing: int = 0
    predicted: int = 0
    mixed: int = 0
    rows: list[tuple[Dispute, bool, str | None, int]] = field(default_factory=list)
    """(dispute, found, the verdict of the group that holds it, members in that group)"""

    def line(self) -> str:
        return (
            f"differing groups found {self.found_differing}/{self.differing}, verdict right "
            f"{self.right_differing}/{self.differing}; agree groups found "
            f"{self.found_agreeing}/{self.agreeing}; predicted groups {self.predicted}, "
            f"mixed {self.mixed}"
        )


def read_disputes(path: Path) -> list[Dispute]:
    """A judged disputes file (the dev set's conflicts.json); a bad one is an InputError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            Dispute(
                str(d["id"]),
                str(d.get("title", "")),
                str(d["verdict"]),
                frozenset((Path(m["file"]).name, float(m["value"])) for m in d["members"]),
            )
            for d in data
        ]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read disputes file ({exc})") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"not a disputes file ({exc})") from exc


def _keys(group: ConflictGroup) -> set[tuple[str, float]]:
    return {(Path(c.article).name, float(c.value)) for c in group.claims}


def score_disputes(groups: Sequence[ConflictGroup], disputes: Sequence[Dispute]) -> DisputeScore:
    """A dispute is found when one group holds two of its members from two articles (with two
    values where it has two) and no member of an unrelated dispute; its verdict is right when
    that group's verdict is the dispute's. A group holding members of two disputes that share
    no member is mixed. Same rules as the dev set's `score_disputes.py`."""
    keys = [_keys(g) for g in groups]
    owner: dict[tuple[str, float], set[str]] = {}
    for d in disputes:
        for m in d.members:
            owner.setdefault(m, set()).add(d.id)
    s = DisputeScore(predicted=len(groups))
    for d in disputes:
        agree = d.verdict == "agree"
        related = set().union(*(owner[m] for m in d.members))
        best: set[tuple[str, float]] = set()
        best_i: int | None = None
        for i, pk in enumerate(keys):
            if any(k in owner and not owner[k] & related for k in pk):
                continue
            hit = d.members & pk
            if len(hit) > len(best) or (
                hit and best_i is not None and len(hit) == len(best) and len(pk) < len(keys[best_i])
            ):
                best, best_i = hit, i
        files = {f for f, _ in best}
        values = {v for _, v in best}
        two_values = len({v for _, v in d.members}) >= 2
        found = len(files) >= 2 and (agree or not two_values or len(values) >= 2)
        got = groups[best_i].verdict.value if found and best_i is not None else None
        if agree:
            s.agreeing += 1
            s.found_agreeing += found
        else:
            s.differing += 1
            s.found_differing += found
            s.right_differing += found and got == d.verdict
        s.rows.append((d, found, got, len(best)))
    for pk in keys:
        ids = [owner[k] for k in pk if k in owner]
        if any(not x & y for i, x in enumerate(ids) for y in ids[i + 1 :]):
            s.mixed += 1
    return s
