"""How every suite times its work, so that every implementation is timed the same way."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable

MIN_SECONDS = 0.5


def rate(fn: Callable[[], object], *, min_seconds: float = MIN_SECONDS) -> float:
    """Call ``fn`` in batches until ``min_seconds`` have passed; return calls per second."""
    fn()  # warm up caches and lazy imports
    gc.collect()
    batch, total, calls = 1, 0.0, 0
    while total < min_seconds:
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        total += time.perf_counter() - start
        calls += batch
        batch *= 2
    return calls / total


async def arate_here(
    fn: Callable[[], Awaitable[object]], *, min_seconds: float = MIN_SECONDS
) -> float:
    """Like ``arate`` but inside the running event loop (for suites that set up state first)."""
    await fn()
    gc.collect()
    batch, total, calls = 1, 0.0, 0
    while total < min_seconds:
        start = time.perf_counter()
        for _ in range(batch):
            await fn()
        total += time.perf_counter() - start
        calls += batch
        batch *= 2
    return calls / total


def arate(fn: Callable[[], Awaitable[object]], *, min_seconds: float = MIN_SECONDS) -> float:
    """Await ``fn()`` in batches inside one asyncio loop; return awaits per second."""
    return asyncio.run(arate_here(fn, min_seconds=min_seconds))
