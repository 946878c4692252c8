"""Budget (issue #7 point 6, B2B half): the published optimum of every B2B benchmark instance
(Bofill et al., JAIR 2022) within 120 s each on this 2-core machine.

Runs the 8 development instances (published optima in ../shared/data/b2b-meetings/README.md),
then the 12 `eval/` instances (optima not given: measured only), then two baselines on the same
instances: the "first free mutual slot" rule of self-service platforms (meetings in file order,
each in the first slot where both participants are free and a table is left) and, with
`--naive-limit S`, the naive CP-SAT model (no implied constraints, 2 workers). Prints the ratio last.

Run: .venv/bin/python bench/_fair_b2b.py [--time-limit S] [--naive-limit S] [--only NAME ...]
`run()` returns (instance, breaks, published, seconds, optimal proved) per development instance.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

from chainatlas.analytics.b2b.cpsat import solve_cpsat
from chainatlas.analytics.b2b.problem import B2BProblem, participant_breaks
from chainatlas.analytics.b2b.solve import solve_b2b
from chainatlas.interchange.dzn import read_dzn

BUDGET_S = 120.0
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
Row = tuple[str, int | None, int | None, float, bool]


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
    """Solve each instance with the SAT race and print one line per instance.

    Besides wall seconds it prints the CPU seconds of both solver processes together: on a machine
    shared with other work the wall time stretches, while CPU / 2 is roughly the idle-machine time.
    """
    rows: list[Row] = []
    for name, path in paths:
        cpu = children_cpu()
        result = solve_b2b(read_dzn(path), time_limit=time_limit)
        cpu = children_cpu() - cpu
        published = PUBLISHED.get(name)
        rows.append((name, result.breaks, published, result.seconds, result.optimal))
        shown = "—" if published is None else str(published)
        print(
            f"{name:16} breaks {result.breaks!s:>4}  published {shown:>2}  {result.seconds:6.1f} s  "
            f"{result.status:10} lower bound {result.lower_bound}  {result.solver:11} cpu {cpu:5.1f} s  load {load()}",
            flush=True,
        )
    return rows


def run(time_limit: float = BUDGET_S) -> list[Row]:
    """Return (instance, breaks, published, seconds, optimal proved) for the 8 development instances."""
    return solve_all(instances(data_folder()), time_limit)


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
    parser.add_argument("--time-limit", type=float, default=BUDGET_S)
    parser.add_argument(
        "--naive-limit", type=float, default=0.0, help="seconds for the naive CP-SAT baseline (0: skip)"
    )
    parser.add_argument("--only", nargs="*", default=None, help="instance names to run")
    args = parser.parse_args()
    folder = data_folder()
    dev, evaluation = instances(folder), instances(folder / "eval")
    if args.only:
        dev, evaluation = [i for i in dev if i[0] in args.only], [i for i in evaluation if i[0] in args.only]
    print(f"B2B benchmark, SAT race, limit {args.time_limit:.0f} s each; load {load()}, {os.cpu_count()} cores")
    print("-- development instances (published optima)")
    started = time.monotonic()
    rows = solve_all(dev, args.time_limit)
    print("-- eval/ instances (optima not given: measured only)")
    rows += solve_all(evaluation, args.time_limit)
    print(f"-- total {time.monotonic() - started:.0f} s; baselines on the same instances")
    base = baseline(dev + evaluation, args.naive_limit)
    report(rows, base, args.time_limit)


def report(rows: list[Row], base: dict[str, tuple[int | None, bool, int | None]], limit: float) -> None:
    """Print the verdict and, last, the ratio against the first-fit baseline."""
    reached = [r for r in rows if r[2] is not None and r[1] == r[2] and r[4] and r[3] <= limit]
    published = [r for r in rows if r[2] is not None]
    proved = [r for r in rows if r[4]]
    print(
        f"published optimum reached and proved within {limit:.0f} s: {len(reached)}/{len(published)}; "
        f"optimality proved: {len(proved)}/{len(rows)}; slowest {max(r[3] for r in rows):.1f} s"
    )
    ours = sum(r[1] or 0 for r in rows if r[1] is not None)
    complete = [n for n, (b, fair, _) in base.items() if b is not None and fair]
    theirs = sum(base[n][0] or 0 for n in complete)
    ours_there = sum(r[1] or 0 for r in rows if r[0] in complete)
    print(
        f"first-fit schedules every meeting with ≤ 2 breaks each on {len(complete)}/{len(rows)} instances; "
        f"breaks there: ours {ours_there}, first-fit {theirs}; ours on all {len(rows)}: {ours}"
    )
    print(f"ratio (instances scheduled to a proven optimum, ours : first-fit valid): {len(proved)} : {len(complete)}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
