"""One versioned cache of analysis results, shared by every request thread and every server process.

The key is the analysis and its parameters (the cluster among them, and the access class where it matters); the
version is the registry version (see `store.history.Concern`), read once per unit of work, so a committed registry
write anywhere (another process included) is seen by the next request; sign-ins, access logs, user and token
changes and alerts have versions of their own and never make a result old. Only results that do not depend on who
asks (public aggregates, or one per access class) may be cached here.

A result is computed once per registry version and key: threads of one process that ask for the same key wait
for the one computation (single flight), and processes share the results through the database (table
`analysis_cache`, see `store.analysis_cache`): the one that claims a key computes it, the others wait for it, or,
where the caller allows it (`stale_ok`), answer at once with the previous version's result while the new one is
computed. Each answer records in its unit of work the data version it was computed at (`freshness_of`), so pages
and the API say when what they show is being recomputed.

A unit of work that has written computes without the cache (what it sees is not committed), and so does one bound
to a connection rather than an engine (a test's rolled-back transaction): their results are nobody else's.
"""

from __future__ import annotations

import hashlib
import os
import pickle  # results written by this program to its own database, never received from a user
import socket
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from chainatlas import __version__
from chainatlas.store import analysis_cache as shared_store
from chainatlas.store.history import HOLDS_WRITE_KEY, VERSION_KEY, WROTE_KEY, concern_versions
from chainatlas.store.history import Concern as Concern  # the adapters name concerns through services

T = TypeVar("T")
P = TypeVar("P")
FRESHNESS_KEY = "chainatlas.freshness"
"""Where a unit of work keeps the data version of the results it answered with."""
LEASE_SECONDS = 120.0
"""A claim to compute a result runs out after this long (its holder died or hangs): someone else may take it."""
WAIT_SECONDS = 60.0
"""How long a reader waits for another process's computation before computing the result itself."""
POLL_SECONDS = 0.02
MAX_ITEMS = 4096
HOLDER = f"{socket.gethostname()[:40]}:{os.getpid()}"
UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, TypeError, EOFError, IndexError)
"""What unpickling a value stored by other code raises."""


@dataclass(frozen=True)
class Freshness:
    """As of which registry version a request's results were computed, and the version the registry is at."""

    data_version: int
    current_version: int

    @property
    def stale(self) -> bool:
        """Return whether a result older than the registry was served (its new value is being computed)."""
        return self.data_version < self.current_version


def freshness_of(info: Mapping[str, Any]) -> Freshness | None:
    """Return the freshness a unit of work (its `session.info`) recorded, or None when it used no cached result."""
    found = info.get(FRESHNESS_KEY)
    return found if isinstance(found, Freshness) else None


def _note(session: Session, data_version: int, current: int) -> None:
    before = freshness_of(session.info)
    oldest = data_version if before is None else min(before.data_version, data_version)
    session.info[FRESHNESS_KEY] = Freshness(oldest, current)


@dataclass
class _Flight:
    """One computation in this process, which other threads asking for the same key wait for."""

    done: threading.Event = field(default_factory=threading.Event)
    value: Any = None
    version: int = 0
    failure: BaseException | None = None


def canonical(key: Hashable) -> str:
    """Return a key as text that is the same in every process (sets sorted; hash randomisation aside)."""
    if isinstance(key, frozenset | set):
        return "{" + ",".join(sorted(canonical(k) for k in key)) + "}"
    if isinstance(key, tuple):
        return "(" + ",".join(canonical(k) for k in key) + ")"
    return repr(key)


def digest(label: str) -> str:
    """Return the stored key of a canonical key: its SHA-256 with the program's version (pickles change with it)."""
    return hashlib.sha256(f"{__version__}\x00{label}".encode()).hexdigest()


