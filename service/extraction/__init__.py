"""The Arabic incident extractor, importable without the web app or a database.

    >>> from service.extraction import extract
    >>> incidents = extract(text, published_at="2024-01-04")

``Extractor.load()`` reads every lexicon and the gazetteer once; the web app
does that in its lifespan and keeps the instance. ``extract`` uses one cached
default instance for scripts and the CLI.
"""

from service.extraction.pipeline import EXTRACTOR_VERSION, Extractor, extract

__all__ = ["EXTRACTOR_VERSION", "Extractor", "extract"]
