"""How App calls what users register: route targets and error handlers, sync or async."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from asgi_responses import Response, parse_response

__all__ = ["to_async", "to_response"]


def to_async(fn: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """Return ``fn`` when it is a coroutine function, else an async wrapper around it.

    The wrapper awaits what the call returns when that is awaitable, so classes whose
    instantiation returns an awaitable (``HTTPView``) and callable objects work as targets.
    """
    if inspect.iscoroutinefunction(fn):
        return fn

    async def call(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

    call.__name__ = getattr(fn, "__name__", type(fn).__name__)
    call.__qualname__ = getattr(fn, "__qualname__", call.__name__)
    call.__doc__ = getattr(fn, "__doc__", None)
    call.__wrapped__ = fn  # type: ignore[attr-defined]
    return call


def to_response(result: Any) -> Response:
    """Turn what an error handler returned into a response.

    Accepts everything ``parse_response`` takes and also ``(body, status)`` tuples, the order
    the reference prints for error handlers (``return render(...), 404``).
    """
    if (
        type(result) is tuple
        and len(result) == 2
        and type(result[1]) is int
        and type(result[0]) is not int
    ):
        result = (result[1], result[0])
    return parse_response(result)
