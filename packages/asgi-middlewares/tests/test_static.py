"""StaticFilesMiddleware: serving, caching headers, and never a file outside the folders."""

from __future__ import annotations

import os

import pytest

from asgi_middlewares import StaticFilesMiddleware
from asgi_responses import ResponseHTML


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """static/ and extra/ folders served; outside/ holds what must never be served."""
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "app.css").write_text("body{}")
    (static / "css" / "site.css").write_text("h1{}")
    (static / "both.txt").write_text("from static")
    (static / "%2e%2e").mkdir()  # a real folder with an odd name stays servable inside
    (static / "%2e%2e" / "odd.txt").write_text("odd")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "both.txt").write_text("from extra")
    (extra / "only-extra.txt").write_text("extra")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET")
    (tmp_path / "secret.txt").write_text("SECRET")
    # Symlinks that point outside, relative and absolute, to files and folders.
    (static / "rel-out.txt").symlink_to(os.path.join("..", "outside", "secret.txt"))
    (static / "abs-out.txt").symlink_to(outside / "secret.txt")
    (static / "dir-out").symlink_to(outside, target_is_directory=True)
    (static / "css" / "climb.txt").symlink_to(os.path.join("..", "..", "secret.txt"))
    # Symlinks that stay inside are followed.
    (static / "alias.css").symlink_to("app.css")
    (static / "css-alias").symlink_to(static / "css", target_is_directory=True)
    (static / "loop-a").symlink_to("loop-b")
    (static / "loop-b").symlink_to("loop-a")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def app(tree):
    async def fallback(scope, receive, send):
        await ResponseHTML("app")(scope, receive, send)

    return StaticFilesMiddleware(fallback, folders=["static", tree / "extra"])


async def test_static_reference_example_serves_files_from_a_relative_folder(tree, call):
    async def app(scope, receive, send):
        response = ResponseHTML("OK")
        await response(scope, receive, send)

    app = StaticFilesMiddleware(app, folders=["static"])
    res = await call(app, "/static/app.css")
    assert res.status == 200
    assert res.body == b"body{}"
    assert res.headers["content-type"].startswith("text/css")
    assert (await call(app, "/")).body == b"OK"


async def test_static_serves_nested_files(app, call):
    assert (await call(app, "/static/css/site.css")).body == b"h1{}"


async def test_static_searches_folders_in_order(app, call):
    assert (await call(app, "/static/both.txt")).body == b"from static"
    assert (await call(app, "/static/only-extra.txt")).body == b"extra"


async def test_static_head_sends_headers_only(app, call):
    res = await call(app, "/static/app.css", "HEAD")
    assert res.status == 200
    assert res.headers["content-length"] == "6"
    assert res.body == b""


async def test_static_refuses_other_methods(app, call):
    res = await call(app, "/static/app.css", "POST")
    assert res.status == 405
    assert res.headers["allow"] == "GET, HEAD"


async def test_static_answers_304_for_a_matching_etag(app, call):
    first = await call(app, "/static/app.css")
    etag = first.headers["etag"]
    assert "last-modified" in first.headers
    res = await call(app, "/static/app.css", headers=[("If-None-Match", etag)])
    assert res.status == 304
    assert res.body == b""


async def test_static_answers_412_when_if_match_names_another_version(app, call):
    first = await call(app, "/static/app.css")
    etag = first.headers["etag"]
    res = await call(app, "/static/app.css", headers=[("If-Match", '"older"')])
    assert res.status == 412
    assert res.body == b""
    res = await call(app, "/static/app.css", headers=[("If-Match", etag)])
    assert res.status == 200


async def test_static_serves_ranges(app, call):
    res = await call(app, "/static/app.css", headers=[("Range", "bytes=0-3")])
    assert res.status == 206
    assert res.body == b"body"


async def test_static_missing_file_is_404(app, call):
    assert (await call(app, "/static/missing.css")).status == 404


async def test_static_folder_itself_is_404(app, call):
    assert (await call(app, "/static/css")).status == 404
    assert (await call(app, "/static/")).status == 404
    assert (await call(app, "/static")).status == 404


async def test_static_other_paths_go_to_the_app(app, call):
    assert (await call(app, "/index")).body == b"app"
    assert (await call(app, "/staticky/app.css")).body == b"app"


