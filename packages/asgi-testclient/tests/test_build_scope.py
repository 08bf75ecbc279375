"""build_scope(): the scope requests and websockets use, offered as ASGI-Tools offers it."""

from __future__ import annotations

from typing import Any

import pytest

from asgi_request import Request
from asgi_testclient import ASGITestClient

from .conftest import send_response


def recording_app(scopes: list[dict[str, Any]]) -> Any:
    async def app(scope, receive, send):
        scopes.append(scope)
        if scope["type"] == "websocket":
            await receive()
            await send({"type": "websocket.accept"})
            await receive()
            return
        await send_response(send)

    return app


def without(headers: list[tuple[bytes, bytes]], *names: bytes) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, value in headers if name not in names]


async def test_http_scope_is_the_one_a_request_sends():
    scopes: list[dict[str, Any]] = []
    client = ASGITestClient(recording_app(scopes), headers={"X-Client": "c"})
    client.cookies["jar"] = "1"
    kwargs = {"query": {"a": "1", "b": "❤"}, "headers": {"X-Token": "t"}, "cookies": {"once": "2"}}
    await client.get("/p/q", **kwargs)
    assert client.build_scope("/p/q", **kwargs) == scopes[0]


async def test_post_scope_is_the_one_a_request_without_body_sends():
    scopes: list[dict[str, Any]] = []
    client = ASGITestClient(recording_app(scopes))
    await client.post("/form")
    await client.post("/form", data={"x": "1"})
    built = client.build_scope("/form", type="http", method="post")
    assert built["method"] == "POST"
    assert built == scopes[0]
    assert dict(built["headers"])[b"content-length"] == b"0"
    # With a body, only the body's own headers differ.
    body_headers = (b"content-type", b"content-length")
    assert without(built["headers"], *body_headers) == without(scopes[1]["headers"], *body_headers)


def test_defaults_are_an_http_get_with_host_and_user_agent():
    scope = ASGITestClient(recording_app([]), base_url="http://example.com:8080").build_scope("/x")
    assert scope["type"] == "http"
    assert scope["method"] == "GET"
    assert scope["scheme"] == "http"
    assert scope["server"] == ("example.com", 8080)
    assert scope["query_string"] == b""
    headers = dict(scope["headers"])
    assert headers[b"host"] == b"example.com:8080"
    assert b"user-agent" in headers
    assert b"content-length" not in headers


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/s", "a=1&b=2", b"a=1&b=2"),
        ("/s", {"value": 42, "v2": "❤️"}, b"value=42&v2=%E2%9D%A4%EF%B8%8F"),
        ("/s?x=1", None, b"x=1"),
        ("/s?x=1", {"y": "2"}, b"x=1&y=2"),
    ],
)
def test_query_as_str_dict_or_in_the_path(path, query, expected):
    scope = ASGITestClient(recording_app([])).build_scope(path, query=query)
    assert scope["path"] == "/s"
    assert scope["query_string"] == expected


def test_cookies_are_sent_with_the_jar_and_not_stored():
    client = ASGITestClient(recording_app([]))
    client.cookies["jar"] = "1"
    scope = client.build_scope("/", cookies={"extra": "2"})
    assert dict(scope["headers"])[b"cookie"] == b"jar=1; extra=2"
    assert "extra" not in client.cookies


def test_keywords_replace_or_add_scope_keys():
    client = ASGITestClient(recording_app([]))
    scope = client.build_scope(
        "/", client=("10.0.0.1", 1234), root_path="/api", extra={"user": "u"}
    )
    assert scope["client"] == ("10.0.0.1", 1234)
    assert scope["root_path"] == "/api"
    assert scope["extra"] == {"user": "u"}


def test_a_request_object_reads_what_was_built():
    client = ASGITestClient(recording_app([]))
    client.cookies["session"] = "s"
    scope = client.build_scope(
        "/items", type="http", method="PUT", headers={"Accept": "text/plain"}, query="page=2"
    )
    request = Request(scope)
    assert request.method == "PUT"
    assert request.query["page"] == "2"
    assert request.headers["accept"] == "text/plain"
    assert request.cookies == {"session": "s"}
    assert str(request.url) == "http://localhost/items?page=2"


async def test_websocket_scope_is_the_one_websocket_sends():
    scopes: list[dict[str, Any]] = []
    client = ASGITestClient(recording_app(scopes))
    async with client.websocket("/ws", query={"t": "1"}, subprotocols=["chat", "v2"]):
        pass
    built = client.build_scope(
        "/ws", query={"t": "1"}, type="websocket", subprotocols=["chat", "v2"]
    )
    assert built["type"] == "websocket"
    assert built["scheme"] == "ws"
    assert "method" not in built
    assert built["subprotocols"] == ["chat", "v2"]
    # The handshake key is random per connection; everything else is the same.
    key = b"sec-websocket-key"
    assert without(built["headers"], key) == without(scopes[0]["headers"], key)
    assert {**built, "headers": None} == {**scopes[0], "headers": None}


async def test_scope_built_inside_lifespan_carries_a_copy_of_the_state():
    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            await receive()
            scope["state"]["db"] = "up"
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})

    client = ASGITestClient(app)
    assert "state" not in client.build_scope("/")
    async with client.lifespan():
        scope = client.build_scope("/")
        assert scope["state"] == {"db": "up"}
        scope["state"]["db"] = "changed"
        assert client.build_scope("/")["state"] == {"db": "up"}


@pytest.mark.parametrize("kind", ["lifespan", "https", ""])
def test_other_scope_types_are_refused(kind):
    with pytest.raises(ValueError, match="'http' and 'websocket'"):
        ASGITestClient(recording_app([])).build_scope("/", type=kind)


@pytest.mark.parametrize("method", ["GET /x", "GET\r\n", "", "PÖST"])
def test_a_method_that_is_not_a_token_is_refused(method):
    with pytest.raises(ValueError, match="method token"):
        ASGITestClient(recording_app([])).build_scope("/", method=method)


def test_header_injection_is_refused():
    with pytest.raises(ValueError, match="CR, LF or NUL"):
        ASGITestClient(recording_app([])).build_scope("/", headers={"x": "a\r\nb: c"})
