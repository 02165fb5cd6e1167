"""API keys: only a SHA-256 of each key is kept, with its scopes and rate.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


UPGRADE = (
    """
    CREATE TABLE api_keys (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix          text NOT NULL UNIQUE,          -- the key's first characters, to recognise it in lists
        key_hash        text NOT NULL UNIQUE,          -- sha256 hex of the key; the key is never kept
        scopes          text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'write'] AND cardinality(scopes) > 0),
        rate_per_second double precision CHECK (rate_per_second > 0),   -- NULL: RATE_LIMIT_PER_SECOND
        burst           integer CHECK (burst > 0),                      -- NULL: RATE_LIMIT_BURST
        created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        revoked_at      timestamptz
    )
    """,
)

DOWNGRADE = ("DROP TABLE api_keys",)


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
