"""Who is writing, through which door, and when: the adapter names the writer and the door (`write_context`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from chainatlas.domain.user import User


class Via(StrEnum):
    """The door a write came through."""

    API = "api"
    WEB = "web"
    CLI = "cli"
    IMPORT = "import"
    SCHEDULE = "schedule"
    """The server itself, on its schedule (the daily alert evaluation)."""


@dataclass(frozen=True)
class WriteContext:
    """The actor, door and time every change record carries."""

    actor: str
    via: Via
    at: dt.datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("WriteContext.at must be timezone-aware")


def write_context(who: User | str, via: Via) -> WriteContext:
    """Return the change-history context of a write by a user (or a named actor) through a door, stamped now."""
    actor = who.username if isinstance(who, User) else who
    return WriteContext(actor=actor, via=via, at=dt.datetime.now(dt.UTC))
