"""The SAT race and the CP-SAT model against a brute force on small random problems, and the published optima."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest
from tests.analytics.b2b_check import DATA, PUBLISHED, Raw, pattern_breaks, read_raw, total, violations

from chainatlas.analytics.b2b.cpsat import solve_cpsat
from chainatlas.analytics.b2b.problem import B2BProblem, Meeting, Session
from chainatlas.analytics.b2b.sat import ANY_THEN_UP, DOWN, UP, SatEvent, raise_bound, tighten
from chainatlas.analytics.b2b.solve import _Race, _result, solve_b2b
from chainatlas.interchange.dzn import read_dzn

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="benchmark data not beside the checkout")


def random_raw(seed: int) -> Raw:
    """A small problem: 5 participants, 6 meetings, 4-5 slots, 2-3 tables, some sessions and forbidden slots."""
    rng = random.Random(seed)
    n_people, n_slots = 5, rng.choice([4, 5])
    pairs = rng.sample(list(itertools.combinations(range(1, n_people + 1), 2)), 6)
    requested = [(a, b, rng.choice([3, 3, 3, 1, 2])) for a, b in pairs]
    forbidden = [set(rng.sample(range(1, n_slots + 1), rng.choice([0, 0, 1]))) for _ in range(n_people)]
    return Raw(n_people, rng.choice([2, 3]), n_slots, rng.choice([2, n_slots]), requested, forbidden)


def brute_force(raw: Raw, max_breaks: int) -> int | None:
    """Return the fewest total breaks over every assignment of slots, or None if none is valid."""

    def allowed(p1: int, p2: int, session: int) -> list[int]:
        slots = {1: range(1, raw.n_morning + 1), 2: range(raw.n_morning + 1, raw.n_slots + 1)}.get(
            session, range(1, raw.n_slots + 1)
        )
        return [t for t in slots if t not in raw.forbidden[p1 - 1] | raw.forbidden[p2 - 1]]

    best = None
    for slots in itertools.product(*(allowed(*m) for m in raw.requested)):
        tables = [sum(1 for s in slots[:i] if s == slot) + 1 for i, slot in enumerate(slots)]
        if not violations(raw, list(slots), tables, max_breaks):
            value = total(raw, list(slots))
            best = value if best is None else min(best, value)
    return best


def as_problem(raw: Raw) -> B2BProblem:
    return B2BProblem(
        n_participants=raw.n_people,
        n_tables=raw.n_tables,
        n_slots=raw.n_slots,
        n_morning_slots=raw.n_morning,
        meetings=tuple(Meeting(a, b, Session(s)) for a, b, s in raw.requested),
        forbidden=tuple(frozenset(f) for f in raw.forbidden),
    )


def sat_answer(problem: B2BProblem, max_breaks: int, solver: str) -> tuple[int | None, list[int]]:
    events: list[SatEvent] = []
    raise_bound(problem, max_breaks, solver, events.append)
    bounds = [e.breaks for e in events if e.kind == "bound"]
    assert all(b == a + 1 for a, b in zip(bounds, bounds[1:], strict=False))  # raised one at a time
    final = events[-1]
    return (final.breaks, list(final.slots)) if final.kind == "schedule" else (None, [])


CASES = [(seed, d) for seed in range(24) for d in (0, 1, 2)]


def tightened(problem: B2BProblem, max_breaks: int, solver: str) -> tuple[int | None, list[int]]:
    events: list[SatEvent] = []
    tighten(problem, max_breaks, solver, events.append)
    if events[-1].kind == "infeasible":
        return None, []
    schedules = [e for e in events if e.kind == "schedule"]
    assert [e.breaks for e in schedules] == sorted({e.breaks for e in schedules}, reverse=True)  # strictly better
    assert events[-1] == SatEvent("bound", schedules[-1].breaks, (), solver)  # the last one is proved optimal
    return schedules[-1].breaks, list(schedules[-1].slots)


@pytest.mark.parametrize(
    ("solver", "search"), [("cadical195", sat_answer), ("glucose4", sat_answer), ("glucose4", tightened)]
)
def test_sat_matches_brute_force(solver: str, search: Any) -> None:
    for seed, d in CASES:
        raw = random_raw(seed)
        expected = brute_force(raw, d)
        breaks, slots = search(as_problem(raw), d, solver)
        assert breaks == expected, (seed, d)
        if slots:
            tables = [sum(1 for s in slots[:i] if s == slot) + 1 for i, slot in enumerate(slots)]
            assert violations(raw, slots, tables, d) == [] and total(raw, slots) == expected


@pytest.mark.parametrize("implied", [True, False])
def test_cpsat_matches_brute_force(implied: bool) -> None:
    for seed, d in CASES[::4]:
        raw = random_raw(seed)
        outcome = solve_cpsat(as_problem(raw), d, time_limit=20, workers=1, implied=implied)
        assert outcome.breaks == brute_force(raw, d), (seed, d)
        assert outcome.status == ("infeasible" if outcome.breaks is None else "optimal")


def test_random_cases_include_breaks_and_infeasible_ones() -> None:
    answers = {brute_force(random_raw(seed), d) for seed, d in CASES}
    assert None in answers and any(a for a in answers if a)  # the oracle sees every kind of answer


def test_more_meetings_than_slots_is_infeasible() -> None:
    raw = Raw(2, 2, 2, 2, [(1, 2, 3)] * 3, [set(), set()])
    result = solve_b2b(as_problem(raw), time_limit=30)
    assert (result.status, result.schedule, result.optimal) == ("infeasible", None, False)


def test_a_schedule_with_a_forced_break() -> None:
    # 1 meets 2 and 3; 2 can only meet in slot 1, 3 only in slot 3: participant 1 has one break.
    raw = Raw(3, 1, 3, 3, [(1, 2, 3), (1, 3, 3)], [set(), {2, 3}, {1, 2}])
    result = solve_b2b(as_problem(raw), time_limit=30)
    assert (result.status, result.breaks, result.optimal) == ("optimal", 1, True)
    assert result.schedule is not None and list(result.schedule.slots) == [1, 3]
    assert solve_b2b(as_problem(raw), time_limit=30, max_breaks=0).status == "infeasible"


@needs_data
def test_time_limit_without_a_schedule_is_unknown() -> None:
    result = solve_b2b(read_dzn(DATA / "forum-14.original.dzn"), time_limit=0.05)
    assert (result.status, result.schedule, result.breaks, result.optimal) == ("unknown", None, None, False)


@needs_data
@pytest.mark.slow
@pytest.mark.parametrize("name", ["tic-12", "tic-12crafc", "forum-13", "forum-13crafc", "ticf-13crafa", "ticf-13crafc"])
def test_published_optimum(name: str) -> None:
    path = DATA / f"{name}.original.dzn"
    raw = read_raw(path.read_text(encoding="utf-8"))
    result = solve_b2b(read_dzn(path), time_limit=240)
    assert result.status == "optimal" and result.schedule is not None
    slots, tables = list(result.schedule.slots), list(result.schedule.tables)
    assert violations(raw, slots, tables, 2) == []
    assert total(raw, slots) == result.breaks == PUBLISHED[name]


@needs_data
@pytest.mark.slow
def test_no_schedule_without_breaks_where_the_optimum_is_nonzero() -> None:
    result = solve_b2b(read_dzn(DATA / "ticf-13crafc.original.dzn"), time_limit=240, max_breaks=0)
    assert (result.status, result.schedule) == ("infeasible", None)


def test_pattern_oracle_sanity() -> None:
    assert pattern_breaks({2, 3, 6}, 8) == 1 and pattern_breaks({1, 5, 7}, 8) == 2


def test_the_validator_catches_each_broken_rule() -> None:
    # 4 slots, morning 1-2, 1 table; participant 3 cannot meet in slot 4.
    raw = Raw(3, 1, 4, 2, [(1, 2, 3), (1, 3, 1), (2, 3, 2)], [set(), set(), {4}])
    assert violations(raw, [2, 1, 3], [1, 1, 1], 2) == []
    assert violations(raw, [3, 3, 2], [1, 1, 1], 2) != []  # session 1 in the afternoon, 1 double-booked
    assert violations(raw, [1, 2, 4], [1, 1, 1], 2) != []  # slot 4 forbidden for 3
    assert violations(raw, [2, 1, 3], [1, 1, 2], 2) != []  # table 2 of 1
    assert violations(raw, [4, 1, 3], [1, 1, 1], 2) == []  # allowed with up to 2 breaks each …
    assert violations(raw, [4, 1, 3], [1, 1, 1], 0) != []  # … but not with none: participant 1 meets in 1 and 4


def test_a_schedule_above_the_proven_bound_is_feasible_not_optimal() -> None:
    raw = Raw(3, 1, 3, 3, [(1, 2, 3), (1, 3, 3)], [set(), {2, 3}, {1, 2}])  # one forced break, as above
    race = _Race()
    assert not race.take(SatEvent("schedule", 1, (1, 3), "a"))  # 1 break, nothing proved yet
    result = _result(as_problem(raw), race, 1.0)
    assert (result.status, result.breaks, result.lower_bound, result.optimal) == ("feasible", 1, 0, False)
    assert race.take(SatEvent("bound", 1, (), "b"))  # "no schedule with 0 breaks" decides the race
    assert _result(as_problem(raw), race, 1.0).status == "optimal"


@pytest.mark.parametrize("strategy", [UP, ANY_THEN_UP, DOWN])
def test_every_strategy_finds_the_forced_break(strategy: str) -> None:
    raw = Raw(3, 1, 3, 3, [(1, 2, 3), (1, 3, 3)], [set(), {2, 3}, {1, 2}])
    result = solve_b2b(as_problem(raw), time_limit=30, solvers=[("glucose4", strategy)])
    assert (result.status, result.breaks) == ("optimal", 1)
