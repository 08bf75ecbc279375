"""asgi-middlewares: request, response, lifespan, router, static files and background tasks."""

from __future__ import annotations

from .__about__ import __version__
from .background import BackgroundMiddleware
from .base import BaseMiddleware, default_app, respond
from .lifespan import LifespanMiddleware
from .request import RequestMiddleware
from .response import ResponseMiddleware, SendRefusedError
from .router import RouterMiddleware
from .static import MalformedPathError, StaticFilesMiddleware

__all__ = [
    "BackgroundMiddleware",
    "BaseMiddleware",
    "LifespanMiddleware",
    "MalformedPathError",
    "RequestMiddleware",
    "ResponseMiddleware",
    "RouterMiddleware",
    "SendRefusedError",
    "StaticFilesMiddleware",
    "__version__",
    "default_app",
    "respond",
]
