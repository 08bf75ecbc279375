"""Each fast path gives what the general path gives: same values, same errors."""

from __future__ import annotations

from collections.abc import Coroutine
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asgi_request import (
    ASGIConnectionClosedError,
    ASGIError,
    ASGIRequestEntityTooLargeError,
    Request,
    parse_headers,
)
from asgi_request import headers as headers_module

from .conftest import Receiver, build_request


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    """Drive a coroutine whose awaits never suspend (a scripted receive) to its result."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise AssertionError("the coroutine suspended")


def outcome(request: Request, max_size: int | None) -> tuple[str, object]:
    try:
        return "ok", run(request.body(max_size=max_size))
    except ASGIError as exc:
        return type(exc).__name__, str(exc)


@settings(max_examples=200, deadline=None)
@given(
    body=st.binary(max_size=200),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=6),
    max_size=st.one_of(st.none(), st.integers(min_value=0, max_value=250)),
)
def test_one_message_body_matches_a_streamed_body(body, cuts, max_size):
    points = sorted({c % (len(body) + 1) for c in cuts})
    edges = [0, *points, len(body)]
    chunks = [body[a:b] for a, b in pairwise(edges)]
    whole = outcome(build_request(body), max_size)
    streamed = outcome(build_request(chunks=chunks), max_size)
    assert whole == streamed
    if whole[0] == "ok":
        assert whole[1] == body


async def test_one_message_body_over_the_cap_is_refused(make_request):
    request = make_request(b"x" * 11)
    with pytest.raises(ASGIRequestEntityTooLargeError, match="over 10 bytes"):
        await request.body(max_size=10)
    # A failed read is not half-returned later.
    with pytest.raises(ASGIError, match="a failed body"):
        await request.body()


async def test_one_message_body_is_returned_as_sent_and_kept(make_request):
    request = make_request(b'{"a": [1, 2]}', content_type="application/json")
    assert await request.json() == {"a": [1, 2]}
    assert await request.body() == b'{"a": [1, 2]}'
    assert request.receive.calls == 1


async def test_first_message_disconnect_raises_connection_closed(make_request):
    request = make_request()
    request.receive = Receiver([], disconnect=True)
    with pytest.raises(ASGIConnectionClosedError):
        await request.body()


async def test_one_message_without_more_body_or_body_keys_reads_empty(make_request):
    async def receive():
        return {"type": "http.request"}

    request = make_request()
    request.receive = receive
    assert await request.body() == b""


async def test_json_over_the_cap_in_one_message_is_refused(make_request):
    request = make_request(b"[" + b"1," * 50 + b"1]", content_type="application/json")
    with pytest.raises(ASGIRequestEntityTooLargeError):
        await request.json(max_size=20)


HEADER_NAME = st.binary(min_size=1, max_size=20)
HEADER_VALUE = st.binary(max_size=30)


@given(st.lists(st.tuples(HEADER_NAME, HEADER_VALUE), max_size=8))
def test_parse_headers_matches_a_plain_latin1_decode(raw):
    expected = [(n.decode("latin-1"), v.decode("latin-1")) for n, v in raw]
    assert list(parse_headers(raw).items()) == expected
    # A second parse, names now from the cache, gives the same.
    assert list(parse_headers(raw).items()) == expected


def test_parse_headers_name_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(headers_module, "_NAMES", {})
    raw = [(f"x-hostile-{i}".encode(), b"v") for i in range(headers_module._NAMES_MAX * 2)]
    raw.append((b"x-" + b"n" * 1000, b"long"))
    headers = parse_headers(raw)
    assert len(headers) == len(raw)
    assert headers["x-" + "n" * 1000] == "long"
    assert len(headers_module._NAMES) <= headers_module._NAMES_MAX
    assert all(len(name) <= headers_module._NAME_MAX_LEN for name in headers_module._NAMES)


def test_parse_headers_accepts_unhashable_names():
    headers = parse_headers([(bytearray(b"X-A"), b"1"), (b"x-b", bytearray(b"2"))])  # type: ignore[list-item]
    assert list(headers.items()) == [("X-A", "1"), ("x-b", "2")]


COOKIE_HEADERS = st.lists(
    st.tuples(
        st.sampled_from([b"cookie", b"Cookie", b"COOKIE", b"x-cookie", b"cookies"]),
        st.text(alphabet='ab=; "\\\t1', max_size=20).map(lambda s: s.encode("latin-1")),
    ),
    max_size=4,
)


@given(COOKIE_HEADERS)
def test_cookies_from_raw_headers_match_cookies_from_parsed_headers(raw):
    direct = Request({"type": "http", "headers": raw})
    via_headers = Request({"type": "http", "headers": raw})
    assert via_headers.headers is not None  # parsed first: cookies take the other path
    assert direct.cookies == via_headers.cookies


def test_cookies_without_a_cookie_header_are_empty():
    assert Request({"type": "http", "headers": [(b"host", b"x")]}).cookies == {}
    assert Request({"type": "http"}).cookies == {}
