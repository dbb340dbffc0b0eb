"""Every rule as data fires on the example written beside it, through the real pipeline."""

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


@pytest.mark.parametrize("metric", metric_pack().metrics, ids=lambda m: m.name)
def test_every_metric_has_a_direction_and_its_example_yields_it(nlp, metric):
    assert metric.direction in ("rises", "falls", "moves", "fixed")
    found = [c.metric for c in nlp(metric.example)._.factcheck_claims]
    assert metric.name in found, (metric.example, found)


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
