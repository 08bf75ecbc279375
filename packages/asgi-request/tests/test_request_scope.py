"""Request as a mapping over the scope, and its lazy views: headers, cookies, query, url, media."""

from __future__ import annotations

import copy

import pytest
from multidict import CIMultiDict, MultiDict
from yarl import URL

from asgi_request import ASGIDecodeError, Request


def scope_of(**changes):
    scope = {
        "type": "http",
        "version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/users",
        "root_path": "",
        "query_string": b"",
        "headers": [],
        "server": ("127.0.0.1", 8000),
    }
    scope.update(changes)
    return scope


def test_request_is_a_mapping_over_the_scope():
    scope = scope_of()
    request = Request(scope)
    assert request["version"] == scope["version"]
    assert request["method"] == scope["method"]
    assert request["scheme"] == scope["scheme"]
    assert request["path"] == scope["path"]
    assert len(request) == len(scope)
    assert set(request) == set(scope)
    assert "method" in request
    assert request.get("missing") is None


def test_request_mapping_writes_go_to_the_scope():
    scope = scope_of()
    request = Request(scope)
    request["user"] = "bob"
    assert scope["user"] == "bob"
    del request["user"]
    assert "user" not in scope


def test_scope_keys_are_attributes():
    scope = scope_of(state={"db": 1}, path_params={"id": "3"})
    request = Request(scope)
    assert request.version == scope["version"]
    assert request.method == scope["method"]
    assert request.scheme == scope["scheme"]
    assert request.path == "/users"
    assert request.state == {"db": 1}
    assert request.path_params == {"id": "3"}


def test_missing_scope_key_attribute_raises_attribute_error():
    request = Request(scope_of())
    with pytest.raises(AttributeError):
        _ = request.state
    assert getattr(request, "path_params", None) is None
    with pytest.raises(AttributeError):
        _ = Request({"type": "http"}).method


SCOPE_ATTRIBUTES = [
    "path_params",
    "state",
    "app",
    "endpoint",
    "scheme",
    "http_version",
    "query_string",
    "raw_path",
    "root_path",
    "client",
    "server",
]


@pytest.mark.parametrize("key", SCOPE_ATTRIBUTES)
def test_common_scope_keys_read_the_live_scope_and_stay_read_only(key):
    scope = {"type": "http"}
    request = Request(scope)
    assert not hasattr(request, key)
    with pytest.raises(AttributeError, match=key):
        getattr(request, key)
    value = object()
    scope[key] = value  # set after the request was built, as App does with path_params
    assert getattr(request, key) is value
    with pytest.raises(AttributeError):
        setattr(request, key, 1)
    assert scope[key] is value


def test_str_and_repr_show_type_method_and_path():
    request = Request(scope_of(method="POST", root_path="/api", path="/x"))
    assert str(request) == "http POST /api/x"
    assert repr(request) == "<Request http POST /api/x>"
    assert str(Request(scope_of(type="websocket", path="/ws"))) == "websocket /ws"


def test_copy_changes_scope_keys_and_keeps_receive_and_send():
    async def receive():
        return {}

    async def send(message):
        return None

    scope = scope_of()
    request = Request(scope, receive, send)
    sub = request.copy(path="/inner", root_path="/mount")
    assert sub.path == "/inner"
    assert sub["root_path"] == "/mount"
    assert request.path == "/users"
    assert sub.receive is receive
    assert sub.send is send
    assert copy.copy(request).scope == scope


def test_copy_keeps_the_subclass():
    class Limited(Request):
        max_body_size = 5

    assert type(Limited(scope_of()).copy()) is Limited


def test_headers_are_a_case_insensitive_multidict_of_latin1_strings():
    request = Request(
        scope_of(
            headers=[
                (b"content-type", b"text/plain"),
                (b"authorization", b"Bearer x"),
                (b"x-many", b"1"),
                (b"x-many", b"2"),
                (b"x-latin", "caf\u00e9".encode("latin-1")),
            ]
        )
    )
    headers = request.headers
    assert isinstance(headers, CIMultiDict)
    assert headers["content-type"] == "text/plain"
    assert headers["Authorization"] == "Bearer x"
    assert headers.getall("x-many") == ["1", "2"]
    assert headers["x-latin"] == "caf\u00e9"
    assert request.headers is headers


def test_missing_headers_key_gives_empty_headers_cookies_and_type():
    request = Request({"type": "http", "method": "GET", "path": "/"})
    assert len(request.headers) == 0
    assert request.cookies == {}
    assert request.content_type == ""
    assert request.charset == "utf-8"
    assert request.query == MultiDict()


