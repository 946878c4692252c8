"""The database as the adapters see it: the unit of work, engines and the schema, re-exported from `store`.

Adapters (api, web, cli) reach `store` only through services; this module is the door for what every
adapter needs to open a database and a transaction.
"""

from __future__ import annotations

from chainatlas.store.engine import DatabaseFolderMissing, UnitOfWork, make_engine
from chainatlas.store.migrate import current_revision, head_revision, upgrade

__all__ = ["DatabaseFolderMissing", "UnitOfWork", "current_revision", "head_revision", "make_engine", "upgrade"]
