"""``asgi_tools.app``: the application class.

ASGI-Tools' ``app`` module also holds the names it is built from, and its users import them
from here (``from asgi_tools.app import App, ResponseError``): they are the same objects as
``asgi_tools``'s.
"""

from __future__ import annotations

from asgi_app import App, HTTPView
from asgi_middlewares import LifespanMiddleware, StaticFilesMiddleware
from asgi_request import Request, logger
from asgi_responses import Response, ResponseError, parse_response
from asgi_router import Router

from .errors import (
    ASGIConnectionClosedError,
    ASGIInvalidMethodError,
    ASGINotFoundError,
    ASGIRequestEntityTooLargeError,
)

__all__ = [
    "ASGIConnectionClosedError",
    "ASGIInvalidMethodError",
    "ASGINotFoundError",
    "ASGIRequestEntityTooLargeError",
    "App",
    "HTTPView",
    "LifespanMiddleware",
    "Request",
    "Response",
    "ResponseError",
    "Router",
    "StaticFilesMiddleware",
    "logger",
    "parse_response",
]
