"""LifespanMiddleware: handlers, failures, state, the context manager form."""

from __future__ import annotations

import logging

import pytest

from asgi_middlewares import LifespanMiddleware
from asgi_request import Request, aio_sleep
from asgi_responses import Response


class ServerGone(Exception):
    """The fake server has no more events (a real one would cancel the app)."""


async def run_lifespan(app, events=("startup", "shutdown"), state=None):
    """Send the lifespan events to ``app``; return the messages it answered."""
    incoming = [{"type": f"lifespan.{event}"} for event in events]
    sent = []

    async def receive():
        if not incoming:
            raise ServerGone
        return incoming.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "lifespan", "asgi": {"version": "3.0"}}
    if state is not None:
        scope["state"] = state
    try:
        await app(scope, receive, send)
    except ServerGone:
        pass
    return sent


async def test_lifespan_reference_example_runs_startup_and_shutdown(call, capsys):
    async def app(scope, receive, send):
        response = Response("OK")
        await response(scope, receive, send)

    app = lifespan = LifespanMiddleware(app)

    @lifespan.on_startup
    async def start():
        print("The app is starting")

    @lifespan.on_shutdown
    async def stop():
        print("The app is finishing")

    sent = await run_lifespan(app)
    assert sent == [{"type": "lifespan.startup.complete"}, {"type": "lifespan.shutdown.complete"}]
    assert capsys.readouterr().out == "The app is starting\nThe app is finishing\n"
    assert (await call(app, "/")).body == b"OK"


async def test_on_startup_and_on_shutdown_return_the_function():
    lifespan = LifespanMiddleware()

    def start():
        pass

    assert lifespan.on_startup(start) is start
    assert lifespan.on_shutdown(start) is start


async def test_handlers_may_be_one_callable_or_a_list_sync_or_async():
    calls = []

    async def async_start():
        await aio_sleep(0)
        calls.append("async")

    lifespan = LifespanMiddleware(
        on_startup=[lambda: calls.append("sync"), async_start],
        on_shutdown=lambda: calls.append("shutdown"),
    )
    await run_lifespan(lifespan)
    assert calls == ["sync", "async", "shutdown"]


async def test_startup_failure_is_reported_with_its_message(caplog):
    def broken():
        raise RuntimeError("database unreachable")

    lifespan = LifespanMiddleware(on_startup=broken)
    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        sent = await run_lifespan(lifespan, events=("startup",))
    assert sent == [{"type": "lifespan.startup.failed", "message": "database unreachable"}]
    assert "database unreachable" in caplog.text


async def test_startup_failure_stops_the_following_handlers():
    calls = []

    def broken():
        raise RuntimeError("no")

    lifespan = LifespanMiddleware(on_startup=[broken, lambda: calls.append("next")])
    await run_lifespan(lifespan, events=("startup",))
    assert calls == []


async def test_ignore_errors_logs_and_goes_on(caplog):
    calls = []

    def broken():
        raise RuntimeError("flaky")

    lifespan = LifespanMiddleware(
        ignore_errors=True, on_startup=[broken, lambda: calls.append("next")]
    )
    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        sent = await run_lifespan(lifespan)
    assert sent[0] == {"type": "lifespan.startup.complete"}
    assert calls == ["next"]
    assert "flaky" in caplog.text


async def test_shutdown_failure_is_reported():
    def broken():
        raise ValueError("cannot close")

    sent = await run_lifespan(LifespanMiddleware(on_shutdown=broken))
    assert sent[1] == {"type": "lifespan.shutdown.failed", "message": "cannot close"}


async def test_custom_logger_gets_the_failure(caplog):
    custom = logging.getLogger("my-app")

    def broken():
        raise RuntimeError("custom logged")

    with caplog.at_level(logging.ERROR, logger="my-app"):
        await run_lifespan(
            LifespanMiddleware(logger=custom, on_startup=broken), events=("startup",)
        )
    assert any(r.name == "my-app" for r in caplog.records)


async def test_handler_with_a_parameter_gets_the_server_state(call):
    server_state: dict = {}

    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        await Response(request.state["db"])(scope, receive, send)

    lifespan = LifespanMiddleware(app)

    @lifespan.on_startup
    async def connect(state):
        state["db"] = "connected"

    await run_lifespan(lifespan, events=("startup",), state=server_state)
    assert server_state == {"db": "connected"}
    # A server that supports state copies it into each request scope.
    res = await call(lifespan, "/", state=dict(server_state))
    assert res.body == b"connected"


async def test_state_reaches_requests_when_the_server_offers_none(call, make_scope):
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["state"])
        await Response("OK")(scope, receive, send)

    lifespan = LifespanMiddleware(app)
    lifespan.on_startup(lambda state: state.update(answer=42))
    await run_lifespan(lifespan, events=("startup",))
    await call(lifespan, "/")
    await call(lifespan, "/")
    assert seen == [{"answer": 42}, {"answer": 42}]
    seen[0]["answer"] = 0  # a shallow copy: one request cannot change another's view
    assert seen[1] == {"answer": 42}
    assert lifespan.state == {"answer": 42}


async def test_state_is_an_empty_dict_without_lifespan(call):
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["state"])
        await Response("OK")(scope, receive, send)

    await call(LifespanMiddleware(app), "/")
    assert seen == [{}]


async def test_handler_without_parameters_is_called_with_none():
    calls = []

    def start():
        calls.append("no args")

    def with_default(flag=True):
        calls.append(flag)

    await run_lifespan(LifespanMiddleware(on_startup=[start, with_default]), events=("startup",))
    assert calls == ["no args", True]


async def test_lifespan_is_an_async_context_manager():
    calls = []
    lifespan = LifespanMiddleware()
    lifespan.on_startup(lambda state: state.update(ready=True))
    lifespan.on_shutdown(lambda: calls.append("shutdown"))

    async with lifespan:
        assert lifespan.state == {"ready": True}
        assert calls == []
    assert calls == ["shutdown"]


async def test_context_manager_raises_a_startup_failure():
    def broken():
        raise RuntimeError("startup failed here")

    with pytest.raises(RuntimeError, match="startup failed here"):
        async with LifespanMiddleware(on_startup=broken):
            pass  # pragma: no cover


async def test_bind_swaps_the_app_and_keeps_the_handlers(call):
    calls = []
    lifespan = LifespanMiddleware(on_startup=lambda: calls.append("start"))

    async def app(scope, receive, send):
        await Response("bound")(scope, receive, send)

    lifespan.bind(app)
    await run_lifespan(lifespan)
    assert calls == ["start"]
    assert (await call(lifespan, "/")).body == b"bound"


def test_a_handler_must_be_callable():
    with pytest.raises(TypeError, match="callable"):
        LifespanMiddleware(on_startup=["not callable"])
