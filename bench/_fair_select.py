"""Budget (issue #7 point 6, DESIGN): a synthetic fair of 2,000 exhibitors, 8,000 buyers and 40,000
requested meetings over 4 days × 16 slots at 400 tables, scheduled to ≥ 98 % of an upper bound in
≤ 120 s on 2 cores, against the "first free mutual slot" greedy of self-service platforms, run on the
same fair in the same process.

The upper bound is the max-weight flow relaxation, made must-meet aware by a Lagrangian term (it
bounds every schedule holding as many must-meets); the plain flow bound (no must-meet condition) is
printed too. The fair is synthetic (`chainatlas.analytics.fair_schedule.synthetic`), deterministic
by seed. Load average is printed with the figures: timings on a shared machine are noisy.

Run: .venv/bin/python bench/_fair_select.py [--time-limit S] [--seed N] [--exhibitors N ...].
`run()` returns the figures (bench/fair.py prints them with the B2B benchmark).
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from chainatlas.analytics.fair_schedule import greedy_schedule, schedule, synthetic_fair, validate
from chainatlas.analytics.fair_schedule.bound import flow_bound
from chainatlas.analytics.fair_schedule.indexed import index_problem

BUDGET_S = 120.0
TARGET = 0.98


def run(
    *,
    exhibitors: int = 2000,
    buyers: int = 8000,
    requests: int = 40000,
    days: int = 4,
    slots_per_day: int = 16,
    tables: int = 400,
    time_limit: float = BUDGET_S,
    workers: int = 2,
    seed: int = 0,
) -> dict[str, Any]:
    """Schedule the synthetic fair with the engine and the first-free baseline; return the figures."""
    load_before = os.getloadavg()
    problem = synthetic_fair(
        exhibitors=exhibitors,
        buyers=buyers,
        requests=requests,
        days=days,
        slots_per_day=slots_per_day,
        tables=tables,
        seed=seed,
    )
    started = time.perf_counter()
    engine = schedule(problem, time_limit=time_limit, workers=workers, seed=seed)
    wall = time.perf_counter() - started
    quick = schedule(problem, time_limit=1.0, workers=workers, seed=seed)  # the constructive start only
    baseline = greedy_schedule(problem, rule="first_free")
    score_greedy = greedy_schedule(problem, rule="best_score")
    problems = validate(problem, engine) + validate(problem, baseline)
    plain = flow_bound(index_problem(problem)).value
    return {
        "fair": f"{exhibitors} exhibitors, {buyers} buyers, {len(problem.candidates)} requests (synthetic, seed {seed})",
        "grid": f"{days} days × {slots_per_day} slots, {tables} tables",
        "engine_value": engine.objective,
        "upper_bound": engine.upper_bound,
        "plain_flow_bound": plain,
        "engine_seconds": wall,
        "engine_status": engine.status,
        "engine_method": engine.method,
        "engine_meetings": len(engine.meetings),
        "engine_idle_gaps": engine.idle_gaps,
        "engine_shortfall": engine.shortfall,
        "must_held": engine.must_held,
        "must_total": sum(c.must for c in problem.candidates),
        "first_free_value": baseline.objective,
        "first_free_seconds": baseline.seconds,
        "first_free_meetings": len(baseline.meetings),
        "first_free_idle_gaps": baseline.idle_gaps,
        "first_free_must_held": baseline.must_held,
        "score_greedy_value": score_greedy.objective,
        "start_only_value": quick.objective,
        "start_only_seconds": quick.seconds,
        "valid": not problems,
        "validation_problems": problems[:5],
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "ratio_to_bound": engine.objective / engine.upper_bound,
        "first_free_ratio_to_bound": baseline.objective / engine.upper_bound,
        "ratio_to_first_free": engine.objective / baseline.objective,
        "within_budget": wall <= time_limit and engine.objective >= TARGET * engine.upper_bound,
    }


def report(figures: dict[str, Any]) -> None:
    """Print the figures, the ratios last."""
    f = figures
    print(f"fair: {f['fair']}; {f['grid']}")
    print(f"load average before {f['load_before'][0]:.2f}, after {f['load_after'][0]:.2f} (2 cores, shared)")
    print(
        f"engine ({f['engine_method']}): value {f['engine_value']:.2f} in {f['engine_seconds']:.1f} s, "
        f"{f['engine_meetings']} meetings, {f['must_held']}/{f['must_total']} must-meets, "
        f"{f['engine_idle_gaps']} idle gaps, shortfall {f['engine_shortfall']}, status {f['engine_status']}"
    )
    print(f"upper bound {f['upper_bound']:.2f} (plain flow bound, no must-meet condition: {f['plain_flow_bound']:.2f})")
    print(
        f"first free mutual slot: value {f['first_free_value']:.2f} in {f['first_free_seconds']:.2f} s, "
        f"{f['first_free_meetings']} meetings, {f['first_free_must_held']} must-meets, "
        f"{f['first_free_idle_gaps']} idle gaps; score-ordered greedy value {f['score_greedy_value']:.2f}"
    )
    print(
        f"constructive start only (time limit 1 s): value {f['start_only_value']:.2f} in "
        f"{f['start_only_seconds']:.1f} s ({f['start_only_value'] / f['upper_bound']:.4f} of the bound)"
    )
    print(f"valid: {f['valid']} {f['validation_problems'] or ''}")
    print(f"first free / upper bound: {f['first_free_ratio_to_bound']:.4f}")
    print(f"engine / first free: {f['ratio_to_first_free']:.3f}")
    verdict = "within" if f["within_budget"] else "NOT within"
    print(f"ratio engine / upper bound: {f['ratio_to_bound']:.4f} (budget ≥ {TARGET} in ≤ {BUDGET_S:.0f} s: {verdict})")


def main() -> None:
    """Parse the options, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    for name, default in (
        ("exhibitors", 2000),
        ("buyers", 8000),
        ("requests", 40000),
        ("days", 4),
        ("slots-per-day", 16),
        ("tables", 400),
        ("workers", 2),
        ("seed", 0),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--time-limit", type=float, default=BUDGET_S)
    args = vars(parser.parse_args())
    report(run(**args))


if __name__ == "__main__":
    main()
