"""What a figure counts: the metric pack's cues by their distance in the tree, generic names,
revisions and pending releases. `extraction.metric`.
"""

from __future__ import annotations

import pytest

from tests.extraction.helpers import claims_of, one


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        ("Five people were shot outside the hall.", "Five", "shot"),
        ("Police found two men shot to death in a parked car.", "two", "killed"),
        ("Nine people were shot, two fatally, near the market.", "two", "killed"),
        ("Three victims were in stable condition at the county hospital.", "Three", "wounded"),
        ("One dead, others hurt in a crash on the bridge.", "One", "killed"),
        ("A man who fatally shot seven people was arrested.", "seven", "killed"),
        ("Two people were shot and killed near the park.", "Two", "killed"),
        ("The gunman who killed 49 and injured 53 was shot by police.", "49", "killed"),
        ("The gunman who killed 49 and injured 53 was shot by police.", "53", "wounded"),
        ("Gunmen opened fire on four teenagers, killing two of them.", "four", "shot"),
    ],
)
def test_who_suffered_is_a_weak_cue_beside_what_happened(nlp, text, figure, metric) -> None:
    assert one(nlp, text, figure).metric == metric


@pytest.mark.parametrize(
    ("text", "figure", "cue"),
    [
        ("The agency revised the toll down to 97 on Friday.", "97", True),
        ("The agency revised the toll to 97 from 114.", "114", False),
        ("The toll is now 275 after factoring out some double counting.", "275", True),
        ("The toll rose to 310 on Friday.", "310", False),
    ],
)
def test_a_figure_its_source_revised_says_so(nlp, text, figure, cue) -> None:
    c = one(nlp, text, figure)
    assert any(e.startswith("revision: ") for e in c.evidence) is cue


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        ("The rebels are still holding three aid workers' children and two Danish citizens.", "two", "hostages_held"),
        ("Pirates released 17 sailors and two passengers on Monday.", "two", "hostages_released"),
        ("The militia seized 40 passengers from the bus.", "40", "hostages_taken"),
        ("Guards transferred 300 convicts, and the junta later freed 120 convicts.", "120", "prisoners_released"),
        ("The junta chief pardoned 2,150 prisoners to mark the new year.", "2,150", "prisoners_released"),
        ("The council granted amnesty to more than 900 prisoners.", "more than 900", "prisoners_released"),
    ],
)
def test_people_nouns_take_the_metric_their_verb_class_gives(nlp, text, figure, metric) -> None:
    assert one(nlp, text, figure).metric == metric


def test_captives_whose_release_is_still_to_come_are_held(nlp) -> None:
    passive = one(nlp, "Another 12 hostages are due to be freed in the second stage.", "12")
    assert (passive.metric, passive.kind) == ("hostages_held", None)
    nominal = one(nlp, "The next stage will include the release of 30 detainees.", "30")
    assert nominal.metric == "prisoners_held"
    done = one(nlp, "The group was slated to release three hostages on Saturday.", "three")
    assert done.metric == "hostages_released"  # an act still planned is not a stock


def test_a_bare_number_counts_the_people_its_sentences_previous_figure_counts(nlp) -> None:
    text = "Three captives were confirmed dead on Friday, while one is thought to be alive."
    assert one(nlp, text, "one").metric == "hostages_alive"
    # an outcome is not carried over: "1 dead, 5 injured" does not make the five dead
    assert one(nlp, "Two dead, 5 injured in a warehouse blast", "5").metric == "wounded"


def test_the_head_of_a_noun_run_is_its_last_noun(nlp) -> None:
    text = "Officials said fewer than 20 reserve duty army medics are being held in the tunnels."
    claim = one(nlp, text, "fewer than 20")
    assert claim.counted.endswith("medics")


def test_a_cue_word_counts_only_in_its_own_sense(nlp) -> None:
    text = "So far 600 patients have been sent home and 140 are being treated free of charge."
    assert one(nlp, text, "140").metric == "wounded"


def test_a_result_word_on_the_verb_beats_a_conjoined_verb(nlp) -> None:
    text = "The suspect is charged with fatally shooting two men and wounding a Friday patron."
    assert one(nlp, text, "two").metric == "killed"


