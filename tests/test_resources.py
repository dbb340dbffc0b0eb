"""The data files validate, and every pattern's example makes its pattern fire."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from factcheck.resources import metric_pack, patterns


@pytest.mark.parametrize("pattern", patterns("numbers"), ids=lambda p: p.id)
def test_every_exclusion_pattern_fires_on_its_example(nlp, pattern):
    doc = nlp.make_doc(pattern.example)
    matcher = Matcher(nlp.vocab)
    matcher.add(pattern.id, [pattern.pattern])
    assert matcher(doc), pattern.example


@pytest.mark.parametrize("pattern", patterns("numbers"), ids=lambda p: p.id)
def test_no_example_of_an_exclusion_becomes_a_claim(nlp, pattern):
    assert nlp(pattern.example)._.factcheck_claims == [], pattern.example


def test_pattern_ids_are_unique():
    ids = [p.id for p in patterns("numbers")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("metric", metric_pack().metrics, ids=lambda m: m.name)
def test_every_metric_has_a_direction_and_its_example_yields_it(nlp, metric):
    assert metric.direction in ("rises", "falls", "moves", "fixed")
    found = [c.metric for c in nlp(metric.example)._.factcheck_claims]
    assert metric.name in found, (metric.example, found)


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


def _raw_pack() -> dict:
    import json
    from importlib.resources import files

    return json.loads((files("factcheck") / "data" / "metrics" / "default.json").read_text())


@pytest.mark.parametrize("name", sorted(_raw_pack()["classes"]))
def test_every_word_class_is_used_and_its_example_yields_a_metric_it_names(nlp, name):
    raw = _raw_pack()
    users = {
        m["name"]
        for m in raw["metrics"]
        if any(f"@{name}" in group for alt in m["cues"] for group in alt)
    }
    generic = raw["classes"][name].get("name")
    assert users or generic, f"class {name!r} is named by no metric and names none"
    example = raw["classes"][name]["example"]
    found = {c.metric for c in nlp(example)._.factcheck_claims}
    if users:
        assert found & users, (example, found, users)
    if generic:  # a named class names the generic metrics its words appear in
        assert any(generic in m for m in found), (example, found, generic)


def test_a_cue_naming_a_class_the_pack_lacks_is_refused():
    from pydantic import ValidationError

    from factcheck.resources import MetricPack

    data = {"name": "x", "metrics": [{"name": "m", "direction": "rises", "cues": [[["@nope"]]]}]}
    with pytest.raises(ValidationError, match="names no class"):
        MetricPack.model_validate(data)
    data["classes"] = {"nope": {"words": ["hostage"], "example": "Two hostages."}}
    assert MetricPack.model_validate(data).metrics[0].cues == [[["hostage"]]]
