"""Load test of the service on a real PostgreSQL, beside a bare insert-only app on the same stack.

    python -m bench.load [--workers 2] [--seconds 12] [--admin-url postgresql://postgres@127.0.0.1:5432/postgres]

Loopback only, bounded in requests and time (about 2 minutes with the defaults). It creates a
scratch database on the PostgreSQL server of --admin-url, migrates it, serves the service with
``python -m service serve --workers N`` (OPEN_ACCESS=false and a read/write API key on every
request, as deployed; ``--open`` for open mode; LOG_LEVEL=WARNING) and runs phases:

  warmup   POSTs, then mixed traffic, 1.5 s each (reported, not judged but for errors)
  post     POST /v1/articles of generated 2-5 KB articles, C in flight (closed loop): the most it does
  post@R   POST at a fixed arrival rate R (open loop; latency counts from the planned start)
  get      GET /v1/incidents/{id} of stored incidents, closed loop
  get@R    the same at a fixed rate
  mixed    20% POST (1 in 20 of them a deliberate repeat, expecting 200), 60% GET /v1/incidents/{id},
           10% GET /v1/articles/{id}, 10% GET /v1/incidents?<filters>
  post async  POST with ``Prefer: respond-async`` (202, extraction deferred), closed loop; then
           the drain: the time until the background workers have extracted every 202
  verify   every acknowledged article fetched back with the same incident ids, and the database
           holds exactly the 201s and 202s (the 202s all extracted), and the 201s' incidents

then the post phase again against ``bench.bare_app`` (insert only, no extraction; same workers)
in a scratch database of its own. Per operation it prints count, ok responses per second,
p50/p95/p99/max latency and errors (unexpected status, timeouts, connection errors), and per
phase the CPU used by this client, the server processes, PostgreSQL and the whole machine.
The client is one asyncio process with keep-alive HTTP/1.1 connections (a small client of its
own, some 30x cheaper per request than httpx), sharing the machine's cores with the server.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import importlib.util
import ipaddress
import math
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import asyncpg
import msgspec

from bench.articles import article
from service.auth.keys import hash_key, new_key
from service.store import pending
from service.store.keys import insert_key

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["IQ", "SY", "YE", "PS", "LB", "SD", "LY", "SO"]
SUB_EVENT_TYPES = ["air_drone_strike", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied"]
CLK_TCK = os.sysconf("SC_CLK_TCK")
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


# ---------------------------------------------------------------- HTTP client


class HttpClient:
    """One keep-alive HTTP/1.1 connection; reconnects on the next request after any failure.

    Written here rather than taken from httpx because the client shares the cores it measures:
    16 connections making GET /health cost about 40 µs of CPU per request here, 1.3 ms with one
    httpx.AsyncClient."""

    def __init__(self, host: str, port: int, max_requests: int = 0, authorization: str = "") -> None:
        self.host, self.port = host, port
        self.extra_head = f"Authorization: Bearer {authorization}\r\n" if authorization else ""
        self.max_requests = max_requests
        """Close the connection after this many requests (0: never), as many clients and proxies do."""
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.made = 0

    async def connect(self) -> None:
        self.streams = await asyncio.open_connection(self.host, self.port)
        self.made = 0

    async def request(
        self, method: str, path: str, body: bytes | None = None, extra_head: str = ""
    ) -> tuple[int, bytes]:
        """Send one request (``extra_head``: more header lines) and read the whole response."""
        if self.streams is None:
            await self.connect()
        assert self.streams is not None
        reader, writer = self.streams
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n{self.extra_head}{extra_head}"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode("ascii") + b"\r\n" + (body or b""))
        raw = await reader.readuntil(b"\r\n\r\n")
        headers = raw.lower()
        data = await self._body(reader, headers)
        self.made += 1
        if b"\r\nconnection: close" in headers or self.made == self.max_requests:
            self.close()
        return int(raw[9:12]), data

    @staticmethod
    async def _body(reader: asyncio.StreamReader, headers: bytes) -> bytes:
        at = headers.find(b"\r\ncontent-length:")
        if at >= 0:
            return await reader.readexactly(int(headers[at + 17 : headers.index(b"\r\n", at + 2)]))
        if b"\r\ntransfer-encoding: chunked" not in headers:
            raise ValueError("response without Content-Length or chunked encoding")
        chunks = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            chunks.append((await reader.readexactly(size + 2))[:-2])
        await reader.readuntil(b"\r\n")
        return b"".join(chunks)

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


# ---------------------------------------------------------------- operations and what was acknowledged


class Op(NamedTuple):
    """One request to make, the status that counts as success, and a check of the success body."""

    name: str
    method: str
    path: str
    body: bytes | None = None
    expect: int = 200
    check: Callable[[bytes], str | None] | None = None
    """Returns why the body is wrong, or None; also records what the response acknowledges."""
    head: str = ""
    """More header lines, each ending in CRLF."""
    also: tuple[int, ...] = ()
    """Other statuses that count as success (the check tells them apart)."""


class IdOnly(msgspec.Struct):
    id: str


class Accepted(msgspec.Struct):
    id: str
    extraction_status: str


class Posted(msgspec.Struct):
    """What the client keeps of a stored article: its id and its incidents' ids."""

    id: str
    incidents: list[IdOnly]