def test_a_generic_metric_spells_irregular_verbs() -> None:
    from factcheck.extraction.tree import _past

    assert (_past("hold"), _past("seize"), _past("carry")) == ("held", "seized", "carried")


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        ("Three bridges collapsed after the storm.", "Three", "bridges_destroyed"),
        ("Three bridges were washed away overnight.", "Three", "bridges_destroyed"),
        ("The flood caused the destruction of three bridges.", "three", "bridges_destroyed"),
        ("A depot and four warehouses were requisitioned.", "four", "warehouses_requisitioned"),
        ("Officials listed 60 flights cancelled at the airport.", "60", "flights_cancelled"),
        ("About 40 ferries were delayed or cancelled.", "About 40", "ferries_delayed_or_cancelled"),
    ],
)
def test_a_generic_metric_names_one_act_one_way(nlp, text, figure, metric) -> None:
    assert one(nlp, text, figure).metric == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("The cyclone destroyed 300 houses on the coast.", "buildings_destroyed"),
        ("The cyclone damaged 300 houses on the coast.", "buildings_damaged"),
        ("The cyclone damaged or destroyed 300 houses on the coast.", "buildings_damaged_or_destroyed"),
    ],
)
def test_damaged_and_destroyed_buildings_are_different_counts(nlp, text, metric) -> None:
    assert one(nlp, text, "300").metric == metric


def test_an_event_noun_a_figure_is_of_is_its_cue(nlp) -> None:
    text = "The storm led to the deaths of dozens of villagers and the destruction of many homes."
    assert one(nlp, text, "dozens").metric == "killed"


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        ("The insurer laid off 1,500 employees on Tuesday.", "1,500", "jobs_cut"),
        ("Some 1,500 staff are being let go.", "Some 1,500", "jobs_cut"),
        ("The insurer announced 1,500 layoffs.", "1,500", "jobs_cut"),
        ("The plan could mean 1,500 job losses in Spain.", "1,500", "jobs_cut"),
        ("The 900 drivers it hires will not be affected.", "900", "drivers_not_affected"),
        ("The plant employs 3,000 people and builds ferries.", "3,000", "people_employed"),
    ],
)
def test_generic_names_read_phrasal_verbs_denials_and_job_words(nlp, text, figure, metric) -> None:
    assert one(nlp, text, figure).metric == metric


def test_an_amount_of_people_takes_their_verb(nlp) -> None:
    assert one(nlp, "Thousands of farmers blocked the roads.", "Thousands").metric == (
        "farmers_blocked"
    )


def test_a_figure_without_a_noun_reads_through_its_sentences_previous_figure(nlp) -> None:
    text = "Divers found four more survivors, bringing the total to 52."
    assert one(nlp, text, "52").metric == one(nlp, text, "four").metric == "survivors_found"
    text = "Guards stopped 60 migrants; 14 of them were returned."
    assert one(nlp, text, "14").metric == "migrants_returned"
    text = "Of the 900 ballots disputed, 610 were accepted."
    assert one(nlp, text, "610").metric == "ballots_accepted"


def test_a_class_name_that_needs_its_verb_class_waits_for_it(nlp) -> None:
    assert one(nlp, "The insurer laid off 700 employees.", "700").metric == "jobs_cut"
    assert one(nlp, "About 700 employees marched to the office.", "About 700").metric == (
        "employees_marched"
    )
    # made sick is harm short of death, the wounded (no longer a name of its own)
    assert one(nlp, "The smoke made 30 pupils sick.", "30").metric == "wounded"


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        ("The floods killed 61 residents.", "61", "killed"),
        ("Officials evacuated 2,000 residents from the valley.", "2,000", "people_evacuated"),
        ("The town of 8,400 residents lost its water supply.", "8,400", "population"),
        ("The island has 12,000 inhabitants.", "12,000", "population"),
    ],
)
def test_residents_are_a_population_unless_something_befell_them(nlp, text, figure, metric):
    assert one(nlp, text, figure).metric == metric


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        # the verb of the container a figure is counted in is the figure's own
        ("A total of 83 hostages have been freed under the deal.", "83", "hostages_released"),
        ("The number of detainees released rose to 312.", "312", "prisoners_released"),
        # a facility is a building, never the wounded it treats
        ("Officials said six hospitals had been destroyed and 27 schools damaged.", "six", "buildings_destroyed"),
        ("Officials said six hospitals had been destroyed and 27 schools damaged.", "27", "buildings_damaged"),
    ],
)  # fmt: skip
def test_what_the_clause_counts_decides_the_metric(nlp, text, figure, metric) -> None:
    assert one(nlp, text, figure).metric == metric


def test_a_cue_word_naming_another_nouns_kind_is_no_cue(nlp) -> None:
    c = one(nlp, "The deal frees 250 prisoners, 44 of them serving life sentences.", "250")
    assert c.metric == "prisoners_released"
    assert all(
        x.metric != "killed"
        for x in claims_of(nlp, "Among those freed, 44 were serving life sentences for murder.")
    )


