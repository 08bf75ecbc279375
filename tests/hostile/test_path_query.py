"""Invalid percent-encoding, non-UTF-8 bytes and huge sizes in the path and the query."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import pytest

from asgi_tools import App

from .conftest import drive, http_scope, status_of


def echo_app() -> App:
    app = App()

    @app.route("/items/{name}")
    async def item(request: Any) -> str:
        return f"{request.path_params['name']!r} {dict(request.query)!r} {request.url}"[:200]

    @app.route("/files/{rest:path}")
    async def files(request: Any) -> str:
        return repr(request.path_params["rest"])[:200]

    @app.route("/n/{n:int}")
    async def number(request: Any) -> str:
        return str(request.path_params["n"] + 1)

    return app


# (path as a server decodes it, raw_path as it came on the wire)
PATHS = [
    pytest.param("/items/%", b"/items/%", id="lone-percent"),
    pytest.param("/items/%zz", b"/items/%zz", id="bad-hex"),
    pytest.param("/items/%f", b"/items/%f", id="short-escape"),
    # As uvicorn and hypercorn decode it: invalid UTF-8 becomes U+FFFD.
    pytest.param(unquote("/items/%ff"), b"/items/%ff", id="non-utf8-escape"),
    pytest.param(unquote("/items/%c3"), b"/items/%c3", id="truncated-utf8"),
    pytest.param(unquote("/items/%ed%a0%80"), b"/items/%ed%a0%80", id="utf8-surrogate"),
    pytest.param("/items/a\x00b", b"/items/a%00b", id="nul"),
    pytest.param("/items/a\r\nb", b"/items/a%0d%0ab", id="crlf"),
    pytest.param("/items/a/b", b"/items/a%2fb", id="encoded-slash"),
    pytest.param("/items/" + "x" * 100_000, b"/items/" + b"x" * 100_000, id="100k-segment"),
    pytest.param("/" + "a/" * 20_000, b"/" + b"a/" * 20_000, id="20k-segments"),
    pytest.param("//////", b"//////", id="only-slashes"),
    pytest.param("", b"", id="empty-path"),
    pytest.param("items/x", b"items/x", id="no-leading-slash"),
    pytest.param("/files/../../etc/passwd", b"/files/../../etc/passwd", id="dotdot"),
    pytest.param("/n/99999999999999999999999999", b"/n/9" * 1, id="huge-int"),
    pytest.param("/n/" + "9" * 5000, b"/n/" + b"9" * 5000, id="5000-digit-int"),
    pytest.param("/n/-0", b"/n/-0", id="minus-zero"),
    pytest.param("/n/١٢", "/n/١٢".encode(), id="arabic-digits"),
    pytest.param("/items/ü", "/items/ü".encode(), id="non-ascii"),
]


@pytest.mark.parametrize(("path", "raw"), PATHS)
async def test_odd_paths_are_matched_or_refused_never_a_500(path, raw):
    sent = await drive(echo_app(), http_scope(path, raw_path=raw))
    assert status_of(sent) in (200, 400, 404, 405)


@pytest.mark.parametrize("path", ["/items/\udcff", "/items/a\ud800b"])
async def test_path_with_lone_surrogates_is_400_not_500(path):
    sent = await drive(echo_app(), http_scope(path, raw_path=b"/items/%ff"))
    assert status_of(sent) == 400


async def test_path_without_raw_path_is_served():
    scope = http_scope("/items/x")
    del scope["raw_path"]
    sent = await drive(echo_app(), scope)
    assert status_of(sent) == 200


async def test_int_converter_does_not_take_non_ascii_digits():
    sent = await drive(echo_app(), http_scope("/n/١٢"))
    assert status_of(sent) == 404


QUERIES = [
    b"%",
    b"a=%",
    b"a=%zz",
    b"a=%ff%fe",
    b"%ff=%fe",
    b"a=\xff\xfe",
    b"a=1&&&&&b=2",
    b"&=&=&",
    b"a=b=c=d",
    b"a=%00",
    b"a=%0d%0a",
    b"a=+%2B+",
    b"a" * 1_000_000,
    b"a=" + b"x" * 1_000_000,
    b"&".join(b"k%d=v" % i for i in range(50_000)),
    b"a=1&" * 50_000,
    b";".join(b"k%d=v" % i for i in range(1000)),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q[:16]))
async def test_odd_query_strings_are_200_or_400(query):
    sent = await drive(echo_app(), http_scope("/items/x", query_string=query))
    assert status_of(sent) in (200, 400)


async def test_query_values_are_decoded_with_replacement_not_errors():
    sent = await drive(echo_app(), http_scope("/items/x", query_string=b"a=%ff&b=%zz"))
    assert status_of(sent) in (200, 400)
