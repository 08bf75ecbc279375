"""asgi-responses: every response of the ASGI toolkit, and parse_response."""

from __future__ import annotations

from .__about__ import __version__
from .errors import (
    ASGIFileNotFoundError,
    ASGIInvalidEventError,
    ASGIInvalidHeaderError,
    ASGIWebSocketStateError,
)
from .file import ResponseFile, content_disposition
from .parse import parse_response
from .ranges import MAX_RANGES, parse_range
from .response import (
    Response,
    ResponseError,
    ResponseHTML,
    ResponseJSON,
    ResponseRedirect,
    ResponseText,
)
from .stream import ResponseSSE, ResponseStream, format_event
from .websocket import ResponseWebSocket, ResponseWebsocket, WebSocketState

__all__ = [
    "MAX_RANGES",
    "ASGIFileNotFoundError",
    "ASGIInvalidEventError",
    "ASGIInvalidHeaderError",
    "ASGIWebSocketStateError",
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
    "WebSocketState",
    "__version__",
    "content_disposition",
    "format_event",
    "parse_range",
    "parse_response",
]
