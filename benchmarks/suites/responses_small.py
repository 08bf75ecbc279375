"""Build and send a small HTML response with one custom header."""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "starlette": "peers"}
UNIT = "ops/s"

BODY = "<h1>Hello, world!</h1>"
SCOPE = {"type": "http", "method": "GET", "path": "/", "headers": []}


def run(impl: str) -> float:
    from suites._timing import arate

    if impl == "ours":
        from asgi_responses import ResponseHTML as HTML
    elif impl == "asgi-tools":
        from asgi_tools import ResponseHTML as HTML
    else:
        from starlette.responses import HTMLResponse as HTML

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        pass

    async def work():
        response = HTML(BODY, headers={"x-custom": "1"})
        await response(SCOPE, receive, send)

    return arate(work)
