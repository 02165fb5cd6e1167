"""Token buckets, one per API key, kept in the process.

Each worker process has its own buckets, so ``serve --workers N`` gives each worker 1/N of a
key's rate and burst: the sum over workers is the configured limit, give or take how the kernel
spreads connections across workers.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class TokenBucket:
    rate: float
    """Tokens added per second."""
    capacity: float
    tokens: float
    updated: float

    def take(self, now: float) -> float:
        """Spend one token; 0.0 if there was one, else the seconds until there will be."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


class RateLimiter:
    """Buckets by key id; ``share`` is this process's part of each limit (1/workers)."""

    def __init__(self, share: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.share = share
        self.clock = clock
        self.buckets: dict[uuid.UUID, TokenBucket] = {}

    def wait_seconds(self, key_id: uuid.UUID, rate: float, burst: int) -> int:
        """0 if the key may make a request now, else whole seconds to wait (for Retry-After)."""
        now = self.clock()
        rate, capacity = rate * self.share, max(1.0, burst * self.share)
        bucket = self.buckets.get(key_id)
        if bucket is None or bucket.rate != rate or bucket.capacity != capacity:
            bucket = self.buckets[key_id] = TokenBucket(rate, capacity, capacity, now)
        wait = bucket.take(now)
        return math.ceil(wait) if wait > 0 else 0
