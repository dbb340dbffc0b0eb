"""Story clustering: articles about one event join, two events in one city stay apart, ids hold."""

from __future__ import annotations

import datetime as dt

from factcheck.reconciliation.stories import (
    StoryRow,
    assign_stories,
    cluster_store,
    story_features,
    story_label,
)

FLOOD = """Floods kill hundreds in Valdora

Rescuers in Valdora pulled more bodies from the mud on Tuesday after the Ostrava dam burst.
Mayor Lenka Brightwater said 300 people had died and the Ostrava river was still rising.
"""
FLOOD_2 = """Valdora flood toll rises to 410

The Ostrava dam failure in Valdora has now killed 410 people, Mayor Lenka Brightwater said,
as rescuers searched the mud along the Ostrava river for the missing.
"""
SHOOTING_A = """Two shot outside Marlow Street bar

Police said Quentin Harrow, 24, and a second man were wounded outside the Copperline Tavern on
Marlow Street late Friday. Detective Ada Voss said no arrests have been made.
"""
SHOOTING_A2 = """Copperline Tavern shooting: victim named

The man wounded outside the Copperline Tavern on Marlow Street was Quentin Harrow, Detective
Ada Voss said Saturday.
"""
SHOOTING_B = """Woman killed in Elmhurst Avenue home

A 31-year-old woman, Brenna Colt, was shot and killed inside a home on Elmhurst Avenue on
Sunday, police said. Sergeant Milo Pike said a neighbour called 911.
"""

PLACE = {"key": "geo:1", "chain": ["geo:1", "XX-1", "XX"], "level": "city", "display": "Town"}


def row(name, text, day, story=None, place=PLACE):
    return StoryRow(
        article_id=name * 8,
        article=name,
        published=dt.date(2030, 5, day),
        features=story_features(text, text.splitlines()[0], place),
        story=story,
    )


def test_features_count_names_and_title_words() -> None:
    f = story_features(FLOOD, "Floods kill hundreds in Valdora")
    terms = f["terms"]
    assert terms["n:lenka brightwater"] == 1
    assert terms["n:valdora"] >= 1
    assert "the" not in terms and "after" not in terms  # stop words
    assert terms["floods"] >= 2  # a title word counts twice


def test_reports_of_one_event_join_and_another_event_in_the_same_town_does_not() -> None:
    rows = [
        row("a", SHOOTING_A, 1),
        row("b", SHOOTING_A2, 2),
        row("c", SHOOTING_B, 3),
        row("d", FLOOD, 1, place=None),
        row("e", FLOOD_2, 4, place=None),
    ]
    found = {k[0]: v for k, v in assign_stories(rows).items()}
    assert found["a"] == found["b"]
    assert found["d"] == found["e"]
    assert len({found["a"], found["c"], found["d"]}) == 3


def test_stored_stories_keep_their_ids_and_new_articles_join_them() -> None:
    first = [row("a", SHOOTING_A, 1), row("c", SHOOTING_B, 3)]
    ids = assign_stories(first)
    stored = [
        StoryRow(r.article_id, r.article, r.published, r.features, ids[r.article_id], "cluster")
        for r in first
    ]
    later = assign_stories([*stored, row("b", SHOOTING_A2, 2)])
    assert later == {"b" * 8: ids["a" * 8]}
    assert len(set(ids.values())) == 2
    assert assign_stories(stored) == {}  # nothing to do: nothing is renumbered


def test_label_names_the_place_and_the_people() -> None:
    rows = [row("a", SHOOTING_A, 1), row("b", SHOOTING_A2, 2)]
    label, place = story_label(rows)
    assert place == "Town"
    assert "Quentin Harrow" in label or "Ada Voss" in label or "Copperline Tavern" in label


