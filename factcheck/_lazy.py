"""Faces that load on first use: a folder's `__init__` names what it offers without importing it.

`factcheck --help` and a re-run with nothing new must not pay for spaCy, rich or scikit-learn,
so a package face maps each name it offers to the module that defines it and imports that module
only when the name is first read (PEP 562 `__getattr__`, as spaCy does for its moved factories).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, offers: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package` serving each name in `offers` from its module."""

    def __getattr__(name: str) -> Any:
        try:
            module = offers[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        return getattr(importlib.import_module(module), name)

    return __getattr__
