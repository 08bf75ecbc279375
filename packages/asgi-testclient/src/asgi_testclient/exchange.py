"""One HTTP request in flight: the application runs in its own task, the client reads its messages.

The application's ``send`` puts messages in a :class:`Channel`; the client takes them out as
the test asks for them, so a response stream is read while the application still writes it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from asgi_request import (
    TASGIApp,
    TASGIMessage,
    TASGIScope,
    TaskHandle,
    aio_sleep,
    aio_spawn,
    aio_timeout,
)

from .channel import Channel
from .errors import ASGIProtocolError
from .strict import check_http_body, check_http_start, headers_from_app, message_type

__all__ = ["HTTPExchange"]

_START, _BODY, _DONE = 0, 1, 2
_NO_CONTENT = frozenset((204, 304))
_DISCONNECT: TASGIMessage = {"type": "http.disconnect"}


class HTTPExchange:
    """Runs ``app`` for one HTTP scope and carries its messages to the client."""

    __slots__ = (
        "app",
        "app_error",
        "body",
        "disconnected",
        "error",
        "expected_length",
        "outbox",
        "pulled",
        "received_length",
        "scope",
        "state",
        "stream",
        "strict",
        "task",
        "timeout",
        "waiters",
    )

    def __init__(
        self,
        app: TASGIApp,
        scope: TASGIScope,
        body: bytes | None,
        stream: AsyncIterator[Any] | None,
        *,
        strict: bool,
        timeout: float | None,
    ) -> None:
        self.app = app
        self.scope = scope
        self.body = body
        self.stream = stream
        self.strict = strict
        self.timeout = timeout
        self.state = _START
        self.outbox = Channel()
        # Closed by the client (left a stream, timed out): sends then raise an OSError.
        self.disconnected = False
        # Wakes the application's receive() that waits for http.disconnect.
        self.waiters: Channel | None = None
        self.error: BaseException | None = None
        self.app_error: BaseException | None = None
        self.expected_length = -1
        self.received_length = 0
        self.pulled = 0  # request chunks the application has read: its sign of progress
        self.task: TaskHandle[None] | None = None

    # --- the application's side -----------------------------------------------------------

    async def run(self) -> None:
        try:
            await self.app(self.scope, self.receive, self.send)
        except Exception as exc:  # noqa: BLE001 - handed to the client, raised in the test
            # After the client left, the OSError raised by send() is the expected way out.
            if not (self.disconnected and isinstance(exc, OSError)):
                self.app_error = exc
        finally:
            await self._close_stream()
            await self.outbox.close()

    async def _close_stream(self) -> None:
        """Close a request stream the application stopped reading (refused it, failed...).

        Left open, an async generator is only finalised by the garbage collector, on whatever
        event loop is current then (trio warns, curio and asyncio may run it late).
        """
        stream, self.stream = self.stream, None
        aclose = getattr(stream, "aclose", None)
        if aclose is not None:
            try:
                await aclose()
            except RuntimeError:
                pass  # still running in a receive() that was cancelled: it ends with it

    async def receive(self) -> TASGIMessage:
        body = self.body
        if body is not None:
            self.body = None
            return {"type": "http.request", "body": body, "more_body": False}
        stream = self.stream
        if stream is not None:
            self.pulled += 1
            try:
                chunk = await stream.__anext__()
            except StopAsyncIteration:
                self.stream = None
                return {"type": "http.request", "body": b"", "more_body": False}
            if isinstance(chunk, str):
                chunk = chunk.encode()
            elif not isinstance(chunk, bytes):
                chunk = bytes(chunk)
            return {"type": "http.request", "body": chunk, "more_body": True}
        # The body is read: http.disconnect comes once the response is sent or the client left.
        while self.state != _DONE and not self.disconnected:
            if self.waiters is None:
                self.waiters = Channel()
            await self.waiters.get()
        return _DISCONNECT

    async def send(self, message: TASGIMessage) -> None:
        if self.disconnected:
            # ASGI 2.4: send() on a closed connection raises a subclass of OSError.
            raise ConnectionResetError("the test client has disconnected")
        strict = self.strict
        try:
            mtype = message_type(message, strict)
            state = self.state
            if state == _BODY and mtype == "http.response.body":
                if strict:
                    check_http_body(message)
                    if self.expected_length >= 0:
                        self._count(message)
                elif type(message.get("body", b"")) is not bytes:
                    message = {**message, "body": bytes(message.get("body", b""))}
                if not message.get("more_body", False):
                    self.state = _DONE
                    if self.waiters is not None:
                        await self.waiters.close()
                await self.outbox.put(message)
                return
            if state == _START and mtype == "http.response.start":
                if strict:
                    headers = check_http_start(message)
                    self._expect(message, headers)
                else:
                    headers = headers_from_app(message.get("headers"))
                    message = {**message, "status": int(message.get("status", 200))}
                self.state = _BODY
                await self.outbox.put((message, headers))
                return
            if state == _START and mtype == "http.response.body":
                raise ASGIProtocolError("http.response.body was sent before http.response.start")
            if state == _DONE and (strict or mtype.startswith("http.response.")):
                if not strict:
                    return  # lenient mode drops what comes after the final body
                raise ASGIProtocolError(f"{mtype} was sent after the final http.response.body")
            if strict:
                raise ASGIProtocolError(f"unexpected message {mtype!r} in an HTTP response")
        except ASGIProtocolError as exc:
            # Recorded for the client too: the application may catch and hide it.
            if self.error is None:
                self.error = exc
            raise

    def fail(self, error: ASGIProtocolError) -> None:
        """Record a violation for the client and raise it in the application."""
        if self.error is None:
            self.error = error
        raise error

    def _expect(self, message: TASGIMessage, headers: list[tuple[bytes, bytes]]) -> None:
        status = message["status"]
        if status in _NO_CONTENT or self.scope["method"] == "HEAD":
            return
        for name, value in headers:
            if name == b"content-length":
                # Digits only: int() would also take " 5", "+5", "-1" and "5_0".
                if not value.isdigit():
                    self.fail(ASGIProtocolError(f"content-length {value!r} is not a number"))
                length = int(value)
                if self.expected_length >= 0 and length != self.expected_length:
                    self.fail(
                        ASGIProtocolError(
                            f"two content-length headers disagree: "
                            f"{self.expected_length} and {length}"
                        )
                    )
                self.expected_length = length

    def _count(self, message: TASGIMessage) -> None:
        self.received_length += len(message.get("body", b""))
        more = message.get("more_body", False)
        if self.received_length > self.expected_length or (
            not more and self.received_length != self.expected_length
        ):
            self.fail(
                ASGIProtocolError(
                    f"the body has {'at least ' if more else ''}{self.received_length} bytes, "
                    f"content-length says {self.expected_length}"
                )
            )

    # --- the client's side ----------------------------------------------------------------

    async def start(self) -> None:
        self.task = await aio_spawn(self.run)
        # One scheduling yield (not a poll: the client parks on the channel right after if it
        # must) lets the new task run first, so an application that answers at once is read
        # without a wake-up or a timer.
        await aio_sleep(0)

    async def next(self) -> Any:
        """The next message of the application, or None once it has returned."""
        outbox = self.outbox
        if outbox.items:
            return outbox.items.popleft()
        if outbox.closed:
            return None
        while True:
            pulled = self.pulled
            try:
                async with aio_timeout(self.timeout):
                    return await outbox.get()
            except TimeoutError:
                if self.pulled != pulled:
                    # The application is busy reading a slow request stream: not stuck.
                    continue
            await self.abort()
            raise TimeoutError(
                f"the application did not answer {self.scope['method']} {self.scope['path']} "
                f"within {self.timeout}s; it was cancelled"
            ) from None

    def raise_errors(self) -> None:
        """Raise the violation or the exception the application ended with, if any."""
        if self.error is not None:
            raise self.error
        if self.app_error is not None:
            raise self.app_error

    def incomplete(self, what: str) -> ASGIProtocolError:
        return ASGIProtocolError(
            f"the application returned without {what} ({self.scope['method']} {self.scope['path']})"
        )

    async def finish(self) -> None:
        """Wait for the application to return after its final body; raise what it raised."""
        while await self.next() is not None:  # lenient mode may still queue odd messages
            pass
        self.raise_errors()

    async def abort(self) -> None:
        """Disconnect the client and stop the application."""
        self.disconnected = True
        if self.waiters is not None:
            await self.waiters.close()
        if self.task is not None:
            await self.task.cancel()

    async def disconnect(self, grace: float) -> None:
        """Send http.disconnect, give the application ``grace`` seconds to return, then cancel."""
        if self.outbox.closed:
            return
        # Also when already marked disconnected (a stream dropped where no task could be
        # started): the application may still be waiting in receive() for the news.
        self.disconnected = True
        if self.waiters is not None:
            await self.waiters.close()
        try:
            async with aio_timeout(grace):
                while await self.outbox.get() is not None:
                    pass
        except TimeoutError:
            pass
        if self.task is not None:
            await self.task.cancel()
