"""Pure computation on snapshots (plain values and arrays); never a database session.
May import `domain` only (and numpy/scipy).
"""
