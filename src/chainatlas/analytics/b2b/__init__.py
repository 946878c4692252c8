"""B2B meeting scheduling, schedule-all-minimise-breaks mode (Bofill et al., JAIR 2022): the problem,
break counting, the SAT formulation and the solver race. Pure: may import `domain`, pysat and ortools.
"""
