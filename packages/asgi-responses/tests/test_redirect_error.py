from __future__ import annotations

from http import HTTPStatus

import pytest

from asgi_request import ASGIError
from asgi_responses import ASGIInvalidHeaderError, Response, ResponseError, ResponseRedirect


async def test_redirect_is_307_with_location_and_empty_body(send_response):
    sent = await send_response(ResponseRedirect("/login"))
    assert sent.status == 307
    assert sent.header("location") == "/login"
    assert sent.body == b""
    assert sent.header("content-length") == "0"


@pytest.mark.parametrize("status", [301, 302, 303, 308])
async def test_redirect_takes_any_3xx_status(send_response, status):
    sent = await send_response(ResponseRedirect("/x", status))
    assert sent.status == status


@pytest.mark.parametrize("status", [200, 404, 500])
def test_redirect_refuses_a_status_outside_3xx(status):
    with pytest.raises(ASGIError, match="not 3xx"):
        ResponseRedirect("/x", status_code=status)


def test_redirect_percent_encodes_spaces_and_non_ascii_keeping_reserved_characters():
    response = ResponseRedirect("/search?q=a b&lang=ру#top")
    assert response.headers["location"] == "/search?q=a%20b&lang=%D1%80%D1%83#top"


def test_redirect_keeps_already_escaped_urls():
    assert ResponseRedirect("/a%20b").headers["location"] == "/a%20b"


@pytest.mark.parametrize("url", ["/x\r\nSet-Cookie: a=b", "/x\nX: y", "/x\r", "/x\0"])
def test_redirect_refuses_a_url_with_cr_lf_or_nul(url):
    with pytest.raises(ASGIInvalidHeaderError, match="CR, LF or NUL"):
        ResponseRedirect(url)


def test_redirect_can_be_raised_and_caught_as_a_response():
    with pytest.raises(ResponseRedirect) as info:
        raise ResponseRedirect("/login")
    assert isinstance(info.value, Exception)
    assert isinstance(info.value, Response)
    assert info.value.status_code == 307


async def test_error_is_500_with_the_status_phrase(send_response):
    sent = await send_response(ResponseError())
    assert sent.status == 500
    assert sent.body == b"Internal Server Error"
    assert sent.header("content-type") == "text/plain; charset=utf-8"


async def test_error_with_message_and_positional_status(send_response):
    sent = await send_response(ResponseError("Timeout", 502))
    assert sent.status == 502
    assert sent.body == b"Timeout"


@pytest.mark.parametrize("status", [200, 302, 399])
def test_error_refuses_a_status_below_400(status):
    with pytest.raises(ASGIError, match="not >= 400"):
        ResponseError("x", status)


@pytest.mark.parametrize(
    "status", [status for status in HTTPStatus if status >= 400], ids=lambda s: s.name
)
def test_error_has_a_constructor_for_every_4xx_and_5xx_status(status):
    response = getattr(ResponseError, status.name)()
    assert isinstance(response, ResponseError)
    assert response.status_code == status.value
    assert response.content == status.phrase.encode()


def test_error_constructor_by_name_takes_a_message_and_keywords():
    response = ResponseError.BAD_REQUEST("invalid data", headers={"x-reason": "form"})
    assert response.status_code == 400
    assert response.content == b"invalid data"
    assert response.headers["x-reason"] == "form"


def test_error_has_no_constructor_for_unknown_or_non_error_names():
    with pytest.raises(AttributeError):
        _ = ResponseError.OK
    with pytest.raises(AttributeError):
        _ = ResponseError.NOT_A_STATUS


def test_error_can_be_raised_and_keeps_status_and_headers():
    with pytest.raises(ResponseError) as info:
        raise ResponseError("Invalid request data", 400, headers={"x-a": "1"})
    error = info.value
    assert error.status_code == 400
    assert error.headers["x-a"] == "1"
    assert str(error) == "400 Invalid request data"
