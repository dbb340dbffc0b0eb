"""The parsing tests share one pipeline (tests/_pipeline.py)."""

from tests._pipeline import nlp

__all__ = ["nlp"]
