"""The middlewares stacked and driven through asgi-testclient, as a user would test them."""

from __future__ import annotations

import os

import pytest

from asgi_middlewares import (
    BackgroundMiddleware,
    LifespanMiddleware,
    RequestMiddleware,
    ResponseMiddleware,
    RouterMiddleware,
    StaticFilesMiddleware,
)
from asgi_request import aio_sleep
from asgi_responses import ResponseText, ResponseWebSocket
from asgi_testclient import ASGITestClient


@pytest.fixture
def static_app(tmp_path, monkeypatch):
    static = tmp_path / "static"
    static.mkdir()
    (static / "app.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("SECRET")
    (static / "out.txt").symlink_to(os.path.join("..", "secret.txt"))
    monkeypatch.chdir(tmp_path)
    return StaticFilesMiddleware(ResponseText("app"), folders=["static"])


async def test_client_gets_a_static_file_with_caching_headers(static_app):
    client = ASGITestClient(static_app)
    res = await client.get("/static/app.js")
    assert res.status_code == 200
    assert await res.text() == "console.log(1)"
    again = await client.get("/static/app.js", headers={"if-none-match": res.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",  # the client decodes once, as a server does
        "/static/%2E%2E/secret.txt",
        "/static/%252e%252e/secret.txt",
        "/static/..%2fsecret.txt",
        "/static/%2e%2e%2fsecret.txt",
        "/static/..%252fsecret.txt",
        "/static/%2F..%2F..%2Fsecret.txt",
        "/static//" + "../" * 8 + "etc/passwd",
        "/static/out.txt",
    ],
)
async def test_client_never_reads_outside_the_folder(static_app, path):
    res = await ASGITestClient(static_app).get(path)
    assert res.status_code == 404
    assert "SECRET" not in await res.text()


@pytest.mark.parametrize("path", ["/static/..%5csecret.txt", "/static/app.js%00.png"])
async def test_client_malformed_static_paths_are_400(static_app, path):
    res = await ASGITestClient(static_app).get(path)
    assert res.status_code == 400


async def test_client_lifespan_state_reaches_every_request():
    async def handler(request, receive, send):
        return {"db": request.state["db"]}

    router = RouterMiddleware()
    router.route("/db")(handler)
    app = lifespan = LifespanMiddleware(ResponseMiddleware(RequestMiddleware(router)))

    @lifespan.on_startup
    async def connect(state):
        state["db"] = "ready"

    client = ASGITestClient(app)
    async with client.lifespan():
        res = await client.get("/db")
        assert await res.json() == {"db": "ready"}


async def test_client_lifespan_startup_failure_is_reported():
    def broken():
        raise RuntimeError("no database")

    client = ASGITestClient(LifespanMiddleware(on_startup=broken))
    with pytest.raises(Exception, match="no database"):
        async with client.lifespan():
            pass  # pragma: no cover


async def test_client_stack_of_response_request_router_middlewares():
    router = RouterMiddleware()

    @router.route("/users/{id:int}", methods=["GET"])
    async def user(request, receive, send):
        return {"id": request.path_params["id"], "method": request.method}

    client = ASGITestClient(ResponseMiddleware(RequestMiddleware(router)))
    res = await client.get("/users/7")
    assert await res.json() == {"id": 7, "method": "GET"}
    res = await client.post("/users/7")
    assert res.status_code == 405
    assert res.headers["allow"] == "GET"
    assert (await client.get("/nowhere")).status_code == 404


async def test_client_background_task_runs_after_the_response():
    events = []

    async def job():
        await aio_sleep(0)
        events.append("task")

    async def app(scope, receive, send):
        BackgroundMiddleware.set_task(job())
        await ResponseText("OK")(scope, receive, send)
        events.append("sent")

    client = ASGITestClient(BackgroundMiddleware(app))
    res = await client.get("/")
    assert await res.text() == "OK"
    assert events[:1] == ["sent"]


async def test_client_websocket_passes_through_response_and_router_middlewares():
    router = RouterMiddleware()

    @router.route("/ws")
    async def echo(scope, receive, send):
        async with ResponseWebSocket(scope, receive, send) as ws:
            msg = await ws.receive()
            await ws.send(f"echo {msg}")

    client = ASGITestClient(ResponseMiddleware(router))
    async with client.websocket("/ws") as ws:
        await ws.send("hi")
        assert await ws.receive() == "echo hi"
