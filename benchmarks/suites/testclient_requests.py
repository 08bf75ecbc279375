"""Sequential GET requests through each test client against the same trivial raw ASGI app."""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "httpx": "peers", "starlette": "peers"}
UNIT = "req/s"


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"2")],
        }
    )
    await send({"type": "http.response.body", "body": b"OK"})


def run(impl: str) -> float:
    from suites._timing import arate, rate

    if impl == "starlette":
        from starlette.testclient import TestClient

        client = TestClient(app)  # no lifespan: the app has none
        return rate(lambda: client.get("/").content)

    if impl == "httpx":
        import httpx

        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")

        async def one() -> bytes:
            return (await client.get("/")).content

        return arate(one)

    if impl == "asgi-tools":
        from asgi_tools.tests import ASGITestClient as Client
    else:
        from asgi_testclient import ASGITestClient as Client

    client = Client(app)

    async def request() -> bytes:
        return await (await client.get("/")).body()

    return arate(request)
