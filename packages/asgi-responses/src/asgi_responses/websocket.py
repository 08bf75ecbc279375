"""ResponseWebSocket: a websocket connection driven through a small state machine."""

from __future__ import annotations

from enum import Enum
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from asgi_request import ASGIConnectionClosedError, ASGIError, json_dumps

from .errors import ASGIWebSocketStateError
from .headers import encode_headers, encode_value
from .response import Response

if TYPE_CHECKING:
    from asgi_request import TASGIMessage, TASGIReceive, TASGIScope, TASGISend


class WebSocketState(Enum):
    """Where a websocket connection stands."""

    CONNECTING = 0  # not accepted yet
    CONNECTED = 1  # accepted, open both ways
    CLOSED = 2  # closed by us, or the client disconnected


class ResponseWebSocket(Response):
    """A websocket connection: accept, send, receive, close.

        async with ResponseWebSocket(scope, receive, send) as ws:
            msg = await ws.receive()
            await ws.send("pong")

    ``scope`` may be a Request, whose ``receive`` and ``send`` are then used. Methods called
    out of order raise ``ASGIWebSocketStateError``; after close, ``ASGIConnectionClosedError``.
    """

    STATES = WebSocketState

    def __init__(
        self,
        scope: TASGIScope,
        receive: TASGIReceive | None = None,
        send: TASGISend | None = None,
    ) -> None:
        super().__init__(b"")
        receive = receive or getattr(scope, "receive", None)
        send = send or getattr(scope, "send", None)
        if receive is None or send is None:
            raise ASGIError("ResponseWebSocket needs receive and send (or a Request holding them)")
        if scope.get("type") != "websocket":
            raise ASGIError(f"ResponseWebSocket needs a websocket scope, not {scope.get('type')!r}")
        self.scope = scope
        self._receive = receive
        self._send = send
        self.state = WebSocketState.CONNECTING
        self.close_code: int | None = None

    @property
    def connected(self) -> bool:
        """True between accept and close (or the client's disconnect)."""
        return self.state is WebSocketState.CONNECTED

    async def __aenter__(self) -> Self:
        await self.accept()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # An error inside the block closes with 1011 (internal error), as RFC 6455 7.4.1 says.
        await self.close(
            1000 if exc is None or isinstance(exc, ASGIConnectionClosedError) else 1011
        )

    async def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        """Returned from a handler as a response: close the connection if it is still open."""
        await self.close()

    async def accept(self, **params: Any) -> None:
        """Accept the connection; ``subprotocol`` and ``headers`` are passed to the server."""
        if self.state is not WebSocketState.CONNECTING:
            raise ASGIWebSocketStateError(f"cannot accept a websocket in state {self.state.name}")
        # Checked before anything is received or sent: both end up in the handshake's headers.
        headers = params.pop("headers", None)
        if headers is not None:
            params["headers"] = encode_headers(headers)
        subprotocol = params.get("subprotocol")
        if subprotocol is not None:
            encode_value(subprotocol, "sec-websocket-protocol")
        message = await self._receive()
        if message["type"] == "websocket.disconnect":
            self._closed(message.get("code", 1005))
            raise ASGIConnectionClosedError("the client left before the websocket was accepted")
        if message["type"] != "websocket.connect":
            raise ASGIWebSocketStateError(f"expected websocket.connect, got {message['type']!r}")
        await self._send({"type": "websocket.accept", **params})
        self.state = WebSocketState.CONNECTED

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Close the connection (before accept, this rejects it); a no-op once closed."""
        if self.state is WebSocketState.CLOSED:
            return
        self._closed(code)
        message: dict[str, Any] = {"type": "websocket.close", "code": code}
        if reason:
            message["reason"] = reason
        await self._send(message)

    def _closed(self, code: int) -> None:
        self.state = WebSocketState.CLOSED
        self.close_code = code

    def _check_open(self) -> None:
        if self.state is WebSocketState.CONNECTED:
            return
        if self.state is WebSocketState.CLOSED:
            raise ASGIConnectionClosedError(f"the websocket is closed (code {self.close_code})")
        raise ASGIWebSocketStateError("the websocket is not accepted yet: call accept() first")

    async def send(
        self, msg: dict[str, Any] | str | bytes, msg_type: str = "websocket.send"
    ) -> None:
        """Send a str (text frame), bytes (binary frame) or a raw ASGI message dict as it is."""
        self._check_open()
        if isinstance(msg, str):
            message: dict[str, Any] = {"type": msg_type, "text": msg}
        elif isinstance(msg, bytes | bytearray | memoryview):
            message = {"type": msg_type, "bytes": bytes(msg)}
        elif isinstance(msg, dict):
            message = msg
            if msg.get("type") == "websocket.close":
                self._closed(msg.get("code", 1000))
        else:
            raise TypeError(f"a websocket sends str, bytes or a dict, not {type(msg).__name__}")
        await self._send(message)

    async def send_json(self, data: Any) -> None:
        """Serialize ``data`` to JSON and send it as a text frame."""
        try:
            text = json_dumps(data).decode()
        except (TypeError, ValueError, OverflowError) as exc:
            raise ASGIError(f"the data is not JSON serializable: {exc}") from exc
        await self.send(text)

    async def receive(self, *, raw: bool = False) -> TASGIMessage | str | bytes:
        """Receive the next frame: text as str, binary as bytes (``raw``: the ASGI message).

        The client's disconnect is returned as its message (and the state becomes CLOSED),
        so that ``while ws.connected:`` loops end; a receive after that raises.
        """
        self._check_open()
        message = await self._receive()
        kind = message["type"]
        if kind == "websocket.disconnect":
            self._closed(message.get("code", 1005))
            return message
        if raw or kind != "websocket.receive":
            return message
        text = message.get("text")
        if text is not None:
            return text  # type: ignore[no-any-return]
        data = message.get("bytes")
        return data if data is not None else b""


ResponseWebsocket = ResponseWebSocket

__all__ = ["ResponseWebSocket", "ResponseWebsocket", "WebSocketState"]
