"""Request bodies: invalid JSON, wrong charsets, limits, lying Content-Length, disconnects,
urlencoded bombs."""

from __future__ import annotations

from typing import Any

import pytest

from asgi_tools import App
from asgi_tools.tests import ASGITestClient

from .conftest import body_messages, drive, http_scope, status_of

MiB = 1024 * 1024


def reading_app(**options: Any) -> App:
    """One route per way of reading the body, each answering a summary of what it read."""
    app = App(**options)

    @app.route("/body", methods=["POST"])
    async def body(request: Any) -> str:
        return str(len(await request.body()))

    @app.route("/text", methods=["POST"])
    async def text(request: Any) -> str:
        return str(len(await request.text()))

    @app.route("/json", methods=["POST"])
    async def json(request: Any) -> str:
        return repr(await request.json())[:100]

    @app.route("/form", methods=["POST"])
    async def form(request: Any) -> str:
        return str(len(await request.form()))

    @app.route("/data", methods=["POST"])
    async def data(request: Any) -> str:
        return type(await request.data()).__name__

    @app.route("/strict-data", methods=["POST"])
    async def strict_data(request: Any) -> str:
        return type(await request.data(raise_errors=True)).__name__

    @app.route("/stream", methods=["POST"])
    async def stream(request: Any) -> str:
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
        return str(size)

    return app


def post(path: str, *headers: tuple[bytes, bytes]) -> dict[str, Any]:
    return http_scope(path, "POST", headers=[(b"host", b"localhost"), *headers])


JSON = (b"content-type", b"application/json")

INVALID_JSON = [
    b"",
    b"{",
    b"{not json",
    b"[1, 2",
    b'{"a": NaN}x',
    b"\xff\xfe\x00",
    b'"\\ud800"',
    b"[" * 100_000,
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 50_000,
    b"1" * 100_000 + b"e999999",
    b"\x00",
]


@pytest.mark.parametrize("body", INVALID_JSON, ids=lambda b: repr(b[:12]))
async def test_invalid_json_is_400(body):
    sent = await drive(reading_app(), post("/json", JSON), body_messages(body))
    assert status_of(sent) == 400


@pytest.mark.parametrize("body", INVALID_JSON, ids=lambda b: repr(b[:12]))
async def test_invalid_json_through_strict_data_is_400(body):
    sent = await drive(reading_app(), post("/strict-data", JSON), body_messages(body))
    assert status_of(sent) == 400


@pytest.mark.parametrize("body", INVALID_JSON, ids=lambda b: repr(b[:12]))
async def test_invalid_json_through_lenient_data_is_bytes(body):
    sent = await drive(reading_app(), post("/data", JSON), body_messages(body))
    assert status_of(sent) == 200


CHARSETS = [
    b"application/json; charset=utf-16",
    b"application/json; charset=latin-1",
    b"application/json; charset=no-such-charset",
    b"application/json; charset=",
    b'application/json; charset="\xff"',
    b"application/json; charset=rot13",
    b"application/json; charset=utf-8-sig",
    b"application/json; charset=idna",
    b"application/json; charset=base64",
]


@pytest.mark.parametrize("content_type", CHARSETS, ids=lambda c: c.decode("latin-1")[27:])
@pytest.mark.parametrize("path", ["/json", "/text", "/strict-data"])
async def test_json_or_text_with_odd_charset_is_200_or_400(content_type, path):
    body = '{"a": "é"}'.encode()
    sent = await drive(
        reading_app(), post(path, (b"content-type", content_type)), body_messages(body)
    )
    assert status_of(sent) in (200, 400)


async def test_text_not_decodable_in_its_charset_is_400():
    ctype = (b"content-type", b"text/plain; charset=utf-8")
    sent = await drive(reading_app(), post("/text", ctype), body_messages(b"\xff\xfe\xfa"))
    assert status_of(sent) == 400


@pytest.mark.parametrize("path", ["/body", "/text", "/json", "/data"])
async def test_content_length_over_the_limit_is_413_before_reading(path):
    length = (b"content-length", b"%d" % (10 * MiB + 1))
    # Nothing is offered: reading anything would get a disconnect instead of a 413.
    sent = await drive(reading_app(), post(path, length, JSON), [], then="hang")
    assert status_of(sent) == 413


