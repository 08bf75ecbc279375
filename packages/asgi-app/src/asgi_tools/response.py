"""``asgi_tools.response``: the response classes, ``parse_response`` and their errors."""

from __future__ import annotations

from asgi_request import ASGIConnectionClosedError, ASGIError
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

__all__ = [
    "ASGIConnectionClosedError",
    "ASGIError",
    "Response",
    "ResponseError",
    "ResponseFile",
    "ResponseHTML",
    "ResponseJSON",
    "ResponseRedirect",
    "ResponseSSE",
    "ResponseStream",
    "ResponseText",
    "ResponseWebSocket",
    "ResponseWebsocket",
    "parse_response",
]
