"""What the fair's use cases return: scored pairs, schedules, the organiser's overview, agendas, B2B benchmark runs.

One type per result: the services build them (the organiser's page reads `FairOverview`, the API its
serialised form `FairOverviewReport`), the API uses them as its response schema, the pages and the CLI's
`--json` read them (the CLI prints `model_dump(mode="json", by_alias=True)`, the keys and value types of old).
Two schedulers, two reports: `FairScheduleReport` for select-and-schedule at fair scale (`fair_schedule`),
`B2BScheduleReport` for the published B2B benchmark's schedule-all-minimise-breaks mode (`b2b`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from chainatlas.domain.fair import Fair, FairMeeting, FairParticipant


class ScoreParts(BaseModel):
    """The parts of a match score: chain-node fit, text fit, chain-gap weight and stated preference (0–1 each)."""

    node: float
    text: float
    gap: float
    preference: float


class FairPair(BaseModel):
    """One scored exhibitor–buyer pair with both sides' names and the reasons in English and Chinese."""

    exhibitor: str
    exhibitor_name: str | None
    buyer: str
    buyer_name: str | None
    score: float
    must: bool
    parts: ScoreParts
    reasons_en: list[str]
    reasons_zh: list[str]


class FairMatches(BaseModel):
    """A fair's scored pairs, best first (the first `limit` of `total`)."""

    fair: str
    cluster: str | None = None
    """The cluster whose members and chain gaps the gap bonus used."""
    total: int
    pairs: list[FairPair]


class FairRecommendations(BaseModel):
    """A participant's best counterparts, best first."""

    fair: str
    participant: str
    cluster: str | None = None
    """The cluster whose members and chain gaps the gap bonus used."""
    recommendations: list[FairPair]


class UnmetMust(BaseModel):
    """A must-meet pair that is not on the schedule, with why: a code of domain.fair.UNMET_REASONS and its text."""

    exhibitor: str
    buyer: str
    reason: str
    why: str


class FairScheduleReport(BaseModel):
    """A stored fair schedule (select-and-schedule): its value against an upper bound, the gap, and what is unmet."""

    fair: str
    status: str = Field(description="optimal (proved) or feasible")
    meetings: int
    candidates: int = Field(description="candidate meetings the engine chose from")
    objective: float
    upper_bound: float
    gap: float = Field(description="(upper_bound − objective) / upper_bound")
    seconds: float
    method: str
    idle_gaps: int
    shortfall: int
    unmet_must: list[list[str]] = Field(description="[exhibitor, buyer] of each unmet must-meet pair")
    unmet_must_reasons: list[UnmetMust]


class ScheduleJobStatus(BaseModel):
    """What the fair page polls while a schedule is generated in the background."""

    fair: str
    state: str = Field(description="none, running, done or failed")
    elapsed: float | None = None
    time_limit: float | None = None
    note: str = ""
    fraction: float = 0.0
    result: FairScheduleReport | None = None
    error: str | None = None


@dataclass
class ParticipantCount:
    """One participant's numbers: meetings scheduled and held, limits, must-meets asked and met."""

    participant: FairParticipant
    scheduled: int = 0
    held: int = 0
    no_show: int = 0
    must_asked: int = 0
    must_met: int = 0


@dataclass
class FairOverview:
    """The organiser's view of a fair: the slot × table grid, per-participant counts, unmet must-meets, feedback."""

    fair: Fair
    grid: dict[tuple[int, int], dict[int, FairMeeting]]
    """(day, slot) → table → meeting"""
    counts: list[ParticipantCount]
    unmet_must: list[tuple[FairParticipant, FairParticipant]]
    people: dict[str, FairParticipant]
    meetings: int
    reported: int = 0
    held: int = 0
    no_show: int = 0
    absent_by_role: dict[str, int] = field(default_factory=dict)
    unmet_reasons: list[str] = field(default_factory=list)
    """Per unmet must-meet pair (same order): why it is unmet, a code of domain.fair.UNMET_REASONS."""

    def day_meetings(self, day: int) -> int:
        """Return how many meetings a day holds."""
        return sum(len(tables) for (d, _), tables in self.grid.items() if d == day)

    @property
    def no_show_rate(self) -> float | None:
        """Return the share of reported meetings that were no-shows (None before any feedback)."""
        return self.no_show / self.reported if self.reported else None

    @property
    def held_per_participant(self) -> float | None:
        """Return meetings held per participant (each meeting counts for both sides), None before feedback."""
        if not self.reported or not self.counts:
            return None
        return 2 * self.held / len(self.counts)

    @property
    def scheduled_per_participant(self) -> float:
        """Return meetings scheduled per participant (each meeting counts for both sides)."""
        return 2 * self.meetings / len(self.counts) if self.counts else 0.0


class GridMeeting(BaseModel):
    """One meeting in the slot × table grid (day, slot and table from 1)."""

    day: int
    slot: int
    table: int
    exhibitor: str
    buyer: str
    must: bool


class ParticipantLine(BaseModel):
    """One participant's numbers: meetings scheduled against its limits, must-meets asked and met, feedback."""

    id: str
    name_zh: str
    role: str
    scheduled: int
    min_meetings: int
    max_meetings: int | None
    must_asked: int
    must_met: int
    held: int
    no_show: int


class FairFeedback(BaseModel):
    """Attendance feedback after the fair: meetings reported, held and missed, and who was absent."""

    reported: int
    held: int
    no_show: int
    no_show_rate: float | None
    held_per_participant: float | None
    absent: dict[str, int] = Field(description="no-shows by the side absent: exhibitor, buyer or both")


class FairOverviewReport(BaseModel):
    """The organiser's view of a fair: the grid, per-participant counts, unmet must-meets and feedback."""

    fair: Fair
    meetings: int
    scheduled_per_participant: float
    grid: list[GridMeeting]
    participants: list[ParticipantLine]
    unmet_must: list[UnmetMust]
    feedback: FairFeedback


class AgendaMeeting(BaseModel):
    """One meeting on an agenda: local start and end (ISO 8601), table, counterpart, and its outcome if reported."""

    model_config = ConfigDict(populate_by_name=True)

    day: int
    slot: int
    start: str
    end: str
    table: int
    with_: str = Field(alias="with")
    with_name_zh: str
    with_name_en: str | None
    booth: str | None
    must: bool
    score: float | None
    outcome: str | None


class AgendaReport(BaseModel):
    """A participant's agenda in time order, in the fair's time zone."""

    fair: str
    participant: str
    name_zh: str
    timezone: str
    synthetic: bool
    meetings: list[AgendaMeeting]


class B2BMeeting(BaseModel):
    """One meeting of a B2B benchmark schedule: its number, the two participants, slot and table (all from 1)."""

    meeting: int
    p1: int
    p2: int
    slot: int
    table: int


class B2BScheduleReport(BaseModel):
    """A B2B benchmark run (schedule every meeting, fewest breaks): status, breaks, optimality and the meetings."""

    status: str = Field(description="optimal, feasible, infeasible or unknown")
    breaks: int | None
    optimal: bool
    meetings: list[B2BMeeting]
