"""The middlewares stacked, with paths decoded the way a server decodes them."""

from __future__ import annotations

import os
from urllib.parse import unquote

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


@pytest.fixture
def static_app(tmp_path, monkeypatch):
    static = tmp_path / "static"
    static.mkdir()
    (static / "app.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("SECRET")
    (static / "out.txt").symlink_to(os.path.join("..", "secret.txt"))
    monkeypatch.chdir(tmp_path)
    return StaticFilesMiddleware(ResponseText("app"), folders=["static"])


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
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
async def test_server_decoded_paths_never_reach_outside_the_folder(static_app, call, raw_path):
    # An ASGI server puts the percent-decoded path in scope["path"], once.
    res = await call(static_app, unquote(raw_path), raw_path=raw_path.encode())
    assert res.status == 404
    assert b"SECRET" not in res.body


@pytest.mark.parametrize("raw_path", ["/static/..%5csecret.txt", "/static/app.js%00.png"])
async def test_server_decoded_malformed_paths_are_400(static_app, call, raw_path):
    res = await call(static_app, unquote(raw_path), raw_path=raw_path.encode())
    assert res.status == 400


async def test_lifespan_state_reaches_handlers_through_the_whole_stack(call):
    async def handler(request, receive, send):
        return {"db": request.state["db"]}

    router = RouterMiddleware()
    router.route("/db")(handler)
    lifespan = LifespanMiddleware(ResponseMiddleware(RequestMiddleware(router)))

    @lifespan.on_startup
    async def connect(state):
        state["db"] = "ready"

    async with lifespan:
        res = await call(lifespan, "/db")
    assert res.body.replace(b" ", b"") == b'{"db":"ready"}'


async def test_stack_of_response_request_router_middlewares(call):
    router = RouterMiddleware()

    @router.route("/users/{id:int}", methods=["GET"])
    async def user(request, receive, send):
        return {"id": request.path_params["id"], "method": request.method}

    app = ResponseMiddleware(RequestMiddleware(router))
    res = await call(app, "/users/7")
    assert res.body.replace(b" ", b"") == b'{"id":7,"method":"GET"}'
    res = await call(app, "/users/7", "POST")
    assert res.status == 405
    assert res.headers["allow"] == "GET"
    assert (await call(app, "/nowhere")).status == 404


async def test_background_outside_response_middleware_runs_after_it_sent(call):
    events = []

    async def job():
        await aio_sleep(0)
        events.append("task")

    async def handler(scope, receive, send):
        BackgroundMiddleware.set_task(job())
        return "OK"

    res = await call(BackgroundMiddleware(ResponseMiddleware(handler)), "/")
    assert res.complete
    assert res.body == b"OK"
    assert events == ["task"]


async def test_websocket_passes_through_response_and_router_middlewares(make_scope):
    router = RouterMiddleware()

    @router.route("/ws")
    async def echo(scope, receive, send):
        async with ResponseWebSocket(scope, receive, send) as ws:
            msg = await ws.receive()
            await ws.send(f"echo {msg}")

    incoming = [
        {"type": "websocket.connect"},
        {"type": "websocket.receive", "text": "hi"},
    ]
    sent = []

    async def receive():
        if incoming:
            return incoming.pop(0)
        await aio_sleep(3600)  # pragma: no cover
        return {"type": "websocket.disconnect", "code": 1000}  # pragma: no cover

    async def send(message):
        sent.append(message)

    await ResponseMiddleware(router)(make_scope("/ws", scope_type="websocket"), receive, send)
    assert sent[0]["type"] == "websocket.accept"
    assert sent[1] == {"type": "websocket.send", "text": "echo hi"}
    assert sent[-1]["type"] == "websocket.close"