class Ledger:
    """Every 201 the server gave (article id -> incident ids) and the bodies it acknowledged."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.created: dict[str, list[str]] = {}
        self.acknowledged: list[tuple[bytes, str]] = []  # (body, article id), for deliberate repeats
        self.incident_ids: list[str] = []
        self.created_201 = 0
        self.repeats_200 = 0
        self.accepted: set[str] = set()  # 202s: stored, extraction deferred
        self.declined = 0  # respond-async POSTs answered 201: the queue was full

    def record(self, body: bytes, response: bytes) -> str | None:
        """Keep a 201's ids; an id acknowledged twice means a lost or merged article."""
        posted = msgspec.json.decode(response, type=Posted)
        self.created_201 += 1
        if posted.id in self.created:
            return "201 for an id already acknowledged"
        self.created[posted.id] = [incident.id for incident in posted.incidents]
        self.acknowledged.append((body, posted.id))
        self.incident_ids.extend(self.created[posted.id])
        return None

    def record_accepted(self, body: bytes, response: bytes) -> str | None:
        """Keep a 202's id: the article is stored, its incidents come later. A 201 (the server
        declined to defer: its queue was full) is kept as any 201."""
        accepted = msgspec.json.decode(response, type=Accepted)
        if accepted.extraction_status == "extracted":
            self.declined += 1
            return self.record(body, response)
        if accepted.id in self.accepted or accepted.id in self.created:
            return "202 for an id already acknowledged"
        self.accepted.add(accepted.id)
        return None if accepted.extraction_status == "pending" else "202 not pending"

    def repeated(self, article_id: str, response: bytes) -> str | None:
        self.repeats_200 += 1
        return None if msgspec.json.decode(response, type=IdOnly).id == article_id else "repeat: other id"

    def random_article(self) -> str:
        return self.rng.choice(self.acknowledged)[1]

    def random_incident(self) -> str:
        return self.rng.choice(self.incident_ids)


class Articles:
    """POST bodies of generated articles (unique texts and urls), encoded before the timed phases."""

    def __init__(self, seed: int, count: int) -> None:
        self.rng = random.Random(seed)
        self.run = secrets.token_hex(4)
        self.made = 0
        self.texts: set[bytes] = set()
        self.ready = collections.deque(self._make() for _ in range(count))

    def _make(self) -> bytes:
        text, published = article(self.rng)
        digest = hashlib.sha256(text.encode()).digest()
        if digest in self.texts:  # never seen with the generator's randomness; would make a 200, not a 201
            return self._make()
        self.texts.add(digest)
        self.made += 1
        title = text.split("\n", 1)[0][:120] if self.rng.random() < 0.7 else None
        return msgspec.json.encode({
            "text": text, "published_at": published.isoformat(), "title": title,
            "source_name": "load test", "url": f"https://load.example.org/{self.run}/{self.made}",
        })  # fmt: skip

    def next(self) -> bytes:
        return self.ready.popleft() if self.ready else self._make()


def post_new(articles: Articles, ledger: Ledger) -> Op:
    body = articles.next()
    return Op("POST /v1/articles", "POST", "/v1/articles", body, 201, lambda r: ledger.record(body, r))


def post_async(articles: Articles, ledger: Ledger) -> Op:
    """POST with ``Prefer: respond-async``: 202 once stored, extraction in the background."""
    body = articles.next()
    return Op(
        "POST /v1/articles (respond-async)", "POST", "/v1/articles", body, 202,
        lambda r: ledger.record_accepted(body, r), "Prefer: respond-async\r\n", (201,),
    )  # fmt: skip


def post_repeat(ledger: Ledger) -> Op:
    body, article_id = ledger.rng.choice(ledger.acknowledged)
    check = lambda r: ledger.repeated(article_id, r)  # noqa: E731
    return Op("POST /v1/articles (repeat)", "POST", "/v1/articles", body, 200, check)


