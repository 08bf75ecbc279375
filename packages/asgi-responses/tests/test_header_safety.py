"""Nothing user-supplied reaches a response header with CR, LF or NUL in it."""

from __future__ import annotations

import pytest

from asgi_responses import (
    ASGIInvalidHeaderError,
    Response,
    ResponseFile,
    ResponseHTML,
    ResponseStream,
)

BREAKING = ["a\r\nSet-Cookie: x=y", "a\nb", "a\rb", "a\0b"]


@pytest.mark.parametrize("value", BREAKING)
async def test_header_value_with_cr_lf_or_nul_is_refused_before_sending(send_response, value):
    response = ResponseHTML("x", headers={"x-a": value})
    with pytest.raises(ASGIInvalidHeaderError, match="CR, LF or NUL") as info:
        await send_response(response)
    assert info.value.status_code == 400


@pytest.mark.parametrize("value", BREAKING)
async def test_header_value_set_after_creation_is_checked_too(exchange, value):
    response = ResponseHTML("x")
    response.headers["x-a"] = value
    with pytest.raises(ASGIInvalidHeaderError):
        await response({"type": "http"}, exchange.receive, exchange.send)
    assert exchange.messages == []


@pytest.mark.parametrize("value", [b"a\r\nb", b"\0"])
async def test_bytes_header_values_are_checked(send_response, value):
    with pytest.raises(ASGIInvalidHeaderError):
        await send_response(Response("x", headers=[("x-a", value)]))


@pytest.mark.parametrize("name", ["x a", "x\r\nb", "x:a", "", "x\0", "é"])
async def test_header_name_that_is_not_a_token_is_refused(send_response, name):
    with pytest.raises(ASGIInvalidHeaderError, match="invalid header name"):
        await send_response(Response("x", headers={name: "1"}))


async def test_header_value_outside_latin1_is_refused(send_response):
    with pytest.raises(ASGIInvalidHeaderError, match="latin-1"):
        await send_response(Response("x", headers={"x-a": "日本"}))


async def test_latin1_values_and_tabs_are_allowed(send_response):
    sent = await send_response(Response("x", headers={"x-a": "café\tbar"}))
    assert sent.header("x-a") == "café\tbar"


async def test_non_str_header_values_are_sent_as_text(send_response):
    sent = await send_response(Response("x", headers={"x-count": 3}))
    assert sent.header("x-count") == "3"


async def test_header_names_are_sent_lowercase(send_response):
    sent = await send_response(Response("x", headers={"X-Mixed-Case": "1"}))
    assert (b"x-mixed-case", b"1") in sent.headers


@pytest.mark.parametrize("attribute", ["path", "domain", "samesite"])
async def test_cookie_attribute_with_cr_lf_is_refused(send_response, attribute):
    response = Response("x")
    response.cookies["a"] = "1"
    response.cookies["a"][attribute] = "/x\r\nSet-Cookie: evil=1"
    with pytest.raises(ASGIInvalidHeaderError):
        await send_response(response)


async def test_cookie_value_with_cr_lf_is_escaped_not_sent_raw(send_response):
    response = Response("x")
    response.cookies["a"] = "x\r\nSet-Cookie: evil=1"
    sent = await send_response(response)
    (cookie,) = sent.header_list("set-cookie")
    assert "\r" not in cookie
    assert "\n" not in cookie


def test_content_type_with_cr_lf_is_refused():
    with pytest.raises(ASGIInvalidHeaderError):
        ResponseFile(__file__, headers={"content-type": "text/plain\r\nx: y"}).raw_headers()


async def test_stream_header_is_checked_before_anything_is_sent(exchange):
    async def stream():
        yield b"x"

    response = ResponseStream(stream(), headers={"x-a": "\n"})
    with pytest.raises(ASGIInvalidHeaderError):
        await response({"type": "http"}, exchange.receive, exchange.send)
    assert exchange.messages == []


async def test_stream_with_a_non_numeric_content_length_is_refused(exchange):
    async def stream():
        yield b"x"

    response = ResponseStream(stream(), headers={"content-length": "1, 1"})
    with pytest.raises(ASGIInvalidHeaderError, match="Content-Length"):
        await response({"type": "http"}, exchange.receive, exchange.send)
