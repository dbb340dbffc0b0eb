"""measure/synthetic.py, and the big-store paths it exists to exercise: the bulk write, the lean read,
grouping shortcuts and the plain-text table writer, each held to the slow path's exact output."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import io
import random
import sqlite3
from collections import Counter

import pydantic
import pytest
from rich.console import Console
from rich.text import Text

from factcheck._gc import collector_paused
from factcheck.choices import OutputFormat
from factcheck.engines.local import judge_stories
from factcheck.errors import StoreError
from factcheck.measure.synthetic import build_store, synthetic_articles, synthetic_claims
from factcheck.models import Article, Claim
from factcheck.numbers import parse_number
from factcheck.reconciliation.conflicts import group_claims, group_order, judged_groups
from factcheck.reconciliation.groups import _is_vague, quantity_buckets
from factcheck.render._table import (
    _cell_per_character,
    _wrap_ascii,
)
from factcheck.render._table import (
    write_groups_table as _write_groups_table,
)
from factcheck.render.tables import GroupWriter, groups_table, render_groups
from factcheck.resources import metric_pack, number_words
from factcheck.store import Store

# --- synthetic claims ----------------------------------------------------------------------


def test_deterministic_for_n_and_seed() -> None:
    a = list(synthetic_claims(400, seed=3))
    assert a == list(synthetic_claims(400, seed=3))
    assert a != list(synthetic_claims(400, seed=4))
    assert len(a) == 400
    assert list(synthetic_claims(0)) == []


def test_claims_validate_and_their_text_reads_as_their_value() -> None:
    for c in synthetic_claims(2_000, seed=1):
        assert Claim.model_validate(c.model_dump()) == c
        m = parse_number(c.text)
        assert m is not None, c.text
        assert (m.value, m.value_high, m.qualifier) == (c.value, c.value_high, c.qualifier.value)
        assert c.end - c.start == len(c.text)


def test_claims_look_like_extraction() -> None:
    """Many groups of realistic sizes, not one giant group and not all singletons."""
    claims = list(synthetic_claims(5_000, seed=2))
    assert {c.metric for c in claims} >= {m.name for m in metric_pack().metrics[:6]} & {
        "killed",
        "wounded",
        "missing",
    }
    assert len({c.publisher for c in claims}) > 30
    assert len({c.attribution for c in claims}) > 30
    assert sum(c.text in number_words()["vague"] for c in claims) > 0
    assert any(c.part for c in claims) and any(c.episode for c in claims)
    sizes = [len(b.members) for b in quantity_buckets(claims)]
    assert len(sizes) > 100
    assert max(sizes) < 0.1 * len(claims)
    assert sum(s > 1 for s in sizes) > 50
    verdicts = Counter(g.verdict for g in group_claims(claims, include_agree=True))
    assert len(verdicts) >= 4


def test_articles_sort_in_the_order_given() -> None:
    paths = [a.article for a, _ in synthetic_articles(3_000)]
    assert paths == sorted(paths) and len(set(paths)) == len(paths)


# --- the store: bulk write, lean read ------------------------------------------------------


def test_build_store_reads_back_the_same_claims(tmp_path) -> None:
    path = tmp_path / "synthetic.db"
    build_store(path, 1_500, seed=5)
    expected = list(synthetic_claims(1_500, seed=5))
    with Store(path, readonly=True) as store:
        assert store.claim_count() == 1_500
        assert store.article_count() == len({c.article_id for c in expected})
        got = list(store.claims())
    assert got == expected
    for a, b in zip(got, expected, strict=True):
        assert a.model_dump_json() == b.model_dump_json()
        assert list(a.__dict__) == list(b.__dict__) and a.model_fields_set == b.model_fields_set
        assert type(a.value) is type(b.value) and type(a.qualifier) is type(b.qualifier)


def test_claims_by_story_are_the_claims_a_story_at_a_time(tmp_path) -> None:
    path = tmp_path / "s.db"
    build_store(path, 3_000, seed=6)
    with sqlite3.connect(path) as conn:  # some articles not yet clustered
        conn.execute("UPDATE articles SET story = NULL WHERE rowid % 7 = 0")
    with Store(path, readonly=True) as store:
        every = list(store.claims())
        batches = list(store.claims_by_story())
        killed = list(store.claims_by_story(metric="killed"))
    assert batches[0][0].story is None and len(batches) > 20
    assert sum(map(len, batches)) == len(every)
    for batch in batches:
        assert batch == [c for c in every if c.story == batch[0].story]
    assert [c for b in killed for c in b] == [
        c for b in batches for c in b if c.metric == "killed"
    ]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_conflicts_a_story_at_a_time_write_what_group_claims_would(tmp_path, fmt) -> None:
    """Stories judged apart, here and in two worker processes, arriving in any order: the
    output is byte for byte that of grouping every claim at once, in every format."""
    path = tmp_path / "s.db"
    build_store(path, 4_000, seed=8)
    with Store(path, readonly=True) as store:
        groups = group_claims(store.claims(), include_agree=True)
        by_story = judged_groups(store.claims_by_story(), include_agree=True)
        assert sorted(by_story, key=group_order) == groups
    assert len({g.story for g in groups}) > 20
    expected = io.StringIO()
    render_groups(groups, fmt, Console(file=expected, width=140))
    for jobs in (1, 2):
        out = io.StringIO()
        with GroupWriter(fmt, Console(file=out, width=140), order=group_order) as writer:
            for _, entries in judge_stories(path, writer.entry, include_agree=True, jobs=jobs):
                for entry in entries:
                    writer.put(entry)
        assert out.getvalue() == expected.getvalue(), jobs


def test_read_claims_are_independent(tmp_path) -> None:
    """Claims share parsed dates and evidence, but never a mutable list."""
    path = tmp_path / "s.db"
    build_store(path, 50)
    with Store(path, readonly=True) as store:
        a, b = list(store.claims())[:2]
    assert a.evidence is not b.evidence
    with pytest.raises(pydantic.ValidationError):
        a.text = "changed"  # type: ignore[misc]
    assert a.model_copy(update={"text": "x"}).text == "x" and a.text != "x"


@pytest.mark.parametrize(
    ("column", "value"),
    [("qualifier", "roughly"), ("as_of_source", "guess"), ("evidence", '{"not": "a list"}')],
)
def test_a_bad_row_fails_as_validation_did(tmp_path, column, value) -> None:
    """The lean read checks what validation checked; what it finds is one line naming the
    store, the article and the field, with validation's own error as its cause."""
    path = tmp_path / "s.db"
    build_store(path, 20)
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE claims SET {column} = ? WHERE id = 3", (value,))
        article = conn.execute("SELECT article_id FROM claims WHERE id = 3").fetchone()[0]
    with Store(path, readonly=True) as store, pytest.raises(StoreError) as caught:
        list(store.claims())
    message = str(caught.value)
    assert isinstance(caught.value.__cause__, pydantic.ValidationError)
    assert "\n" not in message and str(path) in message and article[:12] in message
    assert column in message


