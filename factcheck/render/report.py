"""Groups → one self-contained HTML page: per story, each disputed quantity told in time.

A disputed toll is easier to see than to read: one chart per group (date on x, value on y, one
mark per source, the qualifier drawn: a bound as a triangle pointing the way it bounds, a range
as a bar, "about" as a band; colour by the figure's role), its verdict and explanation, and the
evidence under it (each figure as written, its source and sentence). Charts are Vega-Lite specs
built with Altair and drawn in the browser by the Vega scripts vl-convert bundles, inlined, so
the page opens offline and makes no request of any kind. Altair and vl-convert are the `report`
extra; nothing else in factcheck imports this module.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from factcheck.models import Claim, ConflictGroup, Story, Verdict
from factcheck.reconciliation.figures import figure_date
from factcheck.render.rows import cited_figures, quantity_words

VL_VERSION = "6.4"
"""The Vega-Lite version Altair writes and the bundled scripts render (they must match)."""
BAND = 0.05
"""How wide "about" is drawn: ±5% of the figure (a reading aid, not a claim about precision)."""
ROLE_COLOURS = {
    "best current figure": "#1b7837",
    "same as the best": "#5aae61",
    "consistent with the best": "#a6d96a",
    "earlier figure": "#8c8c8c",
    "in dispute": "#c51b7d",
    "planned or projected": "#2166ac",
}
SHAPES = {
    "exact": "circle",
    "approximate": "diamond",
    "at_least": "triangle-up",
    "more_than": "triangle-up",
    "at_most": "triangle-down",
    "less_than": "triangle-down",
    "up_to": "triangle-down",
    "range": "square",
}
QUALIFIER_WORDS = {
    "exact": "● exact",
    "approximate": "◆ about (a ±5% band)",
    "at_least": "▲ at least, more than",
    "more_than": "▲ more than",
    "at_most": "▼ at most, up to, less than",
    "less_than": "▼ less than",
    "up_to": "▼ up to",
    "range": "■ a range (a bar from low to high)",
}


class ReportError(RuntimeError):
    """The report cannot be built here (the `report` extra is not installed)."""


def build_report(
    groups: Sequence[ConflictGroup],
    stories: Sequence[Story] = (),
    urls: Mapping[str, str] | None = None,
    *,
    title: str = "factcheck report",
    generated: dt.datetime | None = None,
) -> str:
    """The page as one HTML string. `urls` maps an article's name to its URL (linked from the
    evidence tables); `stories` label the sections."""
    try:
        import altair  # noqa: F401
    except ImportError as exc:  # pragma: no cover - exercised without the extra
        raise ReportError(
            "factcheck report needs the report extra: pip install 'factcheck[report]'"
        ) from exc
    urls = urls or {}
    labels = {s.story: s for s in stories}
    by_story: dict[str | None, list[ConflictGroup]] = {}
    for g in groups:
        by_story.setdefault(g.story, []).append(g)
    specs: dict[str, dict] = {}
    sections = []
    order = sorted(by_story, key=lambda s: (s is None, _first_date(by_story[s]), s or ""))
    for n, story in enumerate(order):
        members = sorted(by_story[story], key=lambda g: (-g.verdict.severity, -g.spread, g.id))
        blocks = []
        for k, g in enumerate(members):
            chart_id = f"chart-{n}-{k}"
            specs[chart_id] = group_chart(g)
            blocks.append(_group_html(g, chart_id, urls))
        sections.append(_story_html(story, labels.get(story or ""), members, blocks))
    when = (generated or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    n_groups = len(groups)
    summary = (
        f"{n_groups} quantit{'ies' if n_groups != 1 else 'y'} in {len(by_story)} "
        f"stor{'ies' if len(by_story) != 1 else 'y'}; generated {when} by factcheck."
    )
    return _PAGE.format(
        title=html.escape(title),
        summary=html.escape(summary),
        legend=_legend_html(),
        sections="\n".join(sections) or "<p>No groups to show.</p>",
        specs=_script_json(specs),
        bundle=_script_safe(vega_bundle()),
        style=_STYLE,
    )


def write_report(path: Path, page: str) -> None:
    """Written beside its final name and renamed into place: a reader never sees half a page
    (nor half a cached bundle)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)


# --- one group -------------------------------------------------------------------------------


