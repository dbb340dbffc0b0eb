"""Render: models → what a person reads. Terminal tables, JSON, JSONL, CSV, Markdown, and the
HTML report with its charts. The only step that imports rich.

`rows` says how a group reads (its quantity, the figures shown, their citations) for every format;
`formats` writes the text formats; `tables` is the public face of the terminal (`render_*`,
`GroupWriter`), with the fast table writer private in `_table`; `report` builds the HTML page.
"""

from factcheck._lazy import lazy_exports

_OFFERS = {
    "render_claims": "factcheck.render.tables",
    "stream_claims": "factcheck.render.tables",
    "render_stories": "factcheck.render.tables",
    "render_summary": "factcheck.render.tables",
    "render_totals": "factcheck.render.tables",
    "render_groups": "factcheck.render.tables",
    "render_score": "factcheck.render.tables",
    "render_dispute_score": "factcheck.render.tables",
    "render_bench": "factcheck.render.tables",
    "GroupWriter": "factcheck.render.tables",
    "quantity_words": "factcheck.render.rows",
    "build_report": "factcheck.render.report",
    "write_report": "factcheck.render.report",
}
__all__ = sorted(_OFFERS)
__getattr__ = lazy_exports(__name__, _OFFERS)