class VersionedCache:
    """Results by key at the registry version: in this process's memory, and shared through the database."""

    def __init__(self, *, shared: bool = True, max_items: int = MAX_ITEMS) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._shared, self._max = shared, max_items

    def get(
        self,
        session: Session,
        key: Hashable,
        compute: Callable[[], T],
        *,
        shared: bool | None = None,
        stale_ok: bool = False,
    ) -> T:
        """Return the result for a key at the current registry version, computed once for every thread and process.

        `shared=False` keeps it in this process only (an intermediate too large to share); `stale_ok` lets the
        answer be the previous version's result while another process computes the new one."""
        if session.info.get(WROTE_KEY):
            return compute()
        database, version = versions_of(session, Concern.REGISTRY)
        local = (database, key)
        found = self._local(local, version)
        if found is not None:
            _note(session, found[0], version)
            return found[1]  # type: ignore[no-any-return]  # the caller's compute made it a T
        flight, leader = self._join((local, version))
        if leader:
            self._lead(flight, local, lambda: self._obtain(session, key, version, compute, shared, stale_ok))
        flight.done.wait()
        if flight.failure is not None:
            raise flight.failure
        _note(session, flight.version, version)
        return flight.value  # type: ignore[no-any-return]  # as above

    def peek(self, session: Session, key: Hashable) -> Any:
        """Return the result for a key at the current registry version if this process or the database holds it,
        or None (never computes)."""
        database, version = versions_of(session, Concern.REGISTRY)
        found = self._local((database, key), version)
        if found is not None:
            return found[1]
        bind = session.bind
        if not self._shared or not isinstance(bind, Engine) or session.info.get(WROTE_KEY):
            return None
        row = shared_store.read(bind, digest(canonical(key)))
        if row is None or row.version is None or row.version < version or row.value is None:
            return None
        value = _loads(row.value)
        self._keep((database, key), row.version, value)
        return value

    def in_job(self, session: Session, key: Hashable, compute: Callable[[P], T]) -> Callable[[P], T]:
        """Return a heavy job's computation (given its progress callback) made to run in one process only: the
        first to claim the key computes and stores it, a job of another process waits for that result."""
        bind = session.bind
        if not self._shared or not isinstance(bind, Engine) or _holds_write(session):
            return compute
        version = versions_of(session, Concern.REGISTRY)[1]
        label = canonical(key)

        def run(progress: P) -> T:
            flight = _SharedFlight(bind, label, digest(label), version)
            value, _, _ = flight.obtain(lambda: compute(progress), stale_ok=False)
            return value  # type: ignore[no-any-return]  # compute made it a T

        return run

    def put(self, version: tuple[object, ...], key: Hashable, value: Any) -> None:
        """Keep a result computed at a version (`registry_version_of`), here or by a background job."""
        database, number = version
        self._keep((database, key), int(number), value)  # type: ignore[call-overload]  # the version is an int

    def forget(self) -> None:
        """Drop what this process holds (tests; the shared results stay)."""
        with self._lock:
            self._items.clear()

    def _local(self, local: Hashable, version: int) -> tuple[int, Any] | None:
        with self._lock:
            found = self._items.get(local)
            if found is None or found[0] < version:
                return None
            self._items.move_to_end(local)
            return found

    def _keep(self, local: Hashable, version: int, value: Any) -> None:
        with self._lock:
            before = self._items.get(local)
            if before is None or before[0] <= version:
                self._items[local] = (version, value)
                self._items.move_to_end(local)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def _join(self, flight_key: Hashable) -> tuple[_Flight, bool]:
        with self._lock:
            flight = self._flights.get(flight_key)
            if flight is not None:
                return flight, False
            flight = self._flights[flight_key] = _Flight()
            return flight, True

    def _lead(self, flight: _Flight, local: Hashable, obtain: Callable[[], tuple[Any, int, bool]]) -> None:
        try:
            flight.value, flight.version, current = obtain()
            if current:
                self._keep(local, flight.version, flight.value)
        except BaseException as error:  # handed to every thread of the flight
            flight.failure = error
        finally:
            with self._lock:
                self._flights = {k: f for k, f in self._flights.items() if f is not flight}
            flight.done.set()

    def _obtain(
        self,
        session: Session,
        key: Hashable,
        version: int,
        compute: Callable[[], Any],
        shared: bool | None,
        stale_ok: bool,
    ) -> tuple[Any, int, bool]:
        """Return the value, the version it was computed at, and whether it is current (to keep in memory)."""
        bind = session.bind
        if not (self._shared if shared is None else shared) or not isinstance(bind, Engine) or _holds_write(session):
            return compute(), version, True
        label = canonical(key)
        return _SharedFlight(bind, label, digest(label), version).obtain(compute, stale_ok=stale_ok)


@dataclass
class _SharedFlight:
    """Obtaining one result through the database: read it, or claim and compute it, or wait for who does."""

    engine: Engine
    label: str
    key: str
    version: int
    holder: str = field(default_factory=lambda: f"{HOLDER}:{uuid.uuid4().hex[:12]}")

    def obtain(self, compute: Callable[[], Any], *, stale_ok: bool) -> tuple[Any, int, bool]:
        """Return the value, its version and whether it is current; compute it only if this caller wins the claim."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            row = shared_store.read(self.engine, self.key)
            if row is not None and row.version is not None and row.version >= self.version and row.value is not None:
                return self._stored(row.value, row.version, compute)
            if self._claim():
                return self._compute(compute), self.version, True
            if stale_ok and row is not None and row.version is not None and row.value is not None:
                return _loads(row.value), row.version, False
            if time.monotonic() > deadline:
                return compute(), self.version, False
            time.sleep(POLL_SECONDS)

    def _stored(self, blob: bytes, version: int, compute: Callable[[], Any]) -> tuple[Any, int, bool]:
        try:
            return _loads(blob), version, True
        except UNREADABLE:  # stored by code whose classes have changed since: compute it here, keep it nowhere
            return compute(), self.version, False

    def _claim(self) -> bool:
        return shared_store.claim(
            self.engine,
            self.key,
            self.label,
            version=self.version,
            holder=self.holder,
            now=time.time(),
            lease=LEASE_SECONDS,
        )

    def _compute(self, compute: Callable[[], Any]) -> Any:
        try:
            value = compute()
        except BaseException:
            shared_store.release(self.engine, self.key, holder=self.holder)
            raise
        try:
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):  # not shareable: this process keeps it alone
            shared_store.release(self.engine, self.key, holder=self.holder)
            return value
        shared_store.keep(self.engine, self.key, version=self.version, holder=self.holder, value=blob)
        return value


def _holds_write(session: Session) -> bool:
    """Return whether a unit of work holds a write not yet committed: the shared store's own connection would wait
    on its lock (SQLite), so such a unit of work computes for itself."""
    return bool(session.info.get(WROTE_KEY) or session.info.get(HOLDS_WRITE_KEY))


def _loads(blob: bytes) -> Any:
    return pickle.loads(blob)  # noqa: S301 (see the import: written by this program's own version, keyed by it)


def registry_version_of(session: Session) -> tuple[object, ...]:
    """Return the database and its registry version, read once per unit of work."""
    return versions_of(session, Concern.REGISTRY)


def versions_of(session: Session, *concerns: Concern) -> tuple[Any, ...]:
    """Return the database and the versions of the given concerns, read once per unit of work."""
    if VERSION_KEY not in session.info:
        session.info[VERSION_KEY] = concern_versions(session)
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    return (database, *(session.info[VERSION_KEY][c] for c in concerns))


PUBLIC_CACHE = VersionedCache()
"""The cache of public aggregates and analysis results; one per process, shared by its request threads and, through
the database, with the other processes."""
