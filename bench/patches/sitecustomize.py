"""Experiments for docs/load.md, not project code: patches switched on by environment variables.

    PYTHONPATH=bench/patches BENCH_NODELAY=1 python -m bench.load            # listener as IPPROTO_TCP
    PYTHONPATH=bench/patches BENCH_INLINE_EXTRACTION=1 python -m bench.load  # extractor on the loop

Python imports ``sitecustomize`` at start-up in every process that has this directory on its
path, so the server processes that bench.load starts pick the patches up too. Without the
variables nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import os
import socket


def listener_with_tcp_proto() -> None:
    """uvicorn#3149: with workers > 1 the listener has proto 0, so asyncio never sets TCP_NODELAY
    on accepted connections; re-wrap the same file descriptor with proto IPPROTO_TCP."""
    import uvicorn.config

    bind = uvicorn.config.Config.bind_socket

    def bind_socket(self: uvicorn.config.Config) -> socket.socket:
        sock = bind(self)
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        tcp.set_inheritable(True)
        return tcp

    uvicorn.config.Config.bind_socket = bind_socket  # type: ignore[method-assign]


def extraction_inline() -> None:
    """Run the extractor on the event loop thread instead of ``asyncio.to_thread``."""
    try:
        import service.ingest as ingest
    except ImportError:  # an interpreter without the project
        return
    timed = getattr(ingest, "_timed_extract", None)  # keeps the extraction metrics when present

    async def run_extractor(extractor: object, text: str, published_at: dt.date | None) -> object:
        if timed is not None:
            return timed(extractor, text, published_at)
        return extractor.extract(text, published_at)  # type: ignore[attr-defined]

    ingest.run_extractor = run_extractor  # type: ignore[assignment]


if os.environ.get("BENCH_NODELAY") == "1":
    listener_with_tcp_proto()
if os.environ.get("BENCH_INLINE_EXTRACTION") == "1":
    extraction_inline()
