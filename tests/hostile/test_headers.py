"""Malformed, huge and duplicated request headers, Host garbage and cookie garbage."""

from __future__ import annotations

from typing import Any

import pytest

from asgi_tools import App

from .conftest import drive, http_scope, status_of

# What a handler that reads every lazily parsed part of the request may answer: the value, or
# a 400 naming what was wrong. Never a 500.
TOLERATED = (200, 400)


def touch_all_app() -> App:
    app = App()

    @app.route("/{path:path}", "/")
    async def everything(request: Any) -> str:
        parts = [
            dict(request.headers),
            dict(request.cookies),
            dict(request.query),
            str(request.url),
            request.url.host,
            request.content_type,
            request.charset,
            request.media,
        ]
        return repr(parts)[:100]

    return app


GARBAGE_HEADERS = [
    pytest.param([(b"host", b"localhost"), (b"", b"empty-name")], id="empty-name"),
    pytest.param([(b"host", b"localhost"), (b"x y", b"space-in-name")], id="space-in-name"),
    pytest.param([(b"host", b"localhost"), (b"x-a", b"\xff\xfe\x00\x01")], id="binary-value"),
    pytest.param([(b"host", b"localhost"), (b"\xff\xfe", b"binary-name")], id="binary-name"),
    pytest.param([(b"host", b"localhost"), (b"x-a", b"a\r\nb: c")], id="crlf-in-value"),
    pytest.param([(b"host", b"localhost"), (b"X-UPPER", b"v")], id="uppercase-name"),
    pytest.param([(b"host", b"localhost"), (b"x-long", b"a" * 1_000_000)], id="1mb-value"),
    pytest.param(
        [(b"host", b"localhost")] + [(b"x-dup", b"%d" % i) for i in range(10_000)],
        id="10k-duplicates",
    ),
    pytest.param(
        [(b"host", b"localhost")] + [(b"x-%d" % i, b"v") for i in range(10_000)],
        id="10k-names",
    ),
    pytest.param([(b"host", b"localhost"), (b"content-type", b"")], id="empty-content-type"),
    pytest.param(
        [(b"host", b"localhost"), (b"content-type", b';;;=;="\\')], id="content-type-junk"
    ),
    pytest.param(
        [(b"host", b"localhost"), (b"content-type", b"text/plain; charset=\xff\xfe")],
        id="content-type-binary-charset",
    ),
    pytest.param(
        [(b"host", b"localhost"), (b"content-type", b"text/plain; charset=" + b"x" * 100_000)],
        id="content-type-huge-charset",
    ),
    pytest.param(
        [(b"host", b"localhost"), (b"content-type", b"a/b" + b'; x="' * 20_000)],
        id="content-type-unclosed-quotes",
    ),
    pytest.param(
        [(b"host", b"localhost"), (b"content-type", b"text/html"), (b"content-type", b"x/y")],
        id="duplicate-content-type",
    ),
    pytest.param([(b"host", b"localhost"), (b"content-length", b"-1")], id="negative-length"),
    pytest.param([(b"host", b"localhost"), (b"content-length", b"abc")], id="alpha-length"),
    pytest.param([(b"host", b"localhost"), (b"content-length", b"9" * 100)], id="huge-length"),
]


@pytest.mark.parametrize("headers", GARBAGE_HEADERS)
async def test_garbage_headers_never_cause_a_500(headers):
    sent = await drive(touch_all_app(), http_scope("/x", headers=headers))
    assert status_of(sent) in TOLERATED


HOSTS = [
    b"",
    b":",
    b":80",
    b"localhost:",
    b"localhost:99999",
    b"localhost:-1",
    b"localhost:abc",
    b"local host",
    b"[::1",
    b"[::1]:80",
    b"[not-ipv6]",
    b"user@evil.com",
    b"evil.com/path?q#f",
    b"\xff\xfe",
    b"a" * 100_000,
    b"a." * 5_000,
    b"%00",
    b"localhost\x00evil",
    b"localhost,evil.com",
]


@pytest.mark.parametrize("host", HOSTS, ids=lambda h: repr(h[:20]))
async def test_host_header_garbage_is_200_or_400(host):
    sent = await drive(touch_all_app(), http_scope("/x", headers=[(b"host", host)]))
    assert status_of(sent) in TOLERATED


async def test_missing_host_header_uses_the_server_address():
    sent = await drive(touch_all_app(), http_scope("/x", headers=[]))
    assert status_of(sent) == 200


async def test_duplicated_host_headers_are_not_a_500():
    headers = [(b"host", b"a.example"), (b"host", b"b.example")]
    sent = await drive(touch_all_app(), http_scope("/x", headers=headers))
    assert status_of(sent) in TOLERATED


COOKIES = [
    b"",
    b";;;;",
    b"=",
    b"=value",
    b"name",
    b"a=1; a=2; a=3",
    b'a="unterminated',
    b'a="\\"\\\\"',
    b"a=\xff\xfe",
    b"\xff=\xfe",
    b"a=1;" * 20_000,
    b"a=" + b"x" * 1_000_000,
    b"$Version=1; a=b; $Path=/",
    b"a=b\x00c",
    b"a=%ZZ%",
    b"a=1, b=2",
    b"a==b==c",
    b'a=b"c;d=e',
]


@pytest.mark.parametrize("cookie", COOKIES, ids=lambda c: repr(c[:20]))
async def test_cookie_garbage_is_200_or_400(cookie):
    headers = [(b"host", b"localhost"), (b"cookie", cookie)]
    sent = await drive(touch_all_app(), http_scope("/x", headers=headers))
    assert status_of(sent) in TOLERATED


async def test_many_cookie_headers_are_parsed_within_bounds():
    headers = [(b"host", b"localhost")] + [(b"cookie", b"c%d=v" % i) for i in range(5_000)]
    sent = await drive(touch_all_app(), http_scope("/x", headers=headers))
    assert status_of(sent) in TOLERATED