def get_incident(ledger: Ledger) -> Op:
    return Op("GET /v1/incidents/{id}", "GET", f"/v1/incidents/{ledger.random_incident()}")


def get_article(ledger: Ledger) -> Op:
    return Op("GET /v1/articles/{id}", "GET", f"/v1/articles/{ledger.random_article()}")


def list_incidents(rng: random.Random) -> Op:
    """A filtered page of incidents, as a dashboard would ask for it."""
    day = (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))).isoformat()  # the articles' span
    query = rng.choice([
        {"country": rng.choice(COUNTRIES), "date_from": day},
        {"country": rng.choice(COUNTRIES), "min_killed": rng.randint(1, 20)},
        {"date_from": day, "sub_event_type": rng.choice(SUB_EVENT_TYPES)},
        {"date_to": day, "country": rng.sample(COUNTRIES, 2)},
    ])  # fmt: skip
    path = "/v1/incidents?" + urllib.parse.urlencode({**query, "limit": 20}, doseq=True)
    return Op("GET /v1/incidents?filters", "GET", path)


Workload = Callable[[], Op | None]


def mixed(articles: Articles, ledger: Ledger, rng: random.Random) -> Workload:
    """20% POST (a twentieth of them repeats), 60% GET incident, 10% GET article, 10% list."""

    def pick() -> Op:
        roll = rng.random()
        if roll < 0.19:
            return post_new(articles, ledger)
        if roll < 0.20:
            return post_repeat(ledger)
        if roll < 0.80:
            return get_incident(ledger)
        return get_article(ledger) if roll < 0.90 else list_incidents(rng)

    return pick


def fetch_back(ledger: Ledger) -> Workload:
    """GET every acknowledged article once; its incident ids must be those the POST returned."""
    remaining = iter(list(ledger.created.items()))

    def pick() -> Op | None:
        article_id, incident_ids = next(remaining, (None, []))
        if article_id is None:
            return None
        check = lambda r: None if _incident_ids(r) == incident_ids else "incidents differ"  # noqa: E731
        return Op("GET /v1/articles/{id} (verify)", "GET", f"/v1/articles/{article_id}", check=check)

    return pick


def _incident_ids(response: bytes) -> list[str]:
    return [incident.id for incident in msgspec.json.decode(response, type=Posted).incidents]


# ---------------------------------------------------------------- CPU accounting


def _proc_stats() -> dict[int, tuple[int, str, int]]:
    """pid -> (parent pid, command name, CPU ticks used) of every process we may read."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_bytes()
        except OSError:  # exited meanwhile
            continue
        name = raw[raw.index(b"(") + 1 : raw.rindex(b")")].decode(errors="replace")
        fields = raw[raw.rindex(b")") + 2 :].split()
        found[int(entry.name)] = (int(fields[1]), name, int(fields[11]) + int(fields[12]))
    return found


def _tree(stats: dict[int, tuple[int, str, int]], root: int) -> set[int]:
    members, grew = {root}, True
    while grew:
        new = {pid for pid, (ppid, _, _) in stats.items() if ppid in members} - members
        members |= new
        grew = bool(new)
    return members


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values[:8]) - idle, sum(values[:8])


@dataclasses.dataclass
class CpuSnapshot:
    at: float
    client: float
    server: dict[int, int]
    postgres: dict[int, int]
    machine: tuple[int, int]

    @classmethod
    async def take(cls, target: Target) -> CpuSnapshot:
        """CPU used so far by this process, the server's process tree, the PostgreSQL processes that
        serve the scratch database (and the server's background ones), and the machine."""
        ours = await target.monitor.fetch(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() OR backend_type <> 'client backend'"
        )
        stats = _proc_stats()
        return cls(
            at=time.perf_counter(),
            client=time.process_time(),
            server={pid: stats[pid][2] for pid in _tree(stats, target.pid) if pid in stats},
            postgres={row["pid"]: stats[row["pid"]][2] for row in ours if row["pid"] in stats},
            machine=_machine_ticks(),
        )

    def cores_since(self, start: CpuSnapshot) -> dict[str, float]:
        """CPU used between ``start`` and this snapshot, in cores (1.0 = one core busy throughout)."""
        wall = self.at - start.at
        ticks = lambda now, then: sum(t - then.get(pid, 0) for pid, t in now.items())  # noqa: E731
        busy, total = (a - b for a, b in zip(self.machine, start.machine, strict=True))
        used = {
            "client": (self.client - start.client) / wall,
            "server": ticks(self.server, start.server) / CLK_TCK / wall,
            "postgres": ticks(self.postgres, start.postgres) / CLK_TCK / wall,
            "machine": busy / max(total, 1) * (os.cpu_count() or 1),
        }
        return used | {
            "other": max(0.0, used["machine"] - used["client"] - used["server"] - used["postgres"])
        }

    def server_split(self, start: CpuSnapshot) -> list[float]:
        """Cores used by each server process (busiest first): shows how evenly workers share the load."""
        wall = self.at - start.at
        used = [(t - start.server.get(pid, 0)) / CLK_TCK / wall for pid, t in self.server.items()]
        return sorted((u for u in used if u >= 0.005), reverse=True)


# ---------------------------------------------------------------- phases


@dataclasses.dataclass
class OpStats:
    latencies: list[float] = dataclasses.field(default_factory=list)
    ok: int = 0
    errors: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)


