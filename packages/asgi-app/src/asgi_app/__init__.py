"""asgi-app: App and HTTPView, assembled from the asgi-* packages, which it re-exports.

from asgi_app import App

app = App()

@app.route('/')
async def index(request):
    return 'OK'
"""

from __future__ import annotations

from typing import Any

from asgi_middlewares import (
    BackgroundMiddleware,
    BaseMiddleware,
    LifespanMiddleware,
    RequestMiddleware,
    ResponseMiddleware,
    RouterMiddleware,
    StaticFilesMiddleware,
)
from asgi_request import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIError,
    ASGIInvalidMessageError,
    ASGIRequestEntityTooLargeError,
    Request,
    logger,
)
from asgi_responses import (
    Response,
    ResponseError,
    ResponseFile,
    ResponseHTML,
    ResponseJSON,
    ResponseRedirect,
    ResponseSSE,
    ResponseStream,
    ResponseText,
    ResponseWebSocket,
    ResponseWebsocket,
    parse_response,
)
from asgi_router import MethodNotAllowedError, NotFoundError, Router, RouterError

from .__about__ import __version__
from .app import App
from .view import HTTPView

__all__ = [
    "ASGIConnectionClosedError",
    "ASGIDecodeError",
    "ASGIError",
    "ASGIInvalidMessageError",
    "ASGIRequestEntityTooLargeError",
    "ASGITestClient",
    "App",
    "BackgroundMiddleware",
    "BaseMiddleware",
    "HTTPView",
    "LifespanMiddleware",
    "MethodNotAllowedError",
    "NotFoundError",
    "Request",
    "RequestMiddleware",
    "Response",
    "ResponseError",
    "ResponseFile",
    "ResponseHTML",
    "ResponseJSON",
    "ResponseMiddleware",
    "ResponseRedirect",
    "ResponseSSE",
    "ResponseStream",
    "ResponseText",
    "ResponseWebSocket",
    "ResponseWebsocket",
    "Router",
    "RouterError",
    "RouterMiddleware",
    "StaticFilesMiddleware",
    "TestResponse",
    "__version__",
    "logger",
    "parse_response",
]

# The test client is imported only when asked for: serving an app should not load it.
_TESTCLIENT_NAMES = frozenset({"ASGITestClient", "TestResponse"})


def __getattr__(name: str) -> Any:
    if name in _TESTCLIENT_NAMES:
        import asgi_testclient

        return getattr(asgi_testclient, name)
    raise AttributeError(f"module 'asgi_app' has no attribute {name!r}")