def test_a_release_its_clause_dates_is_that_days_planned_release(nlp) -> None:
    dated = one(nlp, "Four hostages are set to be freed on Thursday.", "Four")
    assert (dated.metric, dated.kind) == ("hostages_released", "planned")
    stock = one(nlp, "Another 11 hostages are slated to be released.", "11")
    assert stock.metric == "hostages_held"


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        # released people are hostages only where the article speaks of captives ...
        ("Militants freed four women on Friday. The hostages were taken to hospital.", "four", "hostages_released"),
        # ... prisoners in a prisoner swap ...
        ("The two sides swapped prisoners of war. Today, 205 soldiers returned home.", "205", "prisoners_released"),
        # ... and neither where nobody is held
        ("So far 14 persons have been released, police said.", "14", "persons_released"),
    ],
)  # fmt: skip
def test_who_is_released_depends_on_who_the_article_says_was_held(nlp, text, figure, metric):
    assert one(nlp, text, figure).metric == metric


def test_the_evacuated_are_not_the_displaced(nlp) -> None:
    assert one(nlp, "Officials evacuated 12,400 people ahead of the storm.", "12,400").metric == (
        "people_evacuated"
    )
    assert one(nlp, "The floods left 3,100 people homeless.", "3,100").metric == "displaced"


def test_people_aboard_are_a_fact_of_the_trip_with_passengers_and_crew_as_parts(nlp) -> None:
    found = {
        c.text: (c.metric, c.part)
        for c in claims_of(
            nlp, "The plane was carrying 58 people, including 53 passengers and five crew members."
        )
    }
    assert found == {
        "58": ("people_aboard", None),
        "53": ("people_aboard", "passengers"),
        "five": ("people_aboard", "crew"),
    }
    # a toll of passengers is a toll, and a name is not a count
    assert one(nlp, "The crash killed 61 passengers.", "61").metric == "killed"
    assert claims_of(nlp, "He spoke before boarding Air Force One on Sunday.") == []


def test_a_share_of_captives_that_is_dead_counts_hostages_dead(nlp) -> None:
    text = "Hostages still in captivity: 64, of whom the army has declared 27 to be dead."
    assert one(nlp, text, "27").metric == "hostages_dead"
    assert one(nlp, "The deal freed 33 hostages. Officials say six of the 33 are dead.", "six").metric == (
        "hostages_dead"
    )
    # a toll beside captives taken is still a toll
    assert one(nlp, "Gunmen killed 1,139 people and took 240 hostages.", "1,139").metric == "killed"


def test_a_count_of_buildings_counts_them_and_a_toll_beside_a_collapse_is_a_toll(nlp) -> None:
    assert one(nlp, "Mill collapse toll passes 1,100", "1,100").metric == "killed"
    assert one(nlp, "The fire destroyed more than 900 homes.", "more than 900").metric == (
        "buildings_destroyed"
    )


def test_a_facility_counted_in_a_list_of_damage_is_a_building(nlp) -> None:
    found = {c.text: c.metric for c in claims_of(nlp, "Damage was reported in 1,041 schools and 48 hospitals.")}
    assert found == {"1,041": "buildings_damaged", "48": "buildings_damaged"}
    assert one(nlp, "Twenty people were taken to hospital.", "Twenty").metric == "wounded"


def test_a_container_read_through_a_verb_of_estimate_names_the_figure(nlp) -> None:
    c = one(nlp, "The number of those killed in the fire is estimated to be 57.", "57")
    assert (c.metric, c.qualifier) == ("killed", "approximate")


def test_a_change_told_as_a_noun_counts_the_quantity_that_changed(nlp) -> None:
    # "an increase in the number of X to N", "a revision in the death toll from A to N": the
    # quantity after "in" holds what the new value counts, as the subject of "rose to" does
    c = one(nlp, "The governor announced a revision in the death toll from 71 to 63.", "63")
    assert c.metric == "killed"
    assert any(e == "revision: 'revision'" for e in c.evidence)
    rise = one(nlp, "Officials reported a rise in the number of injured to 212.", "212")
    assert rise.metric == "wounded"


def test_a_share_opened_by_its_state_and_its_own_reported_state(nlp) -> None:
    # "Among those injured, ...": the opener names the whole by its state, not the figure before
    text = "The blast killed 14 people. Among those injured, 31 were children."
    assert one(nlp, text, "31").metric == "wounded"
    # "with 4 of them declared dead": a share's own reported state says what it counts
    held = "Rebels still hold 22 hostages, with 4 of them declared dead by the army."
    assert one(nlp, held, "4").metric == "hostages_dead"


def test_a_figure_in_a_with_phrase_is_not_the_value_its_verb_gives(nlp) -> None:
    # the container and the revision belong to "revised to 63"; the "with" figure is its own
    text = "The toll was revised down to 63, with a further 140 people reported as injured."
    c = one(nlp, text, "140")
    assert c.metric == "wounded"
    assert not any(e.startswith("revision: ") for e in c.evidence)
    assert one(nlp, text, "63").metric == "killed"


