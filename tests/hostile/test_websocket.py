"""Websockets: messages before accept, huge or unknown messages, odd close codes, refusals."""

from __future__ import annotations

from typing import Any

import pytest

from asgi_testclient import ASGIWebSocketRejectedError
from asgi_tools import App, ResponseWebSocket
from asgi_tools.tests import ASGITestClient

from .conftest import drive, websocket_scope

CONNECT = {"type": "websocket.connect"}


def echo_app(*, with_middleware: bool = False) -> App:
    app = App()

    @app.route("/ws")
    async def ws(request: Any) -> None:
        async with ResponseWebSocket(request) as socket:
            while socket.connected:
                message = await socket.receive()
                if isinstance(message, str | bytes):
                    await socket.send(message[:16])

    if with_middleware:

        @app.middleware
        async def passthrough(handler: Any, request: Any, receive: Any, send: Any) -> Any:
            return await handler(request, receive, send)

    return app


def assert_websocket_only(sent: list[dict[str, Any]]) -> None:
    """Only websocket messages; at most one accept, at most one close, nothing after close."""
    kinds = [m["type"] for m in sent]
    assert all(k.startswith("websocket.") for k in kinds), kinds
    assert kinds.count("websocket.accept") <= 1
    assert kinds.count("websocket.close") <= 1
    if "websocket.close" in kinds:
        assert kinds[-1] == "websocket.close"
        code = sent[-1].get("code", 1000)
        assert 1000 <= code < 5000


BEFORE_ACCEPT = [
    pytest.param([{"type": "websocket.receive", "text": "early"}], id="receive-before-connect"),
    pytest.param([{"type": "websocket.bogus"}], id="unknown-before-connect"),
    pytest.param([{"type": "http.request", "body": b"x"}], id="http-message"),
    pytest.param([{}], id="message-without-type"),
    pytest.param([{"type": "websocket.disconnect", "code": 1006}], id="disconnect-before-accept"),
    pytest.param([{"type": "websocket.disconnect"}], id="disconnect-without-code"),
]


@pytest.mark.parametrize("incoming", BEFORE_ACCEPT)
@pytest.mark.parametrize("with_middleware", [False, True])
async def test_messages_before_accept_never_hang_or_send_http(incoming, with_middleware):
    sent = await drive(echo_app(with_middleware=with_middleware), websocket_scope("/ws"), incoming)
    assert_websocket_only(sent)
    assert not any(m["type"] == "websocket.send" for m in sent)


ODD_MESSAGES = [
    pytest.param({"type": "websocket.receive"}, id="neither-text-nor-bytes"),
    pytest.param({"type": "websocket.receive", "text": None, "bytes": None}, id="both-none"),
    pytest.param({"type": "websocket.receive", "text": "t", "bytes": b"b"}, id="both-set"),
    pytest.param({"type": "websocket.receive", "text": "x" * 20_000_000}, id="20MB-text"),
    pytest.param({"type": "websocket.receive", "bytes": b"\x00" * 20_000_000}, id="20MB-bytes"),
    pytest.param({"type": "websocket.receive", "text": "\udcff\x00\r\n"}, id="control-text"),
    pytest.param({"type": "websocket.bogus", "text": "x"}, id="unknown-type"),
    pytest.param({"type": "websocket.connect"}, id="second-connect"),
    pytest.param({"type": "http.disconnect"}, id="http-disconnect"),
]


@pytest.mark.parametrize("message", ODD_MESSAGES)
async def test_odd_messages_after_accept_never_hang_or_500(message):
    incoming = [CONNECT, message, {"type": "websocket.disconnect", "code": 1000}]
    sent = await drive(echo_app(), websocket_scope("/ws"), incoming)
    assert_websocket_only(sent)
    assert sent[0]["type"] == "websocket.accept"


@pytest.mark.parametrize("code", [1000, 1001, 1005, 1006, 1015, 3000, 4999, 0, -1, 99999, None])
async def test_any_client_close_code_ends_the_handler_quietly(code):
    disconnect: dict[str, Any] = {"type": "websocket.disconnect"}
    if code is not None:
        disconnect["code"] = code
    incoming = [CONNECT, {"type": "websocket.receive", "text": "a"}, disconnect]
    sent = await drive(echo_app(), websocket_scope("/ws"), incoming)
    assert_websocket_only(sent)
    assert [m["type"] for m in sent][:2] == ["websocket.accept", "websocket.send"]


async def test_ten_thousand_messages_are_echoed_without_growth():
    incoming = [CONNECT]
    incoming += [{"type": "websocket.receive", "text": "m"} for _ in range(10_000)]
    incoming.append({"type": "websocket.disconnect", "code": 1000})
    sent = await drive(echo_app(), websocket_scope("/ws"), incoming)
    assert sum(m["type"] == "websocket.send" for m in sent) == 10_000


@pytest.mark.parametrize("path", ["/nowhere", "/ws/../ws", "/static/x", "/\x00"])
async def test_unknown_websocket_path_closes_without_http(path):
    sent = await drive(echo_app(), websocket_scope(path), [CONNECT])
    assert_websocket_only(sent)
    assert sent[-1]["type"] == "websocket.close"


async def test_websocket_to_a_static_folder_is_closed_not_answered_with_http(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    app = App(static_folders=[tmp_path])
    sent = await drive(app, websocket_scope("/static/a.txt"), [CONNECT])
    assert_websocket_only(sent)


async def test_handler_sending_before_accept_is_closed_with_1011():
    app = App()

    @app.route("/ws")
    async def ws(request: Any) -> None:
        await ResponseWebSocket(request).send("too early")

    sent = await drive(app, websocket_scope("/ws"), [CONNECT])
    assert_websocket_only(sent)
    assert sent[-1] == {"type": "websocket.close", "code": 1011}


async def test_websocket_through_the_test_client_refuses_unknown_routes():
    client = ASGITestClient(echo_app())
    with pytest.raises(ASGIWebSocketRejectedError) as info:
        async with client.websocket("/nowhere"):
            pass
    assert info.value.status_code == 404
