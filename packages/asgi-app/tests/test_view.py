"""HTTPView: one class per resource, dispatched by method."""

from __future__ import annotations

import pytest

from asgi_app import HTTPView, Request, ResponseError


async def test_view_dispatches_by_method(app, client):
    @app.route("/custom")
    class CustomEndpoint(HTTPView):
        async def get(self, request):
            return "Hello from GET"

        async def post(self, request):
            return "Hello from POST"

    assert await (await client.get("/custom")).text() == "Hello from GET"
    assert await (await client.post("/custom")).text() == "Hello from POST"


async def test_view_route_returns_the_class(app):
    class View(HTTPView):
        async def get(self, request):
            return "x"

    assert app.route("/v")(View) is View


async def test_view_answers_405_with_allow_for_other_methods(app, client):
    @app.route("/custom")
    class CustomEndpoint(HTTPView):
        async def get(self, request):
            return "get"

        async def post(self, request):
            return "post"

    response = await client.put("/custom")
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}


async def test_view_gets_path_params(app, client):
    @app.route("/users/{id:int}")
    class User(HTTPView):
        async def get(self, request):
            return {"id": request.path_params["id"]}

    assert await (await client.get("/users/9")).json() == {"id": 9}


async def test_view_head_falls_back_to_get(app, client):
    @app.route("/page")
    class Page(HTTPView):
        async def get(self, request):
            return "page"

    response = await client.head("/page")
    assert response.status_code == 200
    assert await response.body() == b""


async def test_calling_the_class_with_a_request_dispatches(http_scope):
    class View(HTTPView):
        async def get(self, request, **opts):
            return ("get", opts)

    request = Request(http_scope("/", "GET"))
    assert await View(request, extra=1) == ("get", {"extra": 1})


async def test_calling_the_class_with_an_unknown_method_raises_405(http_scope):
    class View(HTTPView):
        async def get(self, request):
            return "get"

    with pytest.raises(ResponseError) as info:
        View(Request(http_scope("/", "DELETE")))
    assert info.value.status_code == 405
    assert "GET" in info.value.headers["allow"]


async def test_view_never_dispatches_to_non_http_attributes(http_scope):
    class View(HTTPView):
        async def get(self, request):
            return "get"

    with pytest.raises(ResponseError):
        View(Request(http_scope("/", "ALLOWED_METHODS")))


async def test_view_sync_methods_are_served_like_sync_handlers(app, client):
    @app.route("/mixed")
    class Mixed(HTTPView):
        def get(self, request):
            return "sync get"

        async def post(self, request):
            return "async post"

    res = await client.get("/mixed")
    assert res.status_code == 200
    assert await res.text() == "sync get"
    assert await (await client.post("/mixed")).text() == "async post"


async def test_calling_the_class_with_a_sync_method_still_gives_an_awaitable(http_scope):
    class View(HTTPView):
        def get(self, request):
            return "sync"

    assert await View(Request(http_scope("/", "GET"))) == "sync"
