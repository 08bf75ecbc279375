"""``asgi_tools.router``: the router."""

from __future__ import annotations

from asgi_router import MethodNotAllowedError, NotFoundError, Router, RouterError

__all__ = ["MethodNotAllowedError", "NotFoundError", "Router", "RouterError"]
