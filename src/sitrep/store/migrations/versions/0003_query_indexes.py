"""Indexes for the API at scale: the timeline's GROUP BY and the case-insensitive incident filters
(each filter's index also gives the newest-first order and the filtered timeline without a sort).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LOWER_INDEXED = ("country", "admin1", "event_type", "grade")  # as sitrep.store.schema.LOWER_INDEXED


def upgrade() -> None:
    """Apply this revision (the newest-first indexes differ by dialect; see schema.IncidentRow)."""
    op.create_index("ix_incidents_timeline", "incidents", ["event_date", "event_type", "fatalities"])
    if op.get_bind().dialect.name == "postgresql":
        op.create_index("ix_incidents_newest", "incidents", [sa.text("event_date DESC NULLS LAST"), "incident_id"])
        for col in LOWER_INDEXED:
            op.create_index(f"ix_incidents_lower_{col}_newest", "incidents",
                            [sa.text(f"lower({col})"), sa.text("event_date DESC NULLS LAST"), "incident_id"],
                            # the column itself too: PostgreSQL then counts matches from the index alone
                            postgresql_include=list(dict.fromkeys([col, "event_type", "fatalities"])))
    else:
        for col in LOWER_INDEXED:
            op.create_index(f"ix_incidents_lower_{col}", "incidents",
                            [sa.text(f"lower({col})"), "event_date", "event_type", "fatalities"])


def downgrade() -> None:
    """Revert this revision."""
    if op.get_bind().dialect.name == "postgresql":
        for col in LOWER_INDEXED:
            op.drop_index(f"ix_incidents_lower_{col}_newest", table_name="incidents")
        op.drop_index("ix_incidents_newest", table_name="incidents")
    else:
        for col in LOWER_INDEXED:
            op.drop_index(f"ix_incidents_lower_{col}", table_name="incidents")
    op.drop_index("ix_incidents_timeline", table_name="incidents")
