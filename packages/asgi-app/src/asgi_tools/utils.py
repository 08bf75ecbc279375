"""``asgi_tools.utils``: the async-library-neutral helpers and codecs ASGI-Tools users import.

from asgi_tools.utils import aio_sleep  # works on asyncio, trio and curio
"""

from __future__ import annotations

from asgi_app.handlers import to_async as to_awaitable
from asgi_request import (
    aio_first,
    aio_sleep,
    aio_spawn,
    aio_timeout,
    aio_to_thread,
    json_dumps,
    json_loads,
)

__all__ = [
    "aio_first",
    "aio_sleep",
    "aio_spawn",
    "aio_timeout",
    "aio_to_thread",
    "json_dumps",
    "json_loads",
    "to_awaitable",
]
