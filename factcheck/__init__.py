"""factcheck: numeric claims from news articles, with provenance, and where sources disagree.

Everything loads on first use through `__getattr__` (the pydantic models too, 150 ms of it), so
`factcheck --help` and a run with nothing new start fast; `from factcheck import Claim` works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.errors import FactcheckError, InputError, StoreError

if TYPE_CHECKING:
    from factcheck.api import extract, extract_text, json_schema, reconcile, stories
    from factcheck.extraction.pipeline import load_pipeline
    from factcheck.models import (
        Article,
        BestFigure,
        Claim,
        ConflictGroup,
        Place,
        Story,
    )
    from factcheck.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BestFigure",
    "Claim",
    "ConflictGroup",
    "FactcheckError",
    "InputError",
    "Place",
    "Qualifier",
    "Store",
    "StoreError",
    "Story",
    "Verdict",
    "__version__",
    "extract",
    "extract_text",
    "json_schema",
    "load_pipeline",
    "reconcile",
    "stories",
]

_LAZY = {
    "load_pipeline": "factcheck.extraction.pipeline",
    "extract": "factcheck.api",
    "extract_text": "factcheck.api",
    "reconcile": "factcheck.api",
    "stories": "factcheck.api",
    "json_schema": "factcheck.api",
    "Store": "factcheck.store",
    "Qualifier": "factcheck.choices",
    "Verdict": "factcheck.choices",
    **dict.fromkeys(
        ("Article", "BestFigure", "Claim", "ConflictGroup", "Place", "Story"), "factcheck.models"
    ),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
