"""Experiments for docs/load.md, not project code: patches switched on by environment variables.

    PYTHONPATH=bench/patches BENCH_NODELAY=1 python -m bench.load            # listener as IPPROTO_TCP
    PYTHONPATH=bench/patches BENCH_REUSED_EXTRACTION=1 python -m bench.load  # all but the extracting
    PYTHONPATH=bench/patches BENCH_GC_LOG=/tmp/gc python -m bench.load       # GC pauses per process

Python imports ``sitecustomize`` at start-up in every process that has this directory on its
path, so the server processes that bench.load starts pick the patches up too. Without the
variables nothing is changed.
"""

from __future__ import annotations

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


def reused_extraction() -> None:
    """Extract only the first article a process sees and answer every later one with its
    incidents: a POST then costs everything but the extracting (same number and size of
    incidents stored and returned), which shows what the rest of the path costs."""
    try:
        from service.extraction import Extractor
    except ImportError:  # an interpreter without the project
        return
    extract = Extractor.extract
    first: dict[str, object] = {}

    def reused(self: Extractor, text: str, published_at: object = None) -> object:
        if "incidents" not in first:
            first["incidents"] = extract(self, text, published_at)
        return first["incidents"]

    Extractor.extract = reused  # type: ignore[method-assign]


def gc_pause_log(prefix: str) -> None:
    """Append every collection of this process to ``<prefix>.<pid>``: generation, pause in ms,
    objects collected, wall-clock time (to place it in a phase)."""
    import gc
    import time

    out = open(f"{prefix}.{os.getpid()}", "a", buffering=1)  # noqa: SIM115 (lives as long as the process)
    started: list[float] = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        pause = (time.perf_counter() - started[0]) * 1000
        out.write(f"{info['generation']} {pause:.3f} {info['collected']} {time.time():.3f}\n")

    gc.callbacks.append(on_gc)


if os.environ.get("BENCH_GC_LOG"):
    gc_pause_log(os.environ["BENCH_GC_LOG"])
if os.environ.get("BENCH_NODELAY") == "1":
    listener_with_tcp_proto()
if os.environ.get("BENCH_REUSED_EXTRACTION") == "1":
    reused_extraction()
