"""Shared fixtures: small raw ASGI applications the tests drive through the client."""

from __future__ import annotations

from typing import Any

import pytest

from asgi_request import json_dumps


async def read_body(receive: Any) -> bytes:
    """Read a whole request body from an ASGI receive callable."""
    body = b""
    more = True
    while more:
        message = await receive()
        assert message["type"] == "http.request"
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return body


async def send_response(
    send: Any,
    body: bytes = b"",
    status: int = 200,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Send a complete response with a content-length."""
    headers = [*(headers or []), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def echo_app() -> Any:
    """Answers with JSON describing the request it got (scope fields and body)."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = await read_body(receive)
        info = {
            "method": scope["method"],
            "path": scope["path"],
            "raw_path": scope["raw_path"].decode(),
            "query_string": scope["query_string"].decode(),
            "headers": [[name.decode(), value.decode()] for name, value in scope["headers"]],
            "body": body.decode("latin-1"),
            "scheme": scope["scheme"],
            "server": list(scope["server"]),
            "state": scope.get("state"),
        }
        await send_response(
            send, json_dumps(info), headers=[(b"content-type", b"application/json")]
        )

    return app
