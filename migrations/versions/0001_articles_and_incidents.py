"""Articles and the incidents extracted from them.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# asyncpg runs one statement per call (prepared statements), so each is its own op.execute.
UPGRADE = (
    """
    CREATE TABLE articles (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text              text NOT NULL,                 -- exactly as submitted
        content_hash      text NOT NULL UNIQUE,          -- sha256 of text and url: one row per article
        request_hash      text NOT NULL,                 -- sha256 of the whole request: idempotency check
        title             text,
        url               text,
        source_name       text,
        published_at      date,                          -- the day that anchors relative dates
        language          text NOT NULL DEFAULT 'ar',
        received_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        extractor_version text NOT NULL,
        idempotency_key   text UNIQUE
    )
    """,
    """
    -- keyset pagination of GET /v1/articles
    CREATE INDEX articles_received_at_id_idx ON articles (received_at DESC, id DESC)
    """,
    """
    CREATE TABLE incidents (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id      uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        ordinal         integer NOT NULL,                -- position in the extractor's output
        is_primary      boolean NOT NULL,
        event_type      text NOT NULL,
        sub_event_type  text NOT NULL,
        weapons         text[] NOT NULL DEFAULT '{}',
        date_start      date,
        date_end        date,
        date_precision  text NOT NULL,
        location        jsonb NOT NULL,
        country         text GENERATED ALWAYS AS (location ->> 'country') STORED,
        admin1          text GENERATED ALWAYS AS (location ->> 'admin1') STORED,
        perpetrators    jsonb NOT NULL DEFAULT '[]',
        targets         jsonb NOT NULL DEFAULT '[]',
        claimed_by      jsonb NOT NULL DEFAULT '[]',
        blamed          jsonb NOT NULL DEFAULT '[]',
        perpetrator_ids text[] NOT NULL DEFAULT '{}',   -- ids of perpetrators, for the actor filter
        target_ids      text[] NOT NULL DEFAULT '{}',
        killed_min      integer,
        killed_max      integer,
        injured_min     integer,
        injured_max     integer,
        sources_cited   text[] NOT NULL DEFAULT '{}',
        evidence        jsonb NOT NULL DEFAULT '[]',
        confidence      double precision NOT NULL,
        UNIQUE (article_id, ordinal)                     -- also serves the article_id filter
    )
    """,
    """
    -- keyset pagination of GET /v1/incidents: newest incident first, undated last
    CREATE INDEX incidents_order_idx
        ON incidents ((coalesce(date_start, '-infinity'::date)) DESC, id DESC)
    """,
    """
    CREATE INDEX incidents_date_end_idx ON incidents ((coalesce(date_end, date_start)))
    """,
    """
    CREATE INDEX incidents_country_idx ON incidents (country)
    """,
    """
    CREATE INDEX incidents_admin1_idx ON incidents (admin1)
    """,
    """
    CREATE INDEX incidents_sub_event_type_idx ON incidents (sub_event_type)
    """,
    """
    CREATE INDEX incidents_killed_min_idx ON incidents (killed_min)
    """,
    """
    CREATE INDEX incidents_perpetrator_ids_idx ON incidents USING gin (perpetrator_ids)
    """,
    """
    CREATE INDEX incidents_target_ids_idx ON incidents USING gin (target_ids)
    """,
)


DOWNGRADE = ("DROP TABLE incidents", "DROP TABLE articles")


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