def _article(path: str, text: str) -> Article:
    return Article(
        article=path,
        article_id=hashlib.sha256(text.encode()).hexdigest(),
        publisher="Reuters",
        published=dt.date(2025, 1, 2),
    )


def _claim(a: Article, start: int, value: int) -> Claim:
    return Claim(
        article=a.article,
        article_id=a.article_id,
        publisher=a.publisher,
        published=a.published,
        text=str(value),
        start=start,
        end=start + len(str(value)),
        sentence=f"{value} were killed.",
        value=value,
        value_high=None,
        qualifier="exact",
        metric="killed",
        counted=None,
        subject="Gaza",
        attribution=None,
        as_of=None,
    )


def test_save_many_leaves_what_save_article_would(tmp_path) -> None:
    """A path given a new text, one text under two paths, an article given twice."""
    old, a, b, c, a_again = (
        _article("p2", "old"),
        _article("p1", "a"),
        _article("p1", "b"),
        _article("p2", "c"),
        _article("p3", "a"),
    )
    first = [(old, [_claim(old, 1, 1)])]
    then = [
        (a, [_claim(a, 1, 3)]),
        (c, [_claim(c, 1, 5)]),
        (b, [_claim(b, 2, 4)]),
        (a_again, [_claim(a_again, 7, 9)]),
    ]

    def contents(store: Store) -> tuple[object, ...]:
        articles = store.conn.execute("SELECT article_id, article FROM articles").fetchall()
        paths = store.conn.execute("SELECT path, article_id FROM paths").fetchall()
        return sorted(map(tuple, articles)), sorted(map(tuple, paths)), list(store.claims())

    with Store(tmp_path / "one.db") as one, Store(tmp_path / "many.db") as many:
        for article, claims in first + then:
            one.save_article(article, claims, "m", "r")
        many.save_many(first, "m", "r")
        assert many.save_many(then, "m", "r", batch=2) == 4
        assert contents(one) == contents(many)


# --- grouping ------------------------------------------------------------------------------


def test_vague_shortcut_agrees_with_the_parser() -> None:
    words = tuple(number_words()["vague"])
    texts = {c.text for c in synthetic_claims(3_000, seed=7)}
    texts |= {"Thousands", "tens of thousands", "dozens.", "scores", "about 3", "a dozen", ""}
    for text in texts:
        m = parse_number(text)
        assert _is_vague(text, words) == (m is not None and m.vague), text


def test_collector_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- the table, drawn without rich ---------------------------------------------------------


