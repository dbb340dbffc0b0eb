"""Reconciliation: which articles tell of one event, which are copies, which figures measure
one quantity, and what their differences mean.

`stories` clusters articles, `copies` finds one text printed twice, `figures` reads one figure
(its interval, precision and date), `groups` buckets figures of one quantity, `verdicts` judges
two figures, and `conflicts` assembles judged groups. Pure over claims (the store is reached
through its narrow methods); no spaCy, no rich.
"""

from factcheck._lazy import lazy_exports

_OFFERS = {
    "cluster_store": "factcheck.reconciliation.stories",
    "stored_stories": "factcheck.reconciliation.stories",
    "assign_stories": "factcheck.reconciliation.stories",
    "mark_copies": "factcheck.reconciliation.copies",
    "pair_interval": "factcheck.reconciliation.figures",
    "figure_date": "factcheck.reconciliation.figures",
    "quantity_buckets": "factcheck.reconciliation.groups",
    "judge_pair": "factcheck.reconciliation.verdicts",
    "VERDICT_ORDER": "factcheck.reconciliation.verdicts",
    "group_claims": "factcheck.reconciliation.conflicts",
    "judged_groups": "factcheck.reconciliation.conflicts",
    "group_order": "factcheck.reconciliation.conflicts",
}
__all__ = sorted(_OFFERS)
__getattr__ = lazy_exports(__name__, _OFFERS)
