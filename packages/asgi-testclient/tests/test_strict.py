"""Strict mode: each violation of the ASGI specification raises an error that names it."""

from __future__ import annotations

import re

import pytest

from asgi_request import ASGIInvalidMessageError, aio_sleep
from asgi_testclient import ASGIProtocolError, ASGITestClient

START = {"type": "http.response.start", "status": 200, "headers": []}
BODY = {"type": "http.response.body", "body": b"ok"}


def app_sending(*messages, then=None):
    async def app(scope, receive, send):
        for message in messages:
            await send(message)
        if then is not None:
            await then()

    return app


async def request(app, strict=True):
    response = await ASGITestClient(app, strict=strict).get("/")
    return response, await response.body()


def test_protocol_error_is_an_invalid_message_error():
    assert issubclass(ASGIProtocolError, ASGIInvalidMessageError)


@pytest.mark.parametrize(
    ("messages", "violation"),
    [
        ((["not", "a", "dict"],), "must be a dict"),
        (({"status": 200},), "needs a 'type' key"),
        (({"type": b"http.response.start"},), "'type' must be a str"),
        ((BODY,), "http.response.body was sent before http.response.start"),
        (({"type": "http.response.start", "status": "200"}, BODY), "'status' must be an int"),
        (({"type": "http.response.start", "status": 1000}, BODY), "in 100..599"),
        (({"type": "http.response.start", "status": True}, BODY), "'status' must be an int"),
        ((START, START), "unexpected message 'http.response.start'"),
        (({**START, "headers": {"a": "b"}}, BODY), "must be an iterable of [name, value] pairs"),
        (({**START, "headers": [(b"a", b"b", b"c")]}, BODY), "is not a [name, value] pair"),
        (({**START, "headers": [("x-a", "b")]}, BODY), "name and value must be bytes"),
        (({**START, "headers": [(b"X-A", b"b")]}, BODY), "must be a lower-case HTTP token"),
        (({**START, "headers": [(b"x a", b"b")]}, BODY), "must be a lower-case HTTP token"),
        (({**START, "headers": [(b"x-a", b"1\r\nset-cookie: a=b")]}, BODY), "CR, LF or NUL"),
        (({**START, "trailers": True}, BODY), "no 'http.response.trailers' extension"),
        ((START, {"type": "http.response.body", "body": "text"}), "'body' must be bytes"),
        ((START, {"type": "http.response.body", "body": bytearray(b"x")}), "'body' must be bytes"),
        ((START, {"type": "http.response.body", "more_body": 1}), "'more_body' must be a bool"),
        ((START, {"type": "http.response.pathsend", "path": "/x"}), "unexpected message"),
        (
            ({**START, "headers": [(b"content-length", b"5")]}, BODY),
            "the body has 2 bytes, content-length says 5",
        ),
        (
            ({**START, "headers": [(b"content-length", b"1")]}, BODY),
            "the body has 2 bytes, content-length says 1",
        ),
        (({**START, "headers": [(b"content-length", b"-1")]}, BODY), "is not a number"),
        (({**START, "headers": [(b"content-length", b"+2")]}, BODY), "is not a number"),
        (({**START, "headers": [(b"content-length", b" 2")]}, BODY), "is not a number"),
        (({**START, "headers": [(b"content-length", b"0_2")]}, BODY), "is not a number"),
        (
            ({**START, "headers": [(b"content-length", b"2"), (b"content-length", b"3")]}, BODY),
            "two content-length headers disagree: 2 and 3",
        ),
    ],
)
async def test_violation_in_http_response_is_named(messages, violation):
    with pytest.raises(ASGIProtocolError, match=re.escape(violation)):
        await request(app_sending(*messages))


async def test_message_after_the_final_body_is_a_violation():
    with pytest.raises(ASGIProtocolError, match=r"after the final http\.response\.body"):
        await request(app_sending(START, BODY, BODY))


async def test_violation_is_raised_inside_the_app_too():
    caught: list[BaseException] = []

    async def app(scope, receive, send):
        try:
            await send({"type": "http.response.start", "status": "oops"})
        except ASGIProtocolError as exc:
            caught.append(exc)
            raise

    with pytest.raises(ASGIProtocolError):
        await request(app)
    assert len(caught) == 1


async def test_violation_is_reported_even_when_the_app_swallows_it():
    async def app(scope, receive, send):
        try:
            await send({"type": "http.response.start", "status": "oops"})
        except ASGIProtocolError:
            pass
        await send(START)
        await send(BODY)

    with pytest.raises(ASGIProtocolError, match="'status' must be an int"):
        await request(app)


