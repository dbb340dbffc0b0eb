"""Copies of one text are one source: MinHash signatures and copy clusters."""

from __future__ import annotations

import json

from factcheck.reconciliation.copies import (
    THRESHOLD,
    containment,
    copy_clusters,
    is_copy,
    mark_copies,
    signature,
)

WIRE = (
    "Floods in the northern province have killed at least 46 people and forced more than "
    "12,000 from their homes, the regional disaster agency said on Tuesday. Rescue crews in "
    "boats were still searching villages along the swollen river, where the water rose two "
    "metres overnight. The agency said 19 people were missing and that the toll could rise as "
    "roads reopen. Power was cut to large parts of the provincial capital, and schools were "
    "closed for the rest of the week while engineers inspected three damaged bridges."
)
OTHER = (
    "The death toll from the floods rose to 51 on Wednesday, the provincial governor told "
    "reporters, adding that army helicopters had dropped food to cut-off hamlets. Officials "
    "warned of more rain over the weekend and asked residents near the dam to move to higher "
    "ground. Aid groups said clean water was the most urgent need in the camps."
)


def _copy(n: int) -> str:
    return f"Outlet {n} News | Home | World\nHeadline number {n}\n\n{WIRE}\n\nShare this. © Outlet {n}."


def test_copies_under_other_boilerplate_score_above_the_threshold_and_other_texts_below():
    base = signature(WIRE)
    assert all(containment(base, signature(_copy(n))) >= THRESHOLD for n in range(5))
    assert all(is_copy(base, signature(_copy(n))) for n in range(5))
    assert containment(base, signature(OTHER)) < THRESHOLD / 2
    assert not is_copy(base, signature(OTHER))


def test_a_one_line_brief_on_the_same_event_is_no_copy():
    """A fifth of a one-liner's few word runs are phrases any report has: not enough shared."""
    brief = signature("Floods in the north have killed 46 people, a local official said on Tuesday.")
    assert not is_copy(signature(WIRE), brief)


