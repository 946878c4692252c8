"""Who is writing, through which door, and when: passed in by the adapter, never read here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Via(StrEnum):
    """The door a write came through."""

    API = "api"
    WEB = "web"
    CLI = "cli"
    IMPORT = "import"


@dataclass(frozen=True)
class WriteContext:
    """The actor, door and time every change record carries."""

    actor: str
    via: Via
    at: dt.datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("WriteContext.at must be timezone-aware")