def _awkward_groups() -> list:
    """Whatever could trip a re-implementation of rich's wrapping and measuring."""
    base = _claim(_article("x/a.txt", "x"), 0, 3)
    names = [
        "El País",
        "東京新聞",
        "Le Monde 🙂",
        "[bold]Reuters[/bold]",
        "per :smile: desk",
        "Tab\there",
        "CR\rhere",
        "Bell\x07x",
        "https://example.org/a/very/long/url/that/cannot/wrap/anywhere/at/all/ever",
        "  leading   spaces  ",
        "",
        "x" * 130,
        "a b  c   d",
        "Line\nbreak",
        "trailing   ",
        "Zürich — Genève … «Le Temps»",
        "Cafe\u0301 combining",
        "nb\u00a0space",
        "zero\u200bwidth",
        "—" * 70,
    ]
    claims = []
    for i, name in enumerate(names):
        for k, (value, text) in enumerate([(3, "three"), (4, "4"), (4, "more than\n4")]):
            claims.append(
                base.model_copy(
                    update={
                        "article_id": f"{i:02d}{k}".ljust(64, "a"),
                        "article": f"x/{i}-{k}.txt",
                        "publisher": name or None,
                        "attribution": name if k else None,
                        "value": value,
                        "text": text,
                        "start": k,
                        "end": k + 1,
                        "subject": ["Gaza", "Ga za  [x]", None][i % 3],
                        "part": [None, "children", "nationality:thai"][i % 3],
                    }
                )
            )
    return group_claims(claims, include_agree=True)


@pytest.mark.parametrize("width", [45, 80, 100, 137, 200])
@pytest.mark.parametrize("case", ["synthetic", "awkward", "empty"])
def test_fast_table_is_rich_table(case, width) -> None:
    groups = {
        "synthetic": lambda: group_claims(list(synthetic_claims(2_000, seed=11))),
        "awkward": _awkward_groups,
        "empty": list,
    }[case]()
    rich_out, fast_out = io.StringIO(), io.StringIO()
    Console(file=rich_out, width=width, highlight=False).print(groups_table(groups))
    fast = _write_groups_table(groups, Console(file=fast_out, width=width, highlight=False))
    assert fast or case == "awkward"  # the fast writer drew it (no fallback hides a mismatch)
    if not fast:
        Console(file=fast_out, width=width, highlight=False).print(groups_table(groups))
    assert fast_out.getvalue() == rich_out.getvalue()


def _table(groups, console) -> None:  # type: ignore[no-untyped-def]
    """The table as `render_groups` draws it at any width (narrow terminals get blocks)."""
    if not _write_groups_table(groups, console):
        console.print(groups_table(groups))


@pytest.mark.parametrize("kw", [{"width": 30}, {"force_terminal": True, "color_system": "256"}])
def test_table_falls_back_to_rich(kw) -> None:
    """Too narrow for the table, or in colour: rich draws it, so the output is rich's."""
    groups = _awkward_groups()
    rich_out, out = io.StringIO(), io.StringIO()
    Console(file=rich_out, highlight=False, **kw).print(groups_table(groups))
    _table(groups, Console(file=out, highlight=False, **kw))
    assert out.getvalue() == rich_out.getvalue()


def test_wrap_ascii_is_rich_wrap() -> None:
    rng = random.Random(4)
    console = Console(width=80)
    for _ in range(5_000):
        line = "".join(rng.choice("ab cd  efghij   ,.()") for _ in range(rng.randint(0, 60)))
        line = " " * rng.choice([0, 0, 1, 3]) + line + "x" * rng.choice([0, 0, 25])
        width = rng.randint(1, 30)
        wrapped = Text(line).wrap(console, width, justify="left", overflow="fold")
        assert _wrap_ascii(line, width) == [w.plain for w in wrapped], (line, width)


def test_one_cell_characters_wrap_as_ascii_does() -> None:
    """Lines of one-cell characters beyond ASCII ("—", "…", "é") take the fast wrap; it is
    rich's, and what is not one cell a character (wide, combining, spaces) is refused."""
    rng = random.Random(5)
    console = Console(width=80)
    for _ in range(3_000):
        line = "".join(rng.choice("ab —…é  ü,.x") for _ in range(rng.randint(1, 50)))
        width = rng.randint(1, 30)
        assert _cell_per_character(line)
        wrapped = Text(line).wrap(console, width, justify="left", overflow="fold")
        assert _wrap_ascii(line, width) == [w.plain for w in wrapped], (line, width)
    for refused in ("東京", "e\u0301", "a\u00a0b", "a\u200bb", "tab\there", "🙂"):
        assert not _cell_per_character(refused)


def test_synthetic_story_rows_know_their_stories_and_the_clusterer_finds_them():
    from factcheck.measure.synthetic import b_cubed, synthetic_story_rows
    from factcheck.reconciliation.stories import assign_stories

    rows, truth = synthetic_story_rows(200, seed=3)
    assert len(rows) == len(truth) == 200
    assert len(set(truth.values())) > 20
    p, r = b_cubed(truth, assign_stories(rows))
    assert p > 0.9 and r > 0.9


def test_b_cubed_scores_a_split_and_a_merge():
    from factcheck.measure.synthetic import b_cubed

    truth = {"a": 1, "b": 1, "c": 2}
    assert b_cubed(truth, {"a": "x", "b": "x", "c": "y"}) == (1.0, 1.0)
    p, r = b_cubed(truth, {"a": "x", "b": "y", "c": "y"})
    assert (round(p, 3), round(r, 3)) == (0.667, 0.667)
