"""Odd and hostile lookups only ever give a match or NotFoundError (never another error)."""

from __future__ import annotations

import pytest

from asgi_router import NotFoundError, Router


def handler() -> None:
    pass


@pytest.fixture
def full_router() -> Router:
    router = Router()
    router.route("/")(handler)
    router.route("/static/page")(handler)
    router.route("/users/{id:int}")(handler)
    router.route("/hello/{name}")(handler)
    router.route("/img/{name}-{size:int}.png")(handler)
    router.route("/files/{rest:path}")(handler)
    router.route("/docs/{page:.+}/edit")(handler)
    router.route("/u/{u:uuid}/{f:float}")(handler)
    sub = Router()
    sub.route("/x/{y}")(handler)
    router.mount("/sub", sub)
    return router


ODD_PATHS = [
    "",
    "/",
    "//",
    "///static//page",
    "/static/page/",
    "/users/",
    "/users//1",
    "/users/1/",
    "/hello/",
    "/hello//",
    "/hello/a%2Fb/c",
    "/users/%31",
    "/users/" + "9" * 5000,  # longer than int() accepts
    "/users/\u0661\u0662",  # non-ASCII digits
    "/users/١",
    "/héllo/wörld",
    "/\x00/\n/\r",
    "/a" * 5000,  # thousands of segments
    "/" * 10000,
    "/hello/" + "x" * 1_000_000,  # a very long segment
    "/files" + "/" * 5000,
    "/docs/" + "a/" * 3000 + "edit",
    "/u/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/1",
    "/sub",
    "/sub/x",
    "/sub//y",
    "no-leading-slash",
    "\udcff",  # a lone surrogate, as a badly decoded path could hold
]


@pytest.mark.parametrize("path", ODD_PATHS, ids=lambda p: repr(p[:30]))
def test_odd_paths_give_a_match_or_not_found(full_router: Router, path: str) -> None:
    try:
        match = full_router(path)
    except NotFoundError:
        return
    assert match.target is handler


def test_empty_segments_do_not_match_one_segment_params(full_router: Router) -> None:
    with pytest.raises(NotFoundError):
        full_router("/hello/")
    with pytest.raises(NotFoundError):
        full_router("/users//1")


def test_encoded_slash_is_not_decoded(full_router: Router) -> None:
    # scope["path"] is already percent-decoded by the server: "%2F" here is what the client
    # sent as "%252F", and must stay three characters inside one segment.
    assert full_router("/hello/a%2Fb").params == {"name": "a%2Fb"}


def test_very_long_digit_string_is_not_an_int(full_router: Router) -> None:
    with pytest.raises(NotFoundError):
        full_router("/users/" + "9" * 5000)


def test_thousands_of_segments_reach_a_path_param(full_router: Router) -> None:
    rest = "/".join(["a"] * 5000)
    assert full_router("/files/" + rest).params == {"rest": rest}


def test_non_ascii_static_and_params(router: Router) -> None:
    router.route("/café/{name}")(handler)
    assert router("/café/jürgen").params == {"name": "jürgen"}


def test_newline_and_nul_stay_inside_a_param(full_router: Router) -> None:
    assert full_router("/hello/a\nb\x00").params == {"name": "a\nb\x00"}
    assert full_router("/files/a\n/b").params == {"rest": "a\n/b"}


@pytest.mark.parametrize("method", ["", "g e t", "GET\r\n", "ПОСТ"])
def test_odd_methods_give_not_found_or_method_not_allowed(router: Router, method: str) -> None:
    router.route("/a", methods="GET")(handler)
    with pytest.raises(router.RouterError):
        router("/a", method)
