"""Shared fixtures: drive an ASGI app with a scope and recorded receive/send."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from asgi_request import aio_sleep


class Exchange:
    """What an app sent for one scope: status, headers and body of an HTTP response."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def send(self, message: dict[str, Any]) -> None:
        self.messages.append(dict(message))

    @property
    def status(self) -> int:
        starts = [m for m in self.messages if m["type"] == "http.response.start"]
        assert len(starts) == 1, self.messages
        return int(starts[0]["status"])

    @property
    def headers(self) -> dict[str, str]:
        start = next(m for m in self.messages if m["type"] == "http.response.start")
        return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}

    @property
    def body(self) -> bytes:
        return b"".join(
            m.get("body", b"") for m in self.messages if m["type"] == "http.response.body"
        )

    @property
    def complete(self) -> bool:
        bodies = [m for m in self.messages if m["type"] == "http.response.body"]
        return bool(bodies) and not bodies[-1].get("more_body", False)


def _make_scope(
    path: str = "/",
    method: str = "GET",
    headers: Iterable[tuple[str, str]] = (),
    scope_type: str = "http",
    **extra: Any,
) -> dict[str, Any]:
    scope: dict[str, Any] = {
        "type": scope_type,
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape"),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    if scope_type == "websocket":
        del scope["method"]
        scope["scheme"] = "ws"
    scope.update(extra)
    return scope


async def _call(
    app: Any, path: str = "/", method: str = "GET", body: bytes = b"", **kw: Any
) -> Exchange:
    """Run ``app`` for one HTTP request and return what it sent."""
    scope = _make_scope(path, method, **kw)
    exchange = Exchange()
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        # The client stays connected: a real server answers disconnect only when it leaves.
        await aio_sleep(3600)
        return {"type": "http.disconnect"}

    await app(scope, receive, exchange.send)
    return exchange


@pytest.fixture
def make_scope() -> Any:
    """Build an ASGI scope: ``make_scope(path, method, headers=[...], scope_type=...)``."""
    return _make_scope


@pytest.fixture
def call() -> Any:
    """Run an app for one request: ``exchange = await call(app, "/path", "GET", body=b"")``."""
    return _call


@pytest.fixture
def exchange() -> Exchange:
    """A fresh recorder: pass ``exchange.send`` as the app's send."""
    return Exchange()
