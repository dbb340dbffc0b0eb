"""The data files validate: pattern ids, the metric vocabulary, entry points, lexicons."""

from __future__ import annotations

import pytest

from factcheck.resources import metric_pack, patterns


def test_pattern_ids_are_unique():
    ids = [p.id for p in patterns("numbers")]
    assert len(ids) == len(set(ids))


def test_contract_metric_vocabulary_is_in_the_pack():
    names = {m.name for m in metric_pack().metrics}
    contract = {
        "killed",
        "wounded",
        "missing",
        "displaced",
        "hostages_taken",
        "hostages_held",
        "hostages_released",
        "hostages_dead",
        "hostages_alive",
        "hostages_rescued",
        "hostage_bodies_returned",
        "prisoners_released",
        "prisoners_held",
        "arrested",
        "aid_trucks",
        "population",
        "buildings_destroyed",
    }
    assert contract <= names


def test_factories_are_exposed_as_entry_points():
    from importlib.metadata import entry_points

    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert {"factcheck_numbers", "factcheck_claims"} <= names


def test_demonyms_cover_every_country_and_the_lexicon_overrides() -> None:
    from factcheck.resources import demonyms

    d = demonyms()
    assert d["moroccan"] == d["moroccans"] == "Morocco"
    assert d["pakistanis"] == "Pakistan"
    assert d["chinese"] == "China"  # shared with Hong Kong and Macau: the most populous wins
    assert d["french"] == "France"  # not Martinique
    assert d["palestinian"] == "Palestinian territories"  # the package's own lexicon


def test_a_cue_naming_a_class_the_pack_lacks_is_refused():
    from pydantic import ValidationError

    from factcheck.resources import MetricPack

    data = {"name": "x", "metrics": [{"name": "m", "direction": "rises", "cues": [[["@nope"]]]}]}
    with pytest.raises(ValidationError, match="names no class"):
        MetricPack.model_validate(data)
    data["classes"] = {"nope": {"words": ["hostage"], "example": "Two hostages."}}
    assert MetricPack.model_validate(data).metrics[0].cues == [[["hostage"]]]
