"""LifespanMiddleware: startup/shutdown handlers and the ASGI lifespan state."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, ClassVar, Self

from asgi_request import TASGIApp, TASGIReceive, TASGIScope, TASGISend, TVCallable
from asgi_request import logger as default_logger

from .base import BaseMiddleware

__all__ = ["LifespanMiddleware"]

THandlers = Callable[..., Any] | list[Callable[..., Any]] | None


def _wants_state(fn: Callable[..., Any]) -> bool:
    """True when ``fn`` has a required positional parameter: it gets the lifespan state."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # builtins without a signature: call them bare
        return False
    try:
        signature.bind()
    except TypeError:
        return True
    return False


class LifespanMiddleware(BaseMiddleware):
    """Run startup/shutdown handlers on the ASGI lifespan events.

    Handlers are sync or async; one that takes a parameter gets the lifespan state dict, and
    what it stores there is in every request's scope as a shallow copy (``request.state``).

        app = lifespan = LifespanMiddleware(app)

        @lifespan.on_startup
        async def start(state):
            state["db"] = await connect()

    ``async with lifespan:`` runs startup on entry and shutdown on exit (for tests).
    """

    scopes: ClassVar[tuple[str, ...]] = ("lifespan",)

    def __init__(
        self,
        app: TASGIApp | None = None,
        *,
        logger: logging.Logger = default_logger,
        ignore_errors: bool = False,
        on_startup: THandlers = None,
        on_shutdown: THandlers = None,
    ) -> None:
        super().__init__(app)
        self.logger = logger
        self.ignore_errors = ignore_errors
        self.state: dict[str, Any] = {}
        self._startup: list[tuple[Callable[..., Any], bool]] = []
        self._shutdown: list[tuple[Callable[..., Any], bool]] = []
        self._register(on_startup, self._startup)
        self._register(on_shutdown, self._shutdown)

    def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Awaitable[Any]:
        if scope["type"] == "lifespan":
            return self.__process__(scope, receive, send)
        # A server with lifespan state copies it into each scope itself; without one, do it here.
        if "state" not in scope:
            scope["state"] = self.state.copy()
        return self.app(scope, receive, send)

    async def __process__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        state = scope.get("state")
        if isinstance(state, dict):
            # Share the server's dict: the server copies it into every request scope.
            state.update(self.state)
            self.state = state
        while True:
            message = await receive()
            event = message.get("type")
            if event == "lifespan.startup":
                error = await self._run("startup", self._startup)
                if error is not None:
                    await send({"type": "lifespan.startup.failed", "message": error})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif event == "lifespan.shutdown":
                error = await self._run("shutdown", self._shutdown)
                if error is not None:
                    await send({"type": "lifespan.shutdown.failed", "message": error})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                return

    async def _run(self, event: str, handlers: list[tuple[Callable[..., Any], bool]]) -> str | None:
        """Run the handlers in order; return the failure message, or None when all went well."""
        try:
            await self._call(event, handlers)
        except Exception as exc:  # noqa: BLE001 - reported to the server as lifespan.*.failed
            return str(exc) or type(exc).__name__
        return None

    async def run(self, event: str) -> None:
        """Run the ``startup`` or ``shutdown`` handlers; raise the first error (unless ignored)."""
        if event == "startup":
            await self._call(event, self._startup)
        elif event == "shutdown":
            await self._call(event, self._shutdown)
        else:
            raise ValueError(f"unknown lifespan event {event!r}: use 'startup' or 'shutdown'")

    async def _call(self, event: str, handlers: list[tuple[Callable[..., Any], bool]]) -> None:
        state = self.state
        for fn, wants_state in handlers:
            try:
                result = fn(state) if wants_state else fn()
                if inspect.isawaitable(result):
                    await result
            except Exception:
                self.logger.exception("%s handler %r failed", event.title(), fn)
                if not self.ignore_errors:
                    raise

    def on_startup(self, fn: TVCallable) -> TVCallable:
        """Add a startup handler (or a list of them); usable as a decorator."""
        self._register(fn, self._startup)
        return fn

    def on_shutdown(self, fn: TVCallable) -> TVCallable:
        """Add a shutdown handler (or a list of them); usable as a decorator."""
        self._register(fn, self._shutdown)
        return fn

    @staticmethod
    def _register(handlers: Any, container: list[tuple[Callable[..., Any], bool]]) -> None:
        if handlers is None:
            return
        for fn in handlers if isinstance(handlers, list | tuple) else [handlers]:
            if not callable(fn):
                raise TypeError(f"a lifespan handler must be callable, got {fn!r}")
            container.append((fn, _wants_state(fn)))

    async def __aenter__(self) -> Self:
        await self.run("startup")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.run("shutdown")
