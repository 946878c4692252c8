"""What a restore must not wind back: the versions caches key on, revocations, and live sign-in sessions.

A backup holds the state of its day. Put back as it is, it would hand the running server version numbers
it has already cached pages and analyses under (stale answers after the next write), bring back API tokens
revoked since, and revive sign-in sessions ended since. So a restore reads these first and, once the
backup is in place, moves every version past both, revokes again every token that was revoked, and ends
every sign-in session (everyone signs in again).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, inspect, select, update

from chainatlas.domain.user import SessionEnd
from chainatlas.store.rows import ApiTokenRow, RegistryStateRow, UserSessionRow


@dataclass(frozen=True)
class LiveState:
    """The running database's versions per concern and revoked token hashes, read before a restore."""

    versions: dict[int, int]
    revoked_tokens: frozenset[str]


@dataclass(frozen=True)
class CarriedOver:
    """What the restore changed in the backup's data so that nothing wound back."""

    tokens_revoked_again: int
    sessions_ended: int


def live_state(engine: Engine) -> LiveState:
    """Return the versions and revoked tokens of the database about to be replaced (empty where it has none)."""
    found = inspect(engine)
    tables = set(found.get_table_names())
    with engine.connect() as connection:
        versions = _versions(connection) if "registry_state" in tables else {}
        columns = {c["name"] for c in found.get_columns("api_tokens")} if "api_tokens" in tables else set()
        revoked = _revoked(connection) if "revoked_at" in columns else frozenset()
    return LiveState(versions, revoked)


def carry_over(engine: Engine, before: LiveState, *, at: dt.datetime) -> CarriedOver:
    """Move every version past the old and the restored one, revoke again, end every session."""
    with engine.begin() as connection:
        for concern, version in _versions(connection).items():
            newer = max(version, before.versions.get(concern, 0)) + 1
            connection.execute(update(RegistryStateRow).where(RegistryStateRow.id == concern).values(version=newer))
        revoked = 0
        if before.revoked_tokens:
            still_live = ApiTokenRow.token_hash.in_(sorted(before.revoked_tokens)) & ApiTokenRow.revoked_at.is_(None)
            revoked = connection.execute(update(ApiTokenRow).where(still_live).values(revoked_at=at)).rowcount
        live = UserSessionRow.ended_at.is_(None)
        ended = connection.execute(
            update(UserSessionRow).where(live).values(ended_at=at, ended_reason=SessionEnd.RESTORED.value)
        ).rowcount
    return CarriedOver(tokens_revoked_again=revoked, sessions_ended=ended)


def _versions(connection: Connection) -> dict[int, int]:
    rows = connection.execute(select(RegistryStateRow.id, RegistryStateRow.version)).all()
    return {int(concern): int(version or 0) for concern, version in rows}


def _revoked(connection: Connection) -> frozenset[str]:
    hashes = connection.scalars(select(ApiTokenRow.token_hash).where(ApiTokenRow.revoked_at.is_not(None)))
    return frozenset(hashes)
