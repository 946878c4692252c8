"""The REST API under /api/v1: a thin adapter over services. May import `services` and below."""
