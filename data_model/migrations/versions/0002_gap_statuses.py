"""Gap statuses: what a lead has done about each gap, kept apart from the imported tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gap_statuses",
        sa.Column("status_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("gap_key", sa.String(1000), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_gap_statuses_gap_key", "gap_statuses", ["gap_key"])


def downgrade() -> None:
    op.drop_index("ix_gap_statuses_gap_key", table_name="gap_statuses")
    op.drop_table("gap_statuses")
