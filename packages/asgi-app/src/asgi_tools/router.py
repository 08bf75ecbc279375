"""``asgi_tools.router``: the router and the errors it raises, under both names."""

from __future__ import annotations

from asgi_request import ASGIError
from asgi_router import MethodNotAllowedError, NotFoundError, Router, RouterError

from .errors import ASGIInvalidMethodError, ASGINotFoundError

__all__ = [
    "ASGIError",
    "ASGIInvalidMethodError",
    "ASGINotFoundError",
    "MethodNotAllowedError",
    "NotFoundError",
    "Router",
    "RouterError",
]