def test_cookies_are_parsed_from_the_cookie_header():
    request = Request(scope_of(headers=[(b"cookie", b'session=abc; theme="dark blue"; bad; =x')]))
    assert request.cookies == {"session": "abc", "theme": "dark blue"}
    assert request.cookies.get("session") == "abc"


def test_cookies_from_several_cookie_headers_are_merged():
    request = Request(scope_of(headers=[(b"cookie", b"a=1"), (b"cookie", b"b=2")]))
    assert request.cookies == {"a": "1", "b": "2"}


def test_query_keeps_blank_values_and_repeats():
    request = Request(scope_of(query_string=b"a=1&b=&a=2&c"))
    query = request.query
    assert isinstance(query, MultiDict)
    assert query.getall("a") == ["1", "2"]
    assert query["b"] == ""
    assert query["c"] == ""


def test_query_decodes_escapes_and_plus():
    request = Request(scope_of(query_string=b"q=caf%C3%A9+au+lait&x=%zz"))
    assert request.query["q"] == "caf\u00e9 au lait"
    assert request.query["x"] == "%zz"


def test_url_uses_the_host_header():
    request = Request(
        scope_of(headers=[(b"host", b"example.com:8080")], query_string=b"page=2&sort=name")
    )
    url = request.url
    assert isinstance(url, URL)
    assert str(url) == "http://example.com:8080/users?page=2&sort=name"
    assert url.scheme == "http"
    assert url.host == "example.com"
    assert url.port == 8080
    assert url.query is not None
    assert url.query_string == "page=2&sort=name"


def test_url_falls_back_to_server_and_omits_default_port():
    assert str(Request(scope_of()).url) == "http://127.0.0.1:8000/users"
    assert str(Request(scope_of(server=("h.io", 80))).url) == "http://h.io/users"
    assert str(Request(scope_of(scheme="https", server=("h.io", 443))).url) == "https://h.io/users"


def test_url_without_host_or_server_is_localhost():
    request = Request({"type": "http", "method": "GET", "path": "/a", "headers": []})
    assert str(request.url) == "http://localhost/a"


def test_url_brackets_an_ipv6_server_and_reads_an_ipv6_host():
    assert str(Request(scope_of(server=("::1", 8000))).url) == "http://[::1]:8000/users"
    request = Request(scope_of(headers=[(b"host", b"[2001:db8::1]:9000")]))
    assert request.url.host == "2001:db8::1"
    assert request.url.port == 9000


def test_url_prefixes_root_path():
    request = Request(scope_of(root_path="/api", path="/v1/items"))
    assert request.url.path == "/api/v1/items"


def test_url_escapes_the_decoded_path():
    request = Request(scope_of(path="/a b/caf\u00e9/%2F"))
    assert request.url.raw_path == "/a%20b/caf%C3%A9/%252F"
    assert request.url.path == "/a b/caf\u00e9/%2F"


def test_url_keeps_an_encoded_query_and_escapes_raw_bytes():
    request = Request(scope_of(query_string=b"a=%20b&c=\xc3\xa9 d"))
    assert request.url.raw_query_string == "a=%20b&c=%C3%A9%20d"
    assert request.url.query["a"] == " b"


@pytest.mark.parametrize(
    "host",
    [b"evil.com/path", b"a b", b"x@y", b"host:port", b"h\\x", b"[zz::1]", b"a:99999", b"a\r\nb"],
)
def test_url_rejects_a_malformed_host_header(host):
    request = Request(scope_of(headers=[(b"host", host)]))
    with pytest.raises(ASGIDecodeError):
        _ = request.url


def test_content_type_charset_and_params():
    request = Request(
        scope_of(headers=[(b"content-type", b'Text/HTML; Charset="latin-1"; level=1')])
    )
    assert request.content_type == "text/html"
    assert request.charset == "latin-1"
    assert request.content_type_params == {"charset": "latin-1", "level": "1"}
    assert request.media == {"charset": "latin-1", "level": "1", "content_type": "text/html"}


def test_charset_defaults_to_utf8():
    request = Request(scope_of(headers=[(b"content-type", b"application/json")]))
    assert request.content_type == "application/json"
    assert request.charset == "utf-8"


def test_url_does_not_repeat_a_root_path_the_path_already_holds():
    # ASGI 2.4 (uvicorn --root-path, hypercorn, mounted apps): `path` includes `root_path`.
    request = Request(scope_of(root_path="/prefix", path="/prefix/api/x"))
    assert request.url.path == "/prefix/api/x"
    assert str(request) == "http GET /prefix/api/x"


def test_url_of_a_path_with_lone_surrogates_is_a_decode_error():
    request = Request(scope_of(path="/items/\udcff"))
    with pytest.raises(ASGIDecodeError, match="not valid text"):
        _ = request.url