def test_a_trimmed_wire_text_with_the_outlets_own_paragraphs_is_a_copy():
    """How outlets print wire copy: the first half kept, their own lines added, house style
    ("percent" for "%", a changed dateline): most of the shorter text is in the longer."""
    half = WIRE[: len(WIRE) // 2].rsplit(" ", 1)[0] + "."
    printed = (
        "LOCAL EDITION — " + half.replace("12,000", "12 000") + "\n\nOur reporter in the "
        "valley said shops in the market square stayed shut on Wednesday and a shelter opened "
        "at the sports hall. Readers can send photos to the newsdesk. Related: Weather warning "
        "extended; Bridge closed to lorries; Council to meet on Friday.\n"
    )
    assert is_copy(signature(WIRE), signature(printed))
    assert not is_copy(signature(OTHER), signature(printed))


def test_copy_clusters_name_the_earliest_article_of_each_cluster():
    rows = [(f"c{n}", f"2024-03-0{n + 1}", signature(_copy(n)), n) for n in range(5)]
    rows.append(("other", "2024-03-01", signature(OTHER), 0))
    rows.append(("late", "2024-05-01", signature(_copy(9)), 60))  # printed two months on
    assert copy_clusters(rows) == {f"c{n}": "c0" for n in range(1, 5)}


def test_copy_pairs_over_a_moving_window_are_every_pair_within_the_copy_days():
    """Streamed in date order with only a fortnight held (the window slides, its array is
    compacted and grown), the pairs compared are exactly the pairs within `COPY_DAYS` of each
    other or with an undated article, each once, and two old articles are not compared."""
    from factcheck.reconciliation.copies import COPY_DAYS, copy_pairs

    # 90 articles over 80 days, in threes of one text printed 4 or 9 days apart (so some
    # copies fall outside the window)
    texts = [" ".join(f"w{k}x{n // 3}" for k in range(40)) for n in range(90)]
    days = [(n // 3) * 2 + (n % 3) * (4 if n // 3 % 2 else 9) for n in range(90)]
    sigs = [signature(t) for t in texts]
    undated = [(f"u{k}", signature(texts[k * 30]), True) for k in range(3)]
    dated = sorted(
        ((f"a{n:02}", 700_000 + days[n], sigs[n], n % 5 != 0) for n in range(90)),
        key=lambda r: (r[1], r[0]),
    )
    got = {frozenset((aid, o)) for aid, found in copy_pairs(undated, dated) for o in found}
    pairs = [(a, b) for i, a in enumerate(dated) for b in dated[i + 1 :]]
    want = {
        frozenset((a[0], b[0]))
        for a, b in pairs
        if abs(a[1] - b[1]) <= COPY_DAYS and (a[3] or b[3]) and is_copy(a[2], b[2])
    }
    want |= {
        frozenset((u[0], d[0]))
        for u in undated
        for d in dated + [x for x in undated if x[0] < u[0]]
        if is_copy(u[1], d[2] if len(d) == 4 else d[1])
    }
    assert got == want and len(want) > 30
    assert sum(len(found) for _, found in copy_pairs(undated, dated)) == len(want)  # once each
    assert any(days[n + 1] - days[n] > COPY_DAYS for n in range(0, 90, 3))  # some apart


def _conflicts(tmp_path, copies: int, own: str, fmt: str) -> str:
    """`conflicts --all` over `copies` copies of the wire text and one article of its own."""
    from typer.testing import CliRunner

    from factcheck.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(copies):
        (folder / f"copy{n}.txt").write_text(_copy(n))
    (folder / "own.txt").write_text(own)
    (folder / "sources.csv").write_text(
        "file,publisher,published,url\n"
        + "".join(f"copy{n}.txt,Outlet {n},2024-03-05,\n" for n in range(copies))
        + "own.txt,Own Post,2024-03-05,\n"
    )
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(folder), "--db", str(db), "-q"]).exit_code == 0
    return runner.invoke(app, ["conflicts", "--db", str(db), "--all", "--format", fmt]).stdout


def test_five_copies_and_one_independent_article_are_two_sources(tmp_path):
    own = "Floods in the north have killed 46 people, a local official said on Tuesday.\n"
    out = _conflicts(tmp_path, 5, own, "json")
    [group] = [g for g in json.loads(out) if g["metric"] == "killed"]
    assert group["sources"] == 2
    copies = {c["publisher"]: c["copy_of"] for c in group["claims"]}
    assert copies["Own Post"] is None and copies["Outlet 0"] is None
    assert len({copies[f"Outlet {n}"] for n in range(1, 5)}) == 1


def test_the_table_shows_copies_of_one_figure_as_one_line(tmp_path):
    own = (
        "Floods in the northern province have killed 50 people, the regional disaster agency "
        "said on Tuesday.\n"
    )
    out = _conflicts(tmp_path, 4, own, "markdown")
    assert "copy in 3 more outlets" in out and "Outlet 1" not in out


def _stored_copies(store):
    return dict(store.conn.execute("SELECT article_id, copy_of FROM articles WHERE copy_of IS NOT NULL"))


STEP = 30


def test_the_store_finds_the_clusters_copy_clusters_finds_run_by_run_and_after_a_drop(tmp_path):
    """The store compares only new articles, a story at a time, yet ends with the clusters the
    all-in-memory union-find gives; a dropped article's cluster is compared again without it
    (it may have been the only link between two parts)."""
    import datetime as dt

    from factcheck.models import Article
    from factcheck.store import Store

    # a chain: windows over one run of words, each sharing half of the one before, so
    # neighbours are copies and texts two apart share nothing
    texts = [" ".join(f"word{k}" for k in range(i * STEP, i * STEP + 2 * STEP)) for i in range(6)]
    texts += [OTHER, OTHER + " Updated."]

    def article(n: int) -> Article:
        return Article(
            article=f"in/{n}.txt", article_id=f"id{n}", publisher=None,
            published=dt.date(2024, 3, 1 + (n * 5) % 9), story="s-1",
        )  # fmt: skip

    def expected(ids):
        rows = [
            (f"id{n}", f"{article(n).published} in/{n}.txt", signature(texts[n]),
             article(n).published.toordinal())
            for n in ids
        ]
        return copy_clusters(rows)

    with Store(tmp_path / "s.db") as store:
        for batch in ([0, 2, 4, 6], [1, 3, 5, 7]):
            for n in batch:
                store.save_article(article(n), [], "m", "r", minhash=signature(texts[n]))
            mark_copies(store)
        assert _stored_copies(store) == expected(range(8))
        assert _stored_copies(store)  # the case has clusters at all
        # the path of article 1 now names other text: 1, the only link between 0 and the rest
        # of its chain, is dropped, and the chain falls in two
        store.link_path(article(1).model_copy(update={"article_id": "id7"}))
        mark_copies(store)
        after = expected([0, 2, 3, 4, 5, 6, 7])
        assert "id0" not in after.values() and after != expected(range(8))
        assert _stored_copies(store) == after


# --- one text, several publications -----------------------------------------------------------

PRINTED = (
    "Floods in the northern province have killed at least 46 people, the regional disaster "
    "agency said on Tuesday. Rescue crews were still searching villages along the river.\n"
)
OWN = "Floods in the north have killed 50 people, a hospital director said on Wednesday.\n"


def _run(folder, db, *args):
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, [*args, "--db", str(db)] + ([str(folder)] if folder else []))
    assert result.exit_code == 0, result.output
    return result.stdout


