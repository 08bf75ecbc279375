"""``asgi_tools.request``: the request object (and the errors and parsers it raises and uses)."""

from __future__ import annotations

from asgi_request import (
    ASGIDecodeError,
    ASGIError,
    ASGIRequestEntityTooLargeError,
    Request,
    json_loads,
    parse_headers,
    parse_options_header,
)

__all__ = [
    "ASGIDecodeError",
    "ASGIError",
    "ASGIRequestEntityTooLargeError",
    "Request",
    "json_loads",
    "parse_headers",
    "parse_options_header",
]
