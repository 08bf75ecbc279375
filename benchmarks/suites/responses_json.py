"""Build and send a small JSON response (what an API handler returns)."""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "starlette": "peers"}
UNIT = "ops/s"

DATA = {"id": 42, "name": "Rocky", "tags": ["a", "b"], "active": True, "score": 9.5}
SCOPE = {"type": "http", "method": "GET", "path": "/", "headers": []}


def run(impl: str) -> float:
    from suites._timing import arate

    if impl == "ours":
        from asgi_responses import ResponseJSON as ResponseClass
    elif impl == "asgi-tools":
        from asgi_tools import ResponseJSON as ResponseClass
    else:
        from starlette.responses import JSONResponse as ResponseClass

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        pass

    async def work():
        response = ResponseClass(DATA)
        await response(SCOPE, receive, send)

    return arate(work)
