"""asgi-request on its own parses a real ASGI scope and body; the other packages are absent."""

from __future__ import annotations

import importlib.metadata

from _libs import absent, run_everywhere

from asgi_request import Request

OTHERS = (
    "asgi_responses",
    "asgi_router",
    "asgi_middlewares",
    "asgi_testclient",
    "asgi_app",
    "asgi_tools",
)
assert absent(*OTHERS) == list(OTHERS), f"importable here: {set(OTHERS) - set(absent(*OTHERS))}"
for dist in ("asgi-responses", "asgi-router", "asgi-middlewares", "asgi-testclient", "asgi-app"):
    try:
        importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        continue
    raise AssertionError(f"{dist} is installed")

BODY = [b'{"name": "wid', b'get", "tags": ["a", "b"], "price": 9.5}']

SCOPE = {
    "type": "http",
    "asgi": {"version": "3.0"},
    "http_version": "1.1",
    "method": "POST",
    "scheme": "https",
    "server": ("shop.example.com", 8443),
    "client": ("10.0.0.7", 51000),
    "root_path": "",
    "path": "/items/42",
    "raw_path": b"/items/42",
    "query_string": b"page=2&tag=new&tag=sale",
    "headers": [
        (b"host", b"shop.example.com:8443"),
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(sum(map(len, BODY))).encode()),
        (b"cookie", b"session=s3cr3t; theme=dark"),
        (b"x-trace", b"one"),
        (b"x-trace", b"two"),
    ],
}


async def check() -> None:
    chunks = list(BODY)

    async def receive() -> dict[str, object]:
        body = chunks.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(chunks)}

    request = Request(SCOPE, receive)
    assert request.method == "POST"
    assert request["path"] == "/items/42"
    assert str(request.url) == "https://shop.example.com:8443/items/42?page=2&tag=new&tag=sale"
    assert request.url.host == "shop.example.com"
    assert request.url.port == 8443
    assert request.headers["X-TRACE"] == "one"
    assert request.headers.getall("x-trace") == ["one", "two"]
    assert request.cookies["session"] == "s3cr3t"
    assert request.cookies.get("theme") == "dark"
    assert request.cookies.get("missing") is None
    assert request.query["page"] == "2"
    assert request.query.getall("tag") == ["new", "sale"]
    assert request.content_type == "application/json"
    assert request.charset == "utf-8"
    assert await request.json() == {"name": "widget", "tags": ["a", "b"], "price": 9.5}
    # the body is cached: another reader sees the same bytes
    assert await request.body() == b"".join(BODY)


run_everywhere(check)
