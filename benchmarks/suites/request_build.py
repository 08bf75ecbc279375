"""Build a Request and read its method, a query value, a header and a cookie."""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "starlette": "peers"}
UNIT = "ops/s"

SCOPE = {
    "type": "http",
    "asgi": {"version": "3.0"},
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "path": "/items",
    "root_path": "",
    "query_string": b"page=2&sort=name",
    "headers": [
        (b"host", b"example.com"),
        (b"user-agent", b"bench/1.0"),
        (b"accept", b"text/html,application/json"),
        (b"accept-encoding", b"gzip, deflate"),
        (b"cookie", b"session=abc123; theme=dark"),
        (b"x-request-id", b"42"),
    ],
    "server": ("127.0.0.1", 8000),
    "client": ("127.0.0.1", 51000),
}


async def _receive():
    return {"type": "http.request", "body": b""}


async def _send(message):
    return None


def run(impl: str) -> float:
    from suites._timing import rate

    if impl == "ours":
        from asgi_request import Request
    elif impl == "asgi-tools":
        from asgi_tools import Request
    else:
        from starlette.requests import Request

        scope = SCOPE

        def work():
            request = Request(dict(scope), _receive, _send)
            return (
                request.method,
                request.query_params["page"],
                request.headers["user-agent"],
                request.cookies["session"],
            )

        assert work() == ("GET", "2", "bench/1.0", "abc123")
        return rate(work)

    scope = SCOPE

    def work():
        request = Request(dict(scope), _receive, _send)
        return (
            request.method,
            request.query["page"],
            request.headers["user-agent"],
            request.cookies["session"],
        )

    assert work() == ("GET", "2", "bench/1.0", "abc123")
    return rate(work)
