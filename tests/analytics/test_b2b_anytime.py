"""The anytime search, the participants' own minima and the symmetry breaking, against brute force."""

from __future__ import annotations

import itertools
import random

import pytest
from tests.analytics.b2b_check import DATA, PUBLISHED, Raw, agendas, pattern_breaks, read_raw, total, violations
from tests.analytics.test_b2b_solve import CASES, as_problem, brute_force, random_raw, sat_answer

from chainatlas.analytics.b2b.bounds import identical_groups, participant_lower_bounds
from chainatlas.analytics.b2b.lns import LNS, anytime
from chainatlas.analytics.b2b.sat import UP, SatEvent
from chainatlas.analytics.b2b.solve import solve_b2b
from chainatlas.interchange.dzn import read_dzn

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="benchmark data not beside the checkout")


def tables_of(slots: list[int]) -> list[int]:
    return [sum(1 for s in slots[:i] if s == slot) + 1 for i, slot in enumerate(slots)]


def valid_schedules(raw: Raw, max_breaks: int) -> list[list[int]]:
    """Every assignment of slots that breaks no rule (the brute force of test_b2b_solve, keeping the schedules)."""

    def allowed(p1: int, p2: int, session: int) -> list[int]:
        slots = {1: range(1, raw.n_morning + 1), 2: range(raw.n_morning + 1, raw.n_slots + 1)}.get(
            session, range(1, raw.n_slots + 1)
        )
        return [t for t in slots if t not in raw.forbidden[p1 - 1] | raw.forbidden[p2 - 1]]

    found = []
    for slots in itertools.product(*(allowed(*m) for m in raw.requested)):
        if not violations(raw, list(slots), tables_of(list(slots)), max_breaks):
            found.append(list(slots))
    return found


def twins_raw(seed: int) -> Raw:
    """A small problem with two or three identical participants (same partners, sessions, forbidden slots)."""
    rng = random.Random(seed)
    n_slots = rng.choice([4, 5])
    hubs = [1, 2]
    twins = [3, 4] if rng.random() < 0.5 else [3, 4, 5]
    requested = [(1, 2, 3)]
    for hub in hubs:
        session = rng.choice([3, 3, 1, 2])
        if rng.random() < 0.8:
            requested += [(hub, twin, session) for twin in twins]
    if len(requested) == 1:
        requested += [(1, twin, 3) for twin in twins]
    n_people = max(twins)
    forbidden = [set(rng.sample(range(1, n_slots + 1), rng.choice([0, 1]))) for _ in range(n_people)]
    for twin in twins[1:]:
        forbidden[twin - 1] = set(forbidden[twins[0] - 1])
    return Raw(n_people, rng.choice([2, 3]), n_slots, rng.choice([2, n_slots]), requested, forbidden)


def test_own_minima_never_exceed_any_schedule() -> None:
    tight = 0
    for seed, d in CASES:
        raw = random_raw(seed)
        schedules = valid_schedules(raw, d)
        if not schedules:
            continue
        bounds = participant_lower_bounds(as_problem(raw), d)
        fewest = [
            min(pattern_breaks(set(agendas(raw, s).get(p, [])), raw.n_slots) for s in schedules)
            for p in range(1, raw.n_people + 1)
        ]
        assert all(b <= f for b, f in zip(bounds, fewest, strict=True)), (seed, d)
        tight += sum(bounds)
    assert tight > 0  # some participant's own meetings force a break somewhere


def test_a_forced_break_is_a_participants_own_minimum() -> None:
    # 1 meets 2 and 3; 2 can only meet in slot 1, 3 only in slot 3: participant 1 has one break.
    raw = Raw(3, 1, 3, 3, [(1, 2, 3), (1, 3, 3)], [set(), {2, 3}, {1, 2}])
    assert participant_lower_bounds(as_problem(raw), 2) == [1, 0, 0]


