"""The inline path of Response.__call__ sends what the general path sends, and refuses the same.

A response whose headers are a plain dict (or none) goes out through an inline path with a
memo of the last encoded dict; the same response with its headers as a list of pairs goes
through the general, fully checked path. Both must give the same messages or the same error.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import asgi_responses.response as response_module
from asgi_responses import (
    ASGIInvalidHeaderError,
    Response,
    ResponseError,
    ResponseHTML,
    ResponseJSON,
    ResponseText,
)

CLASSES = [Response, ResponseHTML, ResponseText, ResponseJSON]


def run(coro: Coroutine[Any, Any, Any]) -> None:
    """Drive a coroutine whose awaits never suspend (a recording send) to its end."""
    try:
        coro.send(None)
    except StopIteration:
        return
    coro.close()
    raise AssertionError("the coroutine suspended")


def outcome(response: Response, method: str = "GET") -> tuple[str, Any]:
    """The messages a response sends, or the error it raises (type and text)."""
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        raise AssertionError("a fixed-body response never receives")

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    try:
        run(response({"type": "http", "method": method}, receive, send))
    except ASGIInvalidHeaderError as exc:
        assert messages == [], "nothing may be sent before a header is refused"
        return type(exc).__name__, str(exc)
    return "sent", messages


def remember(cls: type[Response], headers: dict[Any, Any]) -> tuple[str, Any]:
    """Send ``headers`` until the memo adopts them (it refreshes on one miss in N); the outcome."""
    for _ in range(response_module._REMEMBER_EVERY):
        result = outcome(cls("x", headers=dict(headers)))
    return result


def is_remembered(headers: dict[Any, Any]) -> bool:
    last = response_module._last_encoded
    return last[0] == headers and list(last[0]) == list(headers)


def both_ways(cls: type[Response], content: Any, headers: dict[Any, Any]) -> Any:
    """The outcome through the inline path (memo miss, then hit) and the general path."""
    first = outcome(cls(content, headers=headers))
    remember(cls, headers)
    again = outcome(cls(content, headers=dict(headers)))
    general = outcome(cls(content, headers=list(headers.items())))
    return first, again, general


# Header names: usual ones, mixed case, the two the response sets itself, and non-tokens.
NAMES = st.one_of(
    st.sampled_from(["x-custom", "X-Custom", "cache-control", "Content-Type", "content-length"]),
    st.sampled_from(["x a", "x:y", "", "é", "x\r\ny", "x\0"]),
    st.text(alphabet="abcXYZ-_019!#$%&'*+.^`|~", min_size=1, max_size=12),
)
# Values: printable ASCII, latin-1, tabs, controls (CR, LF, NUL, DEL), non-latin-1, non-str.
VALUES = st.one_of(
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20),
    st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=8),
    st.sampled_from(["a\r\nSet-Cookie: x=y", "a\nb", "a\rb", "a\0b", "a\tb", "a\x7fb", "日本"]),
    st.integers(-5, 10**6),
    st.booleans(),
    st.binary(max_size=6),
)


@settings(max_examples=400, deadline=None)
@given(
    cls=st.sampled_from(CLASSES),
    headers=st.dictionaries(NAMES, VALUES, max_size=4),
    status=st.sampled_from([200, 201, 204, 304, 404, 500]),
    method=st.sampled_from(["GET", "HEAD", "POST"]),
    content=st.sampled_from(["<h1>Hi</h1>", "", "é" * 3000, "x" * 5000]),
)
def test_inline_and_general_paths_send_the_same_or_refuse_the_same(
    cls, headers, status, method, content
):
    inline = outcome(cls(content, status_code=status, headers=headers), method)
    remember(cls, headers)
    memo_hit = outcome(cls(content, status_code=status, headers=dict(headers)), method)
    general = outcome(cls(content, status_code=status, headers=list(headers.items())), method)
    assert inline == general
    assert memo_hit == general
    # An equal dict in another order, right after the memo was filled: its own order is sent.
    reordered = dict(reversed(headers.items()))
    assert outcome(cls(content, status_code=status, headers=reordered), method) == outcome(
        cls(content, status_code=status, headers=list(reordered.items())), method
    )


@settings(max_examples=300, deadline=None)
@given(
    cls=st.sampled_from(CLASSES),
    headers=st.dictionaries(
        st.sampled_from(["x-a", "X-B", "cache-control", "x-request-id", "vary", "etag"]),
        st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=12),
        min_size=1,
        max_size=5,
    ),
)
def test_remembered_dicts_are_sent_as_the_general_path_sends_them(cls, headers):
    # Names and values the inline path accepts: the memo is filled, hit, then hit by an equal
    # dict in another order; each time the messages must be the general path's.
    general = outcome(cls("x", headers=list(headers.items())))
    assert outcome(cls("x", headers=headers)) == general
    assert remember(cls, headers) == general
    assert is_remembered(headers)
    assert outcome(cls("x", headers=dict(headers))) == general
    reordered = dict(reversed(headers.items()))
    assert outcome(cls("x", headers=reordered)) == outcome(
        cls("x", headers=list(reordered.items()))
    )


@pytest.mark.parametrize("cls", CLASSES)
@pytest.mark.parametrize("value", ["a\r\nSet-Cookie: x=y", "a\nb", "a\rb", "a\0b", "\r", "1\n"])
def test_hostile_value_after_a_remembered_safe_dict_is_refused(cls, value):
    # The memo holds {"x-a": "1"} encoded; the next response differs only by its value.
    assert remember(cls, {"x-a": "1"})[0] == "sent"
    assert is_remembered({"x-a": "1"})
    kind, text = outcome(cls("x", headers={"x-a": value}))
    assert kind == "ASGIInvalidHeaderError"
    assert "CR, LF or NUL" in text


def test_hostile_name_after_a_remembered_safe_dict_is_refused():
    assert remember(ResponseHTML, {"x-a": "1"})[0] == "sent"
    assert outcome(ResponseHTML("x", headers={"x-a\r\nx-b": "1"}))[0] == "ASGIInvalidHeaderError"


def test_values_that_change_on_every_response_are_each_sent():
    for i in range(3 * response_module._REMEMBER_EVERY + 1):
        _, messages = outcome(ResponseHTML("x", headers={"x-time": f"{i}.5"}))
        assert messages[0]["headers"][0] == (b"x-time", f"{i}.5".encode())


def test_a_dict_changed_after_being_remembered_is_sent_as_it_now_is():
    headers = {"x-a": "1"}
    for _ in range(response_module._REMEMBER_EVERY):
        outcome(ResponseHTML("x", headers=headers))
    assert is_remembered({"x-a": "1"})
    headers["x-a"] = "2"
    headers["x-b"] = "3"
    _, messages = outcome(ResponseHTML("x", headers=headers))
    assert messages[0]["headers"][:2] == [(b"x-a", b"2"), (b"x-b", b"3")]


def test_headers_sent_are_a_fresh_list_each_time():
    # A middleware may append to the list it receives; the next response must not see that.
    _, first = remember(ResponseHTML, {"x-a": "1"})
    first[0]["headers"].append((b"x-extra", b"1"))
    _, second = outcome(ResponseHTML("x", headers={"x-a": "1"}))
    assert (b"x-extra", b"1") not in second[0]["headers"]


def test_memo_of_one_class_does_not_give_its_content_type_to_another():
    _, html = remember(ResponseHTML, {"x-a": "1"})
    _, json = outcome(ResponseJSON("x", headers={"x-a": "1"}))
    _, plain = outcome(Response("x", headers={"x-a": "1"}))
    assert (b"content-type", b"text/html; charset=utf-8") in html[0]["headers"]
    assert (b"content-type", b"application/json") in json[0]["headers"]
    assert [name for name, _ in plain[0]["headers"]] == [b"x-a", b"content-length"]


@pytest.mark.parametrize("cls", CLASSES)
def test_content_type_and_content_length_in_a_dict_are_handled_as_on_the_general_path(cls):
    headers = {"Content-Type": "text/csv", "content-length": "999", "x-a": "1"}
    first, again, general = both_ways(cls, "a,b", headers)
    assert first == again == general
    sent = dict(general[1][0]["headers"])
    assert sent[b"content-type"] == b"text/csv"
    assert sent[b"content-length"] == str(len(general[1][1]["body"])).encode()


@pytest.mark.parametrize(
    ("prepare", "expected"),
    [
        (lambda r: r.headers.add("x-b", "2"), (b"x-b", b"2")),
        (lambda r: r.cookies.__setitem__("c", "v"), (b"set-cookie", b"c=v")),
        (lambda r: setattr(r, "headers", {"x-c": "3"}), (b"x-c", b"3")),
        (lambda r: setattr(r, "cookies", {"d": "w"}), (b"set-cookie", b"d=w")),
    ],
)
def test_headers_or_cookies_touched_after_creation_leave_the_inline_path(prepare, expected):
    remember(ResponseHTML, {"x-a": "1"})  # the memo now holds this very dict
    response = ResponseHTML("x", headers={"x-a": "1"})
    prepare(response)
    _, messages = outcome(response)
    assert expected in messages[0]["headers"]


def test_subclass_whose_init_skips_response_init_takes_the_general_path():
    class Fixed(ResponseText):
        def __init__(self) -> None:
            self.content = b"fixed"

    _, messages = outcome(Fixed())
    assert messages[0]["headers"] == [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", b"5"),
    ]


def test_subclass_may_drop_the_inherited_content_type():
    class Raw(ResponseHTML):
        content_type = None

    response = Raw("x", headers={"x-a": "1"})
    _, messages = outcome(response)
    assert messages[0]["headers"] == [(b"x-a", b"1"), (b"content-length", b"1")]
    assert "content-type" not in response.headers


def test_error_and_json_responses_take_the_same_path_as_a_plain_response():
    first, again, general = both_ways(ResponseJSON, {"a": [1, 2]}, {"x-a": "1"})
    assert first == again == general
    assert first[1][1]["body"].replace(b" ", b"") == b'{"a":[1,2]}'
    error = outcome(ResponseError.NOT_FOUND(headers={"x-a": "1"}))
    assert error == outcome(ResponseError("Not Found", 404, headers=[("x-a", "1")]))


def test_content_assigned_after_creation_is_stored_and_sent_as_bytes():
    response = ResponseHTML("old")
    response.content = "nouveau é"
    assert response.content == "nouveau é".encode()
    json = ResponseJSON([1])
    json.content = {"a": None}
    assert json.content.replace(b" ", b"") == b'{"a":null}'
    _, messages = outcome(json)
    assert messages[1]["body"] == json.content
    assert (b"content-length", str(len(json.content)).encode()) in messages[0]["headers"]


def test_scope_without_method_sends_the_body():
    response = ResponseText("hi", headers={"x-a": "1"})
    messages: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    run(response({"type": "http"}, None, send))  # type: ignore[arg-type]
    assert messages[1]["body"] == b"hi"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(value=JSON_VALUES)
def test_json_body_is_what_asgi_request_json_dumps_gives(value):
    from asgi_request import json_dumps

    assert ResponseJSON(value).content == json_dumps(value)


@pytest.mark.parametrize("value", ["<p>x</p>", b"<p>x</p>", {"a": 1}, [1], 3, None, True])
def test_parse_response_without_headers_equals_with_headers_none(value):
    from asgi_responses import parse_response

    assert outcome(parse_response(value)) == outcome(parse_response(value, None))
    assert outcome(parse_response(value)) == outcome(parse_response(value, {}))


def test_equal_dict_in_another_order_is_sent_in_its_own_order():
    remember(ResponseHTML, {"x-a": "1", "x-b": "2"})
    assert is_remembered({"x-a": "1", "x-b": "2"})
    _, messages = outcome(ResponseHTML("x", headers={"x-b": "2", "x-a": "1"}))
    assert messages[0]["headers"][:2] == [(b"x-b", b"2"), (b"x-a", b"1")]
    assert outcome(ResponseHTML("x", headers={"x-b": "2", "x-a": "1"})) == outcome(
        ResponseHTML("x", headers=[("x-b", "2"), ("x-a", "1")])
    )


@pytest.mark.parametrize("touch", ["cookie", "cookies-assigned", "nothing"])
def test_dict_headers_survive_leaving_the_inline_path_in_every_view(touch):
    # A dict given to __init__ is kept in one place only while the inline path applies; every
    # reader (.headers, raw_headers(), msg_start(), the send) must still see it afterwards.
    response = ResponseText("x", headers={"x-a": "1", "X-B": "2"})
    if touch == "cookie":
        response.cookies["c"] = "v"
    elif touch == "cookies-assigned":
        response.cookies = {"c": "v"}
    expected = [(b"x-a", b"1"), (b"x-b", b"2"), (b"content-type", b"text/plain; charset=utf-8")]
    if touch != "nothing":
        expected.append((b"set-cookie", b"c=v"))
    assert response.raw_headers() == expected
    assert response.msg_start()["headers"] == expected
    _, messages = outcome(response)
    assert messages[0]["headers"] == [*expected, (b"content-length", b"1")]
    assert response.headers["x-a"] == "1"
    assert response.headers["x-b"] == "2"
    assert response.raw_headers() == expected


def test_headers_read_before_cookies_keep_what_was_given_and_added():
    response = ResponseHTML("x", headers={"x-a": "1"})
    response.headers["x-b"] = "2"
    response.cookies["c"] = "v"
    _, messages = outcome(response)
    names = [name for name, _ in messages[0]["headers"]]
    # .headers adds the Content-Type when it is first built, before x-b is added.
    assert names == [b"x-a", b"content-type", b"x-b", b"set-cookie", b"content-length"]
