"""App serves plain HTTP inline (one flag read) and everything else through `_process`.

The inline path must answer exactly what the general path answers, and every setting that
takes an app off it (debug, host routes, middlewares), even when changed after requests were
served, must take effect on the next request.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from asgi_app import App
from asgi_responses import ResponseError, ResponseHTML


def build(**options: Any) -> App:
    """An app with one route per kind of outcome the inline path handles."""
    app = App(**options)

    @app.route("/text")
    async def text(request):
        return "hello"

    @app.route("/html")
    async def html(request):
        return ResponseHTML("<b>ok</b>", headers={"x-a": "1", "x-b": "é"})

    @app.route("/json/{id:int}")
    async def json(request):
        scope = request.scope
        return {
            "params": request.path_params,
            "app": scope["app"] is app,
            "endpoint": scope["endpoint"] is json,
            "state": sorted(request.state),
        }

    @app.route("/sync")
    def sync(request):
        return 201, "created"

    @app.route("/raise")
    async def fail(request):
        raise ValueError("boom")

    @app.route("/missing")
    async def missing(request):
        raise ResponseError.NOT_FOUND()

    @app.route("/post", methods=["POST"])
    async def post(request):
        return "posted"

    @app.route("/bad-header")
    async def bad_header(request):
        return ResponseHTML("x", headers={"x-a": "1\r\nset-cookie: a=b"})

    @app.route("/object")
    async def other(request):
        return 3.5

    @app.on_startup
    def startup(state):
        state["db"] = "ready"

    return app


async def general_path_app_passthrough(app: App) -> App:
    async def passthrough(handler, request, receive, send):
        return await handler(request, receive, send)

    app.middleware(passthrough)
    return app


REQUESTS = [
    ("GET", "/text", {}),
    ("HEAD", "/text", {}),
    ("GET", "/html", {}),
    ("HEAD", "/html", {}),
    ("GET", "/json/42", {}),
    ("GET", "/json/42", {"state": {"db": "server"}}),
    ("GET", "/json/x", {}),
    ("GET", "/sync", {}),
    ("GET", "/raise", {}),
    ("GET", "/missing", {}),
    ("GET", "/post", {}),
    ("HEAD", "/post", {}),
    ("POST", "/post", {}),
    ("GET", "/nowhere", {}),
    ("GET", "/bad-header", {}),
    ("GET", "/object", {}),
    ("GET", "/api/text", {"root_path": "/api"}),
    ("GET", "/api", {"root_path": "/api"}),
    ("GET", "/apitext", {"root_path": "/api"}),
    ("GET", "/json/7", {"root_path": "/elsewhere"}),
]


@pytest.mark.parametrize("general", ["use_hosts", "middleware"])
@pytest.mark.parametrize(("method", "path", "extra"), REQUESTS)
async def test_inline_path_answers_what_the_general_path_answers(
    drive, http_scope, general, method, path, extra
):
    inline = build()
    if general == "use_hosts":
        other = build(use_hosts=True)
    else:
        other = await general_path_app_passthrough(build())
    assert inline._fast
    assert not other._fast
    answers = []
    for app in (inline, other):
        scope = http_scope(path, method, **extra)
        sent = await drive(app, scope)
        answers.append((sent, scope.get("path_params"), scope.get("app") is app))
    assert answers[0] == answers[1]
    assert answers[0][2]


async def test_debug_turned_on_after_requests_raises_then_off_answers_500(drive, http_scope):
    app = build()
    sent = await drive(app, http_scope("/raise"))
    assert sent[0]["status"] == 500
    app.debug = True
    assert app.debug
    with pytest.raises(ValueError, match="boom"):
        await drive(app, http_scope("/raise"))
    app.debug = False
    sent = await drive(app, http_scope("/raise"))
    assert sent[0]["status"] == 500


async def test_debug_logs_each_match_even_when_set_after_creation(drive, http_scope, caplog):
    logger = logging.getLogger("asgi-app-fast-path-test")
    app = App(logger=logger)

    @app.route("/")
    async def index(request):
        return "ok"

    await drive(app, http_scope("/"))
    app.debug = True
    with caplog.at_level(logging.DEBUG, logger=logger.name):
        sent = await drive(app, http_scope("/"))
    assert sent[1]["body"] == b"ok"
    assert any("GET / ->" in record.getMessage() for record in caplog.records)


async def test_host_route_added_after_requests_is_matched_by_host(drive, http_scope):
    app = build()
    assert (await drive(app, http_scope("/text")))[0]["status"] == 200

    @app.route("/only-here", host="example.com")
    async def only_here(request):
        return "here"

    here = http_scope("/only-here", headers=[(b"host", b"Example.com:8080")])
    elsewhere = http_scope("/only-here", headers=[(b"host", b"other.org")])
    assert (await drive(app, here))[1]["body"] == b"here"
    assert (await drive(app, elsewhere))[0]["status"] == 404
    assert (await drive(app, http_scope("/text")))[1]["body"] == b"hello"


async def test_middleware_added_after_requests_runs_on_the_next_one(drive, http_scope):
    app = build()
    first = await drive(app, http_scope("/text"))
    assert (b"x-md", b"1") not in first[0]["headers"]

    @app.middleware
    async def mark(handler, request, receive, send):
        response = await handler(request, receive, send)
        response.headers["x-md"] = "1"
        return response

    second = await drive(app, http_scope("/text"))
    assert (b"x-md", b"1") in second[0]["headers"]
    assert second[1]["body"] == b"hello"


async def test_lifespan_state_is_copied_into_each_scope_without_state(drive, http_scope):
    app = build()
    async with app.lifespan:
        scope = http_scope("/json/1")
        sent = await drive(app, scope)
    assert b'"state":["db"]' in sent[1]["body"].replace(b" ", b"")
    assert scope["state"] == {"db": "ready"}
    assert scope["state"] is not app.lifespan.state


async def test_static_route_gets_its_endpoint_and_a_fresh_params_dict_each_time(drive, http_scope):
    app = App()
    seen = []

    @app.route("/static-path", methods=["GET"])
    async def handler(request):
        request.path_params["leak"] = True  # a handler may change its params
        seen.append(request.scope["endpoint"])
        return "ok"

    first, second = http_scope("/static-path"), http_scope("/static-path")
    await drive(app, first)
    await drive(app, second)
    assert seen == [handler, handler]
    assert first["path_params"] is not second["path_params"]


async def test_router_replaced_after_creation_serves_its_static_routes(drive, http_scope):
    from asgi_router import Router

    app = App()

    @app.route("/old")
    async def old(request):
        return "old"

    router = Router()
    app.router = router

    @app.route("/new")
    async def new(request):
        return "new"

    assert app._fast
    sent = await drive(app, http_scope("/new"))
    assert (sent[0]["status"], sent[1]["body"]) == (200, b"new")
    sent = await drive(app, http_scope("/old"))
    assert sent[0]["status"] == 404
