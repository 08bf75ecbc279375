"""Build and send a small HTML response with one custom header."""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "starlette": "peers"}
UNIT = "ops/s"

BODY = "<h1>Hello, world!</h1>"
SCOPE = {"type": "http", "method": "GET", "path": "/", "headers": []}


def run(impl: str) -> float:
    from suites._timing import arate

    if impl == "ours":
        from asgi_responses import ResponseHTML as ResponseClass
    elif impl == "asgi-tools":
        from asgi_tools import ResponseHTML as ResponseClass
    else:
        from starlette.responses import HTMLResponse as ResponseClass

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        pass

    async def work():
        response = ResponseClass(BODY, headers={"x-custom": "1"})
        await response(SCOPE, receive, send)

    return arate(work)
