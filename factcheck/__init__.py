"""factcheck: numeric claims from news articles, with provenance, and where sources disagree.

The models load eagerly (they are the public contract); anything that needs spaCy loads on first
use through `__getattr__`, so `factcheck --help` and `factcheck claims` start fast.
"""

from __future__ import annotations

from typing import Any

from factcheck.models import Article, Claim, ConflictGroup, Qualifier, Verdict

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "ConflictGroup",
    "Qualifier",
    "Verdict",
    "__version__",
    "extract_text",
    "load_pipeline",
]


def __getattr__(name: str) -> Any:
    if name == "load_pipeline":
        from factcheck.pipeline import load_pipeline

        return load_pipeline
    if name == "extract_text":
        from factcheck.api import extract_text

        return extract_text
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
