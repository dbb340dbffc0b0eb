"""`factcheck eval`: claim matching, place and attribution agreement, and dispute scoring on
hand-made gold rows, claims and groups."""

from __future__ import annotations

import json

import pytest

from factcheck.errors import InputError
from factcheck.measure.evaluate import (
    GoldRow,
    attribution_agrees,
    place_agrees,
    read_disputes,
    read_gold,
    score,
    score_disputes,
)
from factcheck.models import ConflictGroup, Place, Verdict
from tests.reconciliation.test_verdicts import claim
from tests.test_cli import run_main


def row(file: str, start: int, value: float, **kw) -> GoldRow:
    fields = {
        "span": str(value),
        "end": start + len(str(value)),
        "qualifier": "exact",
        "metric": "killed",
        "optional": False,
    }
    fields.update(kw)
    return GoldRow(file=file, start=start, value=value, **fields)


def group(verdict: Verdict, *members: tuple[str, float]) -> ConflictGroup:
    claims = [claim(str(v), v, article_id=f.removesuffix(".txt")) for f, v in members]
    return ConflictGroup(
        id="g",
        metric="killed",
        subject=None,
        verdict=verdict,
        claims=claims,
        values=[str(v) for _, v in members],
        spread=0.0,
        explanation="",
        why_grouped="",
    )


def test_place_agreement_reads_the_text_name_or_the_gazetteer_name():
    derna = claim("11,300", 11300, subject="Derna")
    assert place_agrees("Derna floods, Libya (Derna city)", derna)
    assert not place_agrees("Storm Daniel floods, Libya (nationwide)", derna)
    darnah = claim("11,300", 11300, subject=None, place=Place(name="Libya", source="article"))
    assert place_agrees("Storm Daniel floods, Libya (nationwide)", darnah)
    # a word inside another word is not the place
    assert not place_agrees("Parisian suburbs", claim("3", 3, subject="Paris"))


def test_attribution_agreement_shares_a_content_word_or_both_are_silent():
    assert attribution_agrees("Odisha Chief Secretary Pradeep Jena", "Chief Secretary")
    assert attribution_agrees(None, None)
    assert attribution_agrees("", None)
    assert not attribution_agrees("Maui police chief John Pelletier", None)
    assert not attribution_agrees(None, "officials")
    assert not attribution_agrees("the Red Crescent", "the health ministry")


def test_score_counts_place_and_attribution_on_matched_rows_only():
    gold = [
        row("a.txt", 10, 5, subject="Springfield", attribution="police"),
        row("a.txt", 40, 7, subject="Ohio", attribution=None),
        row("b.txt", 10, 9, subject="Ohio"),  # never extracted: no place row
    ]
    found = [
        claim("5", 5, article_id="a", start=10, subject="Springfield", attribution="the police"),
        claim("7", 7, article_id="a", start=40, subject="Springfield", attribution="a witness"),
    ]
    s = score(gold, found)
    assert (s.found_required, s.gold_required, s.matched) == (2, 3, 2)
    assert (s.place_ok, s.place_rows, s.attribution_ok) == (1, 2, 1)
    assert [g.value for g, _ in s.place_wrong] == [7]
    assert "place 0.500 (1/2)" in s.line()


def test_read_gold_keeps_subject_and_attribution(tmp_path):
    path = tmp_path / "gold.jsonl"
    line = {
        "file": "a.txt",
        "span": "5",
        "start": 1,
        "end": 2,
        "value": 5,
        "qualifier": "exact",
        "metric": "killed",
        "subject": "Springfield",
        "attribution": None,
    }
    path.write_text(json.dumps(line) + "\n\n")
    (g,) = read_gold(path)
    assert (g.subject, g.attribution, g.optional) == ("Springfield", None, False)


DISPUTES = [
    {
        "id": "toll",
        "verdict": "update",
        "members": [
            {"file": "a.txt", "value": 10},
            {"file": "b.txt", "value": 12},
            {"file": "c.txt", "value": 12},
        ],
    },
    {
        "id": "toll_12",
        "verdict": "agree",
        "members": [{"file": "b.txt", "value": 12}, {"file": "c.txt", "value": 12}],
    },
    {
        "id": "injured",
        "verdict": "contradiction",
        "members": [{"file": "a.txt", "value": 40}, {"file": "b.txt", "value": 55}],
    },
]


def test_disputes_found_right_and_mixed(tmp_path):
    path = tmp_path / "conflicts.json"
    path.write_text(json.dumps(DISPUTES))
    disputes = read_disputes(path)
    groups = [
        group(Verdict.CONTRADICTION, ("a.txt", 10), ("b.txt", 12), ("c.txt", 12)),
        group(Verdict.CONTRADICTION, ("a.txt", 40), ("b.txt", 55)),
    ]
    s = score_disputes(groups, disputes)
    assert (s.found_differing, s.right_differing, s.differing) == (2, 1, 2)
    assert (s.found_agreeing, s.mixed, s.predicted) == (1, 0, 2)
    # one group holding the toll and the injured mixes two unrelated disputes and finds neither
    mixed = [group(Verdict.UPDATE, ("a.txt", 10), ("b.txt", 12), ("b.txt", 55))]
    s = score_disputes(mixed, disputes)
    assert (s.found_differing, s.mixed) == (0, 1)


def test_a_dispute_with_two_values_needs_both_in_one_group(tmp_path):
    disputes = [d for d in map(_dispute, DISPUTES) if d.id == "toll"]
    s = score_disputes([group(Verdict.AGREE, ("a.txt", 10), ("c.txt", 10))], disputes)
    assert s.found_differing == 0


def _dispute(d):
    from factcheck.measure.evaluate import Dispute

    return Dispute(
        d["id"], "", d["verdict"], frozenset((m["file"], m["value"]) for m in d["members"])
    )


def test_a_bad_disputes_file_is_an_input_error(tmp_path):
    path = tmp_path / "conflicts.json"
    path.write_text('[{"id": "x"}]')
    with pytest.raises(InputError, match="not a disputes file"):
        read_disputes(path)


def test_eval_cli_names_a_bad_disputes_file_in_one_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("")
    bad = tmp_path / "conflicts.json"
    bad.write_text("{not json")
    result = run_main("eval", gold, "--conflicts", bad, "--db", tmp_path / "x.db")
    assert result.returncode == 1
    assert "conflicts.json: not a disputes file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
