"""Budgets (issue 7 point 6): the fair's two scheduling modes, each against its baseline in the same run.

1. The published B2B benchmark (Bofill et al., JAIR 2022): every instance of
   `../shared/data/b2b-meetings` (8 with published optima, then the 12 of `eval/`, measured only)
   at 10 s, 30 s and 120 s: breaks and proven lower bound of each, then the worst
   (breaks + 1) / (lower bound + 1) at 10 s and the worst ratio to the published optima
   (`bench/_fair_b2b.py`).
2. Select and schedule at fair scale: a synthetic fair of 2,000 exhibitors, 8,000 buyers, 40,000
   requested meetings over 4 days × 16 slots and 400 tables, ≥ 98 % of an upper bound within 120 s,
   against the same first-free baseline (`bench/_fair_select.py`).

Run: .venv/bin/python bench/fair.py   (each part also runs alone, with options, from its own file)
The last line printed is the select-and-schedule ratio to its upper bound.
"""

from __future__ import annotations

import sys

import _fair_b2b
import _fair_select


def main() -> None:
    """Run both parts with their defaults; the ratios close each part's output."""
    sys.argv = sys.argv[:1]
    print("== B2B benchmark: schedule all, minimise breaks", flush=True)
    _fair_b2b.main()
    print("== select and schedule: synthetic fair at CICEE scale", flush=True)
    _fair_select.report(_fair_select.run())


if __name__ == "__main__":
    main()
