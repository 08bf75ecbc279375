"""The async-library-neutral primitives, on asyncio, trio and curio."""

from __future__ import annotations

import threading
import time

import pytest

from asgi_request.aio import (
    aio_first,
    aio_queue,
    aio_sleep,
    aio_spawn,
    aio_timeout,
    aio_to_thread,
    current_async_library,
)


async def test_current_async_library_matches_the_runner(aiolib):
    assert current_async_library() == aiolib[0]


async def test_aio_sleep_sleeps():
    start = time.perf_counter()
    await aio_sleep(0.02)
    assert time.perf_counter() - start >= 0.015


async def test_aio_first_returns_the_fastest_and_cancels_the_rest():
    finished = []

    async def slow():
        await aio_sleep(5)
        finished.append("slow")
        return "slow"

    async def fast():
        await aio_sleep(0.01)
        return "fast"

    start = time.perf_counter()
    assert await aio_first(slow(), fast()) == "fast"
    assert time.perf_counter() - start < 1
    await aio_sleep(0.01)
    assert finished == []


async def test_aio_first_raises_the_first_error_unwrapped():
    async def fails():
        await aio_sleep(0)
        raise KeyError("boom")

    async def slow():
        await aio_sleep(5)

    with pytest.raises(KeyError, match="boom"):
        await aio_first(fails(), slow())


async def test_aio_first_needs_a_coroutine():
    with pytest.raises(ValueError, match="at least one"):
        await aio_first()


async def test_aio_timeout_raises_timeout_error():
    with pytest.raises(TimeoutError):
        async with aio_timeout(0.01):
            await aio_sleep(5)


async def test_aio_timeout_none_means_no_timeout():
    async with aio_timeout(None):
        await aio_sleep(0.01)
    async with aio_timeout(1):
        await aio_sleep(0)


async def test_aio_to_thread_runs_in_another_thread():
    main = threading.get_ident()
    other = await aio_to_thread(threading.get_ident)
    assert other != main
    assert await aio_to_thread(sum, [1, 2, 3]) == 6


async def test_aio_spawn_joins_a_result():
    async def work(x):
        await aio_sleep(0.01)
        return x * 2

    task = await aio_spawn(work, 21)
    assert not task.done
    assert await task.join() == 42
    assert task.done


async def test_aio_spawn_join_raises_the_task_error():
    async def fails():
        await aio_sleep(0)
        raise LookupError("nope")

    task = await aio_spawn(fails)
    with pytest.raises(LookupError, match="nope"):
        await task.join()


async def test_aio_spawn_cancel_stops_the_task():
    reached = []

    async def forever():
        await aio_sleep(10)
        reached.append(True)

    task = await aio_spawn(forever)
    await aio_sleep(0.01)
    await task.cancel()
    assert task.done
    assert reached == []


async def test_aio_spawn_task_runs_concurrently_with_a_queue():
    queue = aio_queue()

    async def producer():
        for n in range(3):
            await queue.put(n)
            await aio_sleep(0)
        await queue.put(None)

    task = await aio_spawn(producer)
    got = []
    while (item := await queue.get()) is not None:
        got.append(item)
    await task.join()
    assert got == [0, 1, 2]
