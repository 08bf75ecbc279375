"""Lifespan: startup and shutdown, failures, unsupported apps, and the shared state."""

from __future__ import annotations

import pytest

from asgi_request import aio_sleep
from asgi_testclient import ASGILifespanError, ASGITestClient

from .conftest import send_response


def lifespan_app(events, *, fail=None):
    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    events.append("startup")
                    if fail == "startup":
                        await send({"type": "lifespan.startup.failed", "message": "no db"})
                        return
                    scope["state"]["db"] = "connected"
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    events.append("shutdown")
                    if fail == "shutdown":
                        await send({"type": "lifespan.shutdown.failed", "message": "stuck"})
                        return
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        scope["state"]["touched"] = True  # a copy: the lifespan state does not change
        await send_response(send, scope["state"]["db"].encode())

    return app


async def test_startup_and_shutdown_run_around_the_block():
    events: list[str] = []
    client = ASGITestClient(lifespan_app(events))
    async with client.lifespan():
        assert events == ["startup"]
        response = await client.get("/")
        assert response.status_code == 200
    assert events == ["startup", "shutdown"]


async def test_requests_inside_get_a_shallow_copy_of_the_state():
    events: list[str] = []
    client = ASGITestClient(lifespan_app(events))
    async with client.lifespan() as lifespan:
        assert await (await client.get("/")).text() == "connected"
        assert await (await client.get("/")).text() == "connected"
        assert lifespan.state == {"db": "connected"}


async def test_startup_failure_raises_with_the_message():
    client = ASGITestClient(lifespan_app([], fail="startup"))
    with pytest.raises(ASGILifespanError, match="startup failed: no db"):
        async with client.lifespan():
            pass


async def test_shutdown_failure_raises():
    client = ASGITestClient(lifespan_app([], fail="shutdown"))
    with pytest.raises(ASGILifespanError, match="shutdown failed: stuck"):
        async with client.lifespan():
            pass


async def test_app_without_lifespan_support_runs_the_block():
    async def app(scope, receive, send):
        if scope["type"] != "http":
            raise ValueError("only http")
        await send_response(send, b"ok")

    client = ASGITestClient(app)
    async with client.lifespan() as lifespan:
        assert not lifespan.supported
        assert (await client.get("/")).status_code == 200


async def test_slow_startup_goes_on_after_the_timeout_and_shuts_down(caplog):
    events: list[str] = []

    async def app(scope, receive, send):
        await receive()
        await aio_sleep(0.05)
        events.append("started")
        await send({"type": "lifespan.startup.complete"})
        await receive()
        events.append("shutdown")
        await send({"type": "lifespan.shutdown.complete"})

    async with ASGITestClient(app).lifespan(timeout=0.01):
        assert events == []
        await aio_sleep(0.3)  # the startup completes while the block runs
    assert "no answer from the application within 0.01s" in caplog.text
    # The late startup answer is read before shutdown is sent.
    assert events == ["started", "shutdown"]


async def test_late_startup_failure_is_raised_on_exit():
    async def app(scope, receive, send):
        await receive()
        await aio_sleep(0.02)
        await send({"type": "lifespan.startup.failed", "message": "late"})

    async def run():
        async with ASGITestClient(app).lifespan(timeout=0.01):
            await aio_sleep(0.2)

    with pytest.raises(ASGILifespanError, match="late"):
        await run()


async def test_a_failing_shutdown_does_not_hide_the_error_of_the_block():
    async def app(scope, receive, send):
        await receive()
        await send({"type": "lifespan.startup.complete"})
        await receive()
        await send({"type": "lifespan.shutdown.failed", "message": "stuck"})

    async def run():
        async with ASGITestClient(app).lifespan():
            raise KeyError("from the test")

    with pytest.raises(KeyError, match="from the test"):
        await run()