@dataclasses.dataclass
class PhaseResult:
    name: str
    seconds: float
    ops: dict[str, OpStats]
    cpu: dict[str, float]
    server_split: list[float]
    concurrency: int
    rate: float | None

    def first(self) -> OpStats:
        return next(iter(self.ops.values()))


@dataclasses.dataclass(frozen=True)
class Target:
    host: str
    port: int
    pid: int
    monitor: asyncpg.Connection
    """A connection to the scratch database, to find the PostgreSQL processes serving it."""
    timeout: float
    connect_gap: float
    keepalive_requests: int
    api_key: str = ""
    """Sent as a Bearer token on every request when the server is not in open mode."""


async def call(client: HttpClient, op: Op, stats: OpStats, planned: float, timeout: float) -> None:
    """Make one request; its latency counts from ``planned`` (the start it was scheduled for)."""
    try:
        async with asyncio.timeout(timeout):
            status, body = await client.request(op.method, op.path, op.body, op.head)
    except TimeoutError:
        client.close()
        stats.errors["timeout"] += 1
        return
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
        client.close()
        stats.errors[type(exc).__name__] += 1
        return
    stats.latencies.append(time.perf_counter() - planned)
    expected = status == op.expect or status in op.also
    reason = f"status {status}" if not expected else (op.check(body) if op.check else None)
    if reason:
        stats.errors[reason] += 1
    else:
        stats.ok += 1


async def open_connections(target: Target, count: int) -> list[HttpClient]:
    """``count`` connections, opened ``target.connect_gap`` seconds apart before the clock starts.

    uvicorn's workers share one listening socket and a worker accepts every connection pending
    when it wakes, so connections opened in the same instant can all land on one worker (8 out of
    8, seen here). Real clients arrive spread out and reconnect now and then; so do these, and a
    connection reopened under load tends to go to the less busy worker."""
    clients = []
    for _ in range(count):
        client = HttpClient(target.host, target.port, target.keepalive_requests, target.api_key)
        with contextlib.suppress(OSError):  # counted as an error at its first request instead
            await client.connect()
        clients.append(client)
        await asyncio.sleep(target.connect_gap)
    return clients


async def run_phase(
    name: str, target: Target, workload: Workload, concurrency: int, seconds: float, requests: int,
    rate: float | None = None,
) -> PhaseResult:  # fmt: skip
    """``concurrency`` connections making requests until ``seconds`` or ``requests`` run out.

    Without ``rate`` each connection sends its next request when the last one is answered (the
    most the server does at this concurrency); with it, request k is due at start + k/rate and
    waits for a free connection if none is (the latency at that arrival rate)."""
    stats: dict[str, OpStats] = collections.defaultdict(OpStats)
    slots = iter(range(requests))
    clients = await open_connections(target, concurrency)
    with collector_paused():
        before = await CpuSnapshot.take(target)
        start = before.at
        deadline = start + seconds

        async def connection(client: HttpClient) -> None:
            try:
                for k in slots:
                    planned = start + k / rate if rate else time.perf_counter()
                    if planned >= deadline or (op := workload()) is None:
                        return
                    if rate:
                        await asyncio.sleep(planned - time.perf_counter())
                    await call(client, op, stats[op.name], planned, target.timeout)
            finally:
                client.close()

        await asyncio.gather(*(connection(client) for client in clients))
        after = await CpuSnapshot.take(target)
        cpu, split = after.cores_since(before), after.server_split(before)
    return PhaseResult(name, after.at - start, dict(stats), cpu, split, concurrency, rate)