def test_coordinated_figures_share_the_verb_above_them(nlp) -> None:
    # the second noun of "N hostages and M nationals" has the same release, and the same day
    text = "Two Israeli hostages and four Nepali workers are set to be freed on Friday under the deal."
    found = {c.text: (c.metric, c.kind) for c in claims_of(nlp, text)}
    assert found == {"Two": ("hostages_released", "planned"), "four": ("hostages_released", "planned")}
    # "1,200 prisoners" beside "40 hostages" is freed too, not held
    done = "By the end of the month, 40 hostages and 1,200 prisoners are expected to have been freed."
    found = {c.text: c.metric for c in claims_of(nlp, done)}
    assert found == {"40": "hostages_released", "1,200": "prisoners_released"}


def test_a_release_done_by_a_day_is_no_stock(nlp) -> None:
    # "expected to have been freed": the release complete by then, not people still held
    text = "By March, 25 hostages are expected to have been released."
    assert one(nlp, text, "25").metric == "hostages_released"
    # the plain future release of people named as its subject counts those still held
    assert one(nlp, "Another 11 hostages are slated to be released.", "11").metric == "hostages_held"


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        # the participle says how things stood; the clause's verb says what happened
        ("Four men held hostage by the militia since May have been released.", "Four", "hostages_released"),
        ("Two people shot outside the bar on Friday have died.", "Two", "killed"),
        # a headline's participle is its only verb
        ("6 people hurt in downtown Dayton shooting\n\nPolice said.", "6", "wounded"),
        ("2 teens killed in Tulsa shooting\n\nPolice said.", "2", "killed"),
    ],
)
def test_a_participle_on_the_subject_is_background_to_its_verb(nlp, text, figure, metric) -> None:
    assert one(nlp, text, figure).metric == metric


def test_a_number_set_after_a_dash_breaks_down_the_count_before_it(nlp) -> None:
    text = "The state will free 90 detainees—40 for each soldier, and 10 for the nurse, under the deal."
    found = {c.text: c.metric for c in claims_of(nlp, text)}
    assert found == {"90": "prisoners_released", "40": "prisoners_released", "10": "prisoners_released"}
    # figures listed with commas are figures of their own
    assert one(nlp, "Police: 1 Dead, 4 Injured in Westside Shooting", "4").metric == "wounded"


def test_promised_captives_are_a_release(nlp) -> None:
    assert one(nlp, "Two of the 21 promised hostages are dead, officials said.", "21").metric == (
        "hostages_released"
    )


def test_a_fact_box_line_names_its_figure_before_the_colon(nlp) -> None:
    text = (
        "Where things stand:\n\nCaptives freed in swaps or other deals: 120, of whom 6 were dead"
        "\n\nCaptives still in captivity(asterisk): 41, of whom the army has declared 17 to be "
        "dead.\n\nBodies of captives recovered by troops: 12\n"
    )
    found = {c.text: c.metric for c in claims_of(nlp, text)}
    assert found["41"] == "hostages_held"
    assert found["17"] == "hostages_dead"
    # a colon inside running text is no label
    assert one(nlp, "The minister said: 40 were killed in the raid.", "40").metric == "killed"


def test_a_number_does_not_count_the_noun_of_a_clause_after_it(nlp) -> None:
    # the parse hangs 2,210 on "bodies" across "as more": the toll, not a day's finds
    text = "Storm death toll rises to 2,210 as more bodies found\n\nRescuers searched on."
    c = one(nlp, text, "2,210")
    assert (c.metric, c.episode) == ("killed", False)


@pytest.mark.parametrize(
    ("text", "figure", "metric"),
    [
        # people taken ill or sickened are harmed short of death: the wounded
        ("Factory leak: 4 killed, 31 taken ill after fumes spread\n\nMore later.", "31", "wounded"),
        ("Five die, 27 sick as fumes leak from tanker\n\nMore later.", "27", "wounded"),
        ("The fumes sickened 45 workers at the plant.", "45", "wounded"),
        # a compound modifier takes no one ill
        ("72 souls were on board the ill-fated plane when it crashed.", "72", "people_aboard"),
        # animals are never a toll of people
        ("Two stray dogs near the tanker had also died.", "Two", "dogs_killed"),
        ("The floods killed 5,000 cattle and 12 people.", "5,000", "cattle_killed"),
    ],
)
def test_harm_short_of_death_and_harm_to_animals(nlp, text, figure, metric) -> None:
    assert one(nlp, text, figure).metric == metric


def test_a_generic_count_is_named_for_the_state_that_names_its_noun(nlp) -> None:
    # "to reach six trapped miners": the miners are trapped, not reached
    text = "Crews drilled a fourth hole to reach six trapped miners."
    assert one(nlp, text, "six").metric == "miners_trapped"