def test_identical_participants_are_found() -> None:
    raw = Raw(5, 2, 4, 4, [(1, 3, 3), (1, 4, 3), (2, 3, 1), (2, 4, 1), (1, 5, 3)], [set()] * 5)
    assert identical_groups(as_problem(raw)) == [[3, 4]]
    raw.forbidden = [set(), set(), {1}, set(), set()]  # a forbidden slot tells them apart
    assert identical_groups(as_problem(raw)) == []
    raw = Raw(3, 2, 4, 4, [(1, 2, 3), (1, 3, 3), (2, 3, 3)], [set()] * 3)  # they meet each other
    assert identical_groups(as_problem(raw)) == []


def test_symmetry_breaking_keeps_the_optimum() -> None:
    seen = 0
    for seed in range(30):
        raw = twins_raw(seed)
        problem = as_problem(raw)
        seen += bool(identical_groups(problem))
        for d in (1, 2):
            breaks, slots = sat_answer(problem, d, "cadical195")
            assert breaks == brute_force(raw, d), (seed, d)
            if slots:
                assert violations(raw, slots, tables_of(slots), d) == []
    assert seen >= 25  # the generator really makes twins


@pytest.mark.parametrize("seeded", [1, 2])
def test_anytime_search_improves_to_the_brute_force_optimum(seeded: int) -> None:
    for seed, d in CASES:
        raw = random_raw(seed)
        expected = brute_force(raw, d)
        events: list[SatEvent] = []
        anytime(as_problem(raw), d, "cadical195", events.append, seed=seeded, budget=50)
        if expected is None:
            assert events == [SatEvent("infeasible", 0, (), "cadical195")]
            continue
        schedules = [e for e in events if e.kind == "schedule"]
        recounted = [total(raw, list(e.slots)) for e in schedules]
        assert recounted == [e.breaks for e in schedules]  # each total recounted independently
        assert all(violations(raw, list(e.slots), tables_of(list(e.slots)), d) == [] for e in schedules)
        assert recounted == sorted(set(recounted), reverse=True)  # strictly better each time
        assert events[-1] == SatEvent("bound", expected, (), "cadical195")  # ends at the optimum, proved
        assert recounted[-1] == expected


def test_the_race_of_the_lower_bound_and_the_anytime_search() -> None:
    raw = Raw(3, 1, 3, 3, [(1, 2, 3), (1, 3, 3)], [set(), {2, 3}, {1, 2}])  # one forced break
    result = solve_b2b(as_problem(raw), time_limit=30, solvers=[("cadical195", UP), ("cadical195", LNS)])
    assert (result.status, result.breaks, result.lower_bound) == ("optimal", 1, 1)


class _Enough(Exception):
    """Stops the anytime search from its report callback."""


@needs_data
def test_the_anytime_search_reports_valid_better_schedules() -> None:
    path = DATA / "forum-13crafc.original.dzn"
    raw = read_raw(path.read_text(encoding="utf-8"))
    events: list[SatEvent] = []

    def take(event: SatEvent) -> None:
        events.append(event)
        if len(events) == 2:
            raise _Enough

    with pytest.raises(_Enough):
        anytime(read_dzn(path), 2, "cadical195", take)
    recounted = [total(raw, list(e.slots)) for e in events]
    assert [e.kind for e in events] == ["schedule"] * 2
    assert recounted == [e.breaks for e in events] == sorted(set(recounted), reverse=True)
    assert all(violations(raw, list(e.slots), tables_of(list(e.slots)), 2) == [] for e in events)
    assert recounted[-1] >= PUBLISHED["forum-13crafc"]


@needs_data
@pytest.mark.slow
@pytest.mark.parametrize("name", ["forum-14", "forum-13crafc"])
def test_a_short_time_limit_gives_a_valid_schedule_above_the_bound(name: str) -> None:
    path = DATA / f"{name}.original.dzn"
    raw = read_raw(path.read_text(encoding="utf-8"))
    result = solve_b2b(read_dzn(path), time_limit=20)
    assert result.schedule is not None, result.status  # the anytime search has a schedule within seconds
    slots = list(result.schedule.slots)
    assert violations(raw, slots, list(result.schedule.tables), 2) == []
    assert total(raw, slots) == result.breaks
    assert result.lower_bound <= PUBLISHED[name] <= result.breaks
    assert result.optimal == (result.breaks == result.lower_bound)
