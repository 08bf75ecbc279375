"""Each fast path gives what the general path gives: same values, same errors."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
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
    parse_options_header,
)
from asgi_request import headers as headers_module
from asgi_request import multipart as multipart_module

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


def test_parse_headers_with_a_new_name_after_known_ones_keeps_each_pair_once():
    parse_headers([(b"host", b"a"), (b"accept", b"b")])  # both names now known
    raw = [
        (b"host", b"h"),
        (b"accept", b"x"),
        (b"x-never-seen-before-7f3a", b"n"),
        (b"accept", b"y"),
    ]
    headers = parse_headers(raw)
    assert list(headers.items()) == [
        ("host", "h"),
        ("accept", "x"),
        ("x-never-seen-before-7f3a", "n"),
        ("accept", "y"),
    ]
    assert parse_headers(raw) == headers  # learnt: the next parse takes the fast loop


def test_parse_headers_reads_a_one_shot_iterable_once_even_past_a_new_name():
    parse_headers([(b"host", b"a")])
    raw = [(b"host", b"h"), (b"x-first-seen-in-a-generator-91c2", b"n"), (b"host", b"again")]
    headers = parse_headers(pair for pair in raw)
    assert list(headers.items()) == [
        ("host", "h"),
        ("x-first-seen-in-a-generator-91c2", "n"),
        ("host", "again"),
    ]


def test_parse_headers_refuses_a_pair_that_is_not_a_pair():
    with pytest.raises((TypeError, ValueError)):
        parse_headers([(b"host", b"a"), 42])  # type: ignore[list-item]


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


# Options-header values without backslashes or "*": quotes, semicolons (inside quotes too), "=",
# blanks and letters in any order, so that unterminated quotes and odd layouts are drawn as well.
PLAIN_OPTIONS = st.text(alphabet='ab;=" \tN\u00e9', max_size=40)


@settings(max_examples=500)
@given(main=st.sampled_from(["form-data", "text/plain", ""]), params=PLAIN_OPTIONS)
def test_options_header_without_escapes_matches_the_general_scanner(main, params):
    value = f"{main};{params}"
    semi = value.find(";")
    expected = headers_module._collect(headers_module._scan_params(value, semi + 1))
    assert parse_options_header(value) == (main, expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('form-data; name="file"; filename="data.bin"', {"name": "file", "filename": "data.bin"}),
        ('form-data; name="a;b"; filename="c; d=e"', {"name": "a;b", "filename": "c; d=e"}),
        ('form-data; name= \t"x"junk; b=2', {"name": "x", "b": "2"}),
        ('form-data; name=a"b;c"; d=1', {"name": 'a"b', "d": "1"}),
        ('form-data; name="open; x=1', {"name": "open; x=1"}),
        ('form-data; NAME="first"; name="second"', {"name": "first"}),
    ],
)
def test_quoted_options_without_escapes_parse_like_the_general_path(value, expected):
    assert parse_options_header(value) == ("form-data", expected)


def part_headers_outcome(parse: Callable[[bytes], Any], raw: bytes) -> tuple[str, object]:
    try:
        return "ok", list(parse(raw).items())
    except ASGIError as exc:
        return type(exc).__name__, str(exc)


# Header blocks of the characters that matter: separators, blanks (folding, \x1c that str.strip
# would take and bytes.strip keeps), stray CR and LF, and non-ASCII bytes.
PART_HEADER_BLOCKS = st.lists(
    st.sampled_from(
        [
            b"Content-Type",
            b"a",
            b":",
            b": ",
            b" ",
            b"\t",
            b"\r\n",
            b"\r",
            b"\n",
            b"\x1c",
            b"\xc3\xa9",
            b"\xff",
            b"x=1",
        ]
    ),
    max_size=12,
).map(b"".join)


@settings(max_examples=500)
@given(PART_HEADER_BLOCKS)
def test_part_headers_fast_path_matches_the_general_path(raw):
    fast = part_headers_outcome(multipart_module._parse_part_headers, raw)
    general = part_headers_outcome(multipart_module._parse_part_headers_general, raw)
    assert fast == general


def test_folded_and_non_ascii_part_headers_take_the_general_path():
    folded = b'Content-Disposition: form-data;\r\n\tname="a"\r\nX-Name: caf\xc3\xa9'
    headers = multipart_module._parse_part_headers(folded)
    assert headers["content-disposition"] == 'form-data; name="a"'
    assert headers["x-name"] == "caf\u00e9"


def form_outcome(request: Request) -> tuple[str, object]:
    try:
        form = run(request.form(max_size=300))
    except ASGIError as exc:
        return type(exc).__name__, str(exc)
    return "ok", [(k, v if isinstance(v, str) else v.read()) for k, v in form.items()]


@settings(max_examples=300, deadline=None)
@given(
    content=st.binary(max_size=200),
    declared_delta=st.one_of(st.none(), st.integers(min_value=-3, max_value=3)),
    epilogue=st.sampled_from([b"", b"\r\n", b"junk"]),
    closed=st.booleans(),
)
def test_one_message_form_matches_the_streamed_path(content, declared_delta, epilogue, closed):
    # The same bytes as one message (the fast path) and as that message plus an empty last one
    # (the general loop): the same form or the same error, in the same order of checks.
    body = b'--b\r\nContent-Disposition: form-data; name="f"; filename="x"\r\n\r\n' + content
    if closed:
        body += b"\r\n--b--" + epilogue
    headers = [("content-type", "multipart/form-data; boundary=b")]
    if declared_delta is not None:
        headers.append(("content-length", str(max(0, len(body) + declared_delta))))
    whole = form_outcome(build_request(body, headers=headers))
    streamed = form_outcome(build_request(chunks=[body, b""], headers=headers))
    assert whole == streamed
