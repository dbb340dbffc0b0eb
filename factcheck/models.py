"""The JSON contract (`spec/claims.md`): what `--format json/jsonl` prints and scripts rely on.

JSON only ever comes from `model_dump(mode="json")` of these models, so field names cannot drift
from the contract. Fields beyond the contract (provenance, evidence) are additions, never renames.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.choices import Qualifier, Verdict

MetaSource = Literal["cli", "manifest", "export", "header", "html", "text", "filename", "none"]


PlaceSource = Literal["clause", "sentence", "paragraph", "article"]


class Place(BaseModel):
    """Where the counted people or things are, resolved through the gazetteer (`places.py`):
    `key` identifies the place, `region` and `country` are its ancestors, `source` says which
    part of the text named it (the claim's own clause is strongest, the article's default weakest)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    region: str | None = None
    country: str | None = None
    source: PlaceSource
    level: str | None = None
    """`city`, `county`, `region` or `country`; None when the gazetteer does not know the name."""
    key: str | None = None
    region_key: str | None = None
    country_key: str | None = None

    def chain(self) -> tuple[str, ...]:
        """Its key and its ancestors' keys, most specific first (empty when unresolved)."""
        keys = (self.key, self.region_key, self.country_key)
        return tuple(dict.fromkeys(k for k in keys if k))


class Event(BaseModel):
    """The one-act happening a figure counts ("killed in the 18 March strikes"), as its text
    names it: the noun, and the date the name gives (or the figure's own, or none). Grouping
    keeps a figure with an event apart from running totals and from other days' events."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    noun: str
    date: dt.date | None = None
    text: str | None = None
    """The date as written ("Oct. 7, 2023", "Tuesday"); None when the text gives none."""
    precision: Literal["day", "week", "month", "year"] | None = None


class Story(BaseModel):
    """A cluster of articles about one real-world event or episode (`factcheck stories`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    story: str
    label: str
    articles: list[str]
    first: dt.date | None
    last: dt.date | None
    place: str | None = None
    size: int = 0


class Article(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    article: str
    article_id: str
    publisher: str | None
    published: dt.date | None
    title: str | None = None
    publisher_source: MetaSource = "none"
    published_source: MetaSource = "none"
    url: str | None = None
    story: str | None = None
    story_source: Literal["manifest", "cluster", "none"] = "none"


Kind = Literal["total", "stock", "event", "planned", "historical", "projection"]


SPREAD_EVIDENCE = "place: spread over "
"""How a claim's evidence begins the line saying its figure spreads over several places ("243
deaths across multiple states"): its place is then the country (or the world), and grouping
keeps it apart from the count of any one of them."""


class Claim(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    article: str
    article_id: str
    publisher: str | None
    published: dt.date | None
    text: str
    start: int
    end: int
    sentence: str
    value: int | float
    value_high: int | float | None
    qualifier: Qualifier
    metric: str
    counted: str | None
    subject: str | None
    attribution: str | None
    as_of: dt.date | None
    as_of_source: Literal["text", "lead", "published", "none"] = "none"
    """Where `as_of` came from: the figure's own sentence, the article's dateline or lead
    ("lead"), its publication date, or nowhere."""
    as_of_precision: Literal["day", "week", "month", "year"] | None = None
    """How precisely the text pins `as_of`: "last week" is a week, "in May 2023" a month."""
    as_of_time: str | None = None
    """The part of the day the text gives ("evening", "22:00"), so two figures of one day can
    still be put in order."""
    subject_source: Literal["text", "article", "none"] = "none"
    """"text" when the sentence names the place; "article" when it is the article's main place."""
    part: str | None = None
    """A subset of the subject ("Americans", "identified") that keeps a part apart from its whole."""
    episode: bool = False
    """The figure counts one event ("released overnight"), not a running total."""
    evidence: list[str] = []
    """Which rules decided the metric, subject and attribution, for `--explain`."""
    story: str | None = None
    """The story of the claim's article: a group never crosses stories."""
    place: Place | None = None
    kind: Kind = "total"
    """What kind of count: a running `total`, a `stock` that can fall, one `event`, `planned`,
    `historical` (quoted by the text as superseded or past) or a `projection`."""
    copy_of: str | None = None
    """The article (id) whose text this article copies: a wire story printed again. Copies
    are one source."""
    vague: bool | None = None
    """The figure is a vague one ("thousands", "dozens"), as extraction read it: no group takes
    it, and grouping need not parse its text again. None where it is not known (a claim built by
    hand, or stored before it was kept): grouping then reads the text."""
    event: Event | None = None
    """The one-act happening the figure counts, where its text ties it to one (`Event`)."""


class Frame(BaseModel):
    """Which happening a group measures (`../shared/spec/reconciliation.md`): one `event` (a
    strike, a crash, one day's exchange), with its date, precision and the window its reports
    fall in; or a `period`, a running total or stock of a place since a start, whose readings
    its as-of dates order and never split."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: Literal["event", "period"]
    place: str | None = None
    date: dt.date | None = None
    """An event's date: the one its text gives (its name's or the figure's own), else the
    earliest report of it; None when no report is dated."""
    start: dt.date | None = None
    """A period's start: the first report of the story it was read in."""
    precision: Literal["day", "week", "month", "year"] | None = None
    window: list[dt.date] | None = None
    """The first and last dates its members refer to."""
    event: str | None = None
    """The act an event's texts name ("strike", "attack"), when they name one."""
    text: str | None = None
    """The event's date as its text writes it ("Oct. 7"), for display."""


class BestFigure(BaseModel):
    """What a casualty recorder would publish for a group: the latest figure from the most
    specific source, and the range its sources span."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: int | float
    text: str
    article: str
    as_of: dt.date | None
    low: int | float
    high: int | float


class ConflictGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    metric: str
    subject: str | None
    verdict: Verdict
    claims: list[Claim]
    values: list[str]
    spread: float
    explanation: str
    why_grouped: str
    direction: str | None = None
    part: str | None = None
    episode: bool = False
    story: str | None = None
    kind: str | None = None
    """Set for groups of figures that are not the current count: `historical`, `projection`,
    `planned` (one group per value)."""
    best: BestFigure | None = None
    """The best current figure; None for groups of earlier figures or projections."""
    sources: int = 0
    """Independent articles behind the group: copies of one text count once."""
    frame: Frame | None = None
    """Which happening the group measures (`Frame`)."""
    stories: list[str] = Field(default_factory=list)
    """Every story its members' articles belong to."""
    rewrites: list[str] = Field(default_factory=list)
    """Copies that give this quantity another figure than the text they copy."""
