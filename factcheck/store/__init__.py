"""The store: one SQLite file holding what extraction found, read by every later step.

`db` is the `Store` (storage only), `schema` its migrations, `connect` how its file is opened and
locked, `rows` how models become rows and back. Nothing here parses or judges: the steps that
cluster stories, find copies and judge groups live in `factcheck.reconciliation` and call the
store's narrow methods for their SQL.
"""

from factcheck.store.connect import DEFAULT_DB, ENV_VAR, resolve_db_path
from factcheck.store.db import Store
from factcheck.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["DEFAULT_DB", "ENV_VAR", "MIGRATIONS", "SCHEMA_VERSION", "Store", "resolve_db_path"]