async def test_app_returning_without_a_response_is_an_error_in_both_modes():
    for strict in (True, False):
        with pytest.raises(ASGIProtocolError, match=r"without sending http\.response\.start"):
            await request(app_sending(), strict=strict)


async def test_response_that_never_completes_is_a_violation():
    app = app_sending(START, {"type": "http.response.body", "body": b"a", "more_body": True})
    with pytest.raises(ASGIProtocolError, match=r"without sending its final http\.response\.body"):
        await request(app)


async def test_response_that_never_completes_is_cut_short_in_lenient_mode():
    app = app_sending(START, {"type": "http.response.body", "body": b"a", "more_body": True})
    _, body = await request(app, strict=False)
    assert body == b"a"


async def test_lenient_mode_accepts_str_and_upper_case_headers():
    app = app_sending({**START, "headers": [("X-Name", "v")]}, BODY)
    response, body = await request(app, strict=False)
    assert response.headers["x-name"] == "v"
    assert body == b"ok"


async def test_lenient_mode_drops_messages_after_the_final_body():
    _, body = await request(app_sending(START, BODY, BODY), strict=False)
    assert body == b"ok"


async def test_head_response_may_announce_a_length_without_a_body():
    app = app_sending(
        {**START, "headers": [(b"content-length", b"10")]}, {"type": "http.response.body"}
    )
    response = await ASGITestClient(app).head("/")
    assert await response.body() == b""


async def test_violation_in_a_later_chunk_of_a_stream_is_raised_while_reading():
    async def later():
        await aio_sleep(0.01)

    async def app(scope, receive, send):
        await send(START)
        await send({"type": "http.response.body", "body": b"a", "more_body": True})
        await later()
        await send({"type": "http.response.body", "body": "b"})

    response = await ASGITestClient(app).get("/")
    with pytest.raises(ASGIProtocolError, match="'body' must be bytes"):
        await response.body()


# --- websocket --------------------------------------------------------------------------


def ws_app(*messages):
    async def app(scope, receive, send):
        await receive()
        for message in messages:
            await send(message)
        await receive()

    return app


ACCEPT = {"type": "websocket.accept"}


@pytest.mark.parametrize(
    ("messages", "violation"),
    [
        (
            ({"type": "websocket.send", "text": "x"},),
            "websocket.send was sent before websocket.accept",
        ),
        (({"type": "websocket.accept", "subprotocol": "v9"},), "which the client did not offer"),
        (({"type": "websocket.accept", "headers": [(b"X", b"1")]},), "lower-case HTTP token"),
        ((ACCEPT, ACCEPT), "unexpected message 'websocket.accept'"),
        ((ACCEPT, {"type": "websocket.send", "text": "a", "bytes": b"b"}), "exactly one of"),
        ((ACCEPT, {"type": "websocket.send"}), "exactly one of"),
        ((ACCEPT, {"type": "websocket.send", "bytes": "str"}), "'bytes' must be bytes"),
        ((ACCEPT, {"type": "websocket.send", "text": b"x"}), "'text' must be a str"),
        ((ACCEPT, {"type": "websocket.close", "code": "1000"}), "'code' must be an int"),
        (
            (ACCEPT, {"type": "websocket.close"}, {"type": "websocket.send", "text": "x"}),
            "websocket.send was sent after the websocket was closed",
        ),
        ((ACCEPT, {"type": "http.response.start", "status": 200}), "unexpected message"),
    ],
)
async def test_violation_in_websocket_is_named(messages, violation):
    async def talk():
        async with ASGITestClient(ws_app(*messages)).websocket("/ws") as ws:
            await ws.receive()

    with pytest.raises(ASGIProtocolError, match=re.escape(violation)):
        await talk()


# --- lifespan ---------------------------------------------------------------------------


async def test_wrong_message_during_lifespan_startup_is_a_violation():
    async def app(scope, receive, send):
        await receive()
        await send({"type": "lifespan.shutdown.complete"})

    async def run():
        async with ASGITestClient(app).lifespan():
            pass

    with pytest.raises(
        ASGIProtocolError, match=r"unexpected message 'lifespan\.shutdown\.complete'"
    ):
        await run()


async def test_repeated_equal_content_length_headers_are_accepted():
    start = {**START, "headers": [(b"content-length", b"2"), (b"content-length", b"2")]}
    response, body = await request(app_sending(start, BODY))
    assert (response.status_code, body) == (200, b"ok")