def figure_rows(g: ConflictGroup) -> list[dict[str, object]]:
    """One row a figure as the chart draws it (copies of one text are one figure)."""
    best = g.best.value if g.best is not None else None
    latest = max((c.as_of for c in g.claims if c.as_of is not None), default=None)
    rows = []
    for c, cite in cited_figures(g):
        value = float(c.value)
        high = float(c.value_high) if c.value_high is not None else None
        low_band = high_band = None
        if c.qualifier.value == "approximate":
            low_band, high_band = value * (1 - BAND), value * (1 + BAND)
        rows.append(
            {
                "date": c.as_of.isoformat() if c.as_of else None,
                "lane": "dated" if c.as_of else "undated",
                "value": value,
                "high": high,
                "band_low": low_band,
                "band_high": high_band,
                "qualifier": c.qualifier.value,
                "shape": SHAPES.get(c.qualifier.value, "circle"),
                "role": _role(c, g, best, latest),
                "written": c.text,
                "source": cite,
                "attribution": c.attribution or "",
            }
        )
    return rows


def _role(c: Claim, g: ConflictGroup, best: float | None, latest: dt.date | None) -> str:
    if c.kind in ("planned", "projection"):
        return "planned or projected"
    if g.best is not None and c.article == g.best.article and c.text == g.best.text:
        return "best current figure"
    if best is not None and float(c.value) == best:
        return "same as the best"
    if c.kind == "historical" or (
        g.verdict is Verdict.UPDATE and c.as_of is not None and latest and c.as_of < latest
    ):
        return "earlier figure"
    if g.verdict in (Verdict.AGREE, Verdict.COMPATIBLE, Verdict.ROUNDING):
        return "consistent with the best"
    return "in dispute"


def group_chart(g: ConflictGroup) -> dict:
    """The group's timeline as a Vega-Lite spec: dated figures on a time axis, undated ones in
    a lane of their own beside it (never at a made-up date), one y scale for both. The chart
    is built (and checked against the Vega-Lite schema) once per metric and lane layout; each
    group adds its figures as the named dataset."""
    rows = figure_rows(g)
    undated = any(r["lane"] == "undated" for r in rows)
    spec = json.loads(_chart_template(g.metric.replace("_", " "), undated))
    spec["datasets"] = {"figures": rows}
    return spec


@lru_cache(maxsize=256)
def _chart_template(title: str, undated: bool) -> str:
    import altair as alt

    data = alt.Data(name="figures")
    colour = alt.Color(
        "role:N",
        title="role",
        scale=alt.Scale(domain=list(ROLE_COLOURS), range=list(ROLE_COLOURS.values())),
        legend=None,
    )
    tooltip = [
        alt.Tooltip("written:N", title="as written"),
        alt.Tooltip("source:N", title="source"),
        alt.Tooltip("qualifier:N"),
        alt.Tooltip("role:N"),
    ]
    # padded scales: a figure at the edge of the range is drawn whole, not cut in half
    y = alt.Y("value:Q", title=title, scale=alt.Scale(zero=False, padding=18))

    def layers(x: alt.X, lane: str) -> alt.LayerChart:
        base = alt.Chart(data).transform_filter(alt.datum.lane == lane)
        band = base.mark_rule(strokeWidth=9, opacity=0.3).encode(
            x=x, y=alt.Y("band_low:Q"), y2="band_high:Q", color=colour
        ).transform_filter("datum.band_low != null")  # fmt: skip
        bar = base.mark_rule(strokeWidth=3).encode(
            x=x, y=alt.Y("value:Q"), y2="high:Q", color=colour
        ).transform_filter("datum.high != null")  # fmt: skip
        points = base.mark_point(size=140, filled=True, opacity=0.9).encode(
            x=x,
            y=y,
            color=colour,
            shape=alt.Shape("shape:N", scale=None),
            tooltip=tooltip,
        )
        return alt.layer(band, bar, points)

    dated = layers(
        alt.X(
            "date:T",
            title="as of",
            scale=alt.Scale(padding=24),
            axis=alt.Axis(
                format="%b %d, %Y",
                tickCount={"interval": "day", "step": 1},
                labelOverlap="greedy",
                grid=False,
            ),
        ),
        "dated",
    ).properties(width=460, height=220)
    chart: alt.TopLevelMixin = dated
    if undated:
        lane = layers(alt.X("lane:N", title=None, scale=alt.Scale(padding=0.6)), "undated")
        chart = alt.hconcat(dated, lane.properties(width=60, height=220)).resolve_scale(y="shared")
    spec = chart.to_dict()
    spec["$schema"] = f"https://vega.github.io/schema/vega-lite/v{VL_VERSION}.json"
    return json.dumps(spec)


