"""CR/LF/NUL injection through response headers, redirects, cookies and file names.

A handler that copies user input into a response header must never put CR, LF or NUL on the
wire: the response is refused (400, the input was the client's) before anything is sent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from asgi_tools import App, ResponseFile, ResponseRedirect, ResponseText

from .conftest import drive, http_scope, status_of

PAYLOADS = [
    "a\r\nSet-Cookie: pwned=1",
    "a\nX-Injected: 1",
    "a\rX-Injected: 1",
    "a\x00b",
    "\r\n\r\n<html>body</html>",
    "a%0d%0aX-Injected: 1",  # stays encoded: harmless text
    "a\u2028b",
    "a\x85b",
    "é",
    "\u0130",
]
UNSAFE = {"\r", "\n", "\x00"}
# Routes whose header carries the input encoded (a quoted cookie, a percent-escaped URL, an
# RFC 6266 file name), so unsafe input may go out safely as well as be refused.
ENCODING_ROUTES = ("/filename", "/redirect", "/raise-redirect", "/cookie-value")


def injection_app(tmp_path: Path) -> App:
    app = App()
    (tmp_path / "f.txt").write_bytes(b"file")

    @app.route("/header")
    async def header(request: Any) -> ResponseText:
        return ResponseText("ok", headers={"x-user": request.query["v"]})

    @app.route("/header-name")
    async def header_name(request: Any) -> ResponseText:
        return ResponseText("ok", headers={request.query["v"]: "x"})

    @app.route("/content-type")
    async def content_type(request: Any) -> ResponseText:
        return ResponseText("ok", content_type=request.query["v"])

    @app.route("/redirect")
    async def redirect(request: Any) -> ResponseRedirect:
        return ResponseRedirect(request.query["v"])

    @app.route("/raise-redirect")
    async def raise_redirect(request: Any) -> None:
        raise ResponseRedirect(request.query["v"])

    @app.route("/cookie-value")
    async def cookie_value(request: Any) -> ResponseText:
        response = ResponseText("ok")
        response.cookies["c"] = request.query["v"]
        return response

    @app.route("/cookie-name")
    async def cookie_name(request: Any) -> ResponseText:
        response = ResponseText("ok")
        response.cookies[request.query["v"]] = "v"
        return response

    @app.route("/cookie-path")
    async def cookie_path(request: Any) -> ResponseText:
        response = ResponseText("ok")
        response.cookies["c"] = "v"
        response.cookies["c"]["path"] = request.query["v"]
        return response

    @app.route("/headers-after")
    async def headers_after(request: Any) -> ResponseText:
        response = ResponseText("ok")
        response.headers["x-user"] = request.query["v"]
        return response

    @app.route("/filename")
    async def filename(request: Any) -> ResponseFile:
        return ResponseFile(tmp_path / "f.txt", filename=request.query["v"])

    return app


ROUTES = [
    "/header",
    "/header-name",
    "/content-type",
    "/redirect",
    "/raise-redirect",
    "/cookie-value",
    "/cookie-name",
    "/cookie-path",
    "/headers-after",
    "/filename",
]


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
@pytest.mark.parametrize("route", ROUTES)
async def test_user_input_never_puts_cr_lf_nul_in_a_header(tmp_path, route, payload):
    from urllib.parse import quote

    query = ("v=" + quote(payload, safe="")).encode()
    # drive() itself fails the test on CR, LF or NUL in any header sent.
    sent = await drive(injection_app(tmp_path), http_scope(route, query_string=query))
    status = status_of(sent)
    if route == "/cookie-name":
        # The handler's own `cookies[name] = ...` raises CookieError (stdlib) for an illegal
        # name: an error of the handler, which may be a 500; nothing unsafe is sent either way.
        return
    if UNSAFE.isdisjoint(payload):
        assert status != 500 or route == "/header-name"
    else:
        # Refused before anything is sent, as the client's fault; never passed through.
        assert status in (200, 307, 400), status
        if status != 400:
            assert route in ENCODING_ROUTES, route


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r not in (*ENCODING_ROUTES, "/cookie-name")]
)
async def test_unsafe_header_input_is_refused_with_400(tmp_path, route):
    sent = await drive(injection_app(tmp_path), http_scope(route, query_string=b"v=a%0d%0ab"))
    assert status_of(sent) == 400


async def test_redirect_to_an_encoded_crlf_url_keeps_it_encoded(tmp_path):
    sent = await drive(
        injection_app(tmp_path), http_scope("/redirect", query_string=b"v=%2Fa%250d%250ab")
    )
    assert status_of(sent) == 307
    assert dict(sent[0]["headers"])[b"location"] == b"/a%0d%0ab"
