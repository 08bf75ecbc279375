"""Host-restricted routes, mounts of routers and of other targets, path prefixes."""

from __future__ import annotations

import pytest

from asgi_router import MethodNotAllowedError, NotFoundError, Router, RouterError


def handler() -> None:
    pass


def other() -> None:
    pass


@pytest.mark.parametrize("host", ["example.com", "EXAMPLE.com", "example.com:8080"])
def test_host_route_matches_case_insensitively_without_port(router: Router, host: str) -> None:
    router.route("/a", host="Example.COM")(handler)
    assert router("/a", "GET", host).target is handler


def test_host_route_does_not_match_other_or_missing_host(router: Router) -> None:
    router.route("/a", host="example.com")(handler)
    with pytest.raises(NotFoundError):
        router("/a", "GET", "other.com")
    with pytest.raises(NotFoundError):
        router("/a")


def test_host_route_accepts_ipv6_literals(router: Router) -> None:
    router.route("/a", host="[::1]")(handler)
    assert router("/a", "GET", "[::1]:8000").target is handler


def test_host_route_given_a_bare_ipv6_literal_matches_that_address_only(router: Router) -> None:
    router.route("/a", host="::1")(handler)
    assert router("/a", "GET", "[::1]:8000").target is handler
    with pytest.raises(NotFoundError):
        router("/a", "GET", ":8000")  # once read as the empty host "" (the part before a colon)


def test_hosts_list_and_fallback_route(router: Router) -> None:
    router.route("/a/{x}", hosts=["a.com", "b.com"])(handler)
    router.route("/a/{x}")(other)
    assert router("/a/1", "GET", "b.com").target is handler
    assert router("/a/1", "GET", "c.com").target is other
    assert router.routes[0].hosts == frozenset({"a.com", "b.com"})


def test_mounted_router_is_searched_with_the_rest_of_the_path(router: Router) -> None:
    api = Router()
    api.route("/", name="index")(handler)
    api.route("/users/{id:int}")(other)
    router.mount("/api", api)
    match = router("/api/users/5")
    assert (match.target, match.params, match.path_prefix) == (other, {"id": 5}, "/api")
    assert router("/api").target is handler
    assert router("/api/").target is handler
    with pytest.raises(NotFoundError):
        router("/apix")
    with pytest.raises(NotFoundError):
        router("/api/none")


def test_router_routed_onto_another_router_is_mounted(router: Router) -> None:
    api = Router()
    api.route("/ping")(handler)
    assert router.route("/v1")(api) is api
    assert router("/v1/ping").path_prefix == "/v1"
    assert router.routes[0].prefix


def test_mount_prefix_params_are_merged_with_the_sub_match(router: Router) -> None:
    sub = Router()
    sub.route("/items/{item}")(handler)
    router.mount("/shops/{shop:int}", sub)
    match = router("/shops/7/items/pen")
    assert match.params == {"shop": 7, "item": "pen"}
    assert match.path_prefix == "/shops/7"


def test_mount_of_any_target_returns_it_with_the_prefix(router: Router) -> None:
    app = object()
    router.mount("/static/", app)
    match = router("/static/css/site.css")
    assert match.target is app
    assert match.path_prefix == "/static"
    assert match.params == {}


def test_nested_mounts_accumulate_the_prefix(router: Router) -> None:
    inner, middle = Router(), Router()
    inner.route("/leaf")(handler)
    middle.mount("/b", inner)
    router.mount("/a", middle)
    assert router("/a/b/leaf").path_prefix == "/a/b"


def test_method_not_allowed_inside_a_mounted_router(router: Router) -> None:
    sub = Router()
    sub.route("/x", methods="POST")(handler)
    router.mount("/sub", sub)
    with pytest.raises(MethodNotAllowedError) as info:
        router("/sub/x", "GET")
    assert info.value.allowed == frozenset({"POST"})


def test_mount_methods_restrict_the_mounted_router(router: Router) -> None:
    sub = Router()
    sub.route("/x")(handler)
    router.mount("/sub", sub, methods=["GET"])
    assert router("/sub/x").target is handler
    with pytest.raises(MethodNotAllowedError) as info:
        router("/sub/x", "POST")
    assert info.value.allowed == frozenset({"GET"})


def test_static_route_wins_over_a_mount(router: Router) -> None:
    sub = Router()
    sub.route("/x")(handler)
    router.mount("/sub", sub)
    router.route("/sub/x")(other)
    assert router("/sub/x").target is other


def test_mount_prefix_cannot_span_segments(router: Router) -> None:
    with pytest.raises(RouterError, match="mount prefix"):
        router.mount("/a/{rest:path}", Router())
