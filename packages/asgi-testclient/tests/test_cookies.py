"""The cookie jar: Set-Cookie attributes decide what later requests carry."""

from __future__ import annotations

import pytest

from asgi_testclient import ASGITestClient

from .conftest import send_response


def setting_app(cookies_by_path):
    """Sets the cookies listed for a path; echoes the Cookie header it got."""

    async def app(scope, receive, send):
        headers = dict(scope["headers"])
        set_cookies = [
            (b"set-cookie", value.encode()) for value in cookies_by_path.get(scope["path"], [])
        ]
        await send_response(send, headers.get(b"cookie", b""), headers=set_cookies)

    return app


async def cookie_header(client, path="/"):
    return await (await client.get(path)).text()


async def test_cookie_set_by_a_response_is_sent_back():
    client = ASGITestClient(setting_app({"/login": ["session=abc; Path=/; HttpOnly"]}))
    response = await client.get("/login")
    assert response.cookies["session"].value == "abc"
    assert client.cookies["session"] == "abc"
    assert await cookie_header(client) == "session=abc"


async def test_cookie_path_limits_where_it_is_sent():
    client = ASGITestClient(setting_app({"/set": ["a=1; Path=/admin"]}))
    await client.get("/set")
    assert await cookie_header(client, "/admin/users") == "a=1"
    assert await cookie_header(client, "/admin") == "a=1"
    assert await cookie_header(client, "/administrator") == ""
    assert await cookie_header(client, "/") == ""


async def test_default_path_is_the_directory_of_the_request():
    client = ASGITestClient(setting_app({"/shop/cart": ["c=1"]}))
    await client.get("/shop/cart")
    assert await cookie_header(client, "/shop/list") == "c=1"
    assert await cookie_header(client, "/") == ""


async def test_longer_paths_come_first():
    client = ASGITestClient(setting_app({"/set": ["a=root; Path=/", "b=deep; Path=/x/y"]}))
    await client.get("/set")
    assert await cookie_header(client, "/x/y/z") == "b=deep; a=root"


async def test_max_age_zero_deletes_the_cookie():
    client = ASGITestClient(
        setting_app({"/in": ["s=1; Path=/"], "/out": ["s=; Max-Age=0; Path=/"]})
    )
    await client.get("/in")
    assert "s" in client.cookies
    await client.get("/out")
    assert "s" not in client.cookies
    assert await cookie_header(client) == ""


async def test_expires_in_the_past_deletes_and_in_the_future_keeps():
    client = ASGITestClient(
        setting_app(
            {
                "/in": ["s=1; Path=/", "t=2; Path=/; Expires=Wed, 01 Jan 2200 00:00:00 GMT"],
                "/out": ["s=x; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"],
            }
        )
    )
    await client.get("/in")
    await client.get("/out")
    assert await cookie_header(client) == "t=2"


async def test_max_age_wins_over_expires():
    client = ASGITestClient(
        setting_app({"/in": ["s=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100"]})
    )
    await client.get("/in")
    assert await cookie_header(client) == "s=1"


async def test_domain_cookie_reaches_subdomains_and_other_sites_are_refused():
    client = ASGITestClient(
        setting_app({"/": ["a=1; Domain=.example.com; Path=/", "b=2; Domain=evil.org; Path=/"]}),
        base_url="http://www.example.com",
    )
    await client.get("/")
    assert await cookie_header(client, "http://api.example.com/") == "a=1"
    assert "b" not in client.cookies


async def test_host_only_cookie_does_not_reach_subdomains():
    client = ASGITestClient(setting_app({"/": ["a=1; Path=/"]}), base_url="http://example.com")
    await client.get("/")
    assert await cookie_header(client, "http://example.com/") == "a=1"
    assert await cookie_header(client, "http://sub.example.com/") == ""


async def test_secure_cookie_is_only_sent_over_https():
    client = ASGITestClient(
        setting_app({"/": ["a=1; Path=/; Secure"]}), base_url="https://localhost"
    )
    await client.get("/")
    assert await cookie_header(client, "https://localhost/x") == "a=1"
    assert await cookie_header(client, "http://localhost/x") == ""


async def test_request_cookies_are_sent_once_and_not_stored():
    client = ASGITestClient(setting_app({}))
    client.cookies["jar"] = "1"
    response = await client.get("/", cookies={"extra": "2"})
    assert await response.text() == "jar=1; extra=2"
    assert "extra" not in client.cookies
    assert await cookie_header(client) == "jar=1"


async def test_jar_can_be_edited_like_a_dict():
    client = ASGITestClient(setting_app({}))
    client.cookies["a"] = "1"
    assert list(client.cookies) == ["a"]
    assert len(client.cookies) == 1
    del client.cookies["a"]
    with pytest.raises(KeyError):
        client.cookies["a"]
    client.cookies.set("b", "2")
    client.cookies.clear()
    assert await cookie_header(client) == ""


async def test_malformed_set_cookie_headers_are_ignored():
    client = ASGITestClient(setting_app({"/": ["novalue", "=x", "ok=1; Max-Age=abc"]}))
    response = await client.get("/")
    assert response.status_code == 200
    assert await cookie_header(client) == "ok=1"
