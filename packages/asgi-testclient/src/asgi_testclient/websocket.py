"""The client end of a websocket opened by ``ASGITestClient.websocket()``."""

from __future__ import annotations

from typing import Any

from asgi_request import (
    TJSON,
    TASGIApp,
    TASGIMessage,
    TASGIScope,
    TaskHandle,
    aio_spawn,
    aio_timeout,
    json_dumps,
    json_loads,
)

from .channel import Channel
from .errors import ASGIProtocolError, ASGIWebSocketClosedError, ASGIWebSocketRejectedError
from .strict import (
    check_headers,
    check_websocket_accept,
    check_websocket_close,
    check_websocket_send,
    headers_from_app,
    message_type,
)

__all__ = ["TestWebSocketResponse"]

_CONNECTING, _OPEN, _DENYING, _CLOSED = 0, 1, 2, 3
_ABNORMAL_CLOSURE = 1006  # RFC 6455 7.4.1: the connection ended without a close frame


class TestWebSocketResponse:
    """An open websocket: ``send``/``receive`` text, bytes and JSON; ``close`` it.

    ``subprotocol`` and ``headers`` are what the application accepted with;
    ``close_code`` and ``close_reason`` are set once the application has closed;
    ``connected`` is True while the websocket is open.
    """

    __test__ = False
    __slots__ = (
        "_app",
        "_app_error",
        "_app_state",
        "_client_closed",
        "_error",
        "_inbox",
        "_outbox",
        "_strict",
        "_task",
        "close_code",
        "close_reason",
        "headers",
        "scope",
        "subprotocol",
        "timeout",
    )

    def __init__(
        self, app: TASGIApp, scope: TASGIScope, *, strict: bool, timeout: float | None
    ) -> None:
        self._app = app
        self.scope = scope
        self._strict = strict
        self.timeout = timeout
        self._inbox = Channel()  # client -> application
        self._outbox = Channel()  # application -> client
        self._app_state = _CONNECTING
        self._client_closed = False
        self._error: BaseException | None = None
        self._app_error: BaseException | None = None
        self._task: TaskHandle[None] | None = None
        self.subprotocol: str | None = None
        self.headers: list[tuple[bytes, bytes]] = []
        self.close_code: int | None = None
        self.close_reason = ""

    @property
    def connected(self) -> bool:
        """Whether the websocket is open: accepted, and closed by neither side (nor ended by
        the application returning)."""
        return (
            self._app_state == _OPEN
            and not self._client_closed
            and self.close_code is None
            and not self._outbox.closed
        )

    # --- the application's side -----------------------------------------------------------

    async def _run(self) -> None:
        try:
            await self._app(self.scope, self._app_receive, self._app_send)
        except Exception as exc:  # noqa: BLE001 - raised in the test by the client side
            # An OSError from send() after the client closed is what the spec asks servers to
            # raise: the expected end of the application, not a failure.
            if not (self._client_closed and isinstance(exc, OSError)):
                self._app_error = exc
        finally:
            await self._outbox.close()

    async def _app_receive(self) -> TASGIMessage:
        message = await self._inbox.get()
        if message is None:  # pragma: no cover - the inbox is never closed
            return {"type": "websocket.disconnect", "code": 1006}
        if message["type"] == "websocket.disconnect":
            # Every later receive() says the same: the connection is gone.
            await self._inbox.put(message)
        return message  # type: ignore[no-any-return]

    def _fail(self, error: ASGIProtocolError) -> None:
        if self._error is None:
            self._error = error
        raise error

    async def _app_send(self, message: TASGIMessage) -> None:
        try:
            await self._check_and_send(message)
        except ASGIProtocolError as exc:
            if self._error is None:  # the application may catch and hide it
                self._error = exc
            raise

    async def _check_and_send(self, message: TASGIMessage) -> None:
        if self._client_closed:
            raise ConnectionResetError("the test client has closed the websocket")
        strict = self._strict
        mtype = message_type(message, strict)
        state = self._app_state
        if state == _OPEN and mtype == "websocket.send":
            if strict:
                check_websocket_send(message)
        elif state == _CONNECTING and mtype == "websocket.accept":
            if strict:
                check_websocket_accept(message, self.scope["subprotocols"])
            self._app_state = _OPEN
        elif state in (_CONNECTING, _OPEN) and mtype == "websocket.close":
            if strict:
                check_websocket_close(message)
            self._app_state = _CLOSED
            # The client answers the close frame: the application then hears the disconnect.
            await self._inbox.put(
                {"type": "websocket.disconnect", "code": message.get("code", 1000)}
            )
        elif state == _CONNECTING and mtype == "websocket.http.response.start":
            self._app_state = _DENYING
            if strict:
                status = message.get("status")
                if type(status) is not int or not 100 <= status <= 599:
                    self._fail(ASGIProtocolError(f"denial response status {status!r} is invalid"))
                check_headers(message.get("headers", ()), "websocket.http.response.start")
        elif state == _DENYING and mtype == "websocket.http.response.body":
            if strict and type(message.get("body", b"")) is not bytes:
                self._fail(ASGIProtocolError("websocket.http.response.body 'body' must be bytes"))
            if not message.get("more_body", False):
                self._app_state = _CLOSED
        elif state == _CONNECTING and mtype == "websocket.send":
            self._fail(ASGIProtocolError("websocket.send was sent before websocket.accept"))
        elif state == _CLOSED:
            if not strict:
                return
            self._fail(ASGIProtocolError(f"{mtype} was sent after the websocket was closed"))
        elif strict or state == _DENYING:
            self._fail(ASGIProtocolError(f"unexpected message {mtype!r} in websocket state"))
        else:
            return
        await self._outbox.put(message)

    # --- the client's side ----------------------------------------------------------------

    async def _next(self) -> Any:
        outbox = self._outbox
        if outbox.items:
            return outbox.items.popleft()
        try:
            async with aio_timeout(self.timeout):
                return await outbox.get()
        except TimeoutError:
            self._client_closed = True
            if self._task is not None:
                await self._task.cancel()
            raise TimeoutError(
                f"the websocket application at {self.scope['path']} did not answer "
                f"within {self.timeout}s; it was cancelled"
            ) from None

    def _raise_errors(self) -> None:
        if self._error is not None:
            raise self._error
        if self._app_error is not None:
            raise self._app_error

    async def _connect(self) -> None:
        self._task = await aio_spawn(self._run)
        await self._inbox.put({"type": "websocket.connect"})
        message = await self._next()
        if message is not None and message["type"] == "websocket.accept":
            self.subprotocol = message.get("subprotocol")
            raw = message.get("headers") or []
            self.headers = raw if self._strict else headers_from_app(raw)
            return
        if message is not None and message["type"] == "websocket.http.response.start":
            # A denial response (the websocket.http.response extension): read its body.
            body: list[bytes] = []
            part = await self._next()
            while part is not None:
                body.append(part.get("body", b""))
                if not part.get("more_body", False):
                    break
                part = await self._next()
            await self._join()
            self._raise_errors()
            raise ASGIWebSocketRejectedError(
                message["status"], headers=list(message.get("headers") or []), body=b"".join(body)
            )
        await self._join()
        self._raise_errors()
        if message is None:  # returned without an answer: servers reply 403
            raise ASGIWebSocketRejectedError(403)
        raise ASGIWebSocketRejectedError(
            403, code=message.get("code", 1000), reason=message.get("reason") or ""
        )

    async def _join(self) -> None:
        """Wait until the application has returned (cancel it after ``timeout``)."""
        while await self._next() is not None:
            pass

    async def send(self, data: str | bytes | TASGIMessage) -> None:
        """Send a text frame (str), a binary frame (bytes) or a raw ASGI message (dict)."""
        if self._client_closed:
            raise ASGIWebSocketClosedError(1000, "the client has closed the websocket")
        if self._app_state == _CLOSED or self._outbox.closed:
            raise ASGIWebSocketClosedError(self.close_code or 1000, self.close_reason)
        if isinstance(data, str):
            message: TASGIMessage = {"type": "websocket.receive", "text": data}
        elif isinstance(data, (bytes, bytearray, memoryview)):
            message = {"type": "websocket.receive", "bytes": bytes(data)}
        else:
            message = data
        await self._inbox.put(message)

    async def send_text(self, data: str) -> None:
        """Send a text frame."""
        await self.send(str(data))

    async def send_bytes(self, data: bytes) -> None:
        """Send a binary frame."""
        await self.send(bytes(data))

    async def send_json(self, data: Any, *, binary: bool = False) -> None:
        """Send ``data`` as JSON, in a text frame (or a binary one with ``binary=True``)."""
        encoded = json_dumps(data)
        await self.send(encoded if binary else encoded.decode())

    async def receive(self, *, raw: bool = False) -> str | bytes | TASGIMessage:
        """The next frame: str for text, bytes for binary (``raw``: the ASGI message).

        Raises :class:`ASGIWebSocketClosedError` (with the code and reason) once the application
        has closed the websocket or returned.
        """
        if self.close_code is not None:
            raise ASGIWebSocketClosedError(self.close_code, self.close_reason)
        message = await self._next()
        if message is None:
            self._raise_errors()
            self.close_code = _ABNORMAL_CLOSURE
            raise ASGIWebSocketClosedError(_ABNORMAL_CLOSURE, "the application returned")
        if message["type"] == "websocket.close":
            self.close_code = message.get("code", 1000)
            self.close_reason = message.get("reason") or ""
            raise ASGIWebSocketClosedError(self.close_code, self.close_reason)
        if raw:
            return message  # type: ignore[no-any-return]
        text = message.get("text")
        return text if text is not None else message.get("bytes", b"")  # type: ignore[no-any-return]

    async def receive_text(self) -> str:
        """The next frame, which must be a text frame."""
        data = await self.receive()
        if not isinstance(data, str):
            raise ASGIProtocolError(f"expected a text frame, got {type(data).__name__}")
        return data

    async def receive_bytes(self) -> bytes:
        """The next frame, which must be a binary frame."""
        data = await self.receive()
        if not isinstance(data, bytes):
            raise ASGIProtocolError(f"expected a binary frame, got {type(data).__name__}")
        return data

    async def receive_json(self) -> TJSON:
        """The next frame (text or binary) parsed as JSON."""
        data = await self.receive()
        return json_loads(data)  # type: ignore[arg-type]

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        """Close from the client side and wait for the application to return."""
        if not self._client_closed:
            self._client_closed = True
            if self._app_state != _CLOSED:
                message = {"type": "websocket.disconnect", "code": code}
                if reason is not None:
                    message["reason"] = reason
                await self._inbox.put(message)
        await self._join()
        self._raise_errors()

    async def _abort(self) -> None:
        self._client_closed = True
        if self._task is not None:
            await self._task.cancel()
