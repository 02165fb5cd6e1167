"""A TCP proxy in front of the test PostgreSQL that a test can switch off and on again.

It runs its own event loop in a thread: the test client may block the test's loop while the
app waits for the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from urllib.parse import parse_qs, urlsplit, urlunsplit


class SwitchableProxy:
    """Listens on 127.0.0.1:``port`` and forwards to the server of ``target_url`` while on."""

    def __init__(self, target_url: str) -> None:
        self.target = urlsplit(target_url)
        self.server: asyncio.Server | None = None
        self.tasks: set[asyncio.Task[None]] = set()
        self.writers: set[asyncio.StreamWriter] = set()
        self.port = 0
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    def url(self) -> str:
        """The target URL, pointed at the proxy."""
        user = self.target.username or "postgres"
        return urlunsplit(("postgresql", f"{user}@127.0.0.1:{self.port}", self.target.path, "", ""))

    def on(self) -> None:
        asyncio.run_coroutine_threadsafe(self._on(), self.loop).result(timeout=5)

    def off(self) -> None:
        asyncio.run_coroutine_threadsafe(self._off(), self.loop).result(timeout=5)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)

    async def _on(self) -> None:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _off(self) -> None:
        """Stop listening and cut every forwarded connection, as a database restart would."""
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.close()
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.server.wait_closed()

    async def _open_target(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        socket_dir = parse_qs(self.target.query).get("host", [None])[0]
        if socket_dir:  # the embedded server listens on a unix socket
            return await asyncio.open_unix_connection(f"{socket_dir}/.s.PGSQL.{self.target.port or 5432}")
        return await asyncio.open_connection(self.target.hostname, self.target.port or 5432)

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await self._open_target()
        self.writers |= {writer, up_writer}
        pipes = [
            asyncio.ensure_future(self._pipe(reader, up_writer)),
            asyncio.ensure_future(self._pipe(up_reader, writer)),
        ]
        self.tasks.update(pipes)
        with contextlib.suppress(asyncio.CancelledError):  # cancelled by _off
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        for pipe in pipes:
            pipe.cancel()
        for w in (writer, up_writer):
            w.close()
            self.writers.discard(w)
        self.tasks.difference_update(pipes)

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
