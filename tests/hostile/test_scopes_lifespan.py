"""Unknown scope types, odd but legal scopes, and lifespan failures."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from asgi_request import ASGIInvalidMessageError
from asgi_tools import App
from asgi_tools.tests import ASGITestClient

from .conftest import drive, http_scope, status_of


def hello_app() -> App:
    app = App()

    @app.route("/")
    async def index(request: Any) -> str:
        return f"{request.url} {request.get('client')} {dict(request.headers)}"[:200]

    return app


@pytest.mark.parametrize("kind", ["webtransport", "", "HTTP", "lifespan.startup", "http2"])
async def test_unknown_scope_type_is_refused_without_sending(kind):
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        raise AssertionError("nothing should be received")

    async def send(message: Any) -> None:
        sent.append(message)

    with pytest.raises(ASGIInvalidMessageError, match="scope"):
        await hello_app()({"type": kind}, receive, send)
    assert sent == []


# ASGI lets a server leave these out (they are optional or have defaults).
OPTIONAL_KEYS = [
    "raw_path",
    "root_path",
    "query_string",
    "server",
    "client",
    "asgi",
    "http_version",
    "scheme",
]


@pytest.mark.parametrize("key", OPTIONAL_KEYS)
async def test_scope_without_an_optional_key_is_served(key):
    scope = http_scope("/")
    del scope[key]
    sent = await drive(hello_app(), scope)
    assert status_of(sent) == 200


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("server", None),
        ("client", None),
        ("server", ("unix-socket", None)),
        ("client", ("::1", 0)),
        ("http_version", "3"),
        ("scheme", "https"),
        ("root_path", "/mount"),
        ("state", {"x": object()}),
    ],
)
async def test_scope_with_odd_but_legal_values_is_served(key, value):
    scope = http_scope("/mount/" if key == "root_path" else "/")
    scope[key] = value
    sent = await drive(hello_app(), scope)
    assert status_of(sent) == 200


@pytest.mark.parametrize("method", ["get", "GET\r\n", "BREW", "X" * 10_000, "CONNECT", "TRACE"])
async def test_odd_methods_are_405_or_404_not_500(method):
    sent = await drive(hello_app(), http_scope("/", method))
    assert status_of(sent) in (200, 400, 404, 405, 501)


async def test_head_on_a_get_route_sends_no_body():
    sent = await drive(hello_app(), http_scope("/", "HEAD"))
    assert status_of(sent, head=True) == 200
    assert all(not m.get("body") for m in sent if m["type"] == "http.response.body")


def lifespan_messages(*events: str) -> list[dict[str, Any]]:
    return [{"type": f"lifespan.{event}"} for event in events]


def lifespan_scope(**extra: Any) -> dict[str, Any]:
    return {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.3"}, **extra}


async def test_startup_failure_is_reported_as_startup_failed(caplog):
    app = App()

    @app.on_startup
    async def start() -> None:
        raise RuntimeError("database is down")

    with caplog.at_level(logging.CRITICAL, logger="asgi-tools"):
        sent = await drive(app, lifespan_scope(), lifespan_messages("startup", "shutdown"))
    assert sent[0]["type"] == "lifespan.startup.failed"
    assert "database is down" in sent[0]["message"]
    assert len(sent) == 1


async def test_shutdown_failure_is_reported_as_shutdown_failed(caplog):
    app = App()

    @app.on_shutdown
    def stop() -> None:
        raise ValueError("flush failed")

    with caplog.at_level(logging.CRITICAL, logger="asgi-tools"):
        sent = await drive(app, lifespan_scope(), lifespan_messages("startup", "shutdown"))
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.failed"]
    assert "flush failed" in sent[1]["message"]


async def test_exception_without_message_still_names_the_failure(caplog):
    app = App()

    @app.on_startup
    async def start() -> None:
        raise KeyError

    with caplog.at_level(logging.CRITICAL, logger="asgi-tools"):
        sent = await drive(app, lifespan_scope(), lifespan_messages("startup"))
    assert sent[0]["type"] == "lifespan.startup.failed"
    assert sent[0]["message"]


async def test_unknown_lifespan_events_are_ignored_until_shutdown():
    app = App()
    incoming = [{"type": "lifespan.bogus"}, {}, *lifespan_messages("startup", "shutdown")]
    sent = await drive(app, lifespan_scope(), incoming)
    assert [m["type"] for m in sent] == [
        "lifespan.startup.complete",
        "lifespan.shutdown.complete",
    ]


@pytest.mark.parametrize("state", [None, "garbage", [], 42])
async def test_non_dict_server_state_does_not_break_startup(state):
    app = App()
    seen: list[Any] = []

    @app.on_startup
    def start(state: Any) -> None:
        seen.append(state)
        state["ready"] = True

    sent = await drive(app, lifespan_scope(state=state), lifespan_messages("startup", "shutdown"))
    assert [m["type"] for m in sent] == [
        "lifespan.startup.complete",
        "lifespan.shutdown.complete",
    ]
    assert seen == [{"ready": True}]


async def test_test_client_lifespan_raises_the_startup_failure(caplog):
    app = App()

    @app.on_startup
    async def start() -> None:
        raise RuntimeError("cannot start")

    client = ASGITestClient(app)
    with (
        caplog.at_level(logging.CRITICAL, logger="asgi-tools"),
        pytest.raises(Exception, match="cannot start"),
    ):
        async with client.lifespan():
            pass
