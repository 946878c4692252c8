"""B2B meeting scheduling, the published benchmark's schedule-all-minimise-breaks mode (Bofill et al., JAIR 2022):
the problem, break counting, the SAT formulation and the solver race. Pure: may import `domain`, pysat and ortools.

Not the fair's own scheduling: choosing which of a registered fair's meetings to hold at fair scale is
`analytics.fair_schedule` (select-and-schedule).
"""
