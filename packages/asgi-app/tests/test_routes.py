"""Routing through App: handlers, params, methods, results, reverse URLs, hosts."""

from __future__ import annotations

import pytest

from asgi_app import App, ResponseText
from asgi_testclient import ASGITestClient


async def test_async_handler_result_is_sent_as_html(app, client):
    @app.route("/")
    async def index(request):
        return "<b>OK</b>"

    response = await client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert await response.text() == "<b>OK</b>"


async def test_sync_handler_is_called(app, client):
    @app.route("/sync")
    def sync(request):
        return {"sync": True}

    response = await client.get("/sync")
    assert await response.json() == {"sync": True}


async def test_route_returns_the_decorated_function(app):
    async def handler(request):
        return "x"

    assert app.route("/x")(handler) is handler


async def test_path_params_are_converted_and_in_request(app, client):
    @app.route("/users/{user:int}/posts/{slug}")
    async def post(request):
        return {"user": request.path_params["user"], "slug": request["path_params"]["slug"]}

    response = await client.get("/users/42/posts/hello")
    assert await response.json() == {"user": 42, "slug": "hello"}


async def test_several_paths_share_one_handler(app, client):
    @app.route("/status", "/stat")
    async def status(request):
        return "STATUS OK"

    assert await (await client.get("/status")).text() == "STATUS OK"
    assert await (await client.get("/stat")).text() == "STATUS OK"


async def test_unknown_path_is_404(app, client):
    response = await client.get("/missing")
    assert response.status_code == 404


async def test_wrong_method_is_405_with_allow(app, client):
    @app.route("/only-post", methods=["POST", "PUT"])
    async def only_post(request):
        return "POST OK"

    response = await client.get("/only-post")
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"POST", "PUT"}
    assert (await client.post("/only-post")).status_code == 200


async def test_head_request_gets_headers_and_no_body(app, client):
    @app.route("/page", methods=["GET", "HEAD"])
    async def page(request):
        return "<p>page</p>"

    response = await client.head("/page")
    assert response.status_code == 200
    assert await response.body() == b""


async def test_dict_and_list_results_are_json(app, client):
    @app.route("/dict")
    async def as_dict(request):
        return {"a": 1}

    @app.route("/list")
    async def as_list(request):
        return [1, 2]

    response = await client.get("/dict")
    assert response.headers["content-type"].startswith("application/json")
    assert await response.json() == {"a": 1}
    assert await (await client.get("/list")).json() == [1, 2]


async def test_status_body_tuple_result(app, client):
    @app.route("/created")
    async def created(request):
        return 201, "made", {"x-made": "yes"}

    response = await client.get("/created")
    assert response.status_code == 201
    assert response.headers["x-made"] == "yes"
    assert await response.text() == "made"


async def test_response_objects_are_sent_as_they_are(app, client):
    @app.route("/text")
    async def text(request):
        return ResponseText("plain", status_code=202, headers={"x-a": "b"})

    response = await client.get("/text")
    assert response.status_code == 202
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["x-a"] == "b"


async def test_trim_last_slash_matches_both_forms():
    app = App(trim_last_slash=True)

    @app.route("/path")
    async def path(request):
        return "ok"

    client = ASGITestClient(app)
    assert (await client.get("/path")).status_code == 200
    assert (await client.get("/path/")).status_code == 200


async def test_without_trim_last_slash_the_slash_matters(app, client):
    @app.route("/path")
    async def path(request):
        return "ok"

    assert (await client.get("/path/")).status_code == 404


async def test_url_for_builds_the_named_route(app):
    @app.route("/users/{user:int}", name="user")
    async def user(request):
        return "u"

    assert app.url_for("user", user=7) == "/users/7"


async def test_host_routes_match_only_their_host(app, client):
    @app.route("/", host="api.example.com")
    async def api(request):
        return "api"

    @app.route("/")
    async def site(request):
        return "site"

    response = await client.get("/", headers={"host": "API.example.com:8080"})
    assert await response.text() == "api"
    assert await (await client.get("/", headers={"host": "www.example.com"})).text() == "site"


async def test_app_is_in_the_scope_and_endpoint_is_the_target(app, client):
    seen = {}

    @app.route("/")
    async def index(request):
        seen["app"] = request["app"]
        return "ok"

    await client.get("/")
    assert seen["app"] is app


async def test_request_max_body_size_keyword_caps_the_body():
    app = App(max_body_size=10)

    @app.route("/", methods=["POST"])
    async def index(request):
        return await request.body()

    client = ASGITestClient(app)
    assert (await client.post("/", data=b"x" * 10)).status_code == 200
    assert (await client.post("/", data=b"x" * 11)).status_code == 413


async def test_unknown_scope_type_is_refused_without_sending(app, drive, http_scope):
    scope = http_scope()
    scope["type"] = "webtransport"
    with pytest.raises(Exception, match="webtransport"):
        await drive(app, scope)


async def test_unknown_scope_type_sends_nothing(app, http_scope):
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {}

    scope = http_scope()
    scope["type"] = "unknown"
    with pytest.raises(Exception):
        await app(scope, receive, send)
    assert sent == []


async def test_head_is_answered_by_a_get_only_route(app, client):
    @app.route("/doc", methods=["GET"])
    async def doc(request):
        return "document"

    response = await client.head("/doc")
    assert response.status_code == 200
    assert await response.body() == b""
    assert response.headers["content-length"] == str(len("document"))


async def test_allow_lists_head_with_get(app, client):
    @app.route("/doc", methods=["GET"])
    async def doc(request):
        return "document"

    response = await client.post("/doc")
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


async def test_asgi_tools_32_hosts_keyword_is_accepted():
    app = App(use_hosts=True)

    @app.route("/", hosts=["api.example.com"])
    async def api(request):
        return "api"

    client = ASGITestClient(app)
    assert await (await client.get("/", headers={"host": "api.example.com"})).text() == "api"
    assert (await client.get("/", headers={"host": "other.example.com"})).status_code == 404
