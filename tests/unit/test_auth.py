"""Key parsing, scopes, the open-mode rule and the token bucket, without a database."""

from __future__ import annotations

import uuid

import pytest

from service.__main__ import worker_environment
from service.auth.guard import bearer_token
from service.auth.keys import KEY_MARK, PREFIX_CHARS, hash_key, new_key, parse_scopes
from service.auth.ratelimit import RateLimiter
from service.errors import Unauthorized
from service.settings import Settings, open_access


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("header", "token"),
    [
        (None, None),
        ("Bearer abc", "abc"),
        ("bearer abc", "abc"),
        ("BEARER   abc  ", "abc"),
    ],
)
def test_bearer_token(header: str | None, token: str | None) -> None:
    assert bearer_token(header) == token


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "abc", "Bearer " + "k" * 201]
)
def test_malformed_authorization_is_401(header: str) -> None:
    with pytest.raises(Unauthorized):
        bearer_token(header)


def test_new_keys_are_random_and_only_their_hash_is_derived() -> None:
    key, prefix = new_key()
    other, _ = new_key()
    assert key != other and key.startswith(KEY_MARK) and len(key) > 40
    assert prefix == key[:PREFIX_CHARS]
    assert hash_key(key) != hash_key(other) and key not in hash_key(key) and len(hash_key(key)) == 64


@pytest.mark.parametrize(
    ("text", "scopes"),
    [("read", ["read"]), ("write,read", ["read", "write"]), (" read , read ", ["read"])],
)
def test_parse_scopes(text: str, scopes: list[str]) -> None:
    assert parse_scopes(text) == scopes


@pytest.mark.parametrize("text", ["", ",", "admin", "read,admin", "READ"])
def test_unknown_scopes_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="scopes"):
        parse_scopes(text)


@pytest.mark.parametrize(
    ("settings", "is_open"),
    [
        (Settings(), True),  # embedded database: local use
        (Settings(database_url="postgresql://db/x"), False),
        (Settings(database_url="postgresql://db/x", open_access=True), True),
        (Settings(open_access=False), False),
    ],
)
def test_open_mode_rule(settings: Settings, is_open: bool) -> None:
    assert open_access(settings) is is_open


def test_workers_inherit_open_mode_decided_before_they_see_a_database_url() -> None:
    env = worker_environment(Settings(), "postgresql://embedded/x", 1)
    assert env["OPEN_ACCESS"] == "true" and env["DATABASE_URL"] == "postgresql://embedded/x"
    closed = worker_environment(Settings(database_url="postgresql://db/x"), "postgresql://db/x", 1)
    assert closed["OPEN_ACCESS"] == "false"


def test_bucket_allows_the_burst_then_the_rate() -> None:
    clock = Clock()
    limiter, key = RateLimiter(clock=clock), uuid.uuid4()
    assert [limiter.wait_seconds(key, rate=2, burst=3) for _ in range(4)] == [0, 0, 0, 1]
    clock.now += 0.5  # one token back at 2/s
    assert limiter.wait_seconds(key, rate=2, burst=3) == 0
    assert limiter.wait_seconds(key, rate=2, burst=3) == 1


def test_retry_after_is_whole_seconds_until_a_token() -> None:
    clock = Clock()
    limiter, key = RateLimiter(clock=clock), uuid.uuid4()
    assert limiter.wait_seconds(key, rate=0.1, burst=1) == 0
    assert limiter.wait_seconds(key, rate=0.1, burst=1) == 10
    clock.now += 9.5
    assert limiter.wait_seconds(key, rate=0.1, burst=1) == 1


def test_keys_have_separate_buckets() -> None:
    limiter = RateLimiter(clock=Clock())
    first, second = uuid.uuid4(), uuid.uuid4()
    assert limiter.wait_seconds(first, rate=1, burst=1) == 0
    assert limiter.wait_seconds(first, rate=1, burst=1) == 1
    assert limiter.wait_seconds(second, rate=1, burst=1) == 0


def test_each_worker_holds_its_share() -> None:
    limiter, key = RateLimiter(share=0.5, clock=Clock()), uuid.uuid4()
    assert [limiter.wait_seconds(key, rate=10, burst=4) for _ in range(3)] == [0, 0, 1]
