"""Reading the body: stream, body, text, json, data; limits, disconnects and reading order."""

from __future__ import annotations

import pytest
from multidict import MultiDict

from asgi_request import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIError,
    ASGIInvalidMessageError,
    ASGIRequestEntityTooLargeError,
    Request,
)


async def read(request, reader):
    if reader == "stream":
        return [chunk async for chunk in request.stream()]
    return await getattr(request, reader)()


async def test_body_joins_all_chunks(make_request):
    request = make_request(b"hello world", chunk_size=3)
    assert await request.body() == b"hello world"
    assert await request.body() == b"hello world"


async def test_stream_yields_chunks_without_keeping_them(make_request):
    request = make_request(b"chunk1chunk2chunk3", chunk_size=6)
    chunks = [chunk async for chunk in request.stream()]
    assert chunks == [b"chunk1", b"chunk2", b"chunk3"]


async def test_reference_stream_example_echoes_the_body(make_request):
    request = make_request(b"abcdef", chunk_size=2, content_type="text/plain")
    body = b""
    async for chunk in request.stream():
        body += chunk
    assert body == b"abcdef"
    assert request.content_type == "text/plain"


async def test_second_stream_raises(make_request):
    request = make_request(b"abc")
    _ = [chunk async for chunk in request.stream()]
    with pytest.raises(ASGIError, match="stream"):
        _ = [chunk async for chunk in request.stream()]


@pytest.mark.parametrize("reader", ["body", "text", "json", "form", "data"])
async def test_readers_after_stream_raise(make_request, reader):
    request = make_request(b"{}", content_type="application/json")
    _ = [chunk async for chunk in request.stream()]
    with pytest.raises(ASGIError, match="stream"):
        await getattr(request, reader)()


async def test_everything_works_from_the_cache_after_body(make_request):
    request = make_request(b"a=1&b=2", content_type="application/x-www-form-urlencoded")
    assert await request.body() == b"a=1&b=2"
    assert [chunk async for chunk in request.stream()] == [b"a=1&b=2"]
    assert [chunk async for chunk in request.stream()] == [b"a=1&b=2"]
    assert await request.text() == "a=1&b=2"
    assert await request.form() == MultiDict([("a", "1"), ("b", "2")])
    assert await request.data() == MultiDict([("a", "1"), ("b", "2")])


async def test_json_after_body_uses_the_cache(make_request):
    request = make_request(b'{"a": [1, 2]}', content_type="application/json")
    await request.body()
    assert await request.json() == {"a": [1, 2]}


@pytest.mark.parametrize("reader", ["body", "json", "text"])
async def test_body_and_json_after_form_raise(make_request, reader):
    request = make_request(b"a=1", content_type="application/x-www-form-urlencoded")
    assert (await request.form())["a"] == "1"
    with pytest.raises(ASGIError, match="form"):
        await getattr(request, reader)()


async def test_form_twice_returns_the_same_form(make_request):
    request = make_request(b"a=1", content_type="application/x-www-form-urlencoded")
    assert await request.form() is await request.form()


async def test_copy_shares_the_body_state(make_request):
    request = make_request(b"payload")
    sub = request.copy(path="/inner")
    assert await sub.body() == b"payload"
    assert await request.body() == b"payload"


async def test_text_decodes_with_the_declared_charset(make_request):
    request = make_request(
        "caf\u00e9".encode("latin-1"), content_type="text/plain; charset=latin-1"
    )
    assert await request.text() == "caf\u00e9"


async def test_text_with_undecodable_body_raises_decode_error(make_request):
    request = make_request(b"\xff\xfe\xfa", content_type="text/plain")
    with pytest.raises(ASGIDecodeError):
        await request.text()


async def test_text_with_unknown_charset_raises_decode_error(make_request):
    request = make_request(b"abc", content_type="text/plain; charset=nope-42")
    with pytest.raises(ASGIDecodeError):
        await request.text()


@pytest.mark.parametrize("body", [b"", b"{", b"nope", b'{"a": }', b"\xff"])
async def test_json_with_invalid_body_raises_decode_error(make_request, body):
    request = make_request(body, content_type="application/json")
    with pytest.raises(ASGIDecodeError) as info:
        await request.json()
    assert info.value.status_code == 400


async def test_data_dispatches_on_content_type(make_request):
    assert await make_request(b'{"x": 1}', content_type="application/json").data() == {"x": 1}
    assert await make_request(b"hi", content_type="text/html").data() == "hi"
    assert await make_request(b"\x00\x01", content_type="image/png").data() == b"\x00\x01"
    assert await make_request(b"raw").data() == b"raw"
    form = await make_request(b"a=1", content_type="application/x-www-form-urlencoded").data()
    assert form == MultiDict([("a", "1")])


async def test_data_multipart_gives_a_form(make_request, encode_multipart):
    body = encode_multipart("b0", [('name="a"', "1", None)])
    request = make_request(body, content_type="multipart/form-data; boundary=b0")
    assert await request.data() == MultiDict([("a", "1")])


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b"{invalid"),
        ("text/plain", b"\xff\xfe"),
        ("multipart/form-data; boundary=zz", b"no boundary here"),
        ("application/x-www-form-urlencoded", b"a=%ff"),
    ],
)
async def test_data_returns_raw_body_on_invalid_data(make_request, content_type, body):
    assert await make_request(body, content_type=content_type).data() == body
    with pytest.raises(ASGIDecodeError):
        await make_request(body, content_type=content_type).data(raise_errors=True)


