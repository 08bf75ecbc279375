"""asgi-app brings the whole bundle: every import path of the reference resolves to the same
objects as the package that owns them, and an App answers through the test client."""

from __future__ import annotations

import importlib

from _libs import run_everywhere

import asgi_app
import asgi_middlewares
import asgi_request
import asgi_responses
import asgi_router
import asgi_testclient
import asgi_tools
from asgi_tools import App, ResponseError, ResponseJSON
from asgi_tools.tests import ASGITestClient

OWNERS = {
    "App": asgi_app,
    "HTTPView": asgi_app,
    "Request": asgi_request,
    "ASGIError": asgi_request,
    "Response": asgi_responses,
    "ResponseJSON": asgi_responses,
    "ResponseError": asgi_responses,
    "ResponseWebSocket": asgi_responses,
    "parse_response": asgi_responses,
    "Router": asgi_router,
    "RequestMiddleware": asgi_middlewares,
    "LifespanMiddleware": asgi_middlewares,
    "StaticFilesMiddleware": asgi_middlewares,
    "BackgroundMiddleware": asgi_middlewares,
}
for name, owner in OWNERS.items():
    assert getattr(asgi_tools, name) is getattr(owner, name), f"asgi_tools.{name} is a copy"
assert ASGITestClient is asgi_testclient.ASGITestClient
assert asgi_tools.ResponseWebsocket is asgi_tools.ResponseWebSocket
assert importlib.import_module("asgi_tools.utils").aio_sleep is asgi_request.aio_sleep
for module in ("app", "request", "response", "middleware", "view", "errors", "types", "tests"):
    importlib.import_module(f"asgi_tools.{module}")

app = App()


@app.route("/users/{user:int}", methods=["PUT"])
async def update(request):  # type: ignore[no-untyped-def]
    if not request.headers.get("authorization"):
        raise ResponseError.UNAUTHORIZED()
    data = await request.json()
    return ResponseJSON(
        {"user": request.path_params["user"], "q": request.query.get("q"), "data": data}
    )


async def check() -> None:
    client = ASGITestClient(app)
    response = await client.put(
        "/users/42", query={"q": "x"}, json={"a": 1}, headers={"authorization": "token"}
    )
    assert response.status_code == 200
    assert await response.json() == {"user": 42, "q": "x", "data": {"a": 1}}
    response = await client.put("/users/42", json={})
    assert response.status_code == 401
    response = await client.put("/users/nope", json={})
    assert response.status_code == 404
    response = await client.get("/users/42")
    assert response.status_code == 405


run_everywhere(check)
