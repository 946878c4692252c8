"""Budget (issue #15 point 2, B2B half of bench/fair.py): every published B2B benchmark instance (Bofill et al.,
JAIR 2022) at 10 s, 30 s and 120 s, on this 2-core machine.

Runs the 8 development instances (published optima in ../shared/data/b2b-meetings/README.md), then the
12 `eval/` instances (optima not given: measured only), at each time limit, and prints the breaks and
the proven lower bound of each with the load beside. Budget: every instance proved optimal within
60 s at load 4, and (breaks + 1) ≤ 1.5 × (lower bound + 1) at 10 s. Printed last: the worst
(breaks + 1) / (lower bound + 1) at the first limit over all instances, then the worst
(breaks + 1) / (published optimum + 1) at the first limit over the 8 with published optima.
With `--baseline`, first the "first free mutual slot" rule of self-service platforms (meetings in
file order, each in the first slot where both participants are free and a table is left) and, with
`--naive-limit S`, the naive CP-SAT model (no implied constraints, 2 workers).

Run: .venv/bin/python bench/_fair_b2b.py [--limits 10 30 120] [--only NAME ...] [--baseline] [--naive-limit S]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from chainatlas.analytics.b2b.cpsat import solve_cpsat
from chainatlas.analytics.b2b.problem import B2BProblem, participant_breaks
from chainatlas.analytics.b2b.solve import solve_b2b
from chainatlas.interchange.dzn import read_dzn

LIMITS = (10.0, 30.0, 120.0)
PROOF_BUDGET_S = 60.0
RATIO_BUDGET = 1.5
PUBLISHED = {
    "tic-12": 0,
    "tic-12crafc": 0,
    "forum-13": 0,
    "forum-13crafc": 1,
    "ticf-13crafa": 0,
    "ticf-13crafc": 1,
    "forum-14": 2,
    "ticf-14crafa": 0,
}


@dataclass(frozen=True)
class Row:
    """One instance solved at one time limit."""

    name: str
    limit: float
    breaks: int | None
    lower_bound: int
    status: str
    seconds: float
    load: str


def data_folder() -> Path:
    """The benchmark folder `../shared/data/b2b-meetings` beside the checkout (worktrees sit one level deeper)."""
    root = Path(__file__).resolve().parents[1]
    for base in (root.parent, root.parent.parent):
        if (base / "shared" / "data" / "b2b-meetings").is_dir():
            return base / "shared" / "data" / "b2b-meetings"
    raise SystemExit(f"no shared/data/b2b-meetings beside {root}")


def instances(folder: Path) -> list[tuple[str, Path]]:
    """Return (name, path) of the .dzn files in a folder, by name."""
    return [(p.name.removesuffix(".original.dzn"), p) for p in sorted(folder.glob("*.dzn"))]


def load() -> str:
    """Return the 1-minute load average, to print beside every time (the machine is shared)."""
    return f"{os.getloadavg()[0]:.1f}"


def children_cpu() -> float:
    """Return the CPU seconds used so far by finished child processes (the solvers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def solve_all(paths: list[tuple[str, Path]], time_limit: float) -> list[Row]:
    """Solve each instance with the race and print one line per instance.

    Besides wall seconds it prints the CPU seconds of both solver processes together: on a machine
    shared with other work the wall time stretches, while CPU / 2 is roughly the idle-machine time.
    """
    rows: list[Row] = []
    for name, path in paths:
        cpu = children_cpu()
        result = solve_b2b(read_dzn(path), time_limit=time_limit)
        cpu = children_cpu() - cpu
        rows.append(Row(name, time_limit, result.breaks, result.lower_bound, result.status, result.seconds, load()))
        published = PUBLISHED.get(name)
        shown = "—" if published is None else str(published)
        print(
            f"{name:16} limit {time_limit:4.0f} s  breaks {result.breaks!s:>4}  lower bound {result.lower_bound:>2}  "
            f"published {shown:>2}  {result.status:10} {result.seconds:6.1f} s  cpu {cpu:5.1f} s  load {rows[-1].load}",
            flush=True,
        )
    return rows


def ratio(breaks: int | None, bound: int) -> float:
    """Return (breaks + 1) / (bound + 1); no schedule is an infinite ratio."""
    return float("inf") if breaks is None else (breaks + 1) / (bound + 1)


def first_free_mutual_slot(problem: B2BProblem) -> list[int] | None:
    """The self-service rule: each meeting in file order in the first slot both can attend with a table free."""
    busy: set[tuple[int, int]] = set()
    in_slot = [0] * (problem.n_slots + 1)
    slots = []
    for i, m in enumerate(problem.meetings, 1):
        free = [
            t
            for t in problem.allowed_slots(i)
            if (m.p1, t) not in busy and (m.p2, t) not in busy and in_slot[t] < problem.n_tables
        ]
        if not free:
            return None
        slots.append(free[0])
        busy |= {(m.p1, free[0]), (m.p2, free[0])}
        in_slot[free[0]] += 1
    return slots


def baseline(paths: list[tuple[str, Path]], naive_limit: float) -> dict[str, tuple[int | None, bool, int | None]]:
    """Return per instance: first-fit breaks (None if it cannot place every meeting), whether it keeps ≤ 2
    breaks per participant, and the naive CP-SAT model's breaks (None when not run or nothing found)."""
    found = {}
    for name, path in paths:
        problem = read_dzn(path)
        slots = first_free_mutual_slot(problem)
        per = participant_breaks(problem, slots) if slots else []
        naive = solve_cpsat(problem, 2, time_limit=naive_limit, implied=False) if naive_limit > 0 else None
        found[name] = (sum(per) if slots else None, bool(slots) and max(per) <= 2, naive.breaks if naive else None)
        print(
            f"{name:16} first-fit {found[name][0]!s:>4} (≤2 per participant: {found[name][1]!s:5})  "
            f"naive CP-SAT {('—' if naive is None else f'{naive.breaks} {naive.status}')}  load {load()}",
            flush=True,
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits", type=float, nargs="+", default=list(LIMITS), help="time limits, seconds")
    parser.add_argument("--only", nargs="*", default=None, help="instance names to run")
    parser.add_argument("--baseline", action="store_true", help="also run the first-fit baseline")
    parser.add_argument(
        "--naive-limit", type=float, default=0.0, help="seconds for the naive CP-SAT baseline (0: skip)"
    )
    args = parser.parse_args()
    folder = data_folder()
    paths = instances(folder) + instances(folder / "eval")
    if args.only:
        paths = [i for i in paths if i[0] in args.only]
    print(
        f"B2B benchmark, limits {', '.join(f'{x:.0f}' for x in args.limits)} s; load {load()}, {os.cpu_count()} cores"
    )
    if args.baseline:
        baseline(paths, args.naive_limit)
    rows: list[Row] = []
    for limit in args.limits:
        started = time.monotonic()
        rows += solve_all(paths, limit)
        print(f"-- limit {limit:.0f} s: {time.monotonic() - started:.0f} s in all", flush=True)
    report(rows, args.limits)


def report(rows: list[Row], limits: list[float]) -> None:
    """Print one line per instance over the limits, the proof budget and, last, the two worst ratios."""
    names = list(dict.fromkeys(r.name for r in rows))
    at = {(r.name, r.limit): r for r in rows}
    print("instance          " + "".join(f"{f'{x:.0f} s breaks/bound':>22}" for x in limits) + "  published")
    for name in names:
        cells = "".join(f"{f'{at[name, x].breaks}/{at[name, x].lower_bound}':>22}" for x in limits)
        print(f"{name:16}  {cells}  {PUBLISHED.get(name, '—')}")
    proved = [r for r in rows if r.limit == max(limits) and r.status == "optimal"]
    in_budget = [r for r in proved if r.seconds <= PROOF_BUDGET_S]
    print(
        f"proved optimal at {max(limits):.0f} s: {len(proved)}/{len(names)}; within {PROOF_BUDGET_S:.0f} s: "
        f"{len(in_budget)}/{len(names)}; slowest proof {max((r.seconds for r in proved), default=0):.1f} s"
    )
    first = [r for r in rows if r.limit == limits[0]]
    worst = max(first, key=lambda r: ratio(r.breaks, r.lower_bound))
    known = [r for r in first if r.name in PUBLISHED]
    print(
        f"worst (breaks+1)/(lower bound+1) at {limits[0]:.0f} s over {len(first)} instances: "
        f"{ratio(worst.breaks, worst.lower_bound):.2f} ({worst.name}, load {worst.load}; budget {RATIO_BUDGET})"
    )
    print(
        f"worst (breaks+1)/(published+1) at {limits[0]:.0f} s over {len(known)} instances: "
        + (
            f"{max(ratio(r.breaks, PUBLISHED[r.name]) for r in known):.2f}"
            f" ({max(known, key=lambda r: ratio(r.breaks, PUBLISHED[r.name])).name})"
            if known
            else "—"
        )
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
