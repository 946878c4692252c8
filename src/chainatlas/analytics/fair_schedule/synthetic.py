"""A synthetic fair (合成数据, marked `synthetic`): deterministic by seed, shaped like a hosted-buyer programme.

Exhibitor popularity is heavy-tailed (Pareto), bigger stands bring more staff (1–3); buyers request
1 + Poisson meetings from exhibitors drawn by popularity; about 5 % of requests are must-meets; a
fifth of buyers attend only some days, a tenth of exhibitors miss a half day; hosted buyers (10 %)
are promised a minimum and some buyers cap their meetings. Requests arrive in random order (the
order the first-free baseline serves them). Nothing here describes a real company.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from chainatlas.analytics.fair_schedule.problem import Candidate, FairProblem, Participant, Slot

SOURCE = "synthetic"
MUST_SHARE = 0.05
IDLE_GAP_PENALTY = 0.05
PART_TIME_BUYERS = 0.2
HALF_DAY_EXHIBITORS = 0.1
HOSTED_BUYERS = 0.1
HOSTED_MINIMUM = 3
CAPPED_BUYERS = 0.3


def synthetic_fair(
    *,
    exhibitors: int = 2000,
    buyers: int = 8000,
    requests: int = 40000,
    days: int = 4,
    slots_per_day: int = 16,
    tables: int = 400,
    seed: int = 0,
) -> FairProblem:
    """Return a synthetic fair problem (ids `E…`/`B…`); the same seed gives the same problem."""
    rng = np.random.default_rng(seed)
    slots = tuple(Slot(d, i) for d in range(days) for i in range(slots_per_day))
    popularity = rng.pareto(1.3, exhibitors) + 0.05
    staff = 1 + (popularity > np.quantile(popularity, 0.6)).astype(int) + (popularity > np.quantile(popularity, 0.9))
    pairs = _requested_pairs(rng, popularity / popularity.sum(), buyers, requests)
    people = _exhibitors(rng, staff, days, slots_per_day) + _buyers(rng, buyers, days, slots_per_day, pairs)
    scores = np.round(rng.beta(2.0, 3.0, len(pairs)) * 0.95 + 0.05, 3)
    must = rng.random(len(pairs)) < MUST_SHARE
    candidates = tuple(
        Candidate(f"E{e:05d}", f"B{b:05d}", float(s), bool(m))
        for (e, b), s, m in zip(pairs.tolist(), scores, must, strict=True)
    )
    return FairProblem(slots, tables, tuple(people), candidates, idle_gap_penalty=IDLE_GAP_PENALTY)


def _requested_pairs(
    rng: np.random.Generator, weights: npt.NDArray[np.float64], buyers: int, requests: int
) -> npt.NDArray[np.int64]:
    wanted = np.minimum(1 + rng.poisson(max(requests / buyers - 1, 0), buyers), len(weights))
    pairs: set[tuple[int, int]] = set()
    for b in rng.permutation(buyers):
        for e in rng.choice(len(weights), size=int(wanted[b]), replace=False, p=weights):
            pairs.add((int(e), int(b)))
    while len(pairs) < min(requests, len(weights) * buyers):  # top up a short Poisson draw
        pairs.add((int(rng.choice(len(weights), p=weights)), int(rng.integers(buyers))))
    ordered = sorted(pairs)
    chosen = rng.choice(len(ordered), size=min(requests, len(ordered)), replace=False)
    return np.array([ordered[i] for i in chosen], dtype=np.int64).reshape(-1, 2)


def _exhibitors(rng: np.random.Generator, staff: npt.NDArray[np.int64], days: int, per_day: int) -> list[Participant]:
    people = []
    half = per_day // 2
    for e, n in enumerate(staff.tolist()):
        available = None
        if rng.random() < HALF_DAY_EXHIBITORS:
            day, start = int(rng.integers(days)), int(rng.integers(2)) * half
            missing = {day * per_day + start + i for i in range(half)}
            available = frozenset(set(range(days * per_day)) - missing)
        people.append(Participant(f"E{e:05d}", "exhibitor", staff=n, available=available))
    return people


def _buyers(
    rng: np.random.Generator, buyers: int, days: int, per_day: int, pairs: npt.NDArray[np.int64]
) -> list[Participant]:
    requested = np.bincount(pairs[:, 1], minlength=buyers)
    people = []
    for b in range(buyers):
        available = None
        if rng.random() < PART_TIME_BUYERS and days > 1:
            present = rng.choice(days, size=int(rng.integers(1, days)), replace=False)
            available = frozenset(int(d) * per_day + i for d in present for i in range(per_day))
        hosted = rng.random() < HOSTED_BUYERS
        capped = rng.random() < CAPPED_BUYERS
        minimum = min(HOSTED_MINIMUM, int(requested[b])) if hosted else 0
        maximum = max(minimum, int(rng.integers(2, 7))) if capped else None
        people.append(
            Participant(f"B{b:05d}", "buyer", available=available, min_meetings=minimum, max_meetings=maximum)
        )
    return people
