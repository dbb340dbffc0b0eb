"""Where the parse runs: `local` (this process, or `--jobs` worker processes) and `cluster`
(a Dask cluster, `--engine dask`). Each gives (claim drafts, article) in input order from
(text, article) items; the extract run around them is the same. `local` also judges a store's
stories in worker processes for `conflicts --jobs`."""

from factcheck._lazy import lazy_exports

_OFFERS = {
    "available_cores": "factcheck.engines.local",
    "parse_here": "factcheck.engines.local",
    "parse_in_workers": "factcheck.engines.local",
    "judge_stories": "factcheck.engines.local",
    "parse_on_dask": "factcheck.engines.cluster",
}
__all__ = sorted(_OFFERS)
__getattr__ = lazy_exports(__name__, _OFFERS)
