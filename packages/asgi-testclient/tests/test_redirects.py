"""Redirects: which method and body follow, relative locations, the limit."""

from __future__ import annotations

import pytest

from asgi_testclient import ASGITestClient, ASGITooManyRedirectsError

from .conftest import read_body, send_response


def redirecting_app(status, location="/target"):
    async def app(scope, receive, send):
        body = await read_body(receive)
        if scope["path"] != "/target":
            await send_response(send, status=status, headers=[(b"location", location.encode())])
            return
        content_type = dict(scope["headers"]).get(b"content-type", b"-")
        await send_response(send, b"%s %s %s" % (scope["method"].encode(), body, content_type))

    return app


@pytest.mark.parametrize("status", [301, 302, 303])
async def test_post_redirected_with_301_302_303_becomes_a_get_without_body(status):
    client = ASGITestClient(redirecting_app(status))
    response = await client.post("/start", data={"a": "1"})
    assert response.status_code == 200
    assert await response.text() == "GET  -"
    assert [r.status_code for r in response.history] == [status]


@pytest.mark.parametrize("status", [307, 308])
async def test_307_and_308_keep_the_method_and_the_body(status):
    client = ASGITestClient(redirecting_app(status))
    response = await client.post("/start", json={"a": 1})
    assert await response.text() == 'POST {"a":1} application/json'


async def test_put_redirected_with_302_keeps_its_method():
    client = ASGITestClient(redirecting_app(302))
    response = await client.put("/start", data=b"x")
    assert await response.text() == "PUT x -"


async def test_relative_location_is_resolved_against_the_request_url():
    client = ASGITestClient(redirecting_app(302, location="target?q=1"))
    response = await client.get("/start")
    assert response.url == "http://localhost/target?q=1"


async def test_follow_redirect_false_returns_the_redirect():
    client = ASGITestClient(redirecting_app(302))
    response = await client.get("/start", follow_redirect=False)
    assert response.status_code == 302
    assert response.headers["location"] == "/target"


async def test_redirect_loop_stops_at_the_limit():
    async def app(scope, receive, send):
        await send_response(send, status=302, headers=[(b"location", b"/again")])

    client = ASGITestClient(app, max_redirects=3)
    with pytest.raises(ASGITooManyRedirectsError, match="more than 3 redirects"):
        await client.get("/")


async def test_streamed_body_cannot_follow_a_307():
    async def stream():
        yield b"x"

    client = ASGITestClient(redirecting_app(307))
    with pytest.raises(ASGITooManyRedirectsError, match="streamed body"):
        await client.post("/start", data=stream)


async def test_cookies_set_by_a_redirect_are_sent_to_its_target():
    async def app(scope, receive, send):
        if scope["path"] == "/login":
            await send_response(
                send, status=303, headers=[(b"location", b"/home"), (b"set-cookie", b"s=1; Path=/")]
            )
        else:
            await send_response(send, dict(scope["headers"]).get(b"cookie", b""))

    response = await ASGITestClient(app).post("/login")
    assert await response.text() == "s=1"


@pytest.mark.parametrize(
    "location",
    [
        "javascript:alert(1)",
        "ftp://files.example/x",
        "mailto:a@b.example",
        "http://[::1",
        "http://example.com:99999/",
        "data:text/plain,hi",
    ],
)
async def test_location_no_http_client_can_follow_is_returned_not_followed(location):
    client = ASGITestClient(redirecting_app(302, location))
    response = await client.get("/start")
    assert response.status_code == 302
    assert response.headers["location"] == location
    assert response.history == []
