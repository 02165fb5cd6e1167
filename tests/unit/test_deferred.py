"""The background extraction's yielding to requests: service.deferred.Activity."""

from __future__ import annotations

import asyncio
import time

from service.deferred import Activity


async def test_quiet_returns_at_once_when_no_request_is_in_flight() -> None:
    started = time.monotonic()
    await Activity().quiet(5)
    assert time.monotonic() - started < 1


async def test_quiet_waits_for_the_requests_in_flight_to_end() -> None:
    activity, release = Activity(), asyncio.Event()

    async def slow_app(scope: object, receive: object, send: object) -> None:
        await release.wait()

    tracked = activity.track(slow_app)  # type: ignore[arg-type]
    requests = [asyncio.create_task(tracked({"type": "http"}, None, None)) for _ in range(2)]  # type: ignore[arg-type]
    await asyncio.sleep(0.01)
    assert activity.in_flight == 2
    waiter = asyncio.create_task(activity.quiet(5))
    await asyncio.sleep(0.1)
    assert not waiter.done()
    started = time.monotonic()
    release.set()
    await asyncio.gather(*requests)
    await asyncio.wait_for(waiter, 1)
    assert time.monotonic() - started < 1 and activity.in_flight == 0


async def test_quiet_gives_up_waiting_after_its_timeout() -> None:
    activity = Activity()

    async def endless_app(scope: object, receive: object, send: object) -> None:
        await asyncio.sleep(60)

    request = asyncio.create_task(activity.track(endless_app)({"type": "http"}, None, None))  # type: ignore[arg-type]
    await asyncio.sleep(0.01)
    started = time.monotonic()
    await activity.quiet(0.2)
    assert 0.15 < time.monotonic() - started < 2 and activity.in_flight == 1
    request.cancel()
    await asyncio.gather(request, return_exceptions=True)
    assert activity.in_flight == 0


async def test_lifespan_scopes_are_not_requests() -> None:
    activity = Activity()
    seen = []

    async def app(scope: dict, receive: object, send: object) -> None:
        seen.append(activity.in_flight)

    await activity.track(app)({"type": "lifespan"}, None, None)  # type: ignore[arg-type]
    assert seen == [0]
