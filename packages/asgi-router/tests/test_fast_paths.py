"""The lookup's fast paths (static table, one-way tree walk) give the slow path's answers.

Each test builds a table where a shortcut could go wrong (a lower-case method, hosts, a list
route registered first, a mount or a choice on the way, a route added after lookups) and checks
the answer the priority rules call for.
"""

from __future__ import annotations

import re
import sys

import pytest

from asgi_router import MethodNotAllowedError, NotFoundError, RouteMatch, Router


def test_static_match_has_every_field_and_a_fresh_params_dict(router: Router) -> None:
    router.route("/home")("home")
    first = router("/home", "GET")
    assert isinstance(first, RouteMatch)
    assert (first.target, first.params, first.path_prefix) == ("home", {}, "")
    assert first.route is router.routes[0]
    first.params["leak"] = 1  # a handler may change its params: the next lookup is unaffected
    assert router("/home", "GET").params == {}


def test_dynamic_match_has_every_field_and_a_fresh_params_dict(router: Router) -> None:
    router.route("/users/{id:int}/posts/{slug}")("post")
    match = router("/users/42/posts/hello", "GET")
    assert (match.target, match.params, match.path_prefix) == (
        "post",
        {"id": 42, "slug": "hello"},
        "",
    )
    assert match.route is router.routes[0]
    match.params["id"] = 0
    assert router("/users/42/posts/hello", "GET").params == {"id": 42, "slug": "hello"}


@pytest.mark.parametrize("method", ["GET", "get", "Get"])
def test_static_route_for_one_method_wins_over_a_dynamic_route_whatever_the_case(
    router: Router, method: str
) -> None:
    router.route("/{name}")("dynamic")
    router.route("/about", methods="GET")("static")
    assert router("/about", method).target == "static"


def test_any_method_static_route_answers_uncommon_and_lower_case_methods(router: Router) -> None:
    router.route("/dav")("dav")
    for method in ("PROPFIND", "propfind", "get", "GET", "MKCOL"):
        assert router("/dav", method).target == "dav"


def test_static_path_shared_with_a_host_route_is_decided_by_host(router: Router) -> None:
    router.route("/", host="admin.example.com")("admin")
    router.route("/")("public")
    assert router("/", "GET", "ADMIN.example.com:8000").target == "admin"
    assert router("/", "GET", "www.example.com").target == "public"
    assert router("/", "GET").target == "public"


def test_lower_case_method_finds_the_earlier_route_of_a_shared_dynamic_path(
    router: Router,
) -> None:
    # the first entry takes GET for one host, the second any method for any host: "get" must
    # find the first one, as "GET" does, and not the first entry that accepts "get" as it is
    router.route("/items/{id:int}", methods="GET", host="h.com")("get-on-h")
    router.route("/items/{id:int}")("any")
    for method in ("GET", "get"):
        assert router("/items/1", method, "h.com").target == "get-on-h"
        assert router("/items/1", method, "other.com").target == "any"
    assert router("/items/1", "POST", "h.com").target == "any"


def test_methods_of_one_dynamic_path_in_separate_routes(router: Router) -> None:
    router.route("/items/{id:int}", methods="GET")("read")
    router.route("/items/{id:int}", methods="DELETE")("delete")
    assert router("/items/3", "GET").target == "read"
    assert router("/items/3", "DELETE").target == "delete"
    assert router("/items/3", "delete").target == "delete"
    with pytest.raises(MethodNotAllowedError) as info:
        router("/items/3", "PUT")
    assert info.value.allowed == {"GET", "DELETE"}


def test_list_route_registered_before_a_tree_route_wins(router: Router) -> None:
    router.route(re.compile(r"/users/(?P<id>[0-9]+)"))("regex")
    router.route("/users/{id:int}")("tree")
    match = router("/users/7", "GET")
    assert (match.target, match.params) == ("regex", {"id": "7"})


def test_list_route_answers_a_path_the_tree_does_not_know(router: Router) -> None:
    router.route("/users/{id:int}")("tree")
    router.route("/files/{rest:.*}/raw")("files")  # a regex param spanning segments: a list route
    assert router("/users/7", "GET").target == "tree"
    assert router("/files/a/b/raw", "GET").params == {"rest": "a/b"}
    with pytest.raises(NotFoundError):
        router("/users/x", "GET")


def test_unknown_dynamic_path_raises_not_found_with_the_method_upper_case(
    router: Router,
) -> None:
    router.route("/users/{id:int}")("tree")
    for path in ("/users/x", "/users/", "/nothing/here", "/users/1/more"):
        with pytest.raises(NotFoundError) as info:
            router(path, "get")
        assert (info.value.path, info.value.method) == (path, "GET")


def test_int_too_long_for_int_does_not_match_the_int_route(router: Router) -> None:
    router.route("/n/{value:int}")("int")
    limit = sys.get_int_max_str_digits()
    if not limit:
        pytest.skip("this Python has no int() digit limit")
    assert router("/n/" + "9" * limit, "GET").params == {"value": int("9" * limit)}
    with pytest.raises(NotFoundError):
        router("/n/" + "9" * (limit + 1), "GET")
    router.route("/n/{text}")("str")  # now a later route can take the long value
    assert router("/n/" + "9" * (limit + 1), "GET").target == "str"


