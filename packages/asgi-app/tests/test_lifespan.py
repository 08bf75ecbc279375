"""App lifespan: startup/shutdown handlers and the lifespan state."""

from __future__ import annotations

import pytest

from asgi_app import App
from asgi_testclient import ASGITestClient


async def test_startup_and_shutdown_handlers_run(app, client):
    events = []

    @app.on_startup
    async def start():
        events.append("start")

    @app.on_shutdown
    def stop():
        events.append("stop")

    async with client.lifespan():
        assert events == ["start"]
    assert events == ["start", "stop"]


async def test_on_startup_returns_the_function(app):
    async def start():
        pass

    assert app.on_startup(start) is start
    assert app.on_shutdown(start) is start


async def test_state_set_at_startup_is_in_requests(app, client):
    @app.on_startup
    async def start(state):
        state["db"] = "connected"

    @app.route("/")
    async def index(request):
        return {"db": request.state["db"]}

    async with client.lifespan():
        response = await client.get("/")
        assert await response.json() == {"db": "connected"}


async def test_request_state_is_a_copy_per_request(app, client):
    @app.on_startup
    def start(state):
        state["counter"] = 0

    @app.route("/")
    async def index(request):
        request.state["counter"] += 1
        return request.state["counter"]

    async with client.lifespan():
        assert await (await client.get("/")).json() == 1
        assert await (await client.get("/")).json() == 1


async def test_request_state_is_empty_without_lifespan(app, client):
    @app.route("/")
    async def index(request):
        return dict(request.state)

    assert await (await client.get("/")).json() == {}


async def test_failing_startup_is_reported(client):
    app = App()

    @app.on_startup
    async def start():
        raise RuntimeError("no database")

    with pytest.raises(Exception, match="no database"):
        async with ASGITestClient(app).lifespan():
            pass


async def test_lifespan_is_usable_as_an_async_context_manager(app):
    events = []
    app.on_startup(lambda: events.append("start"))
    app.on_shutdown(lambda: events.append("stop"))
    async with app.lifespan:
        assert events == ["start"]
    assert events == ["start", "stop"]
