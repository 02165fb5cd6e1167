"""Deferred extraction: an article accepted with ``Prefer: respond-async`` waits as ``pending``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


UPGRADE = (
    """
    -- a constant default: PostgreSQL adds the column without rewriting the table
    ALTER TABLE articles ADD COLUMN extraction_status text NOT NULL DEFAULT 'extracted'
        CHECK (extraction_status IN ('pending', 'extracted', 'failed'))
    """,
    """
    -- the background worker's queue, oldest first; it holds only what still waits
    CREATE INDEX articles_pending_idx ON articles (received_at) WHERE extraction_status = 'pending'
    """,
)

DOWNGRADE = ("DROP INDEX articles_pending_idx", "ALTER TABLE articles DROP COLUMN extraction_status")


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
