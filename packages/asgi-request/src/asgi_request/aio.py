"""Async-library-neutral primitives: the same code runs on asyncio, trio and curio.

Each function asks sniffio which library runs the current task and uses that library's own
tools: no polling, no threads unless asked for (``aio_to_thread``).

    await aio_sleep(0.1)
    result = await aio_first(read_body(), wait_disconnect())   # the others are cancelled
    async with aio_timeout(5):
        ...
    task = await aio_spawn(app, scope, receive, send)           # may outlive the caller
    await task.cancel()
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, Generic, TypeVar

from sniffio import current_async_library

T = TypeVar("T")

__all__ = [
    "Queue",
    "TaskHandle",
    "aio_first",
    "aio_queue",
    "aio_sleep",
    "aio_spawn",
    "aio_timeout",
    "aio_to_thread",
    "current_async_library",
]


def aio_sleep(seconds: float = 0) -> Awaitable[None]:
    """Sleep ``seconds`` with the running async library."""
    lib = current_async_library()
    if lib == "trio":
        import trio

        return trio.sleep(seconds)  # noqa: ASYNC105 - the caller awaits it
    if lib == "curio":
        import curio

        return curio.sleep(seconds)  # type: ignore[no-any-return]
    return asyncio.sleep(seconds)


async def aio_to_thread(fn: Callable[..., T], *args: Any) -> T:
    """Run a blocking call in a worker thread without blocking the event loop."""
    lib = current_async_library()
    if lib == "trio":
        import trio

        return await trio.to_thread.run_sync(partial(fn, *args))
    if lib == "curio":
        import curio

        return await curio.run_in_thread(fn, *args)  # type: ignore[no-any-return]
    return await asyncio.to_thread(fn, *args)


@asynccontextmanager
async def aio_timeout(seconds: float | None) -> AsyncIterator[None]:
    """Cancel the body when it takes longer than ``seconds``; raise ``TimeoutError``.

    ``None`` or ``0`` means no timeout.
    """
    if not seconds:
        yield
        return

    lib = current_async_library()
    if lib == "trio":
        import trio

        try:
            with trio.fail_after(seconds):
                yield
        except trio.TooSlowError:
            raise TimeoutError(f"timed out after {seconds}s") from None

    elif lib == "curio":
        import curio

        try:
            async with curio.timeout_after(seconds):
                yield
        except curio.TaskTimeout:
            raise TimeoutError(f"timed out after {seconds}s") from None

    else:
        try:
            async with asyncio.timeout(seconds):
                yield
        except TimeoutError:
            raise TimeoutError(f"timed out after {seconds}s") from None


async def aio_first(*coros: Coroutine[Any, Any, Any]) -> Any:
    """Run the coroutines concurrently; return the result of the first to finish.

    The others are cancelled and awaited before this returns. An exception raised by the
    first coroutine to finish propagates as it is (never wrapped in an ExceptionGroup).
    """
    if not coros:
        raise ValueError("aio_first() needs at least one coroutine")

    lib = current_async_library()
    if lib == "trio":
        return await _trio_first(coros)
    if lib == "curio":
        return await _curio_first(coros)
    return await _asyncio_first(coros)


async def _asyncio_first(coros: tuple[Coroutine[Any, Any, Any], ...]) -> Any:
    tasks = [asyncio.ensure_future(coro) for coro in coros]
    try:
        done, _pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    # With several finished in the same loop iteration, keep the order they were given in.
    first = next(task for task in tasks if task in done)
    return first.result()


async def _trio_first(coros: tuple[Coroutine[Any, Any, Any], ...]) -> Any:
    import trio

    outcome: list[tuple[bool, Any]] = []

    async def run(coro: Coroutine[Any, Any, Any], nursery: trio.Nursery) -> None:
        try:
            value = await coro
        except Exception as exc:  # noqa: BLE001 - re-raised below, unwrapped
            if not outcome:
                outcome.append((False, exc))
        else:
            if not outcome:
                outcome.append((True, value))
        nursery.cancel_scope.cancel()

    async with trio.open_nursery() as nursery:
        for coro in coros:
            nursery.start_soon(run, coro, nursery)

    ok, value = outcome[0]
    if ok:
        return value
    raise value


async def _curio_first(coros: tuple[Coroutine[Any, Any, Any], ...]) -> Any:
    import curio

    async with curio.TaskGroup(wait=any) as group:
        for coro in coros:
            await group.spawn(coro)

    task = group.completed
    if task is None:  # pragma: no cover - every task was cancelled from outside
        raise curio.TaskCancelled
    if task.exception is not None:
        raise task.exception
    return task.result


class TaskHandle(Generic[T]):
    """A task started by :func:`aio_spawn`: join it for its result, or cancel it."""

    __slots__ = ("_cancel", "_done", "_join")

    def __init__(
        self,
        join: Callable[[], Awaitable[T]],
        cancel: Callable[[], Awaitable[None]],
        done: Callable[[], bool],
    ) -> None:
        self._join = join
        self._cancel = cancel
        self._done = done

    @property
    def done(self) -> bool:
        """True once the task has finished, whatever its outcome."""
        return self._done()

    async def join(self) -> T:
        """Wait for the task to finish; return its result or raise its exception."""
        return await self._join()

    async def cancel(self) -> None:
        """Cancel the task (if still running) and wait until it has stopped."""
        await self._cancel()


async def aio_spawn(fn: Callable[..., Coroutine[Any, Any, T]], *args: Any) -> TaskHandle[T]:
    """Start ``fn(*args)`` in the background and return a handle to join or cancel it.

    The task may outlive the caller (the test client uses this to keep an application
    running while a response is read), so the caller owns it: join it or cancel it.
    The task runs in a copy of the caller's context variables.
    """
    lib = current_async_library()
    if lib == "trio":
        return await _trio_spawn(fn, args)
    if lib == "curio":
        return await _curio_spawn(fn, args)
    return _asyncio_spawn(fn, args)


def _asyncio_spawn(
    fn: Callable[..., Coroutine[Any, Any, T]], args: tuple[Any, ...]
) -> TaskHandle[T]:
    task = asyncio.ensure_future(fn(*args))

    async def join() -> T:
        return await asyncio.shield(task)

    async def cancel() -> None:
        if not task.done():
            task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    return TaskHandle(join, cancel, task.done)


async def _trio_spawn(
    fn: Callable[..., Coroutine[Any, Any, T]], args: tuple[Any, ...]
) -> TaskHandle[T]:
    import trio

    scope = trio.CancelScope()
    finished = trio.Event()
    outcome: list[tuple[bool, Any]] = []

    async def runner() -> None:
        # A system task has no parent nursery: keep its outcome here for join().
        try:
            with scope:
                outcome.append((True, await fn(*args)))
        except Exception as exc:  # noqa: BLE001 - handed to join()
            outcome.append((False, exc))
        finally:
            finished.set()

    trio.lowlevel.spawn_system_task(runner, context=contextvars.copy_context())

    async def join() -> T:
        await finished.wait()
        if not outcome:
            raise trio.Cancelled._create()  # pragma: no cover - cancelled without a result
        ok, value = outcome[0]
        if ok:
            return value  # type: ignore[no-any-return]
        raise value

    async def cancel() -> None:
        scope.cancel()
        await finished.wait()

    return TaskHandle(join, cancel, finished.is_set)


async def _curio_spawn(
    fn: Callable[..., Coroutine[Any, Any, T]], args: tuple[Any, ...]
) -> TaskHandle[T]:
    import curio

    task = await curio.spawn(fn, *args, daemon=True)

    async def join() -> T:
        try:
            return await task.join()  # type: ignore[no-any-return]
        except curio.TaskError as exc:
            raise exc.__cause__ or exc from None

    async def cancel() -> None:
        await task.cancel()

    return TaskHandle(join, cancel, lambda: bool(task.terminated))


class Queue(Generic[T]):
    """An unbounded FIFO queue for the running async library."""

    __slots__ = ("get", "put")

    def __init__(
        self, put: Callable[[T], Awaitable[None]], get: Callable[[], Awaitable[T]]
    ) -> None:
        self.put = put
        self.get = get


def aio_queue() -> Queue[Any]:
    """Create an unbounded queue with ``await q.put(item)`` and ``await q.get()``."""
    lib = current_async_library()
    if lib == "trio":
        import trio

        sender, receiver = trio.open_memory_channel[Any](float("inf"))

        async def put(item: Any) -> None:
            sender.send_nowait(item)

        return Queue(put, receiver.receive)

    if lib == "curio":
        import curio

        queue = curio.Queue()
        return Queue(queue.put, queue.get)

    aqueue: asyncio.Queue[Any] = asyncio.Queue()

    async def aput(item: Any) -> None:
        aqueue.put_nowait(item)

    return Queue(aput, aqueue.get)
