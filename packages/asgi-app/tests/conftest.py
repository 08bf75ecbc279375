"""Shared fixtures: a fresh App, a test client for it, and a raw ASGI driver."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from asgi_app import App
from asgi_request import aio_sleep
from asgi_testclient import ASGITestClient


@pytest.fixture
def app() -> App:
    return App()


@pytest.fixture
def client(app: App) -> ASGITestClient:
    return ASGITestClient(app)


def make_http_scope(path: str = "/", method: str = "GET", **extra: Any) -> dict[str, Any]:
    """A complete HTTP scope for driving an app without the test client."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "server": ("localhost", 80),
        "client": ("127.0.0.1", 5000),
    }
    scope.update(extra)
    return scope


def make_websocket_scope(path: str = "/", **extra: Any) -> dict[str, Any]:
    """A websocket scope (no `method`, as servers send it)."""
    scope = make_http_scope(path, **extra)
    scope["type"] = "websocket"
    scope["scheme"] = "ws"
    del scope["method"]
    return scope


async def drive_app(
    app: Any, scope: dict[str, Any], incoming: Iterable[dict[str, Any]] = (), *, hold: bool = False
) -> list[Any]:
    """Call ``app`` with ``scope``; feed it ``incoming`` then a disconnect; return what it sent.

    With ``hold``, the client stays connected (the disconnect comes only after a minute), as a
    client waiting for a long response does.
    """
    queue = list(incoming)
    sent: list[Any] = []
    disconnect = "websocket.disconnect" if scope["type"] == "websocket" else "http.disconnect"

    async def receive() -> dict[str, Any]:
        if queue:
            return queue.pop(0)
        if hold:
            await aio_sleep(60)
        return {"type": disconnect, "code": 1000}

    async def send(message: Any) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


@pytest.fixture
def http_scope() -> Any:
    return make_http_scope


@pytest.fixture
def websocket_scope() -> Any:
    return make_websocket_scope


@pytest.fixture
def drive() -> Any:
    return drive_app
