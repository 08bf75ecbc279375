"""Static files through App(static_folders=...): no path, however encoded, leaves the folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from asgi_middlewares import StaticFilesMiddleware
from asgi_tools import App

from .conftest import body_of, drive, http_scope, status_of

SECRET = b"TOP-SECRET-CONTENT"


@pytest.fixture
def static_app(tmp_path: Path) -> App:
    """``tmp/public`` is served; ``tmp/secret.txt`` and friends sit right beside it."""
    public = tmp_path / "public"
    (public / "sub").mkdir(parents=True)
    (public / "a.txt").write_bytes(b"public a")
    (public / "sub" / "b.txt").write_bytes(b"public b")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (tmp_path / "public-evil").mkdir()
    (tmp_path / "public-evil" / "x.txt").write_bytes(SECRET)
    os.symlink(tmp_path / "secret.txt", public / "link-out.txt")
    os.symlink("../secret.txt", public / "relative-link-out.txt")
    os.symlink(tmp_path, public / "dir-link-out")
    os.symlink("a.txt", public / "link-in.txt")
    os.symlink("loop", public / "loop")
    os.symlink("/etc/passwd", public / "passwd")
    app = App(static_folders=[public])

    @app.route("/{rest:path}")
    async def fallback(request: Any) -> str:
        return "routed"

    return app


def as_server_sends(raw: bytes) -> dict[str, Any]:
    """A scope whose ``path`` is ``raw`` percent-decoded, as uvicorn and hypercorn do it."""
    return http_scope(unquote(raw.decode("latin-1")), raw_path=raw)


TRAVERSALS = [
    b"/static/../secret.txt",
    b"/static/..%2fsecret.txt",
    b"/static/%2e%2e/secret.txt",
    b"/static/%2e%2e%2fsecret.txt",
    b"/static/.%2e/secret.txt",
    b"/static/sub/../../secret.txt",
    b"/static/sub/%2e%2e/%2e%2e/secret.txt",
    b"/static/./../secret.txt",
    b"/static/..//secret.txt",
    b"/static//../secret.txt",
    b"/static/" + b"../" * 50 + b"etc/passwd",
    b"/static/%2e%2e%2f" * 20 + b"etc/passwd",
    b"/static/%252e%252e/secret.txt",
    b"/static/%c0%ae%c0%ae/secret.txt",
    b"/static/%ef%bc%8e%ef%bc%8e/secret.txt",
    b"/static/%e2%80%a5/secret.txt",
    b"/static-evil/x.txt",
    b"/static/../public-evil/x.txt",
    b"/static//etc/passwd",
    b"/static/%2fetc%2fpasswd",
    b"/static/link-out.txt",
    b"/static/relative-link-out.txt",
    b"/static/dir-link-out/secret.txt",
    b"/static/passwd",
    b"/static/loop",
    b"/static/sub",
    b"/static/",
    b"/static",
]


@pytest.mark.parametrize("raw", TRAVERSALS, ids=lambda r: r.decode()[:60])
async def test_traversal_never_serves_a_file_outside_the_folder(static_app, raw):
    sent = await drive(static_app, as_server_sends(raw))
    assert status_of(sent) in (200, 400, 404)
    assert SECRET not in body_of(sent)
    assert b"root:" not in body_of(sent)


MALFORMED = [
    b"/static/a.txt%00.png",
    b"/static/a%00",
    b"/static/..%5csecret.txt",
    b"/static/..\\secret.txt",
    b"/static/sub%5c..%5c..%5csecret.txt",
    b"/static/a%0d%0a.txt",
    b"/static/a%09.txt",
    b"/static/%7f",
]


@pytest.mark.parametrize("raw", MALFORMED, ids=lambda r: r.decode()[:60])
async def test_control_characters_and_backslashes_are_400(static_app, raw):
    sent = await drive(static_app, as_server_sends(raw))
    assert status_of(sent) == 400


@pytest.mark.parametrize(
    "raw",
    [
        b"/static/a.txt",
        b"/static/./a.txt",
        b"/static//a.txt",
        b"/static/%61.txt",
        b"/static/link-in.txt",
    ],
)
async def test_legitimate_spellings_serve_the_file(static_app, raw):
    sent = await drive(static_app, as_server_sends(raw))
    assert status_of(sent) == 200
    assert body_of(sent) == b"public a"


async def test_surrogates_in_a_static_path_are_not_a_500(static_app):
    sent = await drive(static_app, http_scope("/static/\udcff\udcfe", raw_path=b"/static/%ff%fe"))
    assert status_of(sent) in (400, 404)


async def test_very_long_static_path_is_404_not_an_os_error(static_app):
    sent = await drive(static_app, as_server_sends(b"/static/" + b"a" * 100_000))
    assert status_of(sent) in (400, 404)


async def test_deep_static_path_is_404(static_app):
    sent = await drive(static_app, as_server_sends(b"/static/" + b"a/" * 20_000 + b"x"))
    assert status_of(sent) in (400, 404)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "BREW", ""])
async def test_other_methods_on_a_static_file_are_405(static_app, method):
    sent = await drive(static_app, http_scope("/static/a.txt", method))
    assert status_of(sent) in (400, 405)


async def test_static_file_head_has_no_body(static_app):
    sent = await drive(static_app, http_scope("/static/a.txt", "HEAD"))
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert starts[0]["status"] == 200
    assert body_of(sent) == b""


async def test_root_path_does_not_let_a_path_climb(static_app):
    scope = as_server_sends(b"/api/static/../secret.txt")
    scope["root_path"] = "/api"
    sent = await drive(static_app, scope)
    assert SECRET not in body_of(sent)


@pytest.mark.parametrize("raw", TRAVERSALS, ids=lambda r: r.decode()[:60])
async def test_static_middleware_at_the_root_never_serves_outside(tmp_path, raw):
    public = tmp_path / "public"
    public.mkdir()
    (public / "a.txt").write_bytes(b"public a")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    os.symlink(tmp_path / "secret.txt", public / "link-out.txt")
    app = StaticFilesMiddleware(url_prefix="/", folders=[public])
    sent = await drive(app, as_server_sends(raw.replace(b"/static", b"", 1)))
    assert status_of(sent) in (400, 404)
    assert SECRET not in body_of(sent)


async def test_use_hosts_with_garbage_host_is_404_not_500():
    app = App(use_hosts=True)

    @app.route("/", host="example.com")
    async def index(request: Any) -> str:
        return "example"

    for host in (b"", b"[::1", b"\xff", b"example.com:abc", b"a" * 100_000, b"EXAMPLE.COM."):
        sent = await drive(app, http_scope("/", headers=[(b"host", host)]))
        assert status_of(sent) in (200, 400, 404)
