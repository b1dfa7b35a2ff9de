"""Undated incidents: event_date, date_min, date_max and time_precision may be NULL.

An incident that neither its text nor a publication date dates keeps no date (model.Incident allows
None); revision 0001 refused to store it, which stopped the whole ingestion at resolution.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMNS = (("event_date", sa.Date()), ("date_min", sa.Date()), ("date_max", sa.Date()),
            ("time_precision", sa.Integer()))


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("incidents") as batch:
        for name, type_ in _COLUMNS:
            batch.alter_column(name, existing_type=type_, nullable=True)


def downgrade() -> None:
    """Revert this revision (fails if undated incidents are stored)."""
    with op.batch_alter_table("incidents") as batch:
        for name, type_ in _COLUMNS:
            batch.alter_column(name, existing_type=type_, nullable=False)
