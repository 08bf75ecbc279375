"""One request through ResponseMiddleware(RequestMiddleware(RouterMiddleware)) to a handler
that reads a path param and returns text, against the same handler as a bare route:

- ``app``: a route of our App (issue 7's target: the stack costs at most 1.3x, so
  ours / app >= 0.77);
- ``bare``: a hand-written router-less ASGI function doing the same work (Request, path
  param, ResponseHTML, two sends): the floor;
- ``asgi-tools``: the same middleware stack from asgi-tools 3.2.1.
"""

from __future__ import annotations

IMPLS = {"ours": "ours", "app": "ours", "bare": "ours", "asgi-tools": "asgi-tools"}
UNIT = "req/s"

PATH = "/hello/world"


def _scope() -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": PATH,
        "raw_path": PATH.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


def _stack(module):
    router = module.RouterMiddleware()

    async def hello(request, receive, send):
        return f"Hello {request['path_params']['name']}"

    router.route("/hello/{name}")(hello)
    return module.ResponseMiddleware(module.RequestMiddleware(router))


def _app():
    from asgi_app import App

    app = App()

    @app.route("/hello/{name}")
    async def hello(request):
        return f"Hello {request['path_params']['name']}"

    return app


def _bare():
    from asgi_request import Request
    from asgi_responses import ResponseHTML

    prefix = "/hello/"

    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        path = request["path"]
        if path.startswith(prefix) and "/" not in path[len(prefix) :]:
            request["path_params"] = {"name": path[len(prefix) :]}
            response = ResponseHTML(f"Hello {request['path_params']['name']}")
        else:
            response = ResponseHTML("Not Found", status_code=404)
        await response(scope, receive, send)

    return app


def run(impl: str) -> float:
    import asyncio

    from suites._timing import arate

    if impl == "ours":
        import asgi_middlewares

        app = _stack(asgi_middlewares)
    elif impl == "asgi-tools":
        import asgi_tools

        app = _stack(asgi_tools)
    elif impl == "app":
        app = _app()
    else:
        app = _bare()

    sent: list = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    async def once():
        await app(_scope(), receive, send)

    asyncio.run(once())
    assert sent[0]["status"] == 200, (impl, sent)
    assert sent[1]["body"] == b"Hello world", (impl, sent)

    async def request():
        sent.clear()
        await app(_scope(), receive, send)

    return arate(request)
