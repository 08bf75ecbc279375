"""``asgi_tools.response``: the response classes and ``parse_response``."""

from __future__ import annotations

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
