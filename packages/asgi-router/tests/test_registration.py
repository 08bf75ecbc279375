"""Registering routes: hooks (__route__, validator, converter), bind, options, invalid routes."""

from __future__ import annotations

import re
from typing import Any

import pytest

from asgi_router import Router, RouterError


def handler() -> None:
    pass


def test_route_calls_dunder_route_instead_of_registering(router: Router) -> None:
    calls: list[tuple[Any, ...]] = []

    class SelfRouting:
        @classmethod
        def __route__(cls, r: Router, *paths: str, methods: Any = None, **opts: Any) -> None:
            calls.append((r, paths, methods, opts))

    assert router.route("/a", "/b", methods="GET", name="x")(SelfRouting) is SelfRouting
    assert calls == [(router, ("/a", "/b"), "GET", {"name": "x"})]
    assert router.routes == []


def test_bind_registers_directly_without_asking_dunder_route(router: Router) -> None:
    class SelfRouting:
        def __route__(self, *args: Any, **kwargs: Any) -> None:
            raise AssertionError("bind must not call __route__")

    obj = SelfRouting()
    route = router.bind(obj, "/obj", methods=["GET"], name="obj")
    assert router("/obj").target is obj
    assert router.routes == [route]
    assert route.name == "obj"


def test_validator_false_raises_router_error_naming_the_route() -> None:
    router = Router(validator=callable)
    with pytest.raises(RouterError, match="'/bad'"):
        router.route("/bad")("not callable")
    assert router.routes == []


def test_validator_exception_becomes_router_error() -> None:
    def validator(target: object) -> bool:
        raise TypeError("nope")

    router = Router(validator=validator)
    with pytest.raises(RouterError, match=r"'/bad'.*nope"):
        router.route("/bad")(handler)


def test_converter_result_is_the_match_target() -> None:
    router = Router(converter=lambda target: ("wrapped", target))
    assert router.route("/a")(handler) is handler
    assert router("/a").target == ("wrapped", handler)


def test_route_keeps_paths_methods_name_and_opts(router: Router) -> None:
    router.route("/users/{id:int}", "/u/{id:int}", methods=["get"], name="user", extra=1)(handler)
    route = router("/u/3").route
    assert route.paths == ("/users/{id:int}", "/u/{id:int}")
    assert route.methods == frozenset({"GET"})
    assert route.name == "user"
    assert route.opts == {"name": "user", "extra": 1}
    assert route.target is handler


def test_routes_are_listed_in_registration_order(router: Router) -> None:
    router.route("/b/{x}")(handler)
    router.route("/a")(handler)
    router.route(re.compile("/c"))(handler)
    assert [r.paths[0] for r in router.routes] == ["/b/{x}", "/a", router.routes[2].paths[0]]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/a/{id", "unbalanced '{'"),
        ("/a/id}", "unbalanced '}'"),
        ("/a/{x}}", "unbalanced '}'"),
        ("/{a}/{a:int}", "duplicate param name 'a'"),
        ("/{x:number}", "unknown converter 'number'"),
        ("/{x:(}", "bad regex"),
        ("/{}", "bad param name"),
        ("/{1x}", "bad param name"),
        ("/{x:(?P<y>a)}", "named groups"),
    ],
)
def test_invalid_routes_raise_router_error_naming_the_route(
    router: Router, path: str, message: str
) -> None:
    with pytest.raises(RouterError, match=re.escape(message)) as info:
        router.route(path)(handler)
    assert repr(path) in str(info.value)
    assert router.routes == []


def test_regex_with_nested_braces_is_one_param(router: Router) -> None:
    router.route("/year/{y:[0-9]{4}}")(handler)
    assert router("/year/2024").params == {"y": "2024"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/a", "/a"),
        ("/u/{id}", "/u/{name}"),
        ("/u/{id:int}", "/u/{n:int}"),
        ("/f/{p:path}", "/f/{rest:path}"),
        ("/s/{a:.*}/x", "/s/{b:.*}/x"),
    ],
)
def test_identical_route_for_the_same_method_is_refused(
    router: Router, first: str, second: str
) -> None:
    router.route(first, methods=["GET", "POST"])(handler)
    with pytest.raises(RouterError, match="conflicts") as info:
        router.route(second, methods="post")(handler)
    assert repr(second) in str(info.value)
    assert len(router.routes) == 1


def test_identical_compiled_regexes_conflict(router: Router) -> None:
    router.route(re.compile(r"/\d+"))(handler)
    with pytest.raises(RouterError, match="conflicts"):
        router.route(re.compile(r"/\d+"))(handler)


def test_identical_path_with_other_methods_or_hosts_is_accepted(router: Router) -> None:
    router.route("/a", methods="GET")(handler)
    router.route("/a", methods="POST")(handler)
    router.route("/a", methods="GET", host="example.com")(handler)
    assert len(router.routes) == 3


def test_any_method_route_conflicts_with_every_method(router: Router) -> None:
    router.route("/a")(handler)
    with pytest.raises(RouterError, match="conflicts"):
        router.route("/a", methods="DELETE")(handler)


def test_trailing_slash_variants_conflict_when_trimmed() -> None:
    router = Router(trim_last_slash=True)
    router.route("/a")(handler)
    with pytest.raises(RouterError, match="conflicts"):
        router.route("/a/")(handler)


def test_a_failing_path_registers_none_of_the_route(router: Router) -> None:
    with pytest.raises(RouterError):
        router.route("/ok", "/bad/{x")(handler)
    assert router.routes == []
    with pytest.raises(router.NotFoundError):
        router("/ok")


@pytest.mark.parametrize("methods", [[], ["GE T"], [1], ""])
def test_invalid_methods_are_refused(router: Router, methods: Any) -> None:
    with pytest.raises(RouterError, match="method"):
        router.route("/a", methods=methods)(handler)


@pytest.mark.parametrize("path", [b"/a", 3, None, re.compile(rb"/a")])
def test_paths_must_be_str_or_str_pattern(router: Router, path: Any) -> None:
    with pytest.raises(RouterError):
        router.route(path)(handler)


def test_route_without_paths_is_refused(router: Router) -> None:
    with pytest.raises(RouterError, match="at least one path"):
        router.route()(handler)
