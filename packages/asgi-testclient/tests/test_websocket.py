"""Websockets: handshake, frames, subprotocols, close codes and refused handshakes."""

from __future__ import annotations

import pytest

from asgi_request import aio_sleep
from asgi_testclient import (
    ASGITestClient,
    ASGIWebSocketClosedError,
    ASGIWebSocketRejectedError,
)


async def echo_ws(scope, receive, send):
    assert scope["type"] == "websocket"
    assert (await receive())["type"] == "websocket.connect"
    await send({"type": "websocket.accept"})
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        if message.get("text") is not None:
            await send({"type": "websocket.send", "text": message["text"].upper()})
        else:
            await send({"type": "websocket.send", "bytes": message["bytes"][::-1]})


async def test_send_and_receive_text_and_bytes():
    client = ASGITestClient(echo_ws)
    async with client.websocket("/ws") as ws:
        await ws.send("ping")
        assert await ws.receive() == "PING"
        await ws.send(b"abc")
        assert await ws.receive() == b"cba"
        await ws.send_text("x")
        assert await ws.receive_text() == "X"
        await ws.send_bytes(b"12")
        assert await ws.receive_bytes() == b"21"


async def test_send_and_receive_json():
    client = ASGITestClient(echo_ws)
    async with client.websocket("/ws") as ws:
        await ws.send_json({"a": "b"})
        assert await ws.receive_json() == {"A": "B"}


async def test_websocket_scope_is_complete():
    scopes = []

    async def app(scope, receive, send):
        scopes.append(scope)
        await receive()
        await send({"type": "websocket.accept"})

    client = ASGITestClient(app)
    async with client.websocket("/ws", query={"a": "1"}, headers={"x-a": "b"}):
        pass
    scope = scopes[0]
    assert scope["type"] == "websocket"
    assert scope["scheme"] == "ws"
    assert scope["path"] == "/ws"
    assert scope["query_string"] == b"a=1"
    assert scope["asgi"]["version"] == "3.0"
    assert scope["subprotocols"] == []
    headers = dict(scope["headers"])
    assert headers[b"x-a"] == b"b"
    assert headers[b"upgrade"] == b"websocket"
    assert headers[b"sec-websocket-version"] == b"13"


async def test_subprotocol_offered_and_accepted():
    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept", "subprotocol": scope["subprotocols"][-1]})

    client = ASGITestClient(app)
    async with client.websocket("/ws", subprotocols=["v1", "v2"]) as ws:
        assert ws.subprotocol == "v2"
    async with client.websocket("/ws", headers={"Sec-WebSocket-Protocol": "a, b"}) as ws:
        assert ws.subprotocol == "b"


async def test_close_code_and_reason_from_the_app():
    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.send", "text": "bye"})
        await send({"type": "websocket.close", "code": 4001, "reason": "done"})

    client = ASGITestClient(app)
    async with client.websocket("/ws") as ws:
        assert await ws.receive() == "bye"
        with pytest.raises(ASGIWebSocketClosedError) as info:
            await ws.receive()
        assert (info.value.code, info.value.reason) == (4001, "done")
        assert (ws.close_code, ws.close_reason) == (4001, "done")


async def test_client_close_sends_disconnect_with_its_code():
    seen = []

    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        seen.append(await receive())

    client = ASGITestClient(app)
    async with client.websocket("/ws") as ws:
        await ws.close(code=4000, reason="enough")
    assert seen == [{"type": "websocket.disconnect", "code": 4000, "reason": "enough"}]


async def test_leaving_the_block_without_close_disconnects_with_the_asgi_default_1005():
    seen = []

    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        seen.append(await receive())

    async with ASGITestClient(app).websocket("/ws"):
        pass
    assert seen == [{"type": "websocket.disconnect", "code": 1005}]


async def test_close_before_accept_is_a_rejected_handshake_with_403():
    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.close", "code": 1008})

    with pytest.raises(ASGIWebSocketRejectedError) as info:
        async with ASGITestClient(app).websocket("/ws"):
            pass
    assert info.value.status_code == 403
    assert info.value.code == 1008


async def test_denial_response_is_a_rejected_handshake_with_its_status():
    async def app(scope, receive, send):
        assert "websocket.http.response" in scope["extensions"]
        await receive()
        await send({"type": "websocket.http.response.start", "status": 401, "headers": []})
        await send({"type": "websocket.http.response.body", "body": b"no token"})

    with pytest.raises(ASGIWebSocketRejectedError) as info:
        async with ASGITestClient(app).websocket("/ws"):
            pass
    assert info.value.status_code == 401
    assert info.value.body == b"no token"


async def test_app_error_during_websocket_is_raised():
    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        await receive()
        raise RuntimeError("ws boom")

    async def talk():
        async with ASGITestClient(app).websocket("/ws") as ws:
            await ws.send("x")
            await ws.receive()

    with pytest.raises(RuntimeError, match="ws boom"):
        await talk()


async def test_websocket_receive_times_out():
    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        await aio_sleep(10)

    with pytest.raises(TimeoutError):
        async with ASGITestClient(app).websocket("/ws", timeout=0.05) as ws:
            await ws.receive()


async def test_connected_while_open_and_not_after_the_client_closes():
    async with ASGITestClient(echo_ws).websocket("/ws") as ws:
        assert ws.connected is True
        await ws.send("a")
        assert await ws.receive() == "A"
        assert ws.connected is True
        await ws.close()
        assert ws.connected is False
    assert ws.connected is False


async def test_not_connected_once_the_application_closes_or_returns():
    async def closing(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        await receive()
        await send({"type": "websocket.close", "code": 4001})

    async with ASGITestClient(closing).websocket("/ws") as ws:
        assert ws.connected
        await ws.send("bye")
        with pytest.raises(ASGIWebSocketClosedError):
            await ws.receive()
        assert not ws.connected

    async def returning(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})

    async with ASGITestClient(returning).websocket("/ws") as ws:
        with pytest.raises(ASGIWebSocketClosedError):
            await ws.receive()
        assert not ws.connected


async def test_explicit_close_still_sends_1000():
    seen = []

    async def app(scope, receive, send):
        await receive()
        await send({"type": "websocket.accept"})
        seen.append(await receive())

    async with ASGITestClient(app).websocket("/ws") as ws:
        await ws.close()
    assert seen == [{"type": "websocket.disconnect", "code": 1000}]