def test_static_segment_and_param_both_fitting_follow_registration_order(
    router: Router,
) -> None:
    router.route("/a/{x}/c")("param-first")
    router.route("/a/b/{y}")("static-second")
    assert router("/a/b/c", "GET").target == "param-first"
    assert router("/a/b/d", "GET").params == {"y": "d"}
    assert router("/a/z/c", "GET").params == {"x": "z"}


def test_mount_on_the_way_of_a_dynamic_route_keeps_its_priority(router: Router) -> None:
    sub = Router()
    sub.route("/{page}")("sub-page")
    router.mount("/api", sub)
    router.route("/api/{page}")("later-route")
    match = router("/api/users", "GET")
    assert (match.target, match.path_prefix) == ("sub-page", "/api")
    router.route("/docs/{page}")("docs")
    router.route("/docs/{page}/{rest:path}")("docs-tail")
    assert router("/docs/intro", "GET").target == "docs"
    assert router("/docs/intro/a/b", "GET").params == {"page": "intro", "rest": "a/b"}


def test_mount_added_after_a_route_on_the_same_node_gets_the_paths_it_alone_matches(
    router: Router,
) -> None:
    router.route("/api/{page}")("route")
    assert router("/api/users", "GET").target == "route"
    sub = Router()
    sub.route("/{a}/{b}")("sub")
    router.mount("/api", sub)
    assert router("/api/users", "GET").target == "route"  # registered first
    match = router("/api/x/y", "GET")
    assert (match.target, match.params, match.path_prefix) == ("sub", {"a": "x", "b": "y"}, "/api")


def test_routes_added_after_lookups_are_found_with_their_priority(router: Router) -> None:
    router.route("/users/{name}")("by-name")
    assert router("/users/42", "GET").target == "by-name"
    router.route("/users/me")("me")  # static: wins from now on
    router.route("/users/{id:int}")("by-id")  # a second edge on the same node: registered later
    assert router("/users/me", "GET").target == "me"
    assert router("/users/42", "GET").target == "by-name"
    router.route("/html")("html")
    assert router("/html", "GET").target == "html"
    router.route("/html", host="h.com")("html-on-h")
    assert router("/html", "GET", "h.com").target == "html"  # registered first, any host


def test_trim_last_slash_on_dynamic_and_static_paths() -> None:
    router = Router(trim_last_slash=True)
    router.route("/users/{id:int}/")("user")
    router.route("/about/")("about")
    assert router("/users/1/", "GET").params == {"id": 1}
    assert router("/users/1", "GET").params == {"id": 1}
    assert router("/about/", "GET").target == "about"
    assert router("/about", "GET").target == "about"


def test_tree_nodes_gaining_children_after_lookups_route_every_path(router: Router) -> None:
    router.route("/a/{x}")("a")
    assert router("/a/1", "GET").target == "a"
    with pytest.raises(NotFoundError):
        router("/b/1", "GET")
    router.route("/b/{y}")("b")  # a second static child where there was one
    router.route("/a/{x}/c")("a-c")
    router.route("/a/{x:int}/d")("a-int-d")  # a second edge where there was one
    assert router("/b/1", "GET").target == "b"
    assert router("/a/1/c", "GET").target == "a-c"
    assert router("/a/1/d", "GET").params == {"x": 1}
    assert router("/a/1", "GET").target == "a"
    with pytest.raises(NotFoundError):
        router("/a/x/d", "GET")


def test_static_targets_hold_what_a_lookup_of_a_static_path_finds(router: Router) -> None:
    router.route("/a", methods=["GET", "POST"])("a-get-post")
    router.route("/a", methods="PUT")("a-put")
    router.route("/any")("any")
    router.route("/conv", methods="GET")("conv")
    router.route("/dyn/{x}")("dyn")
    assert router.static_targets["/a"] == {
        "GET": "a-get-post",
        "POST": "a-get-post",
        "PUT": "a-put",
    }
    assert set(router.static_targets["/any"]) >= {"GET", "HEAD", "POST", "PUT", "DELETE"}
    assert "/dyn/{x}" not in router.static_targets
    for path, table in router.static_targets.items():
        for method, target in table.items():
            match = router(path, method)
            assert (match.target, match.params) == (target, {})


def test_static_targets_leave_out_paths_that_hosts_decide(router: Router) -> None:
    router.route("/h", host="a.com")("host-a")
    router.route("/h")("no-host")
    assert router.static_targets["/h"] == {}  # empty: ask the router, which knows the host
    assert router("/h", "GET", "a.com").target == "host-a"
    assert router("/h", "GET").target == "no-host"


def test_static_targets_follow_routes_added_later(router: Router) -> None:
    table = router.static_targets
    router.route("/late", methods="GET")("late")
    assert table["/late"] == {"GET": "late"}  # the same dict, updated in place
    router.route("/late", methods="DELETE")("late-delete")
    assert table["/late"] == {"GET": "late", "DELETE": "late-delete"}
