"""The unit of work the adapters open per request, command or import (re-exported from `store.engine`, so that
adapters reach the store only through services)."""

from chainatlas.store.engine import UnitOfWork

__all__ = ["UnitOfWork"]
