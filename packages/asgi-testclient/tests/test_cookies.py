"""The cookie jar: Set-Cookie attributes decide what later requests carry."""

from __future__ import annotations

import copy
import pickle
from http.cookies import Morsel, SimpleCookie

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
    assert client.cookies["session"].value == "abc"
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


def redirect_setting_app():
    """/set-cookie sets c1 and c2 on a redirect to /; every path echoes its Cookie header."""

    async def app(scope, receive, send):
        headers = dict(scope["headers"])
        if scope["path"] == "/set-cookie":
            await send_response(
                send,
                status=307,
                headers=[
                    (b"location", b"/"),
                    (b"set-cookie", b"c1=c1; Path=/"),
                    (b"set-cookie", b"c2=c2; Path=/"),
                ],
            )
            return
        await send_response(send, headers.get(b"cookie", b""))

    return app


async def test_jar_items_are_morsels_as_in_a_simple_cookie():
    client = ASGITestClient(redirect_setting_app())
    client.cookies["var"] = "42"
    response = await client.get("/set-cookie")
    assert response.status_code == 200
    assert {name: morsel.value for name, morsel in client.cookies.items()} == {
        "var": "42",
        "c1": "c1",
        "c2": "c2",
    }
    assert all(isinstance(morsel, Morsel) for morsel in client.cookies.values())
    assert await cookie_header(client) == "var=42; c1=c1; c2=c2"


async def test_assigned_value_reads_back_as_a_morsel_and_is_sent():
    client = ASGITestClient(setting_app({}))
    client.cookies["x"] = "v"
    assert client.cookies["x"].value == "v"
    assert client.cookies["x"].key == "x"
    assert client.cookies.get("x").value == "v"
    assert client.cookies.get("missing") is None
    assert await cookie_header(client) == "x=v"


async def test_morsel_shows_the_attributes_the_jar_keeps():
    client = ASGITestClient(
        setting_app({"/": ["a=1; Path=/admin; Domain=localhost; Secure; Max-Age=100", "b=2"]})
    )
    await client.get("/")
    a, b = client.cookies["a"], client.cookies["b"]
    assert a["path"] == "/admin"
    assert a["domain"] == "localhost"
    assert a["secure"] is True
    assert a["expires"].endswith(" GMT")
    assert b["path"] == "/"
    assert b["domain"] == ""  # host-only, as the Set-Cookie said
    assert b["expires"] == ""


def test_a_morsel_read_from_the_jar_refuses_changes_but_copies_are_free():
    client = ASGITestClient(setting_app({}))
    client.cookies["a"] = "1"
    morsel = client.cookies["a"]
    for change in (
        lambda: morsel.__setitem__("path", "/x"),
        lambda: morsel.update({"path": "/x"}),
        lambda: morsel.set("a", "2", "2"),
        lambda: morsel.setdefault("path", "/x"),
        lambda: morsel.pop("path"),
        morsel.clear,
    ):
        with pytest.raises(TypeError, match="change the jar"):
            change()
    assert morsel["path"] == "/"
    copied = morsel.copy()
    copied["path"] = "/x"
    assert copied["path"] == "/x"
    deep = copy.deepcopy(morsel)
    assert deep == morsel
    deep["path"] = "/y"
    unpickled = pickle.loads(pickle.dumps(morsel))
    assert unpickled == morsel
    assert type(unpickled) is Morsel


async def test_assigning_a_response_morsel_keeps_its_path():
    app = setting_app({"/give": ["a=1; Path=/admin"]})
    response = await ASGITestClient(app).get("/give")
    client = ASGITestClient(app)
    client.cookies["a"] = response.cookies["a"]
    assert await cookie_header(client, "/admin/x") == "a=1"
    assert await cookie_header(client, "/") == ""


async def test_assigning_a_morsel_with_max_age_zero_deletes_and_update_takes_a_simple_cookie():
    client = ASGITestClient(setting_app({}))
    client.cookies["a"] = "1"
    gone = SimpleCookie()
    gone["a"] = ""
    gone["a"]["max-age"] = 0
    client.cookies["a"] = gone["a"]
    assert "a" not in client.cookies
    more = SimpleCookie()
    more.load("b=2; c=3")
    client.cookies.update(more)
    assert await cookie_header(client) == "b=2; c=3"


@pytest.mark.parametrize("max_age", ["soon", "1.5"])
def test_assigning_a_morsel_with_an_unreadable_max_age_is_refused(max_age):
    morsel = SimpleCookie()
    morsel["a"] = "1"
    morsel["a"]["max-age"] = max_age
    with pytest.raises(ValueError, match="max-age"):
        ASGITestClient(setting_app({})).cookies["a"] = morsel["a"]


async def test_load_and_output_as_in_simple_cookie():
    client = ASGITestClient(setting_app({}))
    client.cookies.load("a=1; b=2")
    client.cookies.load({"c": "3"})
    assert await cookie_header(client) == "a=1; b=2; c=3"
    assert client.cookies.output(header="Cookie:", sep="\n") == (
        "Cookie: a=1; Domain=localhost; Path=/\n"
        "Cookie: b=2; Domain=localhost; Path=/\n"
        "Cookie: c=3; Domain=localhost; Path=/"
    )


async def test_request_cookies_may_be_morsels():
    client = ASGITestClient(setting_app({}))
    other = SimpleCookie()
    other["m"] = "v"
    response = await client.get("/", cookies={"m": other["m"], "plain": "p"})
    assert await response.text() == "m=v; plain=p"


async def test_one_name_on_several_paths_is_one_key():
    client = ASGITestClient(setting_app({"/set": ["a=root; Path=/", "a=deep; Path=/x"]}))
    await client.get("/set")
    assert list(client.cookies) == ["a"]
    assert len(client.cookies) == 1
    assert client.cookies["a"].value == "root"
    assert [(c.path, c.value) for c in client.cookies.cookies()] == [("/", "root"), ("/x", "deep")]
    assert await cookie_header(client, "/x/y") == "a=deep; a=root"