def _group_html(g: ConflictGroup, chart_id: str, urls: Mapping[str, str]) -> str:
    best = ""
    if g.best is not None:
        span = f"{_num(g.best.low)}–{_num(g.best.high)}" if g.best.low != g.best.high else ""
        by = next((c.publisher for c in g.claims if c.article == g.best.article), None)
        best = (
            f"<p class='best'>Best current figure: <strong>{html.escape(g.best.text)}</strong>"
            f" ({html.escape(by or g.best.article)}, {g.best.as_of or 'undated'})"
            + (f"; sources span {span}" if span else "")
            + "</p>"
        )
    rows = []
    for c, _ in cited_figures(g):
        who = html.escape(c.publisher or c.article)
        url = urls.get(c.article)
        if url and url.startswith(("http://", "https://")):
            who = f"<a href='{html.escape(url, quote=True)}' rel='noreferrer'>{who}</a>"
        outlets = _copies_of(c, g)
        copies = (
            f"<br><small>copy printed by {html.escape(', '.join(outlets))}</small>"
            if outlets
            else ""
        )
        date = c.as_of.isoformat() if c.as_of else "undated"
        rows.append(
            "<tr>"
            f"<td class='num'>{html.escape(c.text)}</td>"
            f"<td>{who}{copies}</td>"
            f"<td>{date}<br><small>{html.escape(c.as_of_source)}</small></td>"
            f"<td>{html.escape(c.attribution or '')}</td>"
            f"<td>{_highlight(c)}</td>"
            "</tr>"
        )
    return (
        f"<section class='group' id='{html.escape(g.id)}'>"
        f"<h3>{html.escape(_heading(g))} "
        f"<span class='verdict v-{g.verdict.value}'>{g.verdict.value}</span></h3>"
        f"<p class='why'>{html.escape(g.explanation)}</p>{best}"
        f"<div class='chart' id='{chart_id}' role='img' "
        f"aria-label='timeline of {html.escape(quantity_words(g), quote=True)}'></div>"
        "<table class='evidence'><thead><tr><th>as written</th><th>source</th><th>as of</th>"
        "<th>attribution</th><th>sentence</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></section>"
    )


def _copies_of(c: Claim, g: ConflictGroup) -> list[str]:
    """The other outlets that printed this figure in a copy of its text (named, not counted)."""
    source = c.copy_of or c.article_id
    return list(
        dict.fromkeys(
            o.publisher or o.article
            for o in g.claims
            if (o.copy_of or o.article_id) == source
            and o.text == c.text
            and o.attribution == c.attribution
            and (o.article_id, o.article) != (c.article_id, c.article)
        )
    )


def _heading(g: ConflictGroup) -> str:
    """The quantity, and what sets this group apart from another of the same quantity: the
    figures' span of values and of dates."""
    values = sorted({float(c.value) for c in g.claims})
    dates = sorted({c.as_of for c in g.claims if c.as_of is not None})
    span = _num(values[0]) if len(values) == 1 else f"{_num(values[0])}–{_num(values[-1])}"
    when = ""
    if dates:
        first, last = dates[0].strftime("%b %d"), dates[-1].strftime("%b %d, %Y")
        when = f", {last}" if dates[0] == dates[-1] else f", {first} – {last}"
    return f"{quantity_words(g)} · {span}{when}"


def _highlight(c: Claim) -> str:
    """The sentence with the figure marked (its first occurrence as written)."""
    at = c.sentence.find(c.text)
    if at < 0:
        return html.escape(c.sentence)
    end = at + len(c.text)
    return (
        html.escape(c.sentence[:at])
        + f"<mark>{html.escape(c.sentence[at:end])}</mark>"
        + html.escape(c.sentence[end:])
    )


