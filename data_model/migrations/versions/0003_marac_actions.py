"""MARAC action history: coordinators' changes to actions, kept apart from the imported tables.

One row per change, numbered per action (``version``); the unique (action_id, version) pair is
what stops two coordinators' edits based on the same version from both being stored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "marac_action_changes",
        sa.Column("change_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("action_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.String(200), nullable=True),
        sa.Column("owner_agency_id", sa.String(200), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("completed_date", sa.Date(), nullable=True),
        sa.Column("changed_fields", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("action_id", "version", name="uq_marac_action_changes_version"),
    )
    op.create_index("ix_marac_action_changes_plan_id", "marac_action_changes", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_marac_action_changes_plan_id", table_name="marac_action_changes")
    op.drop_table("marac_action_changes")
