"""BackgroundMiddleware: awaitables that run after the response has been sent."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable
from contextvars import ContextVar
from typing import Any

from asgi_request import TASGIReceive, TASGIScope, TASGISend, logger

from .base import BaseMiddleware

__all__ = ["BackgroundMiddleware"]


class _Tasks:
    """The awaitables one request scheduled; closed once the request is over."""

    __slots__ = ("closed", "items")

    def __init__(self) -> None:
        self.items: list[Awaitable[Any]] = []
        self.closed = False


# Each request handled by BackgroundMiddleware sets its own _Tasks here; a task spawned by
# the handler copies the context, so it schedules into the same request.
_TASKS: ContextVar[_Tasks | None] = ContextVar("asgi_middlewares.background", default=None)


def _discard(items: list[Awaitable[Any]]) -> None:
    # A coroutine that is never awaited warns when collected: close what will not run.
    for item in items:
        close = getattr(item, "close", None)
        if close is not None:
            close()


async def _run(items: list[Awaitable[Any]]) -> None:
    """Await the items in order, logging failures; items appended meanwhile run too."""
    index = 0
    try:
        while index < len(items):
            item = items[index]
            index += 1
            try:
                await item
            except Exception:  # noqa: BLE001 - logged; the next task still runs
                logger.exception("Background task %r failed", item)
    finally:
        # Cancelled half-way: the rest will never run.
        _discard(items[index:])
        items.clear()


class BackgroundMiddleware(BaseMiddleware):
    """Run the awaitables given to ``BackgroundMiddleware.set_task`` once the app has answered.

        async def app(scope, receive, send):
            BackgroundMiddleware.set_task(send_email())
            await ResponseText("OK")(scope, receive, send)

        app = BackgroundMiddleware(app)

    Tasks run in the order they were set; one that fails is logged and the next still runs.
    When the app raises, its tasks are dropped.
    """

    async def __process__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        tasks = _Tasks()
        token = _TASKS.set(tasks)
        try:
            try:
                await self.app(scope, receive, send)
            except BaseException:
                _discard(tasks.items)
                tasks.items.clear()
                raise
            await _run(tasks.items)
        finally:
            tasks.closed = True
            _TASKS.reset(token)

    @staticmethod
    def set_task(task: Awaitable[Any]) -> None:
        """Schedule ``task`` (any awaitable) to run after the current request's response."""
        if not inspect.isawaitable(task):
            raise TypeError(f"BackgroundMiddleware.set_task() needs an awaitable, got {task!r}")
        tasks = _TASKS.get()
        if tasks is None or tasks.closed:
            _discard([task])
            raise RuntimeError(
                "BackgroundMiddleware.set_task() was called outside a request that "
                "BackgroundMiddleware handles"
            )
        tasks.items.append(task)
