"""``asgi_tools.errors``: the toolkit's errors under the names ASGI-Tools uses."""

from __future__ import annotations

from asgi_request import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIError,
    ASGIInvalidMessageError,
    ASGIRequestEntityTooLargeError,
)
from asgi_router import MethodNotAllowedError, NotFoundError, RouterError

# ASGI-Tools 3.2.1 names its router's errors twice (its own and http-router's): both names
# are the router's classes here, so `except ASGINotFoundError` catches what the router raises.
ASGINotFoundError = NotFoundError
ASGIInvalidMethodError = MethodNotAllowedError
InvalidMethodError = MethodNotAllowedError

__all__ = [
    "ASGIConnectionClosedError",
    "ASGIDecodeError",
    "ASGIError",
    "ASGIInvalidMessageError",
    "ASGIInvalidMethodError",
    "ASGINotFoundError",
    "ASGIRequestEntityTooLargeError",
    "InvalidMethodError",
    "MethodNotAllowedError",
    "NotFoundError",
    "RouterError",
]
