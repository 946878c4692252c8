"""The fair (issue 7): fairs, participants, preferences, meetings, attendance.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 20:40:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
