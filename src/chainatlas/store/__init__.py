"""Persistence: SQLAlchemy 2 rows, repositories returning domain objects, engine, unit of work,
Alembic migrations. May import `domain`; never `services` or the adapters above.
"""
