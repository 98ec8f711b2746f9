"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 03:45:53.449813
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("display_name", sa.String(length=50), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "attachment",
        sa.Column("owner_table", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=2), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_deleted"), ["deleted"], unique=False)
        batch_op.create_index("ix_attachment_owner", ["owner_table", "owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_seq"), ["seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("station", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_record_id"), ["record_id"], unique=False)

    op.create_table(
        "division",
        sa.Column("code", sa.String(length=12), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("parent_id", sa.String(length=32), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["division.id"], name=op.f("fk_division_parent_id_division")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_division")),
    )
    with op.batch_alter_table("division", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_division_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_division_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_division_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_division_seq"), ["seq"], unique=False)

    op.create_table(
        "station_identity",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("division_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station_identity")),
    )
    op.create_table(
        "household",
        sa.Column("division_id", sa.String(length=32), nullable=False),
        sa.Column("household_no", sa.String(length=30), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("head_name", sa.String(length=50), nullable=False),
        sa.Column("head_id_number", sa.String(length=18), nullable=False),
        sa.Column("ethnicity", sa.String(length=2), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
            name=op.f("fk_household_division_id_division"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_division_id"), ["division_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_head_id_number"), ["head_id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_head_name"), ["head_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_seq"), ["seq"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("division_id", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("scoring_rule", sa.Text(), nullable=False),
        sa.Column("max_score", sa.Float(), nullable=False),
        sa.Column("responsible_person", sa.String(length=50), nullable=False),
        sa.Column("lead_unit", sa.String(length=100), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
            name=op.f("fk_indicator_division_id_division"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicator_division_id"), ["division_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicator_seq"), ["seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicator_year"), ["year"], unique=False)

    op.create_table(
        "project",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=2), nullable=False),
        sa.Column("division_id", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("scale", sa.Text(), nullable=False),
        sa.Column("fund_provincial", sa.Integer(), nullable=False),
        sa.Column("fund_local", sa.Integer(), nullable=False),
        sa.Column("fund_integrated", sa.Integer(), nullable=False),
        sa.Column("fund_self", sa.Integer(), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("planned_finish", sa.Date(), nullable=True),
        sa.Column("actual_start", sa.Date(), nullable=True),
        sa.Column("actual_finish", sa.Date(), nullable=True),
        sa.Column("responsible", sa.String(length=50), nullable=False),
        sa.Column("income_increase_expected", sa.Integer(), nullable=True),
        sa.Column("income_increase_measured", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=2), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
            name=op.f("fk_project_division_id_division"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
    )
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_division_id"), ["division_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_seq"), ["seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_year"), ["year"], unique=False)
        batch_op.create_index(
            "uq_project_code_live",
            ["code"],
            unique=True,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "indicator_milestone",
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("planned_value", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_milestone_indicator_id_indicator"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_milestone")),
    )
    with op.batch_alter_table("indicator_milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_milestone_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_indicator_milestone_indicator_id"),
            ["indicator_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_indicator_milestone_seq"), ["seq"], unique=False)

    op.create_table(
        "indicator_progress",
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reporter", sa.String(length=50), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_progress_indicator_id_indicator"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_progress")),
    )
    with op.batch_alter_table("indicator_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_progress_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_indicator_progress_indicator_id"),
            ["indicator_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_indicator_progress_seq"), ["seq"], unique=False)

    op.create_table(
        "member",
        sa.Column("household_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sa.String(length=2), nullable=False),
        sa.Column("relationship", sa.String(length=2), nullable=False),
        sa.Column("education", sa.String(length=2), nullable=False),
        sa.Column("health", sa.String(length=2), nullable=False),
        sa.Column("labour", sa.String(length=2), nullable=False),
        sa.Column("school_status", sa.String(length=2), nullable=False),
        sa.Column("work_away_months", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_member_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_id_number"), ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_seq"), ["seq"], unique=False)

    op.create_table(
        "project_beneficiary",
        sa.Column("project_id", sa.String(length=32), nullable=False),
        sa.Column("household_id", sa.String(length=32), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_project_beneficiary_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_beneficiary_project_id_project"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_beneficiary")),
    )
    with op.batch_alter_table("project_beneficiary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_beneficiary_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_project_beneficiary_household_id"),
            ["household_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_project_beneficiary_project_id"),
            ["project_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_project_beneficiary_seq"), ["seq"], unique=False)
        batch_op.create_index(
            "uq_project_beneficiary_live",
            ["project_id", "household_id"],
            unique=True,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "project_stage",
        sa.Column("project_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=2), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("person", sa.String(length=50), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_stage_project_id_project"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_stage")),
    )
    with op.batch_alter_table("project_stage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_project_stage_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_stage_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_project_stage_seq"), ["seq"], unique=False)

    op.create_table(
        "survey",
        sa.Column("household_id", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("household_size", sa.Integer(), nullable=False),
        sa.Column("income_wage", sa.Integer(), nullable=False),
        sa.Column("income_business", sa.Integer(), nullable=False),
        sa.Column("income_property", sa.Integer(), nullable=False),
        sa.Column("income_transfer", sa.Integer(), nullable=False),
        sa.Column("expense_business", sa.Integer(), nullable=False),
        sa.Column("hardship_causes", sa.String(length=60), nullable=False),
        sa.Column("needs", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("surveyor", sa.String(length=50), nullable=False),
        sa.Column("survey_date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_survey_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
    )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_seq"), ["seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_year"), ["year"], unique=False)
        batch_op.create_index(
            "uq_survey_household_year_live",
            ["household_id", "year"],
            unique=True,
            sqlite_where=sa.text("deleted = 0"),
        )

    op.create_table(
        "training",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("division_id", sa.String(length=32), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("trainer", sa.String(length=50), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("project_id", sa.String(length=32), nullable=True),
        sa.Column("extra_attendees", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["division.id"],
            name=op.f("fk_training_division_id_division"),
        ),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_training_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training")),
    )
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_division_id"), ["division_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_seq"), ["seq"], unique=False)

    op.create_table(
        "training_attendee",
        sa.Column("training_id", sa.String(length=32), nullable=False),
        sa.Column("household_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("created_stamp", sa.String(length=64), nullable=False),
        sa.Column("stamp", sa.String(length=64), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_training_attendee_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
            name=op.f("fk_training_attendee_member_id_member"),
        ),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["training.id"],
            name=op.f("fk_training_attendee_training_id_training"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendee")),
    )
    with op.batch_alter_table("training_attendee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_attendee_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_training_attendee_household_id"),
            ["household_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_training_attendee_seq"), ["seq"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_training_attendee_training_id"),
            ["training_id"],
            unique=False,
        )


def downgrade() -> None:

    with op.batch_alter_table("training_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_attendee_training_id"))
        batch_op.drop_index(batch_op.f("ix_training_attendee_seq"))
        batch_op.drop_index(batch_op.f("ix_training_attendee_household_id"))
        batch_op.drop_index(batch_op.f("ix_training_attendee_deleted"))

    op.drop_table("training_attendee")
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_seq"))
        batch_op.drop_index(batch_op.f("ix_training_project_id"))
        batch_op.drop_index(batch_op.f("ix_training_division_id"))
        batch_op.drop_index(batch_op.f("ix_training_deleted"))
        batch_op.drop_index(batch_op.f("ix_training_date"))

    op.drop_table("training")
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_index("uq_survey_household_year_live", sqlite_where=sa.text("deleted = 0"))
        batch_op.drop_index(batch_op.f("ix_survey_year"))
        batch_op.drop_index(batch_op.f("ix_survey_seq"))
        batch_op.drop_index(batch_op.f("ix_survey_household_id"))
        batch_op.drop_index(batch_op.f("ix_survey_deleted"))

    op.drop_table("survey")
    with op.batch_alter_table("project_stage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_project_stage_seq"))
        batch_op.drop_index(batch_op.f("ix_project_stage_project_id"))
        batch_op.drop_index(batch_op.f("ix_project_stage_deleted"))

    op.drop_table("project_stage")
    with op.batch_alter_table("project_beneficiary", schema=None) as batch_op:
        batch_op.drop_index("uq_project_beneficiary_live", sqlite_where=sa.text("deleted = 0"))
        batch_op.drop_index(batch_op.f("ix_project_beneficiary_seq"))
        batch_op.drop_index(batch_op.f("ix_project_beneficiary_project_id"))
        batch_op.drop_index(batch_op.f("ix_project_beneficiary_household_id"))
        batch_op.drop_index(batch_op.f("ix_project_beneficiary_deleted"))

    op.drop_table("project_beneficiary")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_seq"))
        batch_op.drop_index(batch_op.f("ix_member_id_number"))
        batch_op.drop_index(batch_op.f("ix_member_household_id"))
        batch_op.drop_index(batch_op.f("ix_member_deleted"))

    op.drop_table("member")
    with op.batch_alter_table("indicator_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_progress_seq"))
        batch_op.drop_index(batch_op.f("ix_indicator_progress_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_progress_deleted"))

    op.drop_table("indicator_progress")
    with op.batch_alter_table("indicator_milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_milestone_seq"))
        batch_op.drop_index(batch_op.f("ix_indicator_milestone_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_milestone_deleted"))

    op.drop_table("indicator_milestone")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_index("uq_project_code_live", sqlite_where=sa.text("deleted = 0"))
        batch_op.drop_index(batch_op.f("ix_project_year"))
        batch_op.drop_index(batch_op.f("ix_project_seq"))
        batch_op.drop_index(batch_op.f("ix_project_division_id"))
        batch_op.drop_index(batch_op.f("ix_project_deleted"))

    op.drop_table("project")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_year"))
        batch_op.drop_index(batch_op.f("ix_indicator_seq"))
        batch_op.drop_index(batch_op.f("ix_indicator_division_id"))
        batch_op.drop_index(batch_op.f("ix_indicator_deleted"))

    op.drop_table("indicator")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_seq"))
        batch_op.drop_index(batch_op.f("ix_household_head_name"))
        batch_op.drop_index(batch_op.f("ix_household_head_id_number"))
        batch_op.drop_index(batch_op.f("ix_household_division_id"))
        batch_op.drop_index(batch_op.f("ix_household_deleted"))

    op.drop_table("household")
    op.drop_table("station_identity")
    with op.batch_alter_table("division", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_division_seq"))
        batch_op.drop_index(batch_op.f("ix_division_parent_id"))
        batch_op.drop_index(batch_op.f("ix_division_deleted"))
        batch_op.drop_index(batch_op.f("ix_division_code"))

    op.drop_table("division")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_record_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_seq"))
        batch_op.drop_index("ix_attachment_owner")
        batch_op.drop_index(batch_op.f("ix_attachment_deleted"))

    op.drop_table("attachment")
    op.drop_table("app_user")
