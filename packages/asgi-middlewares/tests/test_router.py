"""RouterMiddleware: the reference example, params, fallback, 405."""

from __future__ import annotations

import re

import pytest

from asgi_middlewares import RouterMiddleware
from asgi_responses import ResponseError, ResponseHTML
from asgi_router import Router


@pytest.fixture
def reference_app():
    async def default_app(scope, receive, send):
        response = ResponseError.NOT_FOUND()
        await response(scope, receive, send)

    app = router = RouterMiddleware(default_app)

    @router.route("/status", "/stat")
    async def status(scope, receive, send):
        response = ResponseHTML("STATUS OK")
        await response(scope, receive, send)

    @router.route("/only-post", methods=["POST"])
    async def only_post(scope, receive, send):
        response = ResponseHTML("POST OK")
        await response(scope, receive, send)

    @router.route(re.compile(r"/\d+/?"))
    async def num(scope, receive, send):
        num = int(scope["path"].strip("/"))
        response = ResponseHTML(f"Number {num}")
        await response(scope, receive, send)

    @router.route("/hello/{name}")
    async def hello(scope, receive, send):
        name = scope["path_params"]["name"]
        response = ResponseHTML(f"Hello {name.title()}")
        await response(scope, receive, send)

    @router.route(r"/multiply/{first:\d+}/{second:\d+}")
    async def multiply(scope, receive, send):
        first, second = map(int, scope["path_params"].values())
        response = ResponseHTML(str(first * second))
        await response(scope, receive, send)

    return app


@pytest.mark.parametrize(
    ("method", "path", "status", "body"),
    [
        ("GET", "/status", 200, b"STATUS OK"),
        ("GET", "/stat", 200, b"STATUS OK"),
        ("POST", "/only-post", 200, b"POST OK"),
        ("GET", "/42", 200, b"Number 42"),
        ("GET", "/42/", 200, b"Number 42"),
        ("GET", "/hello/mike", 200, b"Hello Mike"),
        ("GET", "/multiply/3/7", 200, b"21"),
        ("GET", "/unknown", 404, None),
        ("GET", "/multiply/3/x", 404, None),
    ],
)
async def test_router_reference_example(reference_app, call, method, path, status, body):
    res = await call(reference_app, path, method)
    assert res.status == status
    if body is not None:
        assert res.body == body


async def test_router_answers_405_with_allow_when_only_the_method_is_wrong(reference_app, call):
    res = await call(reference_app, "/only-post", "GET")
    assert res.status == 405
    assert res.headers["allow"] == "POST"


async def test_router_falls_back_to_the_wrapped_app(call):
    async def fallback(scope, receive, send):
        await ResponseHTML(f"fallback {scope['path_params']}")(scope, receive, send)

    router = RouterMiddleware(fallback)
    router.route("/known")(fallback)
    res = await call(router, "/missing")
    assert res.body == b"fallback {}"


async def test_router_without_app_answers_404(call):
    assert (await call(RouterMiddleware(), "/nothing")).status == 404


async def test_router_puts_converted_params_in_the_scope(call):
    seen = []
    router = RouterMiddleware()

    @router.route("/items/{id:int}/{slug}")
    async def item(scope, receive, send):
        seen.append(scope["path_params"])
        await ResponseHTML("ok")(scope, receive, send)

    await call(router, "/items/12/blue")
    assert seen == [{"id": 12, "slug": "blue"}]


async def test_router_uses_a_given_router(call):
    custom = Router()
    router = RouterMiddleware(router=custom)

    @router.route("/given")
    async def given(scope, receive, send):
        await ResponseHTML("given")(scope, receive, send)

    assert router.router is custom
    assert (await call(router, "/given")).body == b"given"


async def test_router_routes_websocket_scopes(make_scope, exchange):
    router = RouterMiddleware()

    @router.route("/ws")
    async def ws(scope, receive, send):
        await send({"type": "websocket.accept"})

    await router(make_scope("/ws", scope_type="websocket"), None, exchange.send)
    assert exchange.messages == [{"type": "websocket.accept"}]


async def test_router_routes_the_path_below_root_path(call):
    router = RouterMiddleware()

    @router.route("/users")
    async def users(scope, receive, send):
        await ResponseHTML("users")(scope, receive, send)

    res = await call(router, "/api/users", root_path="/api")
    assert res.body == b"users"


@pytest.mark.parametrize(
    ("host", "body"),
    [
        ("api.example.com", b"api"),
        ("API.Example.com:8443", b"api"),
        ("www.example.com", b"site"),
        ("[::1]:8000", b"loopback"),
    ],
)
async def test_router_with_hosts_matches_the_host_header_without_case_or_port(call, host, body):
    router = RouterMiddleware(use_hosts=True)

    def answer(text):
        async def app(scope, receive, send):
            await ResponseHTML(text)(scope, receive, send)

        return app

    router.route("/", host="api.example.com")(answer("api"))
    router.route("/", host="[::1]")(answer("loopback"))
    router.route("/")(answer("site"))
    assert (await call(router, "/", headers=[("host", host)])).body == body
