"""Monitoring alerts (issue 6): alert rules and raised alerts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
