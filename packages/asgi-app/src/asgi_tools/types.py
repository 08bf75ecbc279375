"""``asgi_tools.types``: the ASGI type aliases, under the names ASGI-Tools gives them."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from asgi_request import (
    TJSON,
    Request,
    TASGIApp,
    TASGIHeaders,
    TASGIMessage,
    TASGIReceive,
    TASGIScope,
    TASGISend,
    TMethods,
    TPath,
    TVCallable,
)

TV = TypeVar("TV")
TVAsyncCallable = TypeVar("TVAsyncCallable", bound=Callable[..., Coroutine[Any, Any, Any]])
# What `App.on_error` registers: `async def handler(request, error) -> response`.
TExceptionHandler = Callable[[Request, BaseException], Coroutine[Any, Any, Any]]
TVExceptionHandler = TypeVar("TVExceptionHandler", bound=TExceptionHandler)

__all__ = [
    "TJSON",
    "TV",
    "TASGIApp",
    "TASGIHeaders",
    "TASGIMessage",
    "TASGIReceive",
    "TASGIScope",
    "TASGISend",
    "TExceptionHandler",
    "TMethods",
    "TPath",
    "TVAsyncCallable",
    "TVCallable",
    "TVExceptionHandler",
]