@pytest.mark.parametrize(
    "path", ["/static/css/../app.css", "/static/./css/.././app.css", "/static/x/y/../../app.css"]
)
async def test_static_resolves_dot_segments_that_stay_inside(app, call, path):
    res = await call(app, path)
    assert res.status == 200
    assert res.body == b"body{}"


def test_find_removes_dot_segments_before_any_lookup(app):
    assert app.find("/css/../app.css") == app.find("/app.css")
    assert app.find("/css/../../secret.txt") is None  # above the folder, where it exists
    assert app.find("/nope/../app.css") is not None  # never looked up: removed as text


@pytest.mark.parametrize(
    "path",
    [
        "/static/../secret.txt",  # plain dot-dot
        "/static/../outside/secret.txt",
        "/static/css/../../secret.txt",
        "/static/./../secret.txt",
        "/static/%2e%2e/secret.txt",  # percent-encoded dots, left encoded by the server
        "/static/%2E%2E/secret.txt",
        "/static/%252e%252e/secret.txt",  # double-encoded dots
        "/static/..%2fsecret.txt",  # encoded slash
        "/static/..%252fsecret.txt",  # double-encoded slash
        "/static/%2e%2e%2fsecret.txt",
        "/static//etc/passwd",  # absolute paths
        "/static/" + "/".join([".."] * 12) + "/etc/passwd",
        "/static/rel-out.txt",  # symlinks pointing outside
        "/static/abs-out.txt",
        "/static/dir-out/secret.txt",
        "/static/css/climb.txt",
        "/static/loop-a",  # a symlink loop
    ],
)
async def test_static_never_serves_outside_its_folders(app, call, path):
    res = await call(app, path)
    assert res.status == 404
    assert b"SECRET" not in res.body


async def test_static_absolute_path_of_an_outside_file_is_404(app, call, tree):
    res = await call(app, "/static/" + str(tree / "outside" / "secret.txt"))
    assert res.status == 404


@pytest.mark.parametrize(
    "path",
    [
        "/static/..\\secret.txt",  # backslashes
        "/static/css\\..\\..\\secret.txt",
        "/static/app.css\x00.png",  # NUL byte
        "/static/\x00",
        "/static/app\r\n.css",  # control characters
    ],
)
async def test_static_malformed_paths_are_400(app, call, path):
    res = await call(app, path)
    assert res.status == 400
    assert b"SECRET" not in res.body


async def test_static_follows_symlinks_that_stay_inside(app, call):
    assert (await call(app, "/static/alias.css")).body == b"body{}"
    assert (await call(app, "/static/css-alias/site.css")).body == b"h1{}"


async def test_static_serves_an_oddly_named_folder_inside(app, call):
    assert (await call(app, "/static/%2e%2e/odd.txt")).body == b"odd"


async def test_static_lookup_touches_nothing_outside_the_folders(app, call, tree, monkeypatch):
    touched = []
    real_lstat, real_readlink = os.lstat, os.readlink

    def lstat(path, *args, **kwargs):
        touched.append(os.fspath(path))
        return real_lstat(path, *args, **kwargs)

    def readlink(path, *args, **kwargs):
        touched.append(os.fspath(path))
        return real_readlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    monkeypatch.setattr(os, "readlink", readlink)
    for path in (
        "/static/rel-out.txt",
        "/static/abs-out.txt",
        "/static/dir-out/secret.txt",
        "/static/css/climb.txt",
        "/static/../secret.txt",
    ):
        await call(app, path)
    folders = (str(tree / "static") + os.sep, str(tree / "extra") + os.sep)
    assert touched
    assert all(path.startswith(folders) for path in touched), touched


async def test_static_with_a_url_prefix(tree, call):
    app = StaticFilesMiddleware(url_prefix="/assets/", folders=["static"])
    assert (await call(app, "/assets/app.css")).body == b"body{}"
    assert (await call(app, "/static/app.css")).status == 404


async def test_static_at_the_root_falls_back_to_the_app(tree, call):
    async def fallback(scope, receive, send):
        await ResponseHTML("app")(scope, receive, send)

    app = StaticFilesMiddleware(fallback, url_prefix="/", folders=["static"])
    assert (await call(app, "/app.css")).body == b"body{}"
    assert (await call(app, "/page")).body == b"app"
    assert (await call(app, "/page", "POST")).body == b"app"


async def test_static_find_is_public_for_callers(app, tree):
    assert app.find("/css/site.css") == tree / "static" / "css" / "site.css"
    assert app.find("/../secret.txt") is None
