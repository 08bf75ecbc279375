"""The Responses section of the reference, example by example (sleeps shortened)."""

from __future__ import annotations

import time

from asgi_request import aio_sleep
from asgi_responses import (
    Response,
    ResponseError,
    ResponseFile,
    ResponseHTML,
    ResponseJSON,
    ResponseRedirect,
    ResponseSSE,
    ResponseStream,
    ResponseText,
    ResponseWebSocket,
    ResponseWebsocket,
)


async def test_response_with_cookie(send_response):
    async def app(scope, receive, send):
        response = Response("OK")
        response.cookies["rocky"] = "road"
        response.cookies["rocky"]["path"] = "/cookie"
        await response(scope, receive, send)

    sent = await send_response(app)
    assert sent.body == b"OK"
    assert sent.header_list("set-cookie") == ["rocky=road; Path=/cookie"]


async def test_response_text_html_json(send_response):
    async def text(scope, receive, send):
        response = ResponseText("Hello, world!")
        await response(scope, receive, send)

    async def html(scope, receive, send):
        response = ResponseHTML("<h1>Hello, world!</h1>")
        await response(scope, receive, send)

    async def json(scope, receive, send):
        response = ResponseJSON({"hello": "world"})
        await response(scope, receive, send)

    assert (await send_response(text)).body == b"Hello, world!"
    assert (await send_response(html)).body == b"<h1>Hello, world!</h1>"
    assert (await send_response(json)).body == b'{"hello":"world"}'


async def test_response_redirect(send_response):
    async def app(scope, receive, send):
        response = ResponseRedirect("/login")
        await response(scope, receive, send)

    sent = await send_response(app)
    assert sent.status == 307
    assert sent.header("location") == "/login"


async def test_response_error(send_response):
    async def app(scope, receive, send):
        response = ResponseError("Timeout", 502)
        await response(scope, receive, send)

    sent = await send_response(app)
    assert sent.status == 502
    assert sent.body == b"Timeout"


def test_response_error_http_status_names():
    response = ResponseError.BAD_REQUEST("invalid data")
    assert (response.status_code, response.content) == (400, b"invalid data")
    response = ResponseError.NOT_FOUND()
    assert (response.status_code, response.content) == (404, b"Not Found")
    response = ResponseError.BAD_GATEWAY()
    assert (response.status_code, response.content) == (502, b"Bad Gateway")


async def test_response_stream(send_response):
    async def stream_response():
        for number in range(10):
            await aio_sleep(0.001)
            yield str(number)

    async def app(scope, receive, send):
        generator = stream_response()
        response = ResponseStream(generator, content_type="plain/text")
        await response(scope, receive, send)

    sent = await send_response(app)
    assert sent.body == b"0123456789"
    assert sent.header("content-type") == "plain/text"


async def test_response_sse(send_response):
    async def stream_response():
        for _ in range(3):
            await aio_sleep(0.001)
            # The response support messages as text
            yield "data: message text"

            # And as dictionaries as well
            yield {
                "event": "ping",
                "data": time.time(),
            }

    async def app(scope, receive, send):
        generator = stream_response()
        response = ResponseSSE(generator)
        await response(scope, receive, send)

    sent = await send_response(app)
    events = sent.body.decode().split("\n\n")
    assert events[-1] == ""
    assert events[0] == "data: message text"
    assert events[1].startswith("event: ping\ndata: ")
    float(events[1].split("data: ")[1])
    assert len(events) == 7


async def test_response_file(send_response, tmp_path, scope_factory, exchange_factory):
    (tmp_path / "my_best_selfie.jpeg").write_bytes(b"\xff\xd8jpeg")
    (tmp_path / "video-2020-01-01.mp4").write_bytes(b"mp4 data")

    async def app(scope, receive, send):
        # Return file
        if scope["path"] == "/selfie":
            response = ResponseFile(tmp_path / "my_best_selfie.jpeg")

        # Download file
        else:
            response = ResponseFile(tmp_path / "video-2020-01-01.mp4", filename="movie.mp4")

        await response(scope, receive, send)

    selfie = exchange_factory()
    await app({**scope_factory(), "path": "/selfie"}, selfie.receive, selfie.send)
    assert selfie.body == b"\xff\xd8jpeg"
    assert selfie.header("content-type") == "image/jpeg"

    movie = await send_response(app)
    assert movie.body == b"mp4 data"
    assert movie.header("content-disposition").startswith("attachment;")


async def test_response_websocket(scope_factory, exchange_factory):
    async def app(scope, receive, send):
        async with ResponseWebSocket(scope, receive, send) as ws:
            msg = await ws.receive()
            assert msg == "ping"
            await ws.send("pong")

    exchange = exchange_factory(
        [{"type": "websocket.connect"}, {"type": "websocket.receive", "text": "ping"}]
    )
    await app(scope_factory(scope_type="websocket"), exchange.receive, exchange.send)
    assert exchange.messages == [
        {"type": "websocket.accept"},
        {"type": "websocket.send", "text": "pong"},
        {"type": "websocket.close", "code": 1000},
    ]
    assert ResponseWebsocket is ResponseWebSocket
