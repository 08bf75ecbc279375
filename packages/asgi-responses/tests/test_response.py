from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from multidict import CIMultiDict, MultiDict

from asgi_request import ASGIError
from asgi_responses import Response, ResponseHTML, ResponseJSON, ResponseText


async def test_response_sends_start_and_body_with_content_length(send_response):
    sent = await send_response(Response("OK"))
    assert sent.status == 200
    assert sent.header("content-length") == "2"
    assert sent.body == b"OK"
    assert len(sent.messages) == 2


async def test_base_response_has_no_content_type_by_default(send_response):
    sent = await send_response(Response(b"raw"))
    assert sent.header("content-type") is None


async def test_response_content_type_keyword_adds_charset_for_text(send_response):
    sent = await send_response(Response("x", content_type="text/csv"))
    assert sent.header("content-type") == "text/csv; charset=utf-8"


async def test_response_content_type_keyword_keeps_binary_types_as_given(send_response):
    sent = await send_response(Response(b"x", content_type="image/png"))
    assert sent.header("content-type") == "image/png"


async def test_text_html_json_content_types(send_response):
    text = await send_response(ResponseText("Hello"))
    html = await send_response(ResponseHTML("<h1>Hello</h1>"))
    json = await send_response(ResponseJSON({"hello": "world"}))
    assert text.header("content-type") == "text/plain; charset=utf-8"
    assert html.header("content-type") == "text/html; charset=utf-8"
    assert json.header("content-type") == "application/json"
    assert json.body == b'{"hello":"world"}'


def test_json_response_rejects_content_it_cannot_serialize():
    with pytest.raises(ASGIError, match="not JSON serializable"):
        ResponseJSON({"value": object()})


async def test_status_code_keyword_is_sent(send_response):
    sent = await send_response(ResponseText("created", status_code=201))
    assert sent.status == 201


@pytest.mark.parametrize("status", [99, 600, "200", 1000])
def test_invalid_status_code_is_refused(status):
    with pytest.raises(ASGIError, match="status code"):
        Response("x", status_code=status)


def test_content_is_stored_as_bytes():
    assert Response("é").content == "é".encode()
    assert Response(None).content == b""
    assert Response(bytearray(b"ab")).content == b"ab"
    assert Response(42).content == b"42"


async def test_headers_is_a_case_insensitive_multidict_with_content_type():
    response = ResponseHTML("x", headers={"X-Custom": "1"})
    assert isinstance(response.headers, MultiDict)
    assert response.headers["x-custom"] == "1"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    "headers",
    [{"x-a": "1"}, [("x-a", "1")], MultiDict({"x-a": "1"}), CIMultiDict({"x-a": "1"})],
    ids=["dict", "pairs", "multidict", "cimultidict"],
)
async def test_headers_accept_dict_pairs_and_multidicts(send_response, headers):
    sent = await send_response(Response("x", headers=headers))
    assert sent.header("x-a") == "1"


async def test_repeated_headers_are_all_sent(send_response):
    response = Response("x", headers=[("link", "</a>"), ("link", "</b>")])
    sent = await send_response(response)
    assert sent.header_list("link") == ["</a>", "</b>"]


async def test_headers_changed_after_reading_are_sent(send_response):
    response = ResponseHTML("x")
    response.headers["x-late"] = "yes"
    response.headers.add("x-late", "again")
    sent = await send_response(response)
    assert sent.header_list("x-late") == ["yes", "again"]
    assert sent.header("content-type") == "text/html; charset=utf-8"


async def test_explicit_content_type_header_replaces_the_class_default(send_response):
    sent = await send_response(ResponseHTML("x", headers={"Content-Type": "text/x-custom"}))
    assert sent.header_list("content-type") == ["text/x-custom"]


async def test_assigning_headers_replaces_them(send_response):
    response = Response("x")
    response.headers = {"x-new": "1"}
    sent = await send_response(response)
    assert sent.header("x-new") == "1"


async def test_content_length_always_matches_the_body_sent(send_response):
    response = Response("four", headers={"content-length": "999"})
    response.headers["content-length"] = "1"
    sent = await send_response(response)
    assert sent.header_list("content-length") == ["4"]
    assert sent.body == b"four"


async def test_content_replaced_after_creation_is_sent_with_its_length(send_response):
    response = ResponseText("short")
    response.content = "a longer body"  # type: ignore[assignment]
    sent = await send_response(response)
    assert sent.body == b"a longer body"
    assert sent.header("content-length") == "13"


async def test_head_request_gets_headers_with_length_and_empty_body(send_response):
    sent = await send_response(ResponseHTML("<p>hello</p>"), method="HEAD")
    assert sent.header("content-length") == "12"
    assert sent.body == b""


@pytest.mark.parametrize("status", [204, 304, 101])
async def test_bodyless_statuses_send_no_body_nor_length(send_response, status):
    sent = await send_response(Response("ignored", status_code=status))
    assert sent.body == b""
    assert sent.header("content-length") is None


async def test_cookies_are_sent_with_every_attribute(send_response):
    response = Response("OK")
    response.cookies["rocky"] = "road"
    response.cookies["rocky"]["path"] = "/cookie"
    response.cookies["rocky"]["domain"] = "example.com"
    response.cookies["rocky"]["max-age"] = 60
    response.cookies["rocky"]["expires"] = 60
    response.cookies["rocky"]["secure"] = True
    response.cookies["rocky"]["httponly"] = True
    response.cookies["rocky"]["samesite"] = "lax"
    sent = await send_response(response)
    (cookie,) = sent.header_list("set-cookie")
    assert cookie.startswith("rocky=road; ")
    for part in ("Path=/cookie", "Domain=example.com", "Max-Age=60", "Secure", "HttpOnly"):
        assert part in cookie
    assert "SameSite=lax" in cookie
    assert "expires=" in cookie


async def test_cookies_keyword_accepts_dict_and_simplecookie(send_response):
    jar = SimpleCookie()
    jar["b"] = "2"
    from_dict = await send_response(Response("x", cookies={"a": "1"}))
    from_jar = await send_response(Response("x", cookies=jar))
    assert from_dict.header_list("set-cookie") == ["a=1"]
    assert from_jar.header_list("set-cookie") == ["b=2"]


def test_cookies_is_a_simplecookie_created_on_first_use():
    response = Response("x")
    assert isinstance(response.cookies, SimpleCookie)
    assert response.cookies is response.cookies


async def test_several_cookies_send_several_set_cookie_headers(send_response):
    response = Response("x")
    response.cookies["a"] = "1"
    response.cookies["b"] = "2"
    sent = await send_response(response)
    assert sorted(sent.header_list("set-cookie")) == ["a=1", "b=2"]
