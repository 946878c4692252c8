"""Select and schedule B2B meetings at a fair (洽谈会排程): which candidate meetings to hold, when and at
which table, maximising the total match score with must-meets first, against an upper bound.

Pure computation (OR-Tools CP-SAT and min-cost flow, no database). May import `domain` only.
See docs/fair-scheduling.md for the model, the bound and the measured speed. Not the published B2B
benchmark's schedule-all-minimise-breaks mode: that is `analytics.b2b`.
"""

from chainatlas.analytics.fair_schedule.check import validate
from chainatlas.analytics.fair_schedule.greedy import greedy_schedule
from chainatlas.analytics.fair_schedule.problem import (
    Candidate,
    FairProblem,
    FairProblemError,
    Participant,
    Slot,
    check_problem,
)
from chainatlas.analytics.fair_schedule.result import Schedule, ScheduledMeeting, idle_gaps, schedule_value
from chainatlas.analytics.fair_schedule.solve import Progress, schedule
from chainatlas.analytics.fair_schedule.synthetic import synthetic_fair

__all__ = [
    "Candidate",
    "FairProblem",
    "FairProblemError",
    "Participant",
    "Progress",
    "Schedule",
    "ScheduledMeeting",
    "Slot",
    "check_problem",
    "greedy_schedule",
    "idle_gaps",
    "schedule",
    "schedule_value",
    "synthetic_fair",
    "validate",
]
