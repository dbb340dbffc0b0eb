"""Measure: `factcheck bench` (speed, against bare spaCy), `factcheck eval` (claims and disputes
against gold files) and the synthetic stores both use at scale. Nothing else imports this folder.
"""

from factcheck._lazy import lazy_exports

_OFFERS = {
    "run_bench": "factcheck.measure.bench",
    "read_gold": "factcheck.measure.evaluate",
    "score": "factcheck.measure.evaluate",
    "score_disputes": "factcheck.measure.evaluate",
    "build_store": "factcheck.measure.synthetic",
    "synthetic_claims": "factcheck.measure.synthetic",
}
__all__ = sorted(_OFFERS)
__getattr__ = lazy_exports(__name__, _OFFERS)
