"""Reuse the results of read-only aggregate computations while the registry has not changed.

The key is the registry version (see `store.history.Concern`), read once per unit of work, so a
committed registry write anywhere (another process included) is seen by the next request; sign-ins,
access logs, user and token changes and alerts have versions of their own and never empty it. Only
results that do not depend on who asks (public aggregates) may be cached here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from chainatlas.store.history import VERSION_KEY, concern_versions
from chainatlas.store.history import Concern as Concern  # the adapters name concerns through services

T = TypeVar("T")


class VersionedCache:
    """A process-local cache emptied whenever the registry version changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple[object, ...] | None = None
        self._items: dict[Hashable, Any] = {}

    def get(self, session: Session, key: Hashable, compute: Callable[[], T]) -> T:
        """Return the cached result for a key at the current registry version, computing it if needed."""
        version = registry_version_of(session)
        with self._lock:
            if version != self._version:
                self._version, self._items = version, {}
            if key in self._items:
                return self._items[key]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            if version == self._version:
                self._items[key] = value
        return value


def registry_version_of(session: Session) -> tuple[object, ...]:
    """Return the database and its registry version, read once per unit of work."""
    return versions_of(session, Concern.REGISTRY)


def versions_of(session: Session, *concerns: Concern) -> tuple[object, ...]:
    """Return the database and the versions of the given concerns, read once per unit of work."""
    if VERSION_KEY not in session.info:
        session.info[VERSION_KEY] = concern_versions(session)
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    return (database, *(session.info[VERSION_KEY][c] for c in concerns))


PUBLIC_CACHE = VersionedCache()
"""The cache of public aggregates; one per process, shared by its request threads."""
