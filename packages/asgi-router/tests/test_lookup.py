"""Matching paths: static, typed and regex params, priority, methods, trailing slashes."""

from __future__ import annotations

import re
import uuid

import pytest

from asgi_router import MethodNotAllowedError, NotFoundError, Router, RouterError


def target(label: str) -> object:
    return type("Target", (), {"label": label, "__repr__": lambda self: label})()


def test_static_route_matches_with_empty_params(router: Router) -> None:
    home = target("home")
    router.route("/home")(home)
    match = router("/home")
    assert match.target is home
    assert match.params == {}
    assert match.path_prefix == ""


def test_decorator_returns_the_target_it_got(router: Router) -> None:
    def handler() -> str:
        return "ok"

    assert router.route("/a")(handler) is handler


def test_one_target_on_several_paths(router: Router) -> None:
    status = target("status")
    router.route("/status", "/stat")(status)
    assert router("/status").target is status
    assert router("/stat").target is status
    assert router.routes[0].paths == ("/status", "/stat")


def test_plain_param_matches_one_segment_as_str(router: Router) -> None:
    router.route("/hello/{name}")(target("hello"))
    assert router("/hello/bob").params == {"name": "bob"}
    with pytest.raises(NotFoundError):
        router("/hello/bob/more")
    with pytest.raises(NotFoundError):
        router("/hello/")


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("/n/{v:int}", "/n/42", 42),
        ("/n/{v:float}", "/n/1.5", 1.5),
        ("/n/{v:float}", "/n/3", 3.0),
        ("/n/{v:str}", "/n/x y", "x y"),
        ("/n/{v:path}", "/n/a/b/c", "a/b/c"),
        ("/n/{v:path}", "/n/", ""),
        (
            "/n/{v:uuid}",
            "/n/6ba7b810-9dad-11d1-80b4-00c04fd430c8",
            uuid.UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
        ),
    ],
)
def test_typed_params_are_converted(
    router: Router, template: str, path: str, expected: object
) -> None:
    router.route(template)(target("t"))
    value = router(path).params["v"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("template", "path"),
    [
        ("/n/{v:int}", "/n/4a"),
        ("/n/{v:int}", "/n/-1"),
        ("/n/{v:int}", "/n/\u0661"),  # an Arabic-Indic digit: str.isdigit() but not [0-9]
        ("/n/{v:float}", "/n/1."),
        ("/n/{v:float}", "/n/inf"),
        ("/n/{v:uuid}", "/n/6ba7b810-9dad-11d1-80b4"),
        ("/n/{v:path}", "/n"),
    ],
)
def test_typed_params_refuse_values_they_cannot_convert(
    router: Router, template: str, path: str
) -> None:
    router.route(template)(target("t"))
    with pytest.raises(NotFoundError):
        router(path)


def test_regex_params_stay_strings_in_path_order(router: Router) -> None:
    router.route(r"/multiply/{first:\d+}/{second:\d+}")(target("mul"))
    match = router("/multiply/3/4")
    assert list(match.params.items()) == [("first", "3"), ("second", "4")]
    with pytest.raises(NotFoundError):
        router("/multiply/3/x")


def test_param_inside_a_segment(router: Router) -> None:
    router.route("/img/{name}-{size:int}.png")(target("img"))
    assert router("/img/logo-64.png").params == {"name": "logo", "size": 64}
    with pytest.raises(NotFoundError):
        router("/img/logo-big.png")


def test_regex_param_spanning_segments(router: Router) -> None:
    router.route("/docs/{page:.+}/edit")(target("edit"))
    assert router("/docs/a/b/edit").params == {"page": "a/b"}


def test_compiled_regex_path_named_groups_become_params(router: Router) -> None:
    router.route(re.compile(r"/(?P<num>\d+)/?"))(target("num"))
    assert router("/12/").params == {"num": "12"}
    assert router("/12").params == {"num": "12"}


def test_compiled_regex_must_match_the_whole_path(router: Router) -> None:
    router.route(re.compile(r"/\d+"))(target("num"))
    with pytest.raises(NotFoundError):
        router("/12/extra")


def test_static_route_wins_over_earlier_dynamic_route(router: Router) -> None:
    router.route("/users/{name}")(target("dynamic"))
    router.route("/users/me")(target("static"))
    assert router("/users/me").target.label == "static"
    assert router("/users/bob").target.label == "dynamic"


def test_dynamic_routes_match_in_registration_order(router: Router) -> None:
    router.route("/{a}/x")(target("first"))
    router.route("/b/{c}")(target("second"))
    assert router("/b/x").target.label == "first"
    assert router("/b/y").target.label == "second"


def test_earlier_regex_route_wins_over_later_tree_route(router: Router) -> None:
    router.route(re.compile(r"/item/.*"))(target("regex"))
    router.route("/item/{id:int}")(target("tree"))
    assert router("/item/3").target.label == "regex"


def test_methods_are_case_insensitive(router: Router) -> None:
    router.route("/form", methods=["get", "Post"])(target("form"))
    assert router("/form", "POST").target.label == "form"
    assert router("/form", "get").target.label == "form"
    assert router.routes[0].methods == frozenset({"GET", "POST"})


def test_methods_as_a_single_string(router: Router) -> None:
    router.route("/only-post", methods="post")(target("post"))
    assert router("/only-post", "POST").target.label == "post"


def test_wrong_method_raises_method_not_allowed_with_allowed_methods(router: Router) -> None:
    router.route("/r", methods=["GET"])(target("get"))
    router.route("/r", methods=["POST", "PUT"])(target("post"))
    with pytest.raises(MethodNotAllowedError) as info:
        router("/r", "DELETE")
    assert info.value.allowed == frozenset({"GET", "POST", "PUT"})
    assert isinstance(info.value, RouterError)


def test_method_not_allowed_collects_dynamic_and_static_routes(router: Router) -> None:
    router.route("/r/{x}", methods=["PATCH"])(target("patch"))
    router.route("/r/one", methods=["GET"])(target("get"))
    with pytest.raises(MethodNotAllowedError) as info:
        router("/r/one", "DELETE")
    assert info.value.allowed == frozenset({"GET", "PATCH"})


def test_static_route_with_other_method_falls_back_to_dynamic(router: Router) -> None:
    router.route("/r/one", methods=["GET"])(target("static"))
    router.route("/r/{x}", methods=["POST"])(target("dynamic"))
    assert router("/r/one", "POST").target.label == "dynamic"


def test_unknown_path_raises_not_found(router: Router) -> None:
    router.route("/a")(target("a"))
    with pytest.raises(NotFoundError) as info:
        router("/b", "GET")
    assert info.value.path == "/b"
    assert info.value.status_code == 404


def test_trailing_slash_is_significant_by_default(router: Router) -> None:
    router.route("/a")(target("a"))
    with pytest.raises(NotFoundError):
        router("/a/")


def test_trim_last_slash_makes_both_forms_equal() -> None:
    router = Router(trim_last_slash=True)
    router.route("/a/")(target("a"))
    router.route("/b/{x}")(target("b"))
    assert router("/a").target.label == "a"
    assert router("/a/").target.label == "a"
    assert router("/b/1/").params == {"x": "1"}
    assert router("/b/1").params == {"x": "1"}
