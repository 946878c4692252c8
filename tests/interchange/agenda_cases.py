"""A hand-made fair agenda (two meetings of buyer B1 at the fair F1) for the agenda writers' tests."""

from __future__ import annotations

import datetime as dt

from chainatlas.domain.fair import Agenda, AgendaItem, Fair, FairParticipant, FairRole


def local(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    """Return a naive wall-clock time, as agendas hold them (the fair's zone gives the offset)."""
    return dt.datetime.combine(dt.date(year, month, day), dt.time(hour, minute))


FAIR = Fair(
    id="F1",
    name_zh="测试展会",
    start=dt.date(2025, 5, 15),
    end=dt.date(2025, 5, 16),
    venue="长沙国际会展中心",
    first_slot="09:00",
    slot_minutes=30,
    slots_per_day=3,
    tables=2,
    source="synthetic",
)
ME = FairParticipant(id="B1", fair_id="F1", role=FairRole.BUYER, name_zh="长沙甲机械", country="CN", source="synthetic")
X1 = FairParticipant(
    id="X1",
    fair_id="F1",
    role=FairRole.EXHIBITOR,
    name_zh="乙液压",
    name_en="Yi Hydraulics",
    country="DE",
    booth="E1-101",
    source="synthetic",
)
X3 = FairParticipant(id="X3", fair_id="F1", role=FairRole.EXHIBITOR, name_zh="丁机械", country="JP", source="synthetic")
# Day 1 slot 2 starts 09:30 and day 2 slot 3 starts 10:00, local time (UTC+8, no daylight saving).
ITEMS = [
    AgendaItem(
        day=1,
        slot=2,
        start=local(2025, 5, 15, 9, 30),
        end=local(2025, 5, 15, 10, 0),
        table=1,
        counterpart=X1,
        score=0.9,
        must=True,
    ),
    AgendaItem(
        day=2,
        slot=3,
        start=local(2025, 5, 16, 10, 0),
        end=local(2025, 5, 16, 10, 30),
        table=2,
        counterpart=X3,
        score=0.4,
        must=False,
    ),
]
AGENDA = Agenda(FAIR, ME, ITEMS)