def _story_html(
    story: str | None, meta: Story | None, groups: Sequence[ConflictGroup], blocks: Sequence[str]
) -> str:
    label = meta.label if meta else ("Articles in no story" if story is None else story)
    # the story's own articles and dates where it is known (`factcheck stories` says the same)
    articles = meta.size if meta else len({c.article for g in groups for c in g.claims})
    if meta:
        dates = [d for d in (meta.first, meta.last) if d is not None]
    else:
        dates = sorted({d for g in groups for c in g.claims if (d := figure_date(c))})
    span = f"{dates[0]} … {dates[-1]}" if dates else "undated"
    return (
        f"<article class='story'><h2>{html.escape(label)}</h2>"
        f"<p class='meta'>{articles} article{'s' * (articles != 1)} · {span} · "
        f"{len(groups)} quantit{'ies' if len(groups) != 1 else 'y'}</p>"
        + "".join(blocks)
        + "</article>"
    )


def _legend_html() -> str:
    roles = "".join(
        f"<li><span class='swatch' style='background:{c}'></span>{html.escape(r)}</li>"
        for r, c in ROLE_COLOURS.items()
    )
    shapes = "".join(
        f"<li>{html.escape(QUALIFIER_WORDS[q])}</li>"
        for q in ("exact", "approximate", "at_least", "at_most", "range")
    )
    return f"<ul class='legend'>{roles}</ul><ul class='legend'>{shapes}</ul>"


def _first_date(groups: Sequence[ConflictGroup]) -> str:
    dates = [figure_date(c) for g in groups for c in g.claims]
    found = [d for d in dates if d is not None]
    return min(found).isoformat() if found else "9999"


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


# --- the page --------------------------------------------------------------------------------


def vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script (vl-convert), cached beside the gazetteer:
    bundling takes seconds, the bundle does not change between runs of one version."""
    import vl_convert as vlc

    from factcheck.places import cache_folder

    folder = cache_folder()
    path = folder / f"vega-bundle-{vlc.__version__}-{VL_VERSION}.js" if folder else None
    if path is not None and path.is_file():
        return path.read_text(encoding="utf-8")
    bundle = vlc.javascript_bundle(vl_version=VL_VERSION)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_report(path, bundle)
        except OSError:
            pass
    return bundle


def _script_safe(js: str) -> str:
    """Script text that cannot close its own <script> element early."""
    return js.replace("</script", "<\\/script")


def _script_json(data: object) -> str:
    return _script_safe(json.dumps(data, separators=(",", ":")).replace("<!--", "<\\!--"))


_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;
padding:1rem;color:#222}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid #ddd;
padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
.meta,.summary{color:#555}.why{margin:.2rem 0}.best{margin:.2rem 0;color:#1b5e20}
.verdict{font-size:.8rem;padding:.1rem .45rem;border-radius:.6rem;background:#eee;
vertical-align:middle}
.v-contradiction{background:#f8d7e8;color:#8e0152}.v-update{background:#e0ecf8;color:#084594}
.v-rounding,.v-compatible{background:#fff3cd;color:#7a5b00}.v-unclear{background:#eee}
.v-agree{background:#d9f0d3;color:#1b5e20}
.chart{margin:.4rem 0;overflow-x:auto;min-height:60px}
table.evidence{border-collapse:collapse;width:100%;font-size:.9rem}
.evidence th,.evidence td{border-top:1px solid #e3e3e3;padding:.3rem .4rem;text-align:left;
vertical-align:top}.evidence td.num{white-space:nowrap;font-weight:600}
mark{background:#ffe082;padding:0 .1rem}
.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;
font-size:.85rem;color:#444}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem;
vertical-align:-1px}
@media (max-width:700px){.evidence thead{display:none}.evidence td{display:block;border:0;
padding:.1rem 0}.evidence tr{display:block;border-top:1px solid #ddd;padding:.3rem 0}}
"""

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<header><h1>{title}</h1><p class="summary">{summary}</p>{legend}</header>
<main>
{sections}
</main>
<script type="application/json" id="factcheck-specs">{specs}</script>
<script>{bundle}</script>
<script>
(function () {{
  var specs = JSON.parse(document.getElementById("factcheck-specs").textContent);
  Object.keys(specs).forEach(function (id) {{
    window.vegaEmbed("#" + id, specs[id], {{actions: false, renderer: "svg"}})
      .then(function () {{ document.getElementById(id).setAttribute("data-drawn", "yes"); }})
      .catch(function (e) {{ document.getElementById(id).textContent = "chart failed: " + e; }});
  }});
}})();
</script>
</body>
</html>
"""
