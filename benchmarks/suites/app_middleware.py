"""App with one internal middleware (adds a header) and an on_error page for 404s.

The same asgi-tools code runs against our ``asgi_tools`` (asgi-app) and asgi-tools 3.2.1;
Starlette does the same with a pure-ASGI middleware and an exception handler. Each call
alternates a hit (GET /hello/{name}) and a miss (GET /missing -> custom 404 page).
"""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "starlette": "peers"}
UNIT = "req/s"


def _asgi_tools_app():  # type: ignore[no-untyped-def]
    from asgi_tools import App, ResponseError

    app = App()

    @app.middleware
    async def agent(handler, request, receive, send):  # type: ignore[no-untyped-def]
        response = await handler(request, receive, send)
        response.headers["x-agent"] = "bench"
        return response

    @app.on_error(ResponseError)
    async def pages(request, error):  # type: ignore[no-untyped-def]
        if error.status_code == 404:
            return ResponseError("no such page", 404)
        return error

    @app.route("/hello/{name}")
    async def hello(request):  # type: ignore[no-untyped-def]
        return f"Hello {request.path_params['name']}"

    return app


def _starlette_app():  # type: ignore[no-untyped-def]
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, PlainTextResponse
    from starlette.routing import Route

    async def hello(request):  # type: ignore[no-untyped-def]
        return HTMLResponse(f"Hello {request.path_params['name']}")

    async def not_found(request, exc):  # type: ignore[no-untyped-def]
        return PlainTextResponse("no such page", status_code=404)

    class Agent:
        def __init__(self, app):  # type: ignore[no-untyped-def]
            self.app = app

        async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
            async def send_with_agent(message):  # type: ignore[no-untyped-def]
                if message["type"] == "http.response.start":
                    message["headers"] = [*message["headers"], (b"x-agent", b"bench")]
                await send(message)

            await self.app(scope, receive, send_with_agent)

    app = Starlette(routes=[Route("/hello/{name}", hello)], exception_handlers={404: not_found})
    app.add_middleware(Agent)
    return app


def run(impl: str) -> float:
    import asyncio

    from suites._timing import arate_here

    app = _starlette_app() if impl == "starlette" else _asgi_tools_app()

    def scope(path: str) -> dict:  # type: ignore[type-arg]
        return {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
            "root_path": "", "path": path, "raw_path": path.encode(), "query_string": b"",
            "headers": [(b"host", b"127.0.0.1:8000")], "state": {},
        }  # fmt: skip

    hit, miss = scope("/hello/bench"), scope("/missing")
    request = {"type": "http.request", "body": b"", "more_body": False}
    sent: list = []  # type: ignore[type-arg]

    async def receive():  # type: ignore[no-untyped-def]
        return request

    async def record(message):  # type: ignore[no-untyped-def]
        sent.append(message)

    async def drop(message):  # type: ignore[no-untyped-def]
        pass

    async def check() -> None:
        for target, status, body in ((hit, 200, b"Hello bench"), (miss, 404, b"no such page")):
            sent.clear()
            await app(dict(target), receive, record)
            start = sent[0]
            assert start["status"] == status, start
            if target is hit:  # asgi-tools 3.2.1 answers errors outside its middlewares
                assert (b"x-agent", b"bench") in [tuple(h) for h in start["headers"]], start
            assert b"".join(m.get("body", b"") for m in sent[1:]) == body, sent

    async def one() -> None:
        await app(hit.copy(), receive, drop)
        await app(miss.copy(), receive, drop)

    async def main() -> float:
        await check()
        return 2 * await arate_here(one)

    return asyncio.run(main())
