from __future__ import annotations

import pytest

from asgi_request import ASGIError, ASGIInvalidMessageError, aio_sleep
from asgi_responses import ASGIInvalidEventError, ResponseSSE, ResponseStream, format_event


async def numbers(count=3):
    for number in range(count):
        yield str(number)


async def test_stream_sends_each_chunk_as_it_comes(send_response):
    sent = await send_response(ResponseStream(numbers(), content_type="text/plain"))
    chunks = [m["body"] for m in sent.body_messages]
    assert chunks == [b"0", b"1", b"2", b""]
    assert [m["more_body"] for m in sent.body_messages] == [True, True, True, False]
    assert sent.header("content-length") is None
    assert sent.header("content-type") == "text/plain; charset=utf-8"


async def test_stream_encodes_str_as_utf8_and_sends_bytes_as_they_are(send_response):
    async def mixed():
        yield "é"
        yield b"\xff"
        yield bytearray(b"!")

    sent = await send_response(ResponseStream(mixed()))
    assert sent.body == "é".encode() + b"\xff!"


async def test_stream_accepts_an_async_generator_function(send_response):
    sent = await send_response(ResponseStream(numbers))
    assert sent.body == b"012"


def test_stream_refuses_what_is_not_async_iterable():
    with pytest.raises(ASGIError, match="async iterable"):
        ResponseStream([b"a", b"b"])


async def test_stream_head_request_sends_no_body_and_closes_the_generator(send_response):
    closed = []

    async def stream():
        try:
            yield b"never"
        finally:
            closed.append(True)

    generator = stream()
    sent = await send_response(ResponseStream(generator), method="HEAD")
    assert sent.body == b""
    assert sent.finished
    with pytest.raises(StopAsyncIteration):
        await generator.__anext__()


async def test_stream_stops_and_closes_the_generator_when_the_client_disconnects(
    exchange, disconnect_queue
):
    queue = disconnect_queue()
    produced = []
    closed = []

    async def endless():
        try:
            number = 0
            while True:
                produced.append(number)
                if number == 2:
                    await queue.put({"type": "http.disconnect"})
                yield b"chunk%d" % number
                number += 1
                await aio_sleep(0)
        finally:
            closed.append(True)

    await ResponseStream(endless())({"type": "http"}, exchange.receive, exchange.send)
    assert closed == [True]
    assert len(produced) < 10
    assert all(m["body"].startswith(b"chunk") for m in exchange.body_messages)


async def test_stream_drains_an_unread_request_body_while_watching_for_disconnect(send_response):
    incoming = [{"type": "http.request", "body": b"x", "more_body": True}] * 3
    sent = await send_response(ResponseStream(numbers()), incoming=incoming)
    assert sent.body == b"012"


async def test_stream_error_propagates_and_closes_the_generator(send_response):
    async def broken():
        yield b"a"
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await send_response(ResponseStream(broken()))


async def test_stream_with_content_length_sends_exactly_that_many_bytes(send_response):
    sent = await send_response(ResponseStream(numbers(), headers={"content-length": "3"}))
    assert sent.header("content-length") == "3"
    assert sent.body == b"012"


async def test_stream_longer_than_its_content_length_is_stopped(send_response):
    with pytest.raises(ASGIInvalidMessageError, match="more than its Content-Length"):
        await send_response(ResponseStream(numbers(), headers={"content-length": "2"}))


async def test_stream_shorter_than_its_content_length_is_an_error(send_response):
    with pytest.raises(ASGIInvalidMessageError, match="yielded 3 bytes"):
        await send_response(ResponseStream(numbers(), headers={"content-length": "5"}))


async def test_sse_has_event_stream_type_and_no_cache_headers(send_response):
    sent = await send_response(ResponseSSE(numbers(1)))
    assert sent.header("content-type") == "text/event-stream; charset=utf-8"
    assert sent.header("cache-control") == "no-cache"


async def test_sse_sends_a_str_item_as_a_preformatted_event(send_response):
    async def events():
        yield "data: message text"

    sent = await send_response(ResponseSSE(events()))
    assert sent.body == b"data: message text\n\n"


async def test_sse_formats_dict_items_as_fields(send_response):
    async def events():
        yield {"event": "ping", "data": 1.5, "id": "7", "retry": 3000}

    sent = await send_response(ResponseSSE(events()))
    assert sent.body == b"event: ping\ndata: 1.5\nid: 7\nretry: 3000\n\n"


def test_sse_splits_multiline_data_into_one_data_line_each():
    assert format_event({"data": "a\nb\r\nc\rd"}) == b"data: a\ndata: b\ndata: c\ndata: d\n\n"


def test_sse_comment_becomes_colon_lines():
    assert format_event({"comment": "keep\nalive"}) == b": keep\n: alive\n\n"


@pytest.mark.parametrize(
    "fields",
    [{"event": "a\nb"}, {"id": "1\r2"}, {"id": "1\x002"}, {"retry": "soon"}, {"unknown": 1}],
)
def test_sse_refuses_fields_that_would_break_the_stream(fields):
    with pytest.raises(ASGIInvalidEventError):
        format_event(fields)
