"""Use cases: access checks, rules, repositories, audit and analytics calls. Services never commit;
the adapter that opened the unit of work does. May import `domain`, `store`, `analytics`,
`interchange` and `reports`; never `api`, `web` or `cli`.
"""
