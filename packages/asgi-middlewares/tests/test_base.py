"""BaseMiddleware: scope types, setup(), bind() and the default app."""

from __future__ import annotations

from asgi_middlewares import BaseMiddleware, StaticFilesMiddleware


class Tagging(BaseMiddleware):
    scopes = ("http",)

    async def __process__(self, scope, receive, send):
        scope["tagged"] = True
        await self.app(scope, receive, send)


async def test_base_middleware_processes_only_its_scope_types(make_scope):
    seen = []

    async def app(scope, receive, send):
        seen.append(scope.get("tagged", False))

    md = Tagging(app)
    await md(make_scope(), None, None)
    await md(make_scope(scope_type="websocket"), None, None)
    assert seen == [True, False]


async def test_base_middleware_without_app_answers_404(call):
    res = await call(Tagging(), "/anything")
    assert res.status == 404


async def test_default_app_closes_websockets_instead_of_answering_http(make_scope, exchange):
    class Passing(BaseMiddleware):
        async def __process__(self, scope, receive, send):
            await self.app(scope, receive, send)

    await Passing()(make_scope("/ws", scope_type="websocket"), None, exchange.send)
    assert exchange.messages == [{"type": "websocket.close", "code": 1000}]


async def test_bind_swaps_the_wrapped_app_and_returns_the_middleware(call):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    md = Tagging()
    assert md.bind(app) is md
    assert (await call(md, "/")).status == 204


def test_setup_configures_without_an_app(tmp_path):
    factory = StaticFilesMiddleware.setup(url_prefix="/assets", folders=[tmp_path])
    md = factory(None)
    assert isinstance(md, StaticFilesMiddleware)
    assert md.url_prefix == "/assets"
    assert md.folders == [tmp_path.resolve()]
