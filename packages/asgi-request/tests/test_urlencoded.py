"""application/x-www-form-urlencoded: values, escapes, limits, malformed input."""

from __future__ import annotations

import pytest
from multidict import MultiDict

from asgi_request import ASGIDecodeError, ASGIRequestEntityTooLargeError, URLEncodedParser

FORM = "application/x-www-form-urlencoded"


def parse(body: bytes, chunk: int = 0, **options):
    parser = URLEncodedParser(**options)
    for i in range(0, len(body), chunk or max(len(body), 1)):
        parser.feed(body[i : i + (chunk or len(body))])
    return parser.close()


async def test_form_parses_urlencoded_fields(make_request):
    request = make_request(b"name=Bob+Smith&tag=a&tag=b&empty=&flag", content_type=FORM)
    form = await request.form()
    assert form == MultiDict(
        [("name", "Bob Smith"), ("tag", "a"), ("tag", "b"), ("empty", ""), ("flag", "")]
    )


async def test_form_without_content_type_reads_urlencoded(make_request):
    assert await make_request(b"a=1").form() == MultiDict([("a", "1")])


async def test_form_uses_the_declared_charset(make_request):
    request = make_request(b"x=caf%E9", content_type=FORM + "; charset=latin-1")
    assert (await request.form())["x"] == "caf\u00e9"


def test_escapes_and_empty_pairs():
    assert list(parse(b"%E2%82%AC=%26%3D&&a%2Bb=1%2B1&").items()) == [
        ("\u20ac", "&="),
        ("a+b", "1+1"),
    ]


@pytest.mark.parametrize("body", [b"a=%ff", b"%fe=1", b"a=\xff"])
def test_undecodable_text_is_a_decode_error(body):
    with pytest.raises(ASGIDecodeError):
        parse(body)


def test_max_fields_limit():
    assert len(parse(b"a=1&b=2&c=3", max_fields=3)) == 3
    with pytest.raises(ASGIRequestEntityTooLargeError):
        parse(b"a=1&b=2&c=3&d=4", max_fields=3)


def test_max_field_size_limit():
    assert parse(b"a=" + b"x" * 100, max_field_size=100)["a"] == "x" * 100
    with pytest.raises(ASGIRequestEntityTooLargeError):
        parse(b"a=" + b"x" * 101 + b"&b=1", max_field_size=100)


def test_a_field_that_never_ends_fails_while_streaming():
    parser = URLEncodedParser(max_field_size=1000)
    for _ in range(6):
        parser.feed(b"x" * 1000)
    with pytest.raises(ASGIRequestEntityTooLargeError):
        parser.feed(b"x" * 1000)


async def test_form_max_size_limits_the_urlencoded_body(make_request):
    request = make_request(b"a=" + b"x" * 1000, content_type=FORM, chunk_size=100)
    with pytest.raises(ASGIRequestEntityTooLargeError):
        await request.form(max_size=500)