# ---------------------------------------------------------------- report


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """This client's garbage collection put off until the phase is over: a full collection walks
    all it holds (the bodies, the extractor it timed), 50-80 ms here, and an open-loop phase
    would count that stall as the server's latency."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list, in milliseconds."""
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] * 1000 if ordered else math.nan


HEADER = (
    "| phase | operation | count | ok/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n"
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
)


CPU_HEADER = (
    "| phase | requests/s | client | server (per process) | postgres | other | machine |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def phase_rows(result: PhaseResult) -> list[str]:
    label = f"{result.name} (c={result.concurrency}" + (f", {result.rate:g}/s)" if result.rate else ")")
    rows = []
    for name, op in sorted(result.ops.items(), key=lambda item: -len(item[1].latencies)):
        ordered = sorted(op.latencies)
        errors = sum(op.errors.values())
        detail = (
            f"{errors} ({', '.join(f'{k}: {v}' for k, v in op.errors.most_common(3))})" if errors else "0"
        )
        rows.append(
            f"| {label} | {name} | {len(ordered) + errors} | {op.ok / result.seconds:.0f} "
            f"| {percentile(ordered, 0.5):.1f} | {percentile(ordered, 0.95):.1f} "
            f"| {percentile(ordered, 0.99):.1f} | {percentile(ordered, 1.0):.1f} | {detail} |"
        )
    return rows


def cpu_row(result: PhaseResult) -> str:
    cpu = result.cpu
    total = sum(len(op.latencies) + sum(op.errors.values()) for op in result.ops.values())
    return (
        f"| {result.name} | {total / result.seconds:.0f} | {cpu['client']:.2f} | {cpu['server']:.2f} "
        f"({' + '.join(f'{u:.2f}' for u in result.server_split)}) "
        f"| {cpu['postgres']:.2f} | {cpu['other']:.2f} | {cpu['machine']:.2f} |"
    )


def print_report(results: list[PhaseResult]) -> None:
    print("\n" + HEADER)
    for result in results:
        print("\n".join(phase_rows(result)))
    print(f"\nCPU in cores (this machine has {os.cpu_count()}):\n\n{CPU_HEADER}")
    print("\n".join(cpu_row(result) for result in results))


# ---------------------------------------------------------------- database and servers


def require_loopback(host: str, what: str) -> None:
    """Refuse anything but this machine: a load test must not hit a shared service by mistake."""
    try:
        loopback = ipaddress.ip_address(socket.gethostbyname(host)).is_loopback
    except (OSError, ValueError):
        loopback = False
    if not loopback:
        sys.exit(f"refusing {what} {host!r}: only loopback addresses (127.0.0.0/8, ::1, localhost)")


def with_database(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


@contextlib.asynccontextmanager
async def scratch_database(admin_url: str) -> AsyncIterator[str]:
    """A new database with the migrations applied, dropped on exit."""
    from service.migrate import upgrade

    name = f"bench_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        url = with_database(admin_url, name)
        await asyncio.to_thread(upgrade, url)
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextlib.asynccontextmanager
async def serving(
    command: list[str], database_url: str, args: argparse.Namespace, api_key: str = ""
) -> AsyncIterator[Target]:
    """Run ``command`` (a server taking --host/--port) until the block ends; its log goes to a file.

    With ``api_key`` the server runs closed (keys checked on every request), as deployed."""
    host, port = args.host, free_port(args.host)
    open_access = "false" if api_key else "true"
    env = {**os.environ, "DATABASE_URL": database_url, "OPEN_ACCESS": open_access, "LOG_LEVEL": "WARNING"}
    log = tempfile.NamedTemporaryFile(prefix="bench-server-", suffix=".log", delete=False)  # noqa: SIM115
    argv = [sys.executable, *command, "--host", host, "--port", str(port)]
    proc = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        await wait_until_up(proc, host, port, log.name)
        monitor = await asyncpg.connect(database_url)
        try:
            yield Target(
                host,
                port,
                proc.pid,
                monitor,
                args.timeout,
                args.connect_gap_ms / 1000,
                args.keepalive_requests,
                api_key,
            )
        finally:
            await monitor.close()
    finally:
        if proc.poll() is not None:
            print(f"WARNING: {' '.join(command)} exited with {proc.returncode} during the run", flush=True)
        stop(proc)
        log.close()
        if size := Path(log.name).stat().st_size:
            print(f"server log ({size} bytes): {log.name}", flush=True)
        else:
            Path(log.name).unlink()


async def wait_until_up(proc: subprocess.Popen[bytes], host: str, port: int, log: str) -> None:
    client = HttpClient(host, port)
    for _ in range(600):
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}; see {log}:\n{Path(log).read_text()[-3000:]}")
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            if (await client.request("GET", "/health"))[0] == 200:
                client.close()
                return
        client.close()
        await asyncio.sleep(0.1)
    sys.exit(f"server did not answer /health within 60 s; see {log}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGINT (uvicorn stops its workers gracefully), then SIGKILL to the process group we created."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# ---------------------------------------------------------------- the run


@dataclasses.dataclass
class Verdict:
    lines: list[str] = dataclasses.field(default_factory=list)
    failed: bool = False

    def check(self, ok: bool, text: str) -> None:
        self.lines.append(f"{'ok  ' if ok else 'MISS'} {text}")
        self.failed |= not ok


async def stored_counts(database_url: str, ledger: Ledger) -> dict[str, int]:
    """What the database holds, and how many of the acknowledged ids it has."""
    conn = await asyncpg.connect(database_url)
    try:
        created, accepted = list(ledger.created), list(ledger.accepted)
        return {
            "articles": await conn.fetchval("SELECT count(*) FROM articles"),
            "incidents of 201s": await conn.fetchval(
                "SELECT count(*) FROM incidents WHERE article_id = any($1::uuid[])", created
            ),
            "acknowledged articles found": await conn.fetchval(
                "SELECT count(*) FROM articles WHERE id = any($1::uuid[])", created
            ),
            "acknowledged incidents found": await conn.fetchval(
                "SELECT count(*) FROM incidents WHERE id = any($1::uuid[])", ledger.incident_ids
            ),
            "202s extracted": await conn.fetchval(
                "SELECT count(*) FROM articles"
                " WHERE id = any($1::uuid[]) AND extraction_status = 'extracted'",
                accepted,
            ),
        }
    finally:
        await conn.close()


async def drained(database_url: str, limit: float) -> tuple[int, float]:
    """Wait (at most ``limit`` seconds) until no article is pending: (pending at first, seconds)."""
    conn = await asyncpg.connect(database_url)
    try:
        start, first = time.perf_counter(), None
        while (left := await pending.count(conn)) and time.perf_counter() - start < limit:
            first = left if first is None else first
            await asyncio.sleep(0.05)
        return (first or left), time.perf_counter() - start
    finally:
        await conn.close()


async def service_phases(
    args: argparse.Namespace, target: Target, articles: Articles, database_url: str
) -> tuple[list[PhaseResult], Ledger, Drain]:
    rng = random.Random(args.seed)
    ledger = Ledger(rng)
    post = lambda: post_new(articles, ledger)  # noqa: E731
    n = args.requests
    results = [
        await run_phase("warmup post", target, post, args.post_concurrency, 1.5, n),
        await run_phase("warmup mixed", target, mixed(articles, ledger, rng), args.concurrency, 1.5, n),
        await run_phase("post", target, post, args.post_concurrency, args.seconds, n),
        await run_phase(f"post@{args.post_rate:g}", target, post, 64, args.seconds, n, args.post_rate),
        await run_phase("get", target, lambda: get_incident(ledger), args.concurrency, args.seconds, n),
        await run_phase(
            f"get@{args.get_rate:g}", target, lambda: get_incident(ledger), 64, args.seconds, n, args.get_rate
        ),
        await run_phase("mixed", target, mixed(articles, ledger, rng), args.concurrency, args.seconds, n),
        await run_phase(
            "post async", target, lambda: post_async(articles, ledger), args.post_concurrency, args.seconds, n
        ),
    ]
    drain = Drain(*await drained(database_url, DRAIN_LIMIT_SECONDS))
    results.append(await run_phase("verify", target, fetch_back(ledger), args.concurrency, 120, 10**7))
    return results, ledger, drain


DRAIN_LIMIT_SECONDS = 600


class Drain(NamedTuple):
    """The background extraction after the post async phase: what was left, and how long it took."""

    pending: int
    seconds: float

    def line(self, accepted: int, phase_seconds: float) -> str:
        rate = self.pending / self.seconds if self.seconds else math.nan
        end_to_end = accepted / (phase_seconds + self.seconds)
        return (
            f"background extraction after post async: {self.pending} pending when the phase ended, "
            f"none after {self.seconds:.1f} s ({rate:.0f} articles/s); accepted to extracted: "
            f"{end_to_end:.0f} articles/s over the phase and the drain"
        )


def nothing_lost(ledger: Ledger, stored: dict[str, int]) -> bool:
    """The database holds exactly the acknowledged articles and incidents: no more, no fewer."""
    articles = {
        ledger.created_201,
        len(ledger.created),
        stored["articles"] - len(ledger.accepted),
        stored["acknowledged articles found"],
    }
    incidents = {
        len(ledger.incident_ids),
        stored["incidents of 201s"],
        stored["acknowledged incidents found"],
    }
    extracted = stored["202s extracted"] == len(ledger.accepted)
    return len(articles) == 1 and len(incidents) == 1 and extracted


def judge(
    args: argparse.Namespace, results: dict[str, PhaseResult], ledger: Ledger, stored: dict[str, int]
) -> Verdict:
    """The targets of the issue, each with the figure that decides it."""
    verdict = Verdict()
    post_at, get_at = results[f"post@{args.post_rate:g}"], results[f"get@{args.get_rate:g}"]
    for rate, result, wanted, p99_max in (
        (args.post_rate, post_at, 150, 100),
        (args.get_rate, get_at, 1000, 20),
    ):
        op = result.first()
        p99, rps = percentile(sorted(op.latencies), 0.99), op.ok / result.seconds
        verdict.check(
            rate >= wanted and rps >= 0.98 * rate and p99 <= p99_max,
            f"{result.name}: {rps:.0f} ok/s (offered {rate:g}, target ≥ {wanted}), "
            f"p99 {p99:.1f} ms (target ≤ {p99_max})",
        )
    errors = sum(sum(op.errors.values()) for result in results.values() for op in result.ops.values())
    verdict.check(errors == 0, f"errors in all phases: {errors}")
    verdict.check(
        nothing_lost(ledger, stored),
        f"201s {ledger.created_201} + 202s {len(ledger.accepted)}, stored articles {stored['articles']}; "
        f"202s extracted {stored['202s extracted']}; "
        f"incidents in 201s {len(ledger.incident_ids)}, stored {stored['incidents of 201s']}; "
        f"deliberate repeats answered 200 with the same id: {ledger.repeats_200}",
    )
    if (bare := results.get("bare post")) is not None:
        ratio = results["post"].first().ok / max(bare.first().ok, 1) * bare.seconds / results["post"].seconds
        verdict.check(ratio >= 0.5, f"POST throughput / bare insert's: {ratio:.0%} (target ≥ 50%)")
        post_async = results["post async"]
        ratio = post_async.first().ok / max(bare.first().ok, 1) * bare.seconds / post_async.seconds
        verdict.check(
            ratio >= 0.5, f"POST with Prefer: respond-async / bare insert's: {ratio:.0%} (target ≥ 50%)"
        )
        created = sum(results[name].first().ok for name in ("bare warmup", "bare post"))
        verdict.check(
            created == stored["bare stored"], f"bare 201s {created}, stored {stored['bare stored']}"
        )
    return verdict


async def run_service(
    args: argparse.Namespace, articles: Articles
) -> tuple[dict[str, PhaseResult], Ledger, dict, Drain]:
    async with scratch_database(args.admin_url) as url:
        serve = ["-m", "service", "serve", "--workers", str(args.workers)]
        api_key = "" if args.open else await create_key(url)
        async with serving(serve, url, args, api_key) as target:
            results, ledger, drain = await service_phases(args, target, articles, url)
        stored = await stored_counts(url, ledger)
    return {result.name: result for result in results}, ledger, stored, drain


async def create_key(database_url: str) -> str:
    """A read/write key with a rate far above the load, so the guard's full path is measured."""
    key, prefix = new_key()
    conn = await asyncpg.connect(database_url)
    try:
        await insert_key(conn, "bench.load", prefix, hash_key(key), ["read", "write"], 1e6, 1_000_000)
    finally:
        await conn.close()
    return key


async def run_bare(args: argparse.Namespace, articles: Articles) -> tuple[list[PhaseResult], dict[str, int]]:
    """The post phase against the insert-only app, in a scratch database of its own."""
    async with scratch_database(args.admin_url) as url:
        bare = ["-m", "bench.bare_app", "--workers", str(args.workers)]
        async with serving(bare, url, args) as target:
            insert = lambda: Op("POST /v1/articles (bare)", "POST", "/v1/articles", articles.next(), 201)  # noqa
            results = [
                await run_phase("bare warmup", target, insert, args.post_concurrency, 1.5, args.requests),
                await run_phase(
                    "bare post", target, insert, args.post_concurrency, args.seconds, args.requests
                ),
            ]
        conn = await asyncpg.connect(url)
        stored = await conn.fetchval("SELECT count(*) FROM articles")
        await conn.close()
    return results, {"bare stored": stored}


async def machine_busy(seconds: float) -> float:
    """Cores busy on this machine over ``seconds``: other work that would skew the figures."""
    before = _machine_ticks()
    await asyncio.sleep(seconds)
    busy, total = (a - b for a, b in zip(_machine_ticks(), before, strict=True))
    return busy / max(total, 1) * (os.cpu_count() or 1)


def extractor_speed(articles: Articles, count: int = 300) -> float:
    """Articles per second the extractor does on one core, on the first ``count`` bodies: how fast
    this machine is right now, to compare runs made at different times (the VM's speed varies)."""
    from service.extraction import Extractor

    extractor = Extractor.load()
    docs = [msgspec.json.decode(body, type=dict[str, str | None]) for body in list(articles.ready)[:count]]
    extractor.extract(docs[0]["text"] or "", None)  # warm its caches outside the timing
    start = time.perf_counter()
    for doc in docs:
        extractor.extract(doc["text"] or "", dt.date.fromisoformat(doc["published_at"] or "2024-01-01"))
    return len(docs) / (time.perf_counter() - start)


async def main_async(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    articles = Articles(args.seed, args.articles)
    idle, speed = await machine_busy(1.0), extractor_speed(articles)
    fast = [name for name in ("uvloop", "httptools") if importlib.util.find_spec(name)]
    if os.environ.get("BENCH_REUSED_EXTRACTION") == "1":  # the patch answers this check too
        speed = math.nan
    print(
        f"generated {articles.made} articles in {time.perf_counter() - t0:.1f} s; {args.workers} worker(s); "
        f"uvicorn with {' and '.join(fast) or 'asyncio and h11 (no uvloop, no httptools)'}; "
        f"machine busy before the run: {idle:.2f} cores; extractor alone: {speed:.0f} articles/s on one core",
        flush=True,
    )
    results, ledger, stored, drain = await run_service(args, articles)
    if not args.no_bare:
        bare, bare_stored = await run_bare(args, articles)
        results |= {result.name: result for result in bare}
        stored |= bare_stored
    print_report(list(results.values()))
    verdict = judge(args, results, ledger, stored)
    drain_line = drain.line(len(ledger.accepted), results["post async"].seconds)
    drain_line += f"; {ledger.declined} respond-async POSTs answered 201 (queue full)"
    verdict.check(drain.seconds < DRAIN_LIMIT_SECONDS, drain_line)
    print("\n" + "\n".join(verdict.lines))
    print(f"\nstored: {stored}; whole run {time.perf_counter() - t0:.0f} s")
    return 1 if verdict.failed else 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m bench.load",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2],
    )
    ap.add_argument("--workers", type=int, default=2, help="server worker processes (default 2)")
    ap.add_argument("--seconds", type=float, default=12, help="length of each phase (default 12)")
    ap.add_argument("--requests", type=int, default=50_000, help="most requests per phase (default 50000)")
    ap.add_argument(
        "--post-concurrency", type=int, default=8, help="POSTs in flight in post phases (default 8)"
    )
    ap.add_argument(
        "--concurrency", type=int, default=16, help="requests in flight in get/mixed (default 16)"
    )
    ap.add_argument("--post-rate", type=float, default=150, help="arrival rate of post@R (default 150/s)")
    ap.add_argument("--get-rate", type=float, default=1000, help="arrival rate of get@R (default 1000/s)")
    ap.add_argument("--connect-gap-ms", type=float, default=2, help="pause between opening connections")
    ap.add_argument(
        "--keepalive-requests", type=int, default=50, help="requests per connection (0: no limit)"
    )
    ap.add_argument("--timeout", type=float, default=10, help="seconds before a request counts as an error")
    ap.add_argument("--articles", type=int, default=8000, help="articles generated before the phases")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--host", default="127.0.0.1", help="interface the servers bind to (loopback only)")
    ap.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_ADMIN_URL", ADMIN_URL),
        help="PostgreSQL to create scratch databases on (loopback only; env BENCH_ADMIN_URL)",
    )
    ap.add_argument("--no-bare", action="store_true", help="skip the bare-insert baseline")
    ap.add_argument(
        "--open", action="store_true", help="serve in open mode (no API key) instead of checking a key"
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    require_loopback(args.host, "server host")
    require_loopback(urllib.parse.urlsplit(args.admin_url).hostname or "", "PostgreSQL host")
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
