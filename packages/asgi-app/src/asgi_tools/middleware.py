"""``asgi_tools.middleware``: the middlewares, and the names ASGI-Tools' module also offers."""

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
from asgi_request import ASGIError, Request, logger
from asgi_responses import Response, ResponseError, ResponseFile, ResponseRedirect, parse_response

# ASGI-Tools 3.2.1 also offers its base class under a misspelt name; code using it keeps working.
BaseMiddeware = BaseMiddleware

__all__ = [
    "ASGIError",
    "BackgroundMiddleware",
    "BaseMiddeware",
    "BaseMiddleware",
    "LifespanMiddleware",
    "Request",
    "RequestMiddleware",
    "Response",
    "ResponseError",
    "ResponseFile",
    "ResponseMiddleware",
    "ResponseRedirect",
    "RouterMiddleware",
    "StaticFilesMiddleware",
    "logger",
    "parse_response",
]
