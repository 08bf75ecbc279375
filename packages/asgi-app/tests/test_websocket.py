"""Websocket routes: never an HTTP message on a websocket scope."""

from __future__ import annotations

import logging

import pytest

from asgi_app import App, ResponseError, ResponseWebSocket
from asgi_testclient import ASGITestClient


async def test_websocket_route_echoes(app, client):
    @app.route("/websocket")
    async def websocket(request):
        async with ResponseWebSocket(request) as ws:
            msg = await ws.receive()
            await ws.send(f"echo {msg}")

    async with client.websocket("/websocket") as ws:
        await ws.send("ping")
        assert await ws.receive() == "echo ping"


async def test_unknown_websocket_route_closes_with_1000(app, drive, websocket_scope):
    sent = await drive(app, websocket_scope("/nowhere"), [{"type": "websocket.connect"}])
    assert [m["type"] for m in sent] == ["websocket.close"]
    assert sent[0]["code"] == 1000


async def test_unknown_websocket_route_uses_denial_response_when_offered(
    app, drive, websocket_scope
):
    scope = websocket_scope("/nowhere", extensions={"websocket.http.response": {}})
    sent = await drive(app, scope, [{"type": "websocket.connect"}])
    assert sent[0]["type"] == "websocket.http.response.start"
    assert sent[0]["status"] == 404
    assert all(m["type"].startswith("websocket.http.response.") for m in sent)


async def test_failing_websocket_handler_closes_with_1011(app, drive, websocket_scope):
    @app.route("/ws")
    async def ws(request):
        await ResponseWebSocket(request).accept()
        raise RuntimeError("handler broke")

    sent = await drive(app, websocket_scope("/ws"), [{"type": "websocket.connect"}])
    assert sent[0]["type"] == "websocket.accept"
    assert sent[-1] == {"type": "websocket.close", "code": 1011}
    assert not any(m["type"].startswith("http.") for m in sent)


async def test_rejected_websocket_closes_with_1000(app, drive, websocket_scope):
    @app.route("/ws")
    async def ws(request):
        raise ResponseError.FORBIDDEN()

    sent = await drive(app, websocket_scope("/ws"), [{"type": "websocket.connect"}])
    assert sent == [{"type": "websocket.close", "code": 1000}]


async def test_websocket_error_is_raised_in_debug_mode(drive, websocket_scope):
    app = App(debug=True)

    @app.route("/ws")
    async def ws(request):
        raise RuntimeError("debug")

    with pytest.raises(RuntimeError, match="debug"):
        await drive(app, websocket_scope("/ws"), [{"type": "websocket.connect"}])


async def test_internal_middlewares_do_not_touch_websockets(app, client, caplog):
    @app.middleware
    async def headers(app_, request, receive, send):
        response = await app_(request, receive, send)
        response.headers["x-md"] = "1"
        return response

    @app.route("/ws")
    async def ws(request):
        async with ResponseWebSocket(request) as socket:
            await socket.send("hi")

    async with client.websocket("/ws") as socket:
        assert await socket.receive() == "hi"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_websocket_in_mounted_app(app):
    child = App()

    @child.route("/ws")
    async def ws(request):
        async with ResponseWebSocket(request) as socket:
            await socket.send(request["path"])

    app.route("/sub")(child)
    async with ASGITestClient(app).websocket("/sub/ws") as socket:
        assert await socket.receive() == "/sub/ws"
