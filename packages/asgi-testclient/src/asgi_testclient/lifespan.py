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
        "_startup_pending",
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
        self._startup_pending = False
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

    async def _answer(self, phase: str) -> Any:
        """The application's answer to ``phase``; ``...`` when none came within ``timeout``."""
        try:
            async with aio_timeout(self.timeout):
                return await self._outbox.get()
        except TimeoutError:
            # As in ASGI-Tools, ``timeout`` is how long to wait before going on: a hard error
            # here would make tests fail whenever a loaded machine delays a startup by 30 ms.
            logger.warning(
                "lifespan %s: no answer from the application within %ss, going on",
                phase,
                self.timeout,
            )
            return ...

    def _check(self, phase: str, message: Any) -> None:
        if message is None:
            if isinstance(self._app_error, ASGIProtocolError) or phase == "shutdown":
                self._raise()
            # ASGI: an application that raises or returns on a lifespan scope does not
            # support lifespan; the server goes on without it.
            logger.debug("lifespan not supported by %r: %r", self.app, self._app_error)
            self.supported = False
        elif message is not ... and message["type"].endswith(".failed"):
            raise ASGILifespanError(phase, message.get("message") or "")

    def _raise(self) -> None:
        if self._app_error is not None:
            raise self._app_error

    async def _stop(self) -> None:
        if self._task is not None:
            await self._task.cancel()

    async def __aenter__(self) -> Lifespan:
        self._task = await aio_spawn(self._run)
        await self._inbox.put({"type": "lifespan.startup"})
        message = await self._answer("startup")
        self._startup_pending = message is ...
        try:
            self._check("startup", message)
        except BaseException:
            await self._stop()
            raise
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
            if self._startup_pending:  # startup was slow: its answer comes first
                self._check("startup", await self._answer("startup"))
            self._phase = "shutdown"
            await self._inbox.put({"type": "lifespan.shutdown"})
            message = await self._answer("shutdown")
            self._check("shutdown", message)
            if message is not ...:
                # Let the application return after its answer, within the same timeout.
                try:
                    async with aio_timeout(self.timeout):
                        while await self._outbox.get() is not None:
                            pass
                except TimeoutError:
                    pass
                if exc is None:
                    self._raise()
        except Exception:
            if exc is None:
                raise
        finally:
            await self._stop()
