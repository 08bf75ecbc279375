"""asgi-testclient on its own drives a bare ASGI callable; App, router, middlewares absent."""

from __future__ import annotations

import json

from _libs import absent, run_everywhere

from asgi_testclient import ASGITestClient

MISSING = ("asgi_app", "asgi_tools", "asgi_router", "asgi_middlewares", "asgi_responses")
assert absent(*MISSING) == list(MISSING), f"importable here: {set(MISSING) - set(absent(*MISSING))}"

EVENTS: list[str] = []


async def app(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                EVENTS.append("startup")
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                EVENTS.append("shutdown")
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
    if scope["path"] == "/missing":
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"not here"})
        return
    answer = {
        "method": scope["method"],
        "path": scope["path"],
        "query": scope["query_string"].decode(),
        "token": headers.get("x-token"),
        "cookie": headers.get("cookie"),
        "body": body.decode(),
    }
    await send(
        {
            "type": "http.response.start",
            "status": 201,
            "headers": [(b"content-type", b"application/json"), (b"x-served-by", b"bare")],
        }
    )
    await send({"type": "http.response.body", "body": json.dumps(answer).encode()})


async def check() -> None:
    EVENTS.clear()
    client = ASGITestClient(app)
    async with client.lifespan():
        assert EVENTS == ["startup"]
        response = await client.put(
            "/things/7",
            query={"page": "3"},
            headers={"x-token": "t0k"},
            cookies={"sid": "abc"},
            json={"n": 1},
        )
        assert response.status_code == 201
        assert response.headers["x-served-by"] == "bare"
        data = await response.json()
        assert data["method"] == "PUT"
        assert data["path"] == "/things/7"
        assert data["query"] == "page=3"
        assert data["token"] == "t0k"
        assert "sid=abc" in data["cookie"]
        assert json.loads(data["body"]) == {"n": 1}

        missing = await client.get("/missing")
        assert missing.status_code == 404
        assert await missing.text() == "not here"
    assert EVENTS == ["startup", "shutdown"]


run_everywhere(check)
