"""Check a schedule against its problem: every hard rule, and the figures it reports."""

from __future__ import annotations

import math
from collections import Counter

from chainatlas.analytics.fair_schedule.problem import FairProblem
from chainatlas.analytics.fair_schedule.result import Schedule, schedule_value

TOLERANCE = 1e-6


def validate(problem: FairProblem, schedule: Schedule) -> list[str]:
    """Return every rule the schedule breaks (an empty list when it is valid)."""
    return (
        _meeting_problems(problem, schedule)
        + _capacity_problems(problem, schedule)
        + _count_problems(problem, schedule)
        + _figure_problems(problem, schedule)
    )


def _meeting_problems(problem: FairProblem, schedule: Schedule) -> list[str]:
    candidates = {(c.exhibitor, c.buyer): c for c in problem.candidates}
    pairs = Counter((m.exhibitor, m.buyer) for m in schedule.meetings)
    problems = [f"meeting {e!r}–{b!r}: held {n} times" for (e, b), n in pairs.items() if n > 1]
    people = problem.participant_by_id
    for m in schedule.meetings:
        where = f"meeting {m.exhibitor!r}–{m.buyer!r}"
        candidate = candidates.get((m.exhibitor, m.buyer))
        if candidate is None:
            problems.append(f"{where}: not a candidate")
            continue
        if (candidate.score, candidate.must) != (m.score, m.must):
            problems.append(f"{where}: score or must differs from the candidate's")
        if not 0 <= m.slot_index < len(problem.slots):
            problems.append(f"{where}, slot_index: {m.slot_index} is not a slot")
            continue
        if not 0 <= m.table < problem.tables[m.slot_index]:
            problems.append(f"{where}, table: {m.table} is not a table of slot {m.slot_index}")
        for who in (m.exhibitor, m.buyer):
            if m.slot_index not in problem.available_slots(people[who]):
                problems.append(f"{where}: {who!r} is not available in slot {m.slot_index}")
    return problems


def _capacity_problems(problem: FairProblem, schedule: Schedule) -> list[str]:
    tables = Counter((m.slot_index, m.table) for m in schedule.meetings)
    problems = [f"slot {t}, table {k}: {n} meetings" for (t, k), n in tables.items() if n > 1]
    per_slot = Counter[tuple[str, int]]()
    for m in schedule.meetings:
        per_slot[m.exhibitor, m.slot_index] += 1
        per_slot[m.buyer, m.slot_index] += 1
    people = problem.participant_by_id
    for (who, t), n in per_slot.items():
        if who in people and n > people[who].staff:
            problems.append(f"participant {who!r}, slot {t}: {n} meetings for staff {people[who].staff}")
    return problems


def _count_problems(problem: FairProblem, schedule: Schedule) -> list[str]:
    held = Counter[str]()
    for m in schedule.meetings:
        held[m.exhibitor] += 1
        held[m.buyer] += 1
    return [
        f"participant {p.id!r}, max_meetings: {held[p.id]} meetings above {p.max_meetings}"
        for p in problem.participants
        if p.max_meetings is not None and held[p.id] > p.max_meetings
    ]


def _figure_problems(problem: FairProblem, schedule: Schedule) -> list[str]:
    problems = []
    value = schedule_value(problem, schedule.meetings)
    if not math.isclose(value, schedule.objective, rel_tol=TOLERANCE, abs_tol=TOLERANCE):
        problems.append(f"objective: {schedule.objective} but the meetings are worth {value}")
    if schedule.upper_bound < schedule.objective - TOLERANCE * max(1.0, abs(schedule.objective)):
        problems.append(f"upper_bound: {schedule.upper_bound} is below the objective {schedule.objective}")
    held = {(m.exhibitor, m.buyer) for m in schedule.meetings}
    unmet = {(c.exhibitor, c.buyer) for c in problem.candidates if c.must and (c.exhibitor, c.buyer) not in held}
    if unmet != {(c.exhibitor, c.buyer) for c in schedule.unmet_must}:
        problems.append("unmet_must: does not list exactly the must-meets not held")
    return problems
