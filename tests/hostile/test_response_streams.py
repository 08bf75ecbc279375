"""Streaming responses and websocket handshakes under hostile clients: disconnects, injection."""

from __future__ import annotations

from typing import Any

import pytest

from asgi_request import aio_sleep
from asgi_tools import App, ResponseSSE, ResponseStream, ResponseWebSocket

from .conftest import drive, http_scope, open_fds, websocket_scope


def streaming_app() -> App:
    app = App()

    async def endless() -> Any:
        while True:
            yield b"chunk"
            await aio_sleep(0)

    @app.route("/stream")
    async def stream(request: Any) -> ResponseStream:
        return ResponseStream(endless)

    @app.route("/sse")
    async def sse(request: Any) -> ResponseSSE:
        async def events() -> Any:
            while True:
                yield {"data": "x"}
                await aio_sleep(0.001)

        return ResponseSSE(events)

    return app


@pytest.mark.parametrize("path", ["/stream", "/sse"])
async def test_endless_stream_ends_when_the_client_disconnects(path):
    # The disconnect comes at once: the endless response must stop, not run until the timeout.
    sent = await drive(streaming_app(), http_scope(path), then="disconnect", timeout=3)
    assert sent[0]["type"] == "http.response.start"


@pytest.mark.parametrize(
    "accept",
    [
        pytest.param({"subprotocol": "chat\r\nx-injected: 1"}, id="subprotocol-crlf"),
        pytest.param({"headers": [(b"x-user", b"a\r\nb")]}, id="header-crlf"),
        pytest.param({"headers": [(b"x-user", b"a\x00b")]}, id="header-nul"),
        pytest.param({"headers": {"x-user": "a\nb"}}, id="header-dict-lf"),
    ],
)
async def test_websocket_accept_never_sends_cr_lf_nul(accept):
    app = App()

    @app.route("/ws")
    async def ws(request: Any) -> None:
        socket = ResponseWebSocket(request)
        await socket.accept(**accept)
        await socket.close()

    sent = await drive(app, websocket_scope("/ws"), [{"type": "websocket.connect"}])
    for message in sent:
        assert "\r" not in str(message.get("subprotocol") or "")
        assert "\n" not in str(message.get("subprotocol") or "")
    assert all(m["type"].startswith("websocket.") for m in sent)


async def test_failing_uploads_spilled_to_disk_leave_no_open_file():
    app = App()

    @app.route("/", methods=["POST"])
    async def index(request: Any) -> str:
        return str(len(await request.form(file_memory_limit=10, max_size=100_000)))

    headers = [(b"host", b"x"), (b"content-type", b"multipart/form-data; boundary=b")]
    body = b'--b\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n' + b"x" * 200_000
    await drive(
        app, http_scope("/", "POST", headers=headers), [{"type": "http.request", "body": body}]
    )
    before = open_fds()
    for _ in range(50):
        await drive(
            app, http_scope("/", "POST", headers=headers), [{"type": "http.request", "body": body}]
        )
    assert open_fds() <= before
