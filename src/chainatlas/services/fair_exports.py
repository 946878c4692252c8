"""The whole fair's schedule and participant list as XLSX files for people (organisers only)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.user import User
from chainatlas.interchange.tables import table_xlsx
from chainatlas.reports.fair_sheets import (
    PARTICIPANT_COLUMNS,
    SCHEDULE_COLUMNS,
    headers,
    participant_rows,
    schedule_rows,
    word,
)
from chainatlas.services.fair_reports import fair_overview
from chainatlas.store.fair import FairRepository


def fair_schedule_xlsx(session: Session, user: User | None, *, fair_id: str, lang: str = "zh") -> bytes:
    """Return every meeting of a fair as an XLSX sheet in the language (`zh` unless `en`)."""
    overview = fair_overview(session, user, fair_id=fair_id)
    outcomes = {(a.exhibitor_id, a.buyer_id): a.outcome.value for a in FairRepository(session).attendance(fair_id)}
    rows = schedule_rows(overview, outcomes, lang)
    return table_xlsx(f"{fair_id} {word('schedule', lang)}", headers(SCHEDULE_COLUMNS, lang), rows)


def fair_participants_xlsx(session: Session, user: User | None, *, fair_id: str, lang: str = "zh") -> bytes:
    """Return a fair's participants with their meeting counts as an XLSX sheet in the language."""
    overview = fair_overview(session, user, fair_id=fair_id)
    rows = participant_rows(overview, lang)
    return table_xlsx(f"{fair_id} {word('participants', lang)}", headers(PARTICIPANT_COLUMNS, lang), rows)
