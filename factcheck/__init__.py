"""factcheck: numeric claims from news articles, with provenance, and where sources disagree.

The models load eagerly (they are the public contract); anything that needs spaCy loads on first
use through `__getattr__`, so `factcheck --help` and `factcheck claims` start fast.
"""

from __future__ import annotations

from typing import Any

from factcheck.errors import FactcheckError, InputError, StoreError
from factcheck.models import (
    Article,
    BestFigure,
    Claim,
    ConflictGroup,
    Place,
    Qualifier,
    Story,
    Verdict,
)

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
]

_LAZY = {
    "load_pipeline": "factcheck.pipeline",
    "extract": "factcheck.api",
    "extract_text": "factcheck.api",
    "reconcile": "factcheck.api",
    "json_schema": "factcheck.api",
    "Store": "factcheck.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
