"""Mounting an App under a prefix of another App."""

from __future__ import annotations

from asgi_app import App, ResponseError


def make_child() -> App:
    child = App()

    @child.route("/")
    async def root(request):
        return {"path": request["path"], "root_path": request["root_path"]}

    @child.route("/items/{id:int}", name="item")
    async def item(request):
        return {"id": request.path_params["id"], "path": request["path"]}

    return child


async def test_mounted_app_routes_on_the_rest_of_the_path(app, client):
    app.route("/api")(make_child())
    response = await client.get("/api/items/5")
    assert await response.json() == {"id": 5, "path": "/api/items/5"}


async def test_mounted_app_root_and_root_path(app, client):
    # As the ASGI spec says: `path` stays the full path, `root_path` is the mount point.
    app.route("/api")(make_child())
    assert await (await client.get("/api")).json() == {"path": "/api", "root_path": "/api"}
    assert await (await client.get("/api/")).json() == {"path": "/api/", "root_path": "/api"}


async def test_mount_prefix_repeated_in_the_path(app, client):
    app.route("/api")(make_child())
    inner = App()

    @inner.route("/api/x")
    async def x(request):
        return "inner api x"

    app.route("/inner")(inner)
    assert (await client.get("/api/api/items/1")).status_code == 404
    assert await (await client.get("/inner/api/x")).text() == "inner api x"


async def test_nested_mounts(app, client):
    middle = App()
    middle.route("/v1")(make_child())
    app.route("/api")(middle)
    response = await client.get("/api/v1/items/2")
    assert await response.json() == {"id": 2, "path": "/api/v1/items/2"}
    assert app.url_for("item", id=2) == "/api/v1/items/2"


async def test_server_root_path_is_stripped_for_routing(app, drive, http_scope):
    # uvicorn --root-path /prefix sends path="/prefix/hello", root_path="/prefix"
    @app.route("/hello")
    async def hello(request):
        return "hello"

    sent = await drive(app, http_scope("/prefix/hello", root_path="/prefix"))
    assert sent[0]["status"] == 200
    sent = await drive(app, http_scope("/hello", root_path="/prefix"))
    assert sent[0]["status"] == 200  # a server that already stripped it
    sent = await drive(app, http_scope("/prefixhello", root_path="/prefix"))
    assert sent[0]["status"] == 404


async def test_parent_routes_still_answer(app, client):
    app.route("/api")(make_child())

    @app.route("/")
    async def index(request):
        return "parent"

    assert await (await client.get("/")).text() == "parent"


async def test_mount_does_not_match_a_longer_segment(app, client):
    app.route("/api")(make_child())
    assert (await client.get("/apix/items/5")).status_code == 404


async def test_child_404_goes_through_the_child_error_handlers(app, client):
    child = make_child()

    @child.on_error(ResponseError)
    async def not_found(request, error):
        return f"child {error.status_code}", error.status_code

    app.route("/api")(child)
    response = await client.get("/api/nope")
    assert response.status_code == 404
    assert await response.text() == "child 404"


async def test_url_for_of_mounted_app_has_its_prefix(app):
    child = make_child()
    app.route("/api")(child)
    assert child.url_for("item", id=3) == "/api/items/3"
    assert app.url_for("item", id=3) == "/api/items/3"


async def test_parent_middlewares_wrap_the_mounted_app(app, client):
    @app.middleware
    async def tag(app_, request, receive, send):
        response = await app_(request, receive, send)
        response.headers["x-parent"] = "1"
        return response

    app.route("/api")(make_child())
    response = await client.get("/api/items/1")
    assert response.headers["x-parent"] == "1"