async def test_body_is_capped_by_max_body_size_by_default(make_request):
    request = make_request(b"x" * (10 * 1024 * 1024 + 1), chunk_size=1024 * 1024)
    with pytest.raises(ASGIRequestEntityTooLargeError) as info:
        await request.body()
    assert info.value.status_code == 413


async def test_body_max_size_stops_reading_as_soon_as_crossed(make_request):
    request = make_request(b"x" * 1000, chunk_size=100)
    with pytest.raises(ASGIRequestEntityTooLargeError, match="250"):
        await request.body(max_size=250)
    assert request.receive.calls == 3


async def test_body_content_length_over_limit_is_refused_before_reading(make_request):
    request = make_request(b"x" * 100, headers=[("content-length", "100")])
    with pytest.raises(ASGIRequestEntityTooLargeError, match="100 bytes"):
        await request.body(max_size=50)
    assert request.receive.calls == 0


async def test_invalid_content_length_is_a_decode_error(make_request):
    request = make_request(b"x", headers=[("content-length", "12a")])
    with pytest.raises(ASGIDecodeError):
        await request.body()


async def test_max_size_zero_means_no_cap(make_request):
    body = b"y" * (10 * 1024 * 1024 + 10)
    request = make_request(body, chunk_size=4 * 1024 * 1024)
    assert len(await request.body(max_size=0)) == len(body)


async def test_subclass_sets_the_default_body_cap(make_request):
    class Small(Request):
        max_body_size = 10

    request = make_request(b"x" * 11, request_class=Small)
    with pytest.raises(ASGIRequestEntityTooLargeError):
        await request.body()
    request = make_request(b"x" * 11, request_class=Small)
    assert await request.body(max_size=20) == b"x" * 11


@pytest.mark.parametrize("reader", ["json", "text", "data"])
async def test_every_in_memory_reader_takes_max_size(make_request, reader):
    request = make_request(b'"' + b"x" * 100 + b'"', content_type="application/json")
    with pytest.raises(ASGIRequestEntityTooLargeError):
        await getattr(request, reader)(max_size=10)


async def test_stream_is_not_capped(make_request):
    class Small(Request):
        max_body_size = 10

    request = make_request(b"x" * 100, chunk_size=7, request_class=Small)
    assert len(b"".join([c async for c in request.stream()])) == 100


async def test_failed_body_is_not_half_returned_later(make_request):
    request = make_request(b"x" * 100, chunk_size=10)
    with pytest.raises(ASGIRequestEntityTooLargeError):
        await request.body(max_size=50)
    with pytest.raises(ASGIError):
        await request.body(max_size=0)


@pytest.mark.parametrize("reader", ["body", "json", "form", "stream"])
async def test_disconnect_while_reading_raises_connection_closed(make_request, reader):
    request = make_request(b"a=1&b=2&c=3", chunk_size=2, disconnect=True)
    with pytest.raises(ASGIConnectionClosedError):
        await read(request, reader)


async def test_unexpected_message_while_reading_is_invalid_message(make_request):
    async def receive():
        return {"type": "websocket.receive", "text": "x"}

    request = make_request()
    request.receive = receive
    with pytest.raises(ASGIInvalidMessageError):
        await request.body()


@pytest.mark.parametrize("reader", ["body", "json", "form", "stream"])
async def test_reading_a_request_without_receive_raises_a_clear_error(reader):
    request = Request({"type": "http", "method": "POST", "path": "/", "headers": []})
    with pytest.raises(ASGIError, match="receive"):
        await read(request, reader)


async def test_missing_body_key_and_empty_messages_read_as_empty(make_request):
    messages = [{"type": "http.request", "more_body": True}, {"type": "http.request"}]

    async def receive():
        return messages.pop(0)

    request = make_request()
    request.receive = receive
    assert await request.body() == b""


LENGTH_CASES = [
    pytest.param(b"abc", "100", id="body-shorter-than-declared"),
    pytest.param(b"abcdefghijk", "3", id="body-longer-than-declared"),
]


@pytest.mark.parametrize(("body", "declared"), LENGTH_CASES)
@pytest.mark.parametrize("chunk_size", [0, 2])
async def test_body_not_matching_content_length_is_a_decode_error(
    make_request, body, declared, chunk_size
):
    request = make_request(body, headers=[("content-length", declared)], chunk_size=chunk_size)
    with pytest.raises(ASGIDecodeError, match="does not match its Content-Length"):
        await request.body()


@pytest.mark.parametrize(("body", "declared"), LENGTH_CASES)
async def test_stream_not_matching_content_length_is_a_decode_error(make_request, body, declared):
    request = make_request(body, headers=[("content-length", declared)], chunk_size=2)
    with pytest.raises(ASGIDecodeError, match="does not match its Content-Length"):
        async for _ in request.stream():
            pass


@pytest.mark.parametrize(("body", "declared"), LENGTH_CASES)
async def test_form_not_matching_content_length_is_a_decode_error(make_request, body, declared):
    request = make_request(
        body,
        content_type="application/x-www-form-urlencoded",
        headers=[("content-length", declared)],
    )
    with pytest.raises(ASGIDecodeError, match="does not match its Content-Length"):
        await request.form()


async def test_body_matching_content_length_is_read_whole(make_request):
    request = make_request(b"abcdef", headers=[("content-length", "6")], chunk_size=4)
    assert await request.body() == b"abcdef"


async def test_a_receive_message_without_type_is_a_body_chunk():
    # Hand-written receive callables in users' tests often leave the type out (asgi-tools reads
    # such a message as http.request).
    messages = [{"body": b"ab", "more_body": True}, {"body": b"cd"}]

    async def receive():
        return messages.pop(0)

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)
    assert await request.body() == b"abcd"
