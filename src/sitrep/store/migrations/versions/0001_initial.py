"""Initial schema: documents, incidents, sources, aggregates, contradictions, framing, store_info.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "aggregates",
        sa.Column("aggregate_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Text(), nullable=False),
        sa.Column("value_low", sa.Integer(), nullable=False),
        sa.Column("value_high", sa.Integer(), nullable=True),
        sa.Column("area", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("claimed_by", sa.Text(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("aggregate_id", name=op.f("pk_aggregates")),
    )
    with op.batch_alter_table("aggregates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aggregates_doc_id"), ["doc_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_aggregates_quantity"), ["quantity"], unique=False)

    op.create_table(
        "contradictions",
        sa.Column("contradiction_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("contradiction_id", name=op.f("pk_contradictions")),
    )
    op.create_table(
        "documents",
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("input_key", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("published_evidence", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("doc_id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_published"), ["published"], unique=False)

    op.create_table(
        "framing",
        sa.Column("framing_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("labels_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("framing_id", name=op.f("pk_framing")),
    )
    with op.batch_alter_table("framing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_framing_actor"), ["actor"], unique=False)
        batch_op.create_index(batch_op.f("ix_framing_doc_id"), ["doc_id"], unique=False)

    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("date_min", sa.Date(), nullable=False),
        sa.Column("date_max", sa.Date(), nullable=False),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("sub_event_type", sa.Text(), nullable=False),
        sa.Column("actor1", sa.Text(), nullable=False),
        sa.Column("assoc_actor_1", sa.Text(), nullable=False),
        sa.Column("inter1", sa.Text(), nullable=False),
        sa.Column("actor2", sa.Text(), nullable=False),
        sa.Column("assoc_actor_2", sa.Text(), nullable=False),
        sa.Column("inter2", sa.Text(), nullable=False),
        sa.Column("civilian_targeting", sa.Boolean(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("admin1", sa.Text(), nullable=False),
        sa.Column("admin2", sa.Text(), nullable=False),
        sa.Column("admin3", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("fatalities_low", sa.Integer(), nullable=True),
        sa.Column("fatalities_best", sa.Integer(), nullable=True),
        sa.Column("fatalities_high", sa.Integer(), nullable=True),
        sa.Column("injuries_low", sa.Integer(), nullable=True),
        sa.Column("injuries_high", sa.Integer(), nullable=True),
        sa.Column("grade", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_country_admin1"), ["country", "admin1"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_event_date"), ["event_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_event_type"), ["event_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_incidents_ordinal"), ["ordinal"], unique=False)

    op.create_table(
        "store_info",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_info")),
    )
    op.create_table(
        "contradiction_claims",
        sa.Column("contradiction_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contradiction_id"],
            ["contradictions.contradiction_id"],
            name=op.f("fk_contradiction_claims_contradiction_id_contradictions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contradiction_id", "ordinal", name=op.f("pk_contradiction_claims")),
    )
    with op.batch_alter_table("contradiction_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contradiction_claims_doc_id"), ["doc_id"], unique=False)

    op.create_table(
        "contradiction_incidents",
        sa.Column("contradiction_id", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contradiction_id"],
            ["contradictions.contradiction_id"],
            name=op.f("fk_contradiction_incidents_contradiction_id_contradictions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.incident_id"],
            name=op.f("fk_contradiction_incidents_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contradiction_id", "incident_id", name=op.f("pk_contradiction_incidents")),
    )
    with op.batch_alter_table("contradiction_incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contradiction_incidents_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "sources",
        sa.Column("incident_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.incident_id"],
            name=op.f("fk_sources_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", "ordinal", name=op.f("pk_sources")),
    )
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sources_doc_id"), ["doc_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_doc_id"))

    op.drop_table("sources")
    with op.batch_alter_table("contradiction_incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contradiction_incidents_incident_id"))

    op.drop_table("contradiction_incidents")
    with op.batch_alter_table("contradiction_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contradiction_claims_doc_id"))

    op.drop_table("contradiction_claims")
    op.drop_table("store_info")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_ordinal"))
        batch_op.drop_index(batch_op.f("ix_incidents_event_type"))
        batch_op.drop_index(batch_op.f("ix_incidents_event_date"))
        batch_op.drop_index(batch_op.f("ix_incidents_country_admin1"))

    op.drop_table("incidents")
    with op.batch_alter_table("framing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_framing_doc_id"))
        batch_op.drop_index(batch_op.f("ix_framing_actor"))

    op.drop_table("framing")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_published"))
        batch_op.drop_index(batch_op.f("ix_documents_outlet"))

    op.drop_table("documents")
    op.drop_table("contradictions")
    with op.batch_alter_table("aggregates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aggregates_quantity"))
        batch_op.drop_index(batch_op.f("ix_aggregates_doc_id"))

    op.drop_table("aggregates")