@pytest.mark.parametrize("path", ["/body", "/text", "/json", "/data"])
async def test_chunked_body_over_the_limit_is_413_and_stops_reading(path):
    delivered = 0

    async def endless() -> Any:
        nonlocal delivered
        while True:
            delivered += 1
            yield b"x" * 65536

    response = await ASGITestClient(reading_app()).post(
        path, data=endless, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    # Reading stopped at the limit, give or take the chunks already in flight.
    assert delivered * 65536 < 12 * MiB


async def test_app_max_body_size_is_enforced_without_content_length():
    chunks = [b"x" * 1000] * 20
    sent = await drive(reading_app(max_body_size=5000), post("/body"), body_messages(*chunks))
    assert status_of(sent) == 413


async def test_form_max_size_is_enforced_on_an_urlencoded_bomb():
    app = App()

    @app.route("/", methods=["POST"])
    async def index(request: Any) -> str:
        return str(len(await request.form(max_size=10_000)))

    ctype = (b"content-type", b"application/x-www-form-urlencoded")
    sent = await drive(app, post("/", ctype), body_messages(b"a=1&" * 100_000))
    assert status_of(sent) == 413


URLENCODED_BOMBS = [
    pytest.param(b"&".join(b"f%d=v" % i for i in range(100_000)), id="100k-fields"),
    pytest.param(b"a=1&" * 100_000, id="100k-same-field"),
    pytest.param(b"a=" + b"x" * (3 * MiB), id="3MiB-value"),
    pytest.param(b"x" * (3 * MiB), id="3MiB-name-without-value"),
    pytest.param(b"&" * (3 * MiB), id="3MiB-separators"),
    pytest.param(b"a=%" + b"%zz" * 100_000, id="bad-escapes"),
    pytest.param(b"a=\xff\xfe&\xff=\x00", id="non-utf8"),
]


@pytest.mark.parametrize("body", URLENCODED_BOMBS)
async def test_urlencoded_bombs_are_bounded(body):
    ctype = (b"content-type", b"application/x-www-form-urlencoded")
    sent = await drive(reading_app(), post("/form", ctype), body_messages(body))
    status = status_of(sent)
    assert status in (200, 400, 413)
    if status == 200:
        # Never more fields than the documented cap.
        assert int(b"".join(m.get("body", b"") for m in sent[1:])) <= 1000


@pytest.mark.parametrize("path", ["/body", "/form", "/stream", "/data"])
async def test_content_length_longer_than_the_body_is_400(path):
    headers = ((b"content-length", b"100"), (b"content-type", b"application/x-www-form-urlencoded"))
    sent = await drive(reading_app(), post(path, *headers), body_messages(b"a=1"))
    assert status_of(sent) == 400


@pytest.mark.parametrize("path", ["/body", "/form", "/stream", "/data"])
async def test_content_length_shorter_than_the_body_is_400(path):
    headers = ((b"content-length", b"3"), (b"content-type", b"application/x-www-form-urlencoded"))
    sent = await drive(reading_app(), post(path, *headers), body_messages(b"a=1&b=2&c=3"))
    assert status_of(sent) == 400


@pytest.mark.parametrize("path", ["/body", "/text", "/json", "/form", "/stream", "/data"])
async def test_client_disconnect_mid_body_sends_no_500(path):
    ctype = (b"content-type", b"application/x-www-form-urlencoded")
    incoming = [{"type": "http.request", "body": b"a=1&", "more_body": True}]
    sent = await drive(reading_app(), post(path, ctype), incoming, then="disconnect")
    # Nobody is listening any more: the app sends nothing, or a 400, never a 500.
    if sent:
        assert status_of(sent) == 400


async def test_unexpected_message_type_while_reading_the_body_is_not_a_hang():
    incoming = [{"type": "http.request", "body": b"a", "more_body": True}, {"type": "bogus"}]
    sent = await drive(reading_app(), post("/body"), incoming)
    if sent:
        assert status_of(sent) in (400, 500)


async def test_body_message_without_body_key_is_an_empty_chunk():
    incoming = [{"type": "http.request", "more_body": True}, *body_messages(b"abc")]
    sent = await drive(reading_app(), post("/body"), incoming)
    assert status_of(sent) == 200
