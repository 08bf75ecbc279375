"""Static files served by App from `static_folders` at `static_url_prefix`."""

from __future__ import annotations

import pytest

from asgi_app import App
from asgi_testclient import ASGITestClient


@pytest.fixture
def static_app(tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "style.css").write_text("body { color: red }")
    (tmp_path / "secret.txt").write_text("secret")
    app = App(static_folders=[folder], static_url_prefix="/assets")

    @app.route("/")
    async def index(request):
        return "index"

    return app


async def test_static_file_is_served(static_app):
    response = await ASGITestClient(static_app).get("/assets/style.css")
    assert response.status_code == 200
    assert await response.text() == "body { color: red }"
    assert response.headers["content-type"].startswith("text/css")


async def test_routes_still_answer_next_to_static_files(static_app):
    assert await (await ASGITestClient(static_app).get("/")).text() == "index"


async def test_missing_static_file_is_404(static_app):
    assert (await ASGITestClient(static_app).get("/assets/nope.css")).status_code == 404


async def test_static_never_serves_outside_the_folder(static_app):
    client = ASGITestClient(static_app)
    for path in ("/assets/../secret.txt", "/assets/%2e%2e/secret.txt", "/assets/..%2fsecret.txt"):
        response = await client.get(path)
        assert response.status_code in (400, 404), path
        assert await response.text() != "secret"


async def test_relative_static_folder_resolves_against_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "a.txt").write_text("A")
    monkeypatch.chdir(tmp_path)
    app = App(static_folders=["public"])
    monkeypatch.chdir("/")
    response = await ASGITestClient(app).get("/static/a.txt")
    assert await response.text() == "A"


async def test_static_file_under_a_server_root_path(static_app, drive, http_scope):
    scope = http_scope("/prefix/assets/style.css", root_path="/prefix")
    sent = await drive(static_app, scope, [{"type": "http.request", "body": b""}], hold=True)
    assert sent[0]["status"] == 200
    assert b"".join(m.get("body", b"") for m in sent[1:]) == b"body { color: red }"
