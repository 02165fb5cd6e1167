"""The ASGI entry point for uvicorn's worker processes: ``service.asgi:app_from_env``.

``serve`` prepares the database once in the parent and hands each worker its settings
through the environment; a worker only builds the app.
"""

from __future__ import annotations

import gc

from litestar import Litestar

from service.app import create_app
from service.settings import settings_from_env


def app_from_env() -> Litestar:
    """The app with settings read from the environment (uvicorn ``--factory``)."""
    app = create_app(settings_from_env())
    app.on_startup.append(freeze_startup_heap)
    return app


def freeze_startup_heap() -> None:
    """Take what start-up left alive out of the garbage collector's sight.

    The extractor's lexicons and gazetteer, the app and the libraries are a few hundred thousand
    objects that live as long as the worker; every full collection walked them all, a pause of
    60-190 ms on this 2-core VM (several times a minute under load), which was the p99 of
    GET /v1/incidents/{id} at 1,000/s. Frozen, they are never walked again; what requests create
    is collected as before. Runs after the lifespan has loaded everything, once per worker.
    """
    gc.collect()  # garbage left now would be frozen with the rest and never freed
    gc.freeze()
