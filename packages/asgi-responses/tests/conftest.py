"""Drive responses as an ASGI server would: a scope dict, a fake receive, a recording send."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import pytest

from asgi_request import aio_queue, aio_sleep


class Exchange:
    """What a response sent, and the receive it was given."""

    def __init__(self, incoming: Iterable[dict[str, Any]] = ()) -> None:
        self.incoming = list(incoming)
        self.messages: list[dict[str, Any]] = []
        self.queue: Any = None

    async def receive(self) -> dict[str, Any]:
        if self.incoming:
            return self.incoming.pop(0)
        if self.queue is not None:
            return await self.queue.get()  # type: ignore[no-any-return]
        # A real server blocks here until the client leaves.
        await aio_sleep(3600)
        raise AssertionError("receive() was never cancelled")

    async def send(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    @property
    def start(self) -> dict[str, Any]:
        assert self.messages[0]["type"] == "http.response.start"
        return self.messages[0]

    @property
    def status(self) -> int:
        return self.start["status"]  # type: ignore[no-any-return]

    @property
    def headers(self) -> list[tuple[bytes, bytes]]:
        return self.start["headers"]  # type: ignore[no-any-return]

    def header(self, name: str) -> str | None:
        values = self.header_list(name)
        return values[0] if values else None

    def header_list(self, name: str) -> list[str]:
        key = name.lower().encode()
        return [value.decode("latin-1") for key_, value in self.headers if key_ == key]

    @property
    def body_messages(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["type"] == "http.response.body"]

    @property
    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.body_messages)

    @property
    def finished(self) -> bool:
        last = self.body_messages[-1:]
        return bool(last) and not last[0].get("more_body", False)


def make_scope(
    method: str = "GET", headers: Iterable[tuple[str, str]] = (), scope_type: str = "http"
) -> dict[str, Any]:
    scope: dict[str, Any] = {
        "type": scope_type,
        "asgi": {"version": "3.0"},
        "path": "/",
        "headers": [(k.lower().encode(), v.encode("latin-1")) for k, v in headers],
    }
    if scope_type == "http":
        scope["method"] = method
    return scope


TSend = Callable[..., Awaitable[Exchange]]


@pytest.fixture
def send_response() -> TSend:
    """``await send_response(response, method=..., headers=[...])`` -> the Exchange."""

    async def run(
        response: Any,
        *,
        method: str = "GET",
        headers: Iterable[tuple[str, str]] = (),
        incoming: Iterable[dict[str, Any]] = (),
    ) -> Exchange:
        exchange = Exchange(incoming)
        await response(make_scope(method, headers), exchange.receive, exchange.send)
        return exchange

    return run


@pytest.fixture
def exchange() -> Exchange:
    return Exchange()


@pytest.fixture
def disconnect_queue(exchange: Exchange) -> Callable[[], Any]:
    """Give ``exchange.receive`` a queue: put an ``http.disconnect`` to make the client leave."""

    def make() -> Any:
        exchange.queue = aio_queue()
        return exchange.queue

    return make


@pytest.fixture
def websocket() -> Callable[..., tuple[Any, Exchange]]:
    """``ws, exchange = websocket(*incoming)``: a ResponseWebSocket after a websocket.connect."""
    from asgi_responses import ResponseWebSocket

    def make(*incoming: dict[str, Any]) -> tuple[Any, Exchange]:
        exchange = Exchange([{"type": "websocket.connect"}, *incoming])
        scope = make_scope(scope_type="websocket")
        return ResponseWebSocket(scope, exchange.receive, exchange.send), exchange

    return make


@pytest.fixture
def scope_factory() -> Callable[..., dict[str, Any]]:
    return make_scope


@pytest.fixture
def exchange_factory() -> type[Exchange]:
    return Exchange
