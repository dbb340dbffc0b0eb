"""`factcheck eval`: score extracted claims against a hand-made gold file.

The scorer is the one the gold README describes: a prediction matches a gold row when the file
and the value agree and the character offsets overlap. Recall counts required rows only; optional
rows neither reward nor punish, so borderline claims do not distort precision.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.models import Claim


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


@dataclass
class Score:
    gold_required: int = 0
    found_required: int = 0
    predictions: int = 0
    matched: int = 0
    qualifier_ok: int = 0
    metric_ok: int = 0
    misses: list[GoldRow] = field(default_factory=list)
    false_positives: list[Claim] = field(default_factory=list)
    wrong: list[tuple[GoldRow, Claim]] = field(default_factory=list)

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

    def line(self) -> str:
        return (
            f"recall {self.recall:.3f} ({self.found_required}/{self.gold_required})  "
            f"precision {self.precision:.3f} ({self.matched}/{self.predictions})  "
            f"qualifier {self.qualifier:.3f}  metric {self.metric:.3f}"
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
        if c.qualifier != g.qualifier or c.metric != g.metric:
            s.wrong.append((g, c))
    s.false_positives = [c for i, c in enumerate(preds) if i not in used]
    return s
