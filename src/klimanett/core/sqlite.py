"""SQLite, the embedded database, with Unicode-aware lower-casing.

SQLite's own ``lower()`` folds only A–Z, so a search for "øvre" would miss "Øvre". On each new
SQLite connection ``lower()`` is replaced by Python's, which knows æ, ø and å. PostgreSQL's
``lower()`` already does this.
"""

from __future__ import annotations

from typing import Any


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def register_unicode_lower(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("lower", 1, _lower, deterministic=True)
