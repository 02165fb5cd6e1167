"""Apply and revert the alembic migrations in ``migrations/`` against a database URL."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.config import Config

from service.paths import project_dir


def sqlalchemy_url(url: str) -> str:
    """The asyncpg-driver form SQLAlchemy wants of a plain ``postgresql://`` URL."""
    scheme, sep, rest = url.partition("://")
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+asyncpg{sep}{rest}"
    return url


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(project_dir("migrations")))
    # ConfigParser interpolates '%', which URL-encoded passwords contain.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate ``url`` up to ``revision``; raises on any failure (never swallowed)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


async def upgrade_async(url: str, revision: str = "head") -> None:
    """``upgrade`` from inside a running event loop (env.py runs its own loop, so use a thread)."""
    await asyncio.to_thread(upgrade, url, revision)
