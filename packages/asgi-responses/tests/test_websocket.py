from __future__ import annotations

import pytest

from asgi_request import ASGIConnectionClosedError, ASGIError
from asgi_responses import (
    ASGIInvalidHeaderError,
    ASGIWebSocketStateError,
    Response,
    ResponseWebSocket,
    ResponseWebsocket,
    WebSocketState,
)

CONNECT = {"type": "websocket.connect"}


async def test_context_manager_accepts_on_entry_and_closes_on_exit(websocket):
    ws, exchange = websocket({"type": "websocket.receive", "text": "ping"})
    async with ws:
        assert ws.connected
        assert await ws.receive() == "ping"
        await ws.send("pong")
    assert exchange.messages == [
        {"type": "websocket.accept"},
        {"type": "websocket.send", "text": "pong"},
        {"type": "websocket.close", "code": 1000},
    ]
    assert ws.state is WebSocketState.CLOSED


async def test_error_inside_the_context_closes_with_1011(websocket):
    ws, exchange = websocket()
    with pytest.raises(RuntimeError):
        async with ws:
            raise RuntimeError("handler failed")
    assert exchange.messages[-1] == {"type": "websocket.close", "code": 1011}


async def test_accept_passes_subprotocol_and_encoded_headers(websocket):
    ws, exchange = websocket()
    await ws.accept(subprotocol="chat", headers={"x-a": "1"})
    assert exchange.messages == [
        {"type": "websocket.accept", "subprotocol": "chat", "headers": [(b"x-a", b"1")]}
    ]


async def test_accept_refuses_unsafe_headers(websocket):
    ws, _ = websocket()
    with pytest.raises(ASGIInvalidHeaderError):
        await ws.accept(headers={"x-a": "1\r\nx-b: 2"})


@pytest.mark.parametrize("subprotocol", ["chat\r\nx-injected: 1", "chat\n", "ch\x00at"])
async def test_accept_refuses_a_subprotocol_that_would_split_the_handshake(websocket, subprotocol):
    ws, exchange = websocket()
    with pytest.raises(ASGIInvalidHeaderError, match="CR, LF or NUL"):
        await ws.accept(subprotocol=subprotocol)
    assert exchange.messages == []
    assert ws.state is WebSocketState.CONNECTING


async def test_accept_twice_is_refused(websocket):
    ws, _ = websocket()
    await ws.accept()
    with pytest.raises(ASGIWebSocketStateError, match="CONNECTED"):
        await ws.accept()


async def test_accept_after_the_client_left_raises_connection_closed(
    exchange_factory, scope_factory
):
    exchange = exchange_factory([{"type": "websocket.disconnect", "code": 1001}])
    ws = ResponseWebSocket(scope_factory(scope_type="websocket"), exchange.receive, exchange.send)
    with pytest.raises(ASGIConnectionClosedError):
        await ws.accept()
    assert ws.state is WebSocketState.CLOSED


async def test_send_and_receive_before_accept_are_refused(websocket):
    ws, _ = websocket()
    with pytest.raises(ASGIWebSocketStateError, match="accept"):
        await ws.send("early")
    with pytest.raises(ASGIWebSocketStateError, match="accept"):
        await ws.receive()


async def test_send_text_bytes_and_raw_messages(websocket):
    ws, exchange = websocket()
    await ws.accept()
    await ws.send("text")
    await ws.send(b"\x00\x01")
    await ws.send({"type": "websocket.send", "text": "raw"})
    assert exchange.messages[1:] == [
        {"type": "websocket.send", "text": "text"},
        {"type": "websocket.send", "bytes": b"\x00\x01"},
        {"type": "websocket.send", "text": "raw"},
    ]


async def test_send_refuses_other_types(websocket):
    ws, _ = websocket()
    await ws.accept()
    with pytest.raises(TypeError):
        await ws.send(42)  # type: ignore[arg-type]


async def test_send_json_sends_a_text_frame(websocket):
    ws, exchange = websocket()
    await ws.accept()
    await ws.send_json({"a": [1, 2]})
    assert exchange.messages[-1] == {"type": "websocket.send", "text": '{"a":[1,2]}'}


async def test_send_json_refuses_what_it_cannot_serialize(websocket):
    ws, _ = websocket()
    await ws.accept()
    with pytest.raises(ASGIError, match="JSON"):
        await ws.send_json(object())


async def test_receive_gives_text_as_str_and_binary_as_bytes(websocket):
    ws, _ = websocket(
        {"type": "websocket.receive", "text": "hello"},
        {"type": "websocket.receive", "bytes": b"\xff"},
    )
    await ws.accept()
    assert await ws.receive() == "hello"
    assert await ws.receive() == b"\xff"


async def test_receive_raw_gives_the_asgi_message(websocket):
    message = {"type": "websocket.receive", "text": "hello"}
    ws, _ = websocket(message)
    await ws.accept()
    assert await ws.receive(raw=True) == message


async def test_disconnect_is_returned_then_further_use_raises(websocket):
    disconnect = {"type": "websocket.disconnect", "code": 1001}
    ws, exchange = websocket(disconnect)
    await ws.accept()
    assert await ws.receive() == disconnect
    assert not ws.connected
    assert ws.close_code == 1001
    with pytest.raises(ASGIConnectionClosedError):
        await ws.receive()
    with pytest.raises(ASGIConnectionClosedError):
        await ws.send("too late")
    await ws.close()  # no-op once closed
    assert exchange.messages == [{"type": "websocket.accept"}]


async def test_close_with_code_and_reason_then_send_raises(websocket):
    ws, exchange = websocket()
    await ws.accept()
    await ws.close(4000, "bye")
    assert exchange.messages[-1] == {"type": "websocket.close", "code": 4000, "reason": "bye"}
    with pytest.raises(ASGIConnectionClosedError, match="closed"):
        await ws.send("after close")


async def test_close_before_accept_rejects_the_connection(websocket):
    ws, exchange = websocket()
    await ws.close()
    assert exchange.messages == [{"type": "websocket.close", "code": 1000}]


async def test_sending_a_raw_close_message_closes_the_state(websocket):
    ws, _ = websocket()
    await ws.accept()
    await ws.send({"type": "websocket.close", "code": 1000})
    assert ws.state is WebSocketState.CLOSED


async def test_calling_it_as_a_response_closes_an_open_connection(websocket, scope_factory):
    ws, exchange = websocket()
    await ws.accept()
    await ws(scope_factory(scope_type="websocket"), exchange.receive, exchange.send)
    assert exchange.messages[-1] == {"type": "websocket.close", "code": 1000}


async def test_takes_receive_and_send_from_a_request_like_scope(exchange_factory, scope_factory):
    exchange = exchange_factory([CONNECT])

    class RequestLike(dict):
        receive = staticmethod(exchange.receive)
        send = staticmethod(exchange.send)

    ws = ResponseWebSocket(RequestLike(scope_factory(scope_type="websocket")))
    await ws.accept()
    assert exchange.messages == [{"type": "websocket.accept"}]


def test_needs_receive_and_send_and_a_websocket_scope(exchange_factory, scope_factory):
    with pytest.raises(ASGIError, match="receive and send"):
        ResponseWebSocket(scope_factory(scope_type="websocket"))
    exchange = exchange_factory()
    with pytest.raises(ASGIError, match="websocket scope"):
        ResponseWebSocket(scope_factory(), exchange.receive, exchange.send)


def test_alias_and_response_type():
    assert ResponseWebsocket is ResponseWebSocket
    assert issubclass(ResponseWebSocket, Response)
