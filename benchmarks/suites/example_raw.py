"""A sanity suite for the harness itself: a raw ASGI call, in our env and a peer env."""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools"}
UNIT = "calls/s"


def run(impl: str) -> float:
    from suites._timing import arate

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        pass

    scope = {"type": "http", "method": "GET", "path": "/"}
    return arate(lambda: app(scope, receive, send))
