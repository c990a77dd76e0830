"""The contract tables (data-contract.md), one per table.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("agency_id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text()),
        sa.Column("sector", sa.String(200)),
    )
    op.create_table(
        "households",
        sa.Column("household_id", sa.String(200), primary_key=True),
        sa.Column("address", sa.Text()),
        sa.Column("postcode", sa.Text()),
    )
    op.create_table(
        "people",
        sa.Column("person_id", sa.String(200), primary_key=True),
        sa.Column("given_name", sa.Text()),
        sa.Column("family_name", sa.Text()),
        sa.Column("date_of_birth", sa.Date()),
        sa.Column("gender", sa.Text()),
        sa.Column("household_id", sa.String(200)),
        sa.Column("nhs_number", sa.Text()),
    )
    op.create_table(
        "practitioners",
        sa.Column("practitioner_id", sa.String(200), primary_key=True),
        sa.Column("agency_id", sa.String(200)),
        sa.Column("name", sa.Text()),
        sa.Column("role", sa.Text()),
        sa.Column("email", sa.Text()),
        sa.Column("phone", sa.Text()),
    )
    op.create_index("ix_practitioners_agency_id", "practitioners", ["agency_id"])
    op.create_table(
        "relationships",
        sa.Column("row_key", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.String(200)),
        sa.Column("related_person_id", sa.String(200)),
        sa.Column("relationship", sa.String(200)),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
    )
    op.create_index("ix_relationships_person_id", "relationships", ["person_id"])
    op.create_index("ix_relationships_related_person_id", "relationships", ["related_person_id"])
    op.create_table(
        "involvements",
        sa.Column("row_key", sa.String(64), primary_key=True),
        sa.Column("practitioner_id", sa.String(200)),
        sa.Column("person_id", sa.String(200)),
        sa.Column("role", sa.Text()),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
    )
    op.create_index("ix_involvements_practitioner_id", "involvements", ["practitioner_id"])
    op.create_index("ix_involvements_person_id", "involvements", ["person_id"])
    op.create_table(
        "plans",
        sa.Column("plan_id", sa.String(200), primary_key=True),
        sa.Column("plan_type", sa.String(200)),
        sa.Column("lead_agency_id", sa.String(200)),
        sa.Column("start_date", sa.Date()),
        sa.Column("end_date", sa.Date()),
        sa.Column("mappa_category", sa.String(200)),
        sa.Column("mappa_level", sa.String(200)),
        sa.Column("cp_category", sa.String(200)),
        sa.Column("next_review_date", sa.Date()),
        sa.Column("meeting_date", sa.Date()),
        sa.Column("referral_criterion", sa.String(200)),
        sa.Column("dash_score", sa.Integer()),
        sa.Column("is_repeat", sa.Boolean()),
    )
    op.create_table(
        "plan_members",
        sa.Column("row_key", sa.String(64), primary_key=True),
        sa.Column("plan_id", sa.String(200)),
        sa.Column("person_id", sa.String(200)),
        sa.Column("role", sa.String(200)),
    )
    op.create_index("ix_plan_members_plan_id", "plan_members", ["plan_id"])
    op.create_index("ix_plan_members_person_id", "plan_members", ["person_id"])
    op.create_table(
        "plan_agencies",
        sa.Column("row_key", sa.String(64), primary_key=True),
        sa.Column("plan_id", sa.String(200)),
        sa.Column("agency_id", sa.String(200)),
        sa.Column("role", sa.String(200)),
        sa.Column("since", sa.Date()),
    )
    op.create_index("ix_plan_agencies_plan_id", "plan_agencies", ["plan_id"])
    op.create_index("ix_plan_agencies_agency_id", "plan_agencies", ["agency_id"])
    op.create_table(
        "concerns",
        sa.Column("concern_id", sa.String(200), primary_key=True),
        sa.Column("person_id", sa.String(200)),
        sa.Column("practitioner_id", sa.String(200)),
        sa.Column("date", sa.Date()),
        sa.Column("significant_harm_suspected", sa.Boolean()),
        sa.Column("summary", sa.Text()),
    )
    op.create_index("ix_concerns_person_id", "concerns", ["person_id"])
    op.create_table(
        "referrals",
        sa.Column("referral_id", sa.String(200), primary_key=True),
        sa.Column("person_id", sa.String(200)),
        sa.Column("practitioner_id", sa.String(200)),
        sa.Column("date", sa.Date()),
        sa.Column("to", sa.String(200)),
        sa.Column("concern_id", sa.String(200)),
    )
    op.create_index("ix_referrals_person_id", "referrals", ["person_id"])
    op.create_table(
        "consents",
        sa.Column("consent_id", sa.String(200), primary_key=True),
        sa.Column("person_id", sa.String(200)),
        sa.Column("given_by_person_id", sa.String(200)),
        sa.Column("decision", sa.String(200)),
        sa.Column("reason_not_sought", sa.Text()),
        sa.Column("date", sa.Date()),
        sa.Column("recorded_by", sa.String(200)),
    )
    op.create_index("ix_consents_person_id", "consents", ["person_id"])
    op.create_table(
        "sharing_events",
        sa.Column("sharing_id", sa.String(200), primary_key=True),
        sa.Column("date", sa.Date()),
        sa.Column("from_agency_id", sa.String(200)),
        sa.Column("to_agency_id", sa.String(200)),
        sa.Column("person_id", sa.String(200)),
        sa.Column("practitioner_id", sa.String(200)),
        sa.Column("lawful_basis", sa.String(200)),
        sa.Column("consent_id", sa.String(200)),
        sa.Column("plan_id", sa.String(200)),
        sa.Column("purposes", sa.Text()),
        sa.Column("information_level", sa.String(200)),
    )
    op.create_index("ix_sharing_events_from_agency_id", "sharing_events", ["from_agency_id"])
    op.create_index("ix_sharing_events_to_agency_id", "sharing_events", ["to_agency_id"])
    op.create_index("ix_sharing_events_person_id", "sharing_events", ["person_id"])
    op.create_table(
        "child_views",
        sa.Column("row_key", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.String(200)),
        sa.Column("date", sa.Date()),
        sa.Column("practitioner_id", sa.String(200)),
        sa.Column("summary", sa.Text()),
    )
    op.create_index("ix_child_views_person_id", "child_views", ["person_id"])
    op.create_table(
        "risk_assessments",
        sa.Column("assessment_id", sa.String(200), primary_key=True),
        sa.Column("person_id", sa.String(200)),
        sa.Column("practitioner_id", sa.String(200)),
        sa.Column("date", sa.Date()),
        sa.Column("dash_score", sa.Integer()),
    )
    op.create_index("ix_risk_assessments_person_id", "risk_assessments", ["person_id"])
    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.String(200), primary_key=True),
        sa.Column("date", sa.Date()),
        sa.Column("victim_person_id", sa.String(200)),
        sa.Column("perpetrator_person_id", sa.String(200)),
        sa.Column("agency_id", sa.String(200)),
    )
    op.create_index("ix_incidents_victim_person_id", "incidents", ["victim_person_id"])
    op.create_index("ix_incidents_agency_id", "incidents", ["agency_id"])
    op.create_table(
        "actions",
        sa.Column("action_id", sa.String(200), primary_key=True),
        sa.Column("plan_id", sa.String(200)),
        sa.Column("owner_agency_id", sa.String(200)),
        sa.Column("description", sa.Text()),
        sa.Column("due_date", sa.Date()),
        sa.Column("completed_date", sa.Date()),
    )
    op.create_index("ix_actions_plan_id", "actions", ["plan_id"])


def downgrade() -> None:
    op.drop_table("actions")
    op.drop_table("incidents")
    op.drop_table("risk_assessments")
    op.drop_table("child_views")
    op.drop_table("sharing_events")
    op.drop_table("consents")
    op.drop_table("referrals")
    op.drop_table("concerns")
    op.drop_table("plan_agencies")
    op.drop_table("plan_members")
    op.drop_table("plans")
    op.drop_table("involvements")
    op.drop_table("relationships")
    op.drop_table("practitioners")
    op.drop_table("people")
    op.drop_table("households")
    op.drop_table("agencies")
