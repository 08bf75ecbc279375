"""asgi_tools: the import name of ASGI-Tools, served by the asgi-* packages.

Code written for ASGI-Tools runs unchanged: every name resolves to the object the asgi-*
packages define (``asgi_tools.App is asgi_app.App``).
"""

from __future__ import annotations

from asgi_app import (
    App,
    BackgroundMiddleware,
    BaseMiddleware,
    HTTPView,
    LifespanMiddleware,
    Request,
    RequestMiddleware,
    Response,
    ResponseError,
    ResponseFile,
    ResponseHTML,
    ResponseJSON,
    ResponseMiddleware,
    ResponseRedirect,
    ResponseSSE,
    ResponseStream,
    ResponseText,
    ResponseWebSocket,
    ResponseWebsocket,
    Router,
    RouterError,
    RouterMiddleware,
    StaticFilesMiddleware,
    parse_response,
)

from .errors import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIError,
    ASGIInvalidMessageError,
    ASGIInvalidMethodError,
    ASGINotFoundError,
    ASGIRequestEntityTooLargeError,
    InvalidMethodError,
    NotFoundError,
)

__all__ = [
    "ASGIConnectionClosedError",
    "ASGIDecodeError",
    "ASGIError",
    "ASGIInvalidMessageError",
    "ASGIInvalidMethodError",
    "ASGINotFoundError",
    "ASGIRequestEntityTooLargeError",
    "App",
    "BackgroundMiddleware",
    "BaseMiddleware",
    "HTTPView",
    "InvalidMethodError",
    "LifespanMiddleware",
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
    "parse_response",
]
