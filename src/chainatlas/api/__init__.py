"""The REST API under /api/v1: a thin adapter over services.

May import `services`, `reports` and `domain`.
Never imports `analytics`, `interchange`, `store`, `demo`, `web`, `cli` or `config`.
"""
