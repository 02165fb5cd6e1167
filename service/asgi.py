"""The ASGI entry point for uvicorn's worker processes: ``service.asgi:app_from_env``.

``serve`` prepares the database once in the parent and hands each worker its settings
through the environment; a worker only builds the app.
"""

from __future__ import annotations

from litestar import Litestar

from service.app import create_app
from service.settings import settings_from_env


def app_from_env() -> Litestar:
    """The app with settings read from the environment (uvicorn ``--factory``)."""
    return create_app(settings_from_env())
