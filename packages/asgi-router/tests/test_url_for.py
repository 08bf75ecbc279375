"""Reverse URLs: names, conversion of params back to text, escaping, clear errors."""

from __future__ import annotations

import uuid

import pytest

from asgi_router import Router, RouterError


def handler() -> None:
    pass


def test_url_for_builds_the_path_of_a_named_route(router: Router) -> None:
    router.route("/users/{id:int}", name="user")(handler)
    assert router.url_for("user", id=42) == "/users/42"


def test_url_for_converts_typed_params(router: Router) -> None:
    value = uuid.UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
    router.route("/o/{u:uuid}/{f:float}", name="o")(handler)
    assert router.url_for("o", u=value, f=1.5) == f"/o/{value}/1.5"


def test_url_for_escapes_params(router: Router) -> None:
    router.route("/hello/{name}", name="hello")(handler)
    assert router.url_for("hello", name="a b?c#d%é") == "/hello/a%20b%3Fc%23d%25%C3%A9"


def test_url_for_keeps_slashes_of_path_params(router: Router) -> None:
    router.route("/files/{rest:path}", name="files")(handler)
    assert router.url_for("files", rest="a b/c.txt") == "/files/a%20b/c.txt"


def test_url_for_round_trips_through_lookup(router: Router) -> None:
    router.route("/img/{name}-{size:int}.png", name="img")(handler)
    url = router.url_for("img", name="logo", size=64)
    assert url == "/img/logo-64.png"
    assert router(url).params == {"name": "logo", "size": 64}


def test_url_for_picks_the_path_whose_params_are_given(router: Router) -> None:
    router.route("/list", "/list/{page:int}", name="list")(handler)
    assert router.url_for("list") == "/list"
    assert router.url_for("list", page=2) == "/list/2"


def test_url_for_reaches_names_of_mounted_routers(router: Router) -> None:
    api = Router()
    api.route("/users/{id:int}", name="api-user")(handler)
    router.mount("/api", api)
    assert router.url_for("api-user", id=1) == "/api/users/1"


def test_url_for_unknown_name_raises(router: Router) -> None:
    with pytest.raises(RouterError, match="no route is named 'nope'"):
        router.url_for("nope")


def test_url_for_missing_param_raises(router: Router) -> None:
    router.route("/users/{id:int}", name="user")(handler)
    with pytest.raises(RouterError, match=r"missing \['id'\]"):
        router.url_for("user")


def test_url_for_unexpected_param_raises(router: Router) -> None:
    router.route("/users/{id:int}", name="user")(handler)
    with pytest.raises(RouterError, match=r"unexpected \['x'\]"):
        router.url_for("user", id=1, x=2)


@pytest.mark.parametrize("value", [-1, "abc", 1.5, True, ""])
def test_url_for_invalid_int_param_raises(router: Router, value: object) -> None:
    router.route("/users/{id:int}", name="user")(handler)
    with pytest.raises(RouterError, match="invalid value"):
        router.url_for("user", id=value)


def test_url_for_refuses_a_slash_in_a_one_segment_param(router: Router) -> None:
    router.route("/hello/{name}", name="hello")(handler)
    with pytest.raises(RouterError, match="invalid value"):
        router.url_for("hello", name="a/b")


def test_url_for_regex_only_route_raises(router: Router) -> None:
    import re

    router.route(re.compile(r"/\d+"), name="num")(handler)
    with pytest.raises(RouterError, match="only regex paths"):
        router.url_for("num")


def test_first_route_with_a_name_wins(router: Router) -> None:
    router.route("/one", name="dup")(handler)
    router.route("/two", name="dup")(handler)
    assert router.url_for("dup") == "/one"
