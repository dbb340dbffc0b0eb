"""The excerpt path (parse only claim passages) against the straightforward full parse."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from factcheck.extraction.passages import passage_speaker
from factcheck.extraction.pipeline import excerpt_doc, extract_claims, receptive_field

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEV = sorted((ROOT / "data" / "dev" / "articles").glob("*.txt"))


def _claims(nlp, paths, *, full: bool) -> dict[str, list[dict]]:
    items = [(p.read_text(encoding="utf-8"), p.name) for p in paths]
    return {
        name: [asdict(d) for d in drafts] for drafts, name in extract_claims(nlp, items, full=full)
    }


@pytest.mark.parametrize("paths", [SEEDS, DEV], ids=["seeds", "dev"])
def test_excerpts_give_the_claims_of_the_full_parse(nlp, paths):
    full = _claims(nlp, paths, full=True)
    fast = _claims(nlp, paths, full=False)
    assert sum(len(v) for v in full.values()) > 20
    assert fast == full


def test_receptive_field_of_the_small_english_pipeline(nlp):
    # tok2vec and the NER's own encoder: depth 4, window 1
    assert receptive_field(nlp) == 4


def test_excerpt_holds_the_lede_and_the_passages_with_figures(nlp):
    lede = "Storm hits coast\n\n" + "Residents described the night. " * 20
    filler = "Crews cleared the roads. " * 30
    text = f"{lede}\n\n{filler}\n\nOfficials said 12 people died.\n\n{filler}\n\nThe end."
    doc = nlp.get_pipe("factcheck_numbers")(nlp.make_doc(text))
    small, shifts = excerpt_doc(doc, 4)
    assert "12 people died" in small.text
    assert "Storm hits coast" in small.text
    assert "Residents described the night" in small.text  # the lede names the story
    assert "the roads. Crews cleared" not in small.text  # only 4 tokens of context either side
    assert len(small) < len(doc) / 2
    # char shifts map the excerpt back onto the article
    at = small.text.index("12")
    k = max(i for i, (s, _) in enumerate(shifts) if s <= at)
    assert text[at + shifts[k][1] : at + shifts[k][1] + 2] == "12"


def test_article_without_figures_is_not_parsed(nlp):
    doc = nlp.get_pipe("factcheck_numbers")(nlp.make_doc("Nothing counted here.\n\nAt all."))
    small, shifts = excerpt_doc(doc, 4)
    assert len(small) == 0
    assert shifts == []


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("“I expect the numbers to rise,” Green said on Sunday.", "Green"),
        ("The toll will climb, warned Gov. Josh Green.", "Gov. Josh Green"),
        ("He said the numbers will rise.", None),
        ("Rescuers kept digging through the night.", None),
    ],
)
def test_speaker_of_an_unparsed_paragraph(nlp, text, who):
    doc = nlp.make_doc(text)
    assert passage_speaker(doc[:]) == who


def test_memory_zones_do_not_change_the_claims(nlp):
    items = [(p.read_text(encoding="utf-8"), p.name) for p in SEEDS]
    one = [[asdict(d) for d in ds] for ds, _ in extract_claims(nlp, items, zone_size=100)]
    zoned = [[asdict(d) for d in ds] for ds, _ in extract_claims(nlp, items, zone_size=2)]
    assert zoned == one
    assert sum(map(len, one)) > 20


def test_an_article_own_timeline_dates_its_earlier_figures_as_history(nlp) -> None:
    import datetime as dt

    from factcheck.extraction.drafts import to_claims
    from factcheck.models import Article

    text = (
        "Officials on Monday said that the death toll was 140.\n\n"
        "The death toll now stands at 163, the ministry said."
    )
    article = Article(
        article="a.txt", article_id="b" * 64, publisher=None, published=dt.date(2030, 3, 6)
    )
    claims = {c.value: c for c in to_claims(article, nlp(text)._.factcheck_claims)}
    assert claims[140].as_of == dt.date(2030, 3, 4)  # Monday before a Wednesday
    assert claims[140].kind == "historical"
    assert claims[163].kind == "total"


def test_a_long_article_parsed_in_pieces_gives_the_claims_of_one_parse(nlp, monkeypatch):
    """Past PIECE_TOKENS an excerpt is parsed a piece at a time (memory by passage, not by
    article); cut where two windows of the article meet, the claims are the same."""
    from dataclasses import asdict

    import factcheck.extraction.pipeline as pipeline

    paragraphs = [
        f"Floods in the valley have killed {n + 10} people, officials in Kerr County said on "
        f"Monday.\n\nRescuers searched for {n + 3} more. The weather was calm.\n\n"
        "A long paragraph without any figure follows here, about roads and bridges. " * 3
        + "\n\n"
        for n in range(40)
    ]
    text = "Flood toll rises\n\n" + "".join(paragraphs)
    whole = [asdict(d) for ds, _ in pipeline.extract_claims(nlp, [(text, 0)]) for d in ds]
    monkeypatch.setattr(pipeline, "PIECE_TOKENS", 200)
    pieces = [asdict(d) for ds, _ in pipeline.extract_claims(nlp, [(text, 0)]) for d in ds]
    assert len(whole) >= 80 and pieces == whole
