from __future__ import annotations

import pytest

from asgi_request import ASGIError
from asgi_responses import (
    Response,
    ResponseHTML,
    ResponseJSON,
    ResponseText,
    parse_response,
)


def test_a_response_is_returned_as_it_is():
    response = ResponseText("x")
    assert parse_response(response) is response


@pytest.mark.parametrize(
    ("value", "body"),
    [({"a": 1}, b'{"a":1}'), ([1, 2], b"[1,2]"), (7, b"7"), (True, b"true"), (None, b"null")],
)
def test_json_types_become_json_responses(value, body):
    response = parse_response(value)
    assert type(response) is ResponseJSON
    assert response.content == body


@pytest.mark.parametrize(("value", "body"), [("<b>x</b>", b"<b>x</b>"), (b"raw", b"raw")])
def test_str_and_bytes_become_html_responses(value, body):
    response = parse_response(value)
    assert type(response) is ResponseHTML
    assert response.content == body


def test_other_objects_become_text_responses():
    class Thing:
        def __str__(self):
            return "a thing"

    response = parse_response(Thing())
    assert type(response) is ResponseText
    assert response.content == b"a thing"


def test_headers_argument_is_applied():
    response = parse_response("x", headers={"x-a": "1"})
    assert response.headers["x-a"] == "1"


def test_status_body_tuple():
    response = parse_response((404, "Not Found"))
    assert type(response) is ResponseHTML
    assert response.status_code == 404
    assert response.content == b"Not Found"


def test_status_body_headers_tuple():
    response = parse_response((201, {"id": 1}, {"x-id": "1"}))
    assert type(response) is ResponseJSON
    assert response.status_code == 201
    assert response.headers["x-id"] == "1"


def test_asgi_tools_status_headers_body_tuple():
    response = parse_response((200, {"x-a": "1"}, "body"))
    assert type(response) is ResponseHTML
    assert response.content == b"body"
    assert response.headers["x-a"] == "1"


def test_status_and_two_dicts_reads_body_then_headers():
    response = parse_response((200, {"json": True}, {"x-a": "1"}))
    assert response.content == b'{"json":true}'
    assert response.headers["x-a"] == "1"


def test_body_status_tuple():
    response = parse_response(("<p>missing</p>", 404))
    assert type(response) is ResponseHTML
    assert response.status_code == 404


def test_status_only_tuple_and_none_body_give_an_empty_body():
    assert parse_response((204,)).content == b""
    assert parse_response((204, None)).content == b""


def test_tuple_with_a_response_body_sets_its_status_and_headers():
    response = parse_response((202, ResponseText("queued"), {"x-a": "1"}))
    assert type(response) is ResponseText
    assert response.status_code == 202
    assert response.headers["x-a"] == "1"


@pytest.mark.parametrize("value", [(), ("a", "b"), (1, 2, 3, 4), (1000, "x"), (True, "x")])
def test_malformed_tuples_are_refused(value):
    with pytest.raises(ASGIError):
        parse_response(value)


def test_parse_response_returns_responses():
    assert isinstance(parse_response({"a": 1}), Response)
