"""``asgi_tools.middleware``: the middlewares."""

from __future__ import annotations

from asgi_middlewares import (
    BackgroundMiddleware,
    BaseMiddleware,
    LifespanMiddleware,
    RequestMiddleware,
    ResponseMiddleware,
    RouterMiddleware,
    StaticFilesMiddleware,
)

__all__ = [
    "BackgroundMiddleware",
    "BaseMiddleware",
    "LifespanMiddleware",
    "RequestMiddleware",
    "ResponseMiddleware",
    "RouterMiddleware",
    "StaticFilesMiddleware",
]
