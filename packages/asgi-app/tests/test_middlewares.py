"""App.middleware: internal (request -> response) and classic ASGI middlewares."""

from __future__ import annotations

import logging

import pytest

from asgi_app import App, Request, ResponseError
from asgi_testclient import ASGITestClient


@pytest.fixture
def hello_app(app):
    @app.route("/")
    async def index(request):
        return "hello"

    return app


async def test_internal_middleware_gets_and_returns_a_response(hello_app, client):
    @hello_app.middleware
    async def simple_middleware(app, request, receive, send):
        response = await app(request, receive, send)
        response.headers["x-agent"] = "SimpleX"
        return response

    response = await client.get("/")
    assert response.headers["x-agent"] == "SimpleX"
    assert await response.text() == "hello"


async def test_internal_middleware_gets_error_responses_too(app, client):
    statuses = []

    @app.middleware
    async def record(app_, request, receive, send):
        response = await app_(request, receive, send)
        statuses.append(response.status_code)
        return response

    await client.get("/missing")
    assert statuses == [404]


async def test_middleware_returns_what_it_registers(app):
    async def md(app_, request, receive, send):
        return await app_(request, receive, send)

    def classic(app_):
        return app_

    assert app.middleware(md) is md
    assert app.middleware(classic) is classic


async def test_internal_middlewares_run_in_registration_order(hello_app, client):
    order = []

    def make(name):
        async def md(app_, request, receive, send):
            order.append(name)
            return await app_(request, receive, send)

        return md

    hello_app.middleware(make("first"))
    hello_app.middleware(make("second"))
    hello_app.middleware(make("outermost"), insert_first=True)
    await client.get("/")
    assert order == ["outermost", "first", "second"]


async def test_classic_middleware_wraps_the_app(hello_app, client):
    @hello_app.middleware
    def classic_middleware(app):
        async def handler(scope, receive, send):
            if not Request(scope, receive, send).headers.get("authorization"):
                response = ResponseError.UNAUTHORIZED()
                await response(scope, receive, send)
            else:
                await app(scope, receive, send)

        return handler

    assert (await client.get("/")).status_code == 401
    response = await client.get("/", headers={"authorization": "token"})
    assert response.status_code == 200


async def test_classic_middlewares_order_and_insert_first(hello_app, client):
    order = []

    def make(name):
        def factory(app_):
            async def md(scope, receive, send):
                order.append(name)
                await app_(scope, receive, send)

            return md

        return factory

    hello_app.middleware(make("a"))
    hello_app.middleware(make("b"))
    hello_app.middleware(make("first"), insert_first=True)
    await client.get("/")
    assert order == ["first", "a", "b"]


async def test_error_in_middleware_skips_on_error_and_is_a_plain_500(hello_app, client, caplog):
    called = []

    @hello_app.on_error(Exception)
    async def handler(request, error):
        called.append(error)
        return "handled"

    @hello_app.middleware
    async def broken(app_, request, receive, send):
        raise RuntimeError("middleware broke")

    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        response = await client.get("/")
    assert response.status_code == 500
    assert called == []
    assert any("middleware broke" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


async def test_error_in_middleware_is_raised_in_debug_mode():
    app = App(debug=True)

    @app.middleware
    async def broken(app_, request, receive, send):
        raise RuntimeError("middleware broke")

    with pytest.raises(RuntimeError, match="middleware broke"):
        await ASGITestClient(app).get("/")


async def test_response_error_raised_by_middleware_is_its_response(hello_app, client):
    @hello_app.middleware
    async def auth(app_, request, receive, send):
        if "authorization" not in request.headers:
            raise ResponseError.UNAUTHORIZED()
        return await app_(request, receive, send)

    assert (await client.get("/")).status_code == 401
    assert (await client.get("/", headers={"authorization": "x"})).status_code == 200


async def test_middleware_rejects_what_is_not_callable(app):
    with pytest.raises(TypeError):
        app.middleware("not a middleware")


async def test_error_in_classic_middleware_is_a_plain_500(hello_app, client, caplog):
    @hello_app.middleware
    def broken(app_):
        async def md(scope, receive, send):
            raise RuntimeError("classic broke")

        return md

    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        response = await client.get("/")
    assert response.status_code == 500
    assert any("classic broke" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


async def test_error_in_classic_middleware_is_raised_in_debug_mode():
    app = App(debug=True)

    @app.middleware
    def broken(app_):
        async def md(scope, receive, send):
            raise RuntimeError("classic broke")

        return md

    with pytest.raises(RuntimeError, match="classic broke"):
        await ASGITestClient(app).get("/")


async def test_classic_middleware_error_on_websocket_closes_with_1011(app, drive, websocket_scope):
    @app.middleware
    def broken(app_):
        async def md(scope, receive, send):
            raise RuntimeError("classic broke")

        return md

    sent = await drive(app, websocket_scope("/ws"), [{"type": "websocket.connect"}])
    assert sent == [{"type": "websocket.close", "code": 1011}]
