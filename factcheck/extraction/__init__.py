"""Extraction: parsed text → claim drafts → claims. The one step that runs spaCy.

`pipeline` loads a model and runs it in batches; `components` are the spaCy factories
(`factcheck_numbers`, `factcheck_claims`); `claim` assembles a draft from the readers of one
concern each (`metric`, `place`, `part`, `attribution`, `when`, `kind`) over the parse helpers in
`tree` and the passages chosen in `passages`. `drafts` turns drafts into claims and imports no
spaCy, so re-dating stored drafts never loads a model. Imports run one way: claim → readers →
tree → drafts.
"""

from factcheck._lazy import lazy_exports

_OFFERS = {
    "load_pipeline": "factcheck.extraction.pipeline",
    "extract_claims": "factcheck.extraction.pipeline",
    "make_number_finder": "factcheck.extraction.components",
    "make_claim_builder": "factcheck.extraction.components",
    "build_claims": "factcheck.extraction.claim",
    "build_claim": "factcheck.extraction.claim",
    "ClaimDraft": "factcheck.extraction.drafts",
    "Mention": "factcheck.extraction.drafts",
    "to_claims": "factcheck.extraction.drafts",
}
__all__ = sorted(_OFFERS)
__getattr__ = lazy_exports(__name__, _OFFERS)