def test_the_store_streams_the_same_stories_as_clustering_in_memory(tmp_path) -> None:
    """`cluster_store` reads one article at a time; its stories are those of
    `assign_stories` over every row at once, in a first run and in a later one."""
    import json

    from factcheck.measure.synthetic import synthetic_story_rows
    from factcheck.store import Store

    rows, _ = synthetic_story_rows(300, seed=5)
    first, later = rows[:200], rows[200:]

    def insert(store: Store, batch: list[StoryRow]) -> None:
        with store.conn:
            store.conn.executemany(
                "INSERT INTO articles(article_id, article, published, features, "
                "publisher_source, published_source) VALUES (?, ?, ?, ?, 'none', 'none')",
                [
                    (
                        r.article_id,
                        r.article,
                        r.published and r.published.isoformat(),
                        json.dumps(r.features),
                    )
                    for r in batch
                ],
            )

    def stored(store: Store) -> dict[str, str]:
        return dict(store.conn.execute("SELECT article_id, story FROM articles"))

    with Store(tmp_path / "s.db") as store:
        insert(store, first)
        assert cluster_store(store, chunk=7) == 200
        ids = assign_stories(first)
        assert stored(store) == ids
        insert(store, later)
        assert cluster_store(store, chunk=7) == 100
        kept = [
            StoryRow(r.article_id, r.article, r.published, r.features, ids[r.article_id], "cluster")
            for r in first
        ]
        assert stored(store) == {**ids, **assign_stories([*kept, *later])}
        assert len(set(ids.values())) > 5  # many stories, not one


def _storm_report(k: int) -> str:
    """A short report of the storm Zephyrine: its name twice, the words every report uses, and
    a dozen names of its own (made up, so English at large weighs them all alike)."""
    places = " ".join(f"near Quill{chr(97 + k)}{chr(97 + j)}ton," for j in range(13))
    return (
        f"Zephyrine report {k}\n\nCrews searched {places} after the storm Zephyrine and the\n"
        "rain that the storm Zephyrine brought. Rescuers said the flood waters rose, the levee\n"
        "broke and the death toll climbed as bodies were recovered from flooded homes.\n"
    )


def test_reports_that_share_only_the_storms_name_still_join() -> None:
    """Where every article tells one story its name has the least IDF, so two reports may share
    none of their strongest terms; they are still found through the name they repeat."""
    rows = [row(name, _storm_report(k), 1 + 3 * k, place=None) for k, name in enumerate("pqrs")]
    found = {k[0]: v for k, v in assign_stories(rows).items()}
    assert len(set(found.values())) == 1, found


WAR_NORTH = """Ceasefire holds in Tarvos as Kellan hostages freed

Kellan fighters freed three Tarvos hostages on Sunday under the Ardent ceasefire, and Tarvos
released 90 Kellan prisoners. Mediators from Osgard said the truce in the Vellum Strip held.
"""
WAR_SOUTH = """Vellum Strip aid convoys roll as Ardent ceasefire holds

Aid trucks entered the Vellum Strip as the Ardent ceasefire between Tarvos and Kellan fighters
held; Osgard mediators said more hostages and prisoners would be freed next week.
"""
WAR_LATER = """Second swap under Ardent ceasefire

Kellan fighters freed four Tarvos hostages and Tarvos released 200 prisoners as the Ardent
ceasefire in the Vellum Strip held, Osgard mediators said.
"""
NORTH = {"key": "geo:N", "chain": ["geo:N", "NN"], "level": "country", "display": "Tarvos"}
SOUTH = {"key": "geo:S", "chain": ["geo:S", "SS"], "level": "country", "display": "Vellum"}


def _stored(r, story, source="cluster"):
    return StoryRow(r.article_id, r.article, r.published, r.features, story, source)


def test_two_stories_one_war_split_by_the_side_each_report_took_are_merged() -> None:
    a, b = row("a", WAR_NORTH, 1, place=NORTH), row("b", WAR_SOUTH, 2, place=SOUTH)
    found = assign_stories([_stored(a, "s-north"), _stored(b, "s-south"),
                            row("c", WAR_LATER, 8, place=NORTH)])  # fmt: skip
    # the later story joins the earlier: its stored article moves, the new one follows
    assert found == {"b" * 8: "s-north", "c" * 8: "s-north"}


def test_a_manifests_story_or_a_story_months_away_is_never_merged() -> None:
    a, b = row("a", WAR_NORTH, 1, place=NORTH), row("b", WAR_SOUTH, 2, place=SOUTH)
    named = assign_stories([_stored(a, "s-north"), _stored(b, "desk-story", "manifest"),
                            row("c", WAR_LATER, 8, place=NORTH)])  # fmt: skip
    assert "b" * 8 not in named
    far = StoryRow(b.article_id, b.article, dt.date(2030, 9, 1), b.features, "s-south", "cluster")
    found = assign_stories([_stored(a, "s-north"), far, row("c", WAR_LATER, 8, place=NORTH)])
    assert "b" * 8 not in found  # four months after: another story, whatever its words
