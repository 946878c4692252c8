"""The fair's records by fair: participants, preferences among them, meetings and attendance."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from chainatlas.domain.fair import FairAttendance, FairMeeting, FairParticipant, FairPreference
from chainatlas.domain.kinds import FAIR_ATTENDANCE, FAIR_MEETINGS, FAIR_PARTICIPANTS, FAIR_PREFERENCES
from chainatlas.store.clusters import in_cluster_column
from chainatlas.store.registry import RegistryRepository
from chainatlas.store.rows import (
    ChainNodeRow,
    EnterpriseRow,
    FairAttendanceRow,
    FairMeetingRow,
    FairParticipantRow,
    FairPreferenceRow,
)


class FairRepository:
    """Read one fair's registration and schedule; replace its schedule."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.participants_repo = RegistryRepository(session, FAIR_PARTICIPANTS)
        self.meetings_repo = RegistryRepository(session, FAIR_MEETINGS)

    def participants(self, fair_id: str) -> list[FairParticipant]:
        """Return a fair's participants, sorted by id."""
        repo = self.participants_repo
        statement = repo.select_fields().where(FairParticipantRow.fair_id == fair_id).order_by(FairParticipantRow.id)
        return [repo.to_record(row) for row in self.session.execute(statement)]

    def preferences(self, fair_id: str) -> list[FairPreference]:
        """Return the preferences stated by a fair's participants."""
        repo = RegistryRepository(self.session, FAIR_PREFERENCES)
        mine = select(FairParticipantRow.id).where(FairParticipantRow.fair_id == fair_id)
        statement = (
            repo.select_fields()
            .where(FairPreferenceRow.from_id.in_(mine))
            .order_by(FairPreferenceRow.from_id, FairPreferenceRow.to_id)
        )
        return [repo.to_record(row) for row in self.session.execute(statement)]

    def meetings(self, fair_id: str) -> list[FairMeeting]:
        """Return a fair's scheduled meetings in time order."""
        repo = self.meetings_repo
        statement = repo.select_fields().where(FairMeetingRow.fair_id == fair_id)
        statement = statement.order_by(FairMeetingRow.day, FairMeetingRow.slot, FairMeetingRow.table)
        return [repo.to_record(row) for row in self.session.execute(statement)]

    def attendance(self, fair_id: str) -> list[FairAttendance]:
        """Return the attendance feedback on a fair's meetings."""
        repo = RegistryRepository(self.session, FAIR_ATTENDANCE)
        mine = select(FairParticipantRow.id).where(FairParticipantRow.fair_id == fair_id)
        statement = repo.select_fields().where(FairAttendanceRow.exhibitor_id.in_(mine))
        return [repo.to_record(row) for row in self.session.execute(statement)]

    def replace_meetings(self, fair_id: str, meetings: list[FairMeeting]) -> None:
        """Delete a fair's meetings and insert new ones (the caller records both in the history)."""
        self.session.execute(delete(FairMeetingRow).where(FairMeetingRow.fair_id == fair_id))
        self.meetings_repo.insert_many(meetings)


def enterprises_in_cluster(session: Session, ids: set[str], cluster: str | None = None) -> dict[str, bool]:
    """Return whether each of these enterprises is in a cluster (None: the default; unknown ids are left out)."""
    inside = in_cluster_column(session, cluster).label("in_cluster")
    rows = session.execute(select(EnterpriseRow.id, inside).where(EnterpriseRow.id.in_(ids)))
    return {row.id: bool(row.in_cluster) for row in rows}


def chain_node_names(session: Session) -> dict[str, tuple[str, str]]:
    """Return every chain node's Chinese and English name (empty when it has none) by code."""
    statement = select(ChainNodeRow.code, ChainNodeRow.name_zh, ChainNodeRow.name_en)
    return {row.code: (row.name_zh, row.name_en or "") for row in session.execute(statement)}
