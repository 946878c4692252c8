"""The shared store of analysis results (table `analysis_cache`), read and written on connections of their own.

Every server process (and the CLI) reads results here, so each is computed once per registry version and
parameter set. A process that computes one first claims its row for that version (a conditional UPDATE, or the
INSERT of a new row: the database lets one writer win); others wait for the value or, where the caller allows,
serve the previous version's. A claim carries a lease, so the claim of a process that died runs out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from chainatlas.store.rows_cache import AnalysisCacheRow as Row

MAX_LABEL = 300


@dataclass(frozen=True)
class Stored:
    """One row: the value (pickled) and its version, and who computes which version until when."""

    version: int | None
    value: bytes | None
    computing: int | None
    holder: str | None
    lease_until: float | None


def read(engine: Engine, key: str) -> Stored | None:
    """Return the row of a key, or None."""
    columns = (Row.version, Row.value, Row.computing, Row.holder, Row.lease_until)
    with engine.connect() as connection:
        found = connection.execute(select(*columns).where(Row.key == key)).first()
    return None if found is None else Stored(*found)


def claim(engine: Engine, key: str, label: str, *, version: int, holder: str, now: float, lease: float) -> bool:
    """Claim the computation of a key at a version; return whether this caller holds it now.

    It is won when no value of that version or newer is stored and nobody holds a live claim on it."""
    until = now + lease
    with engine.begin() as connection:
        taken = connection.execute(
            update(Row)
            .where(
                Row.key == key,
                or_(Row.version.is_(None), Row.version < version),
                or_(Row.computing.is_(None), Row.computing < version, Row.lease_until < now),
            )
            .values(computing=version, holder=holder, lease_until=until)
        ).rowcount
    if taken:
        return True
    try:
        with engine.begin() as connection:
            values = {"key": key, "label": label[:MAX_LABEL], "computing": version, "holder": holder}
            connection.execute(insert(Row).values(**values, lease_until=until))
    except IntegrityError:  # the row exists: someone else claimed it, or holds a value
        return False
    return True


def keep(engine: Engine, key: str, *, version: int, holder: str, value: bytes) -> bool:
    """Store a computed value under the caller's claim and end the claim; False when the claim was lost."""
    with engine.begin() as connection:
        kept = connection.execute(
            update(Row)
            .where(Row.key == key, Row.holder == holder, Row.computing == version)
            .values(version=version, value=value, computing=None, holder=None, lease_until=None)
        ).rowcount
    return bool(kept)


def release(engine: Engine, key: str, *, holder: str) -> None:
    """End the caller's claim without a value (the computation failed)."""
    with engine.begin() as connection:
        connection.execute(
            update(Row)
            .where(Row.key == key, Row.holder == holder)
            .values(computing=None, holder=None, lease_until=None)
        )


def forget(engine: Engine) -> int:
    """Remove every stored result (they are derived: the next reader computes them again); return how many."""
    with engine.begin() as connection:
        return connection.execute(delete(Row)).rowcount
