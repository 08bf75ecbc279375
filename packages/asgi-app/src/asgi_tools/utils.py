"""``asgi_tools.utils``: the async-library-neutral helpers and codecs ASGI-Tools users import.

from asgi_tools.utils import aio_sleep  # works on asyncio, trio and curio
"""

from __future__ import annotations

from inspect import isasyncgenfunction, iscoroutinefunction
from typing import Any

from asgi_app.handlers import to_async as to_awaitable
from asgi_request import (
    TASGIHeaders,
    aio_first,
    aio_sleep,
    aio_spawn,
    aio_timeout,
    aio_to_thread,
    json_dumps,
    json_loads,
    parse_headers,
    parse_options_header,
)

__all__ = [
    "aio_first",
    "aio_sleep",
    "aio_spawn",
    "aio_timeout",
    "aio_to_thread",
    "is_awaitable",
    "json_dumps",
    "json_loads",
    "parse_headers",
    "parse_host",
    "parse_options_header",
    "to_awaitable",
]


def is_awaitable(fn: Any) -> bool:
    """True for coroutine functions and async generator functions."""
    return iscoroutinefunction(fn) or isasyncgenfunction(fn)


def parse_host(headers: TASGIHeaders) -> str | None:
    """The ``Host`` header lower-cased, without its port (IPv6 without brackets); else None."""
    for name, value in headers:
        if name.lower() == b"host":
            host = value.decode("latin-1").lower()
            if host.startswith("["):
                return host[1:].partition("]")[0]
            return host.partition(":")[0]
    return None