def _manifest(folder, b_publisher, b_date):
    (folder / "sources.csv").write_text(
        "file,publisher,published\n"
        f"a.txt,Outlet A,2024-03-05\nb.txt,{b_publisher},{b_date}\nown.txt,Own Post,2024-03-06\n"
    )


def _two_printings(tmp_path):
    """a.txt and b.txt: one text from two outlets; own.txt: another outlet's own report."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PRINTED)
    (folder / "b.txt").write_text(PRINTED)
    (folder / "own.txt").write_text(OWN)
    _manifest(folder, "Outlet B", "2024-03-06")
    return folder, tmp_path / "s.db"


def test_one_text_from_two_outlets_is_two_articles_and_one_source(tmp_path, monkeypatch):
    import factcheck.extraction.pipeline as pipeline

    folder, db = _two_printings(tmp_path)
    parsed = []
    real = pipeline.extract_claims
    monkeypatch.setattr(
        pipeline, "extract_claims",
        lambda nlp, items, *a, **k: real(nlp, [parsed.append(i) or i for i in items], *a, **k),
    )  # fmt: skip
    out = _run(folder, db, "extract", "-f", "json")
    assert len(parsed) == 2  # the shared text is parsed once
    by_article = {c["article"].rsplit("/", 1)[-1]: c for c in json.loads(out)}
    assert by_article["a.txt"]["publisher"] == "Outlet A"
    assert by_article["b.txt"]["publisher"] == "Outlet B"
    assert by_article["a.txt"]["article_id"] == by_article["b.txt"]["article_id"]

    [group] = json.loads(_run(None, db, "conflicts", "--all", "-f", "json"))
    assert {c["publisher"] for c in group["claims"]} == {"Outlet A", "Outlet B", "Own Post"}
    assert group["sources"] == 2  # the two printings of one text are one source
    table = _run(None, db, "conflicts", "--all", "-f", "markdown")
    assert "copy in 1 more outlet" in table

    # a re-run parses nothing; a corrected manifest re-dates the publication it corrects
    parsed.clear()
    _manifest(folder, "Outlet C", "2024-03-07")
    summary = _run(folder, db, "extract")
    assert not parsed and "│ updated │" in summary
    [group] = json.loads(_run(None, db, "conflicts", "--all", "-f", "json"))
    assert {c["publisher"] for c in group["claims"]} == {"Outlet A", "Outlet C", "Own Post"}


def test_new_rules_date_every_publication_again_and_a_moved_name_hands_over(tmp_path, monkeypatch):
    import factcheck.run as extraction

    folder, db = _two_printings(tmp_path)
    _run(folder, db, "extract")
    monkeypatch.setattr(extraction, "rules_version", lambda *_: "newer rules")
    _run(folder, db, "extract")  # every text parsed again: the publication keeps its claims
    claims = json.loads(_run(None, db, "claims", "-f", "json"))
    assert sorted(c["publisher"] for c in claims) == ["Outlet A", "Outlet B", "Own Post"]

    # a.txt, the name the text is stored under, now holds other text: b.txt takes its place
    (folder / "a.txt").write_text(OWN.replace("50", "52"))
    _run(folder, db, "extract")
    claims = json.loads(_run(None, db, "claims", "-f", "json"))
    printed = [c for c in claims if c["text"] == "at least 46"]
    assert [(c["article"].rsplit("/", 1)[-1], c["publisher"]) for c in printed] == [
        ("b.txt", "Outlet B")
    ]


def test_a_run_over_one_outlets_file_prints_that_outlets_claims(tmp_path):
    folder, db = _two_printings(tmp_path)
    _run(folder, db, "extract")
    manifest = str(folder / "sources.csv")
    for name, publisher in (("a.txt", "Outlet A"), ("b.txt", "Outlet B")):
        out = _run(None, db, "extract", str(folder / name), "--manifest", manifest, "-f", "json")
        assert {c["publisher"] for c in json.loads(out)} == {publisher}


def test_an_interrupted_re_dating_leaves_every_publication_its_claims(tmp_path, monkeypatch):
    """New metadata for the text's first outlet re-dates its other publications in the same
    transaction: a failure part way leaves the store as it was, not a publication with none."""
    import factcheck.run as extraction

    folder, db = _two_printings(tmp_path)
    _run(folder, db, "extract")
    before = sorted(c["publisher"] for c in json.loads(_run(None, db, "claims", "-f", "json")))

    def failing(saved):
        def publications(pubs):
            raise KeyboardInterrupt

        return publications

    monkeypatch.setattr(extraction, "_dated", failing)
    _manifest(folder, "Outlet B", "2024-03-06")
    (folder / "sources.csv").write_text(
        (folder / "sources.csv").read_text().replace("a.txt,Outlet A,2024-03-05", "a.txt,Outlet A,2024-03-04")
    )
    from typer.testing import CliRunner

    from factcheck.cli import app

    assert CliRunner().invoke(app, ["extract", str(folder), "--db", str(db)]).exit_code == 130
    after = sorted(c["publisher"] for c in json.loads(_run(None, db, "claims", "-f", "json")))
    assert after == before and "Outlet B" in after


def test_a_copy_cluster_left_by_a_changed_file_is_compared_again_in_a_run_with_nothing_new(tmp_path):
    from factcheck.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for name, n in (("a", 0), ("c", 1), ("d", 2)):
        (folder / f"{name}.txt").write_text(_copy(n))
    db = tmp_path / "s.db"
    _run(folder, db, "extract")
    (folder / "a.txt").write_text(_copy(1))  # a.txt now holds c's text: nothing new to parse
    _run(None, db, "extract", str(folder / "a.txt"))
    with Store(db, readonly=True) as store:
        roots = dict(store.conn.execute("SELECT article_id, copy_of FROM articles"))
    assert len(roots) == 2 and sum(v is None for v in roots.values()) == 1  # one cluster again


def test_a_text_parsed_again_under_its_second_outlets_name_keeps_both_outlets(tmp_path, monkeypatch):
    """New rules, and a run over only the second outlet's file: the text is parsed again, the
    first outlet stays its first publication (its claims re-dated), the second keeps its own."""
    import factcheck.run as extraction

    folder, db = _two_printings(tmp_path)
    _run(folder, db, "extract")
    monkeypatch.setattr(extraction, "rules_version", lambda *_: "newer rules")
    manifest = str(folder / "sources.csv")
    _run(None, db, "extract", str(folder / "b.txt"), "--manifest", manifest)
    claims = json.loads(_run(None, db, "claims", "-f", "json"))
    assert sorted(c["publisher"] for c in claims) == ["Outlet A", "Outlet B", "Own Post"]


def test_a_corrected_date_makes_another_copy_the_first(tmp_path):
    """The first printing names the cluster: when the first one's date is corrected to later
    than the others, the cluster is compared again and named by the new first."""
    import datetime as dt

    from factcheck.models import Article
    from factcheck.store import Store

    def article(n: int, day: int) -> Article:
        return Article(
            article=f"in/{n}.txt", article_id=f"id{n}", publisher=None,
            published=dt.date(2024, 3, day), story="s-1",
        )  # fmt: skip

    days = {0: 1, 1: 2, 2: 3}
    with Store(tmp_path / "s.db") as store:
        for n in range(3):
            store.save_article(article(n, days[n]), [], "m", "r", minhash=signature(_copy(n)))
        mark_copies(store)
        assert _stored_copies(store) == {"id1": "id0", "id2": "id0"}
        days[0] = 5
        store.save_article(article(0, 5), [], "m", "r", minhash=signature(_copy(0)))
        mark_copies(store)
        rows = [
            (f"id{n}", f"2024-03-0{days[n]} in/{n}.txt", signature(_copy(n)),
             dt.date(2024, 3, days[n]).toordinal())
            for n in range(3)
        ]  # fmt: skip
        assert _stored_copies(store) == copy_clusters(rows) == {"id0": "id1", "id2": "id1"}
