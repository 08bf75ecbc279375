"""asgi-testclient drives a Starlette app (Starlette lives only in this check's virtualenv)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from _libs import absent, run_everywhere
from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route

if TYPE_CHECKING:
    from starlette.requests import Request

from asgi_testclient import ASGITestClient

MISSING = ("asgi_app", "asgi_tools", "asgi_router", "asgi_middlewares")
assert absent(*MISSING) == list(MISSING), f"importable here: {set(MISSING) - set(absent(*MISSING))}"


async def hello(request: Request) -> PlainTextResponse:
    name = request.path_params["name"]
    return PlainTextResponse(f"Hello, {name}! ({request.query_params.get('lang', 'en')})")


async def echo(request: Request) -> JSONResponse:
    payload = await request.json()
    return JSONResponse(
        {"got": payload, "session": request.cookies.get("session")},
        headers={"x-seen": request.headers.get("x-client", "")},
    )


async def old(request: Request) -> RedirectResponse:
    return RedirectResponse("/hello/redirected", status_code=302)


app = Starlette(
    routes=[
        Route("/hello/{name}", hello),
        Route("/echo", echo, methods=["POST"]),
        Route("/old", old),
    ]
)


async def check() -> None:
    client = ASGITestClient(app)
    response = await client.get("/hello/ada", query="lang=fr")
    assert response.status_code == 200
    assert await response.text() == "Hello, ada! (fr)"

    response = await client.post(
        "/echo", json={"x": [1, 2]}, cookies={"session": "abc"}, headers={"x-client": "iso"}
    )
    assert response.status_code == 200
    assert response.headers["x-seen"] == "iso"
    assert await response.json() == {"got": {"x": [1, 2]}, "session": "abc"}

    response = await client.get("/old")
    assert response.status_code == 200
    assert await response.text() == "Hello, redirected! (en)"

    response = await client.get("/echo")
    assert response.status_code == 405
    response = await client.get("/nowhere")
    assert response.status_code == 404


# Starlette runs on anyio: asyncio and trio.
run_everywhere(check, ("asyncio", "trio"))
