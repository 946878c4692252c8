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
                return self._items[key]  # type: ignore[no-any-return]  # the caller's compute made it a T
        value = compute()
        self.put(version, key, value)
        return value

    def peek(self, session: Session, key: Hashable) -> Any:
        """Return the cached result for a key at the current registry version, or None (never computes)."""
        version = registry_version_of(session)
        with self._lock:
            return self._items.get(key) if version == self._version else None

    def put(self, version: tuple[object, ...], key: Hashable, value: Any) -> None:
        """Keep a result computed at a registry version (here or by a background job) if it is still current."""
        with self._lock:
            if version == self._version:
                self._items[key] = value


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
