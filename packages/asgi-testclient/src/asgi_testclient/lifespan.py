"""Driving the ASGI lifespan protocol: startup before the tests, shutdown after them."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from asgi_request import TASGIApp, TASGIMessage, TaskHandle, aio_spawn, aio_timeout, logger

from .channel import Channel
from .errors import ASGILifespanError, ASGIProtocolError
from .strict import message_type

__all__ = ["Lifespan"]

_EXPECTED = {
    "startup": ("lifespan.startup.complete", "lifespan.startup.failed"),
    "shutdown": ("lifespan.shutdown.complete", "lifespan.shutdown.failed"),
}


class Lifespan:
    """``async with``: send ``lifespan.startup`` on entry, ``lifespan.shutdown`` on exit.

    The lifespan ``state`` dict is what the application stored at startup; every request made
    inside gets a shallow copy of it in ``scope["state"]``. An application that returns or
    raises without answering does not support lifespan: the block runs without it.
    """

    __slots__ = (
        "_app_error",
        "_inbox",
        "_outbox",
        "_phase",
        "_strict",
        "_task",
        "app",
        "on_state",
        "state",
        "supported",
        "timeout",
    )

    def __init__(
        self, app: TASGIApp, *, timeout: float, strict: bool, on_state: Any = None
    ) -> None:
        self.app = app
        self.timeout = timeout
        self.state: dict[str, Any] = {}
        self.supported = True
        self.on_state = on_state  # called with the state on entry and None on exit
        self._strict = strict
        self._phase = "startup"
        self._inbox = Channel()
        self._outbox = Channel()
        self._task: TaskHandle[None] | None = None
        self._app_error: BaseException | None = None

    async def _run(self) -> None:
        scope = {
            "type": "lifespan",
            "asgi": {"version": "3.0", "spec_version": "2.0"},
            "state": self.state,
        }
        try:
            await self.app(scope, self._inbox.get, self._send)
        except Exception as exc:  # noqa: BLE001 - reported by the client side
            self._app_error = exc
        finally:
            await self._outbox.close()

    async def _send(self, message: TASGIMessage) -> None:
        mtype = message_type(message, self._strict)
        if mtype not in _EXPECTED[self._phase]:
            error = ASGIProtocolError(f"unexpected message {mtype!r} during lifespan {self._phase}")
            if self._strict or not mtype.startswith("lifespan."):
                self._app_error = error
                raise error
        elif self._strict and not isinstance(message.get("message", ""), str):
            self._app_error = ASGIProtocolError(f"{mtype} 'message' must be a str")
            raise self._app_error
        await self._outbox.put(message)

    async def _exchange(self, phase: str) -> None:
        self._phase = phase
        await self._inbox.put({"type": f"lifespan.{phase}"})
        try:
            async with aio_timeout(self.timeout):
                message = await self._outbox.get()
        except TimeoutError:
            if self._task is not None:
                await self._task.cancel()
            raise TimeoutError(
                f"lifespan {phase} did not complete within {self.timeout}s; "
                "the application was cancelled (raise lifespan(timeout=...) if it needs longer)"
            ) from None
        if message is None:
            if isinstance(self._app_error, ASGIProtocolError) or phase == "shutdown":
                self._raise()
            # ASGI: an application that raises or returns on a lifespan scope does not
            # support lifespan; the server goes on without it.
            logger.debug("lifespan not supported by %r: %r", self.app, self._app_error)
            self.supported = False
            return
        if message["type"].endswith(".failed"):
            if self._task is not None:
                await self._task.cancel()
            raise ASGILifespanError(phase, message.get("message") or "")

    def _raise(self) -> None:
        if self._app_error is not None:
            raise self._app_error

    async def __aenter__(self) -> Lifespan:
        self._task = await aio_spawn(self._run)
        await self._exchange("startup")
        if self.supported and self.on_state is not None:
            self.on_state(self.state)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.on_state is not None:
            self.on_state(None)
        if not self.supported:
            return
        try:
            await self._exchange("shutdown")
            async with aio_timeout(self.timeout):
                while await self._outbox.get() is not None:
                    pass
        except TimeoutError:
            if self._task is not None:
                await self._task.cancel()
            if exc is None:
                raise
            return
        if exc is None:
            self._raise()
