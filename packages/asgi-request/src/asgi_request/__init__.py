"""asgi-request: the Request of the ASGI toolkit, and the small foundation every package shares."""

from __future__ import annotations

from .__about__ import __version__
from .aio import (
    Queue,
    TaskHandle,
    aio_first,
    aio_queue,
    aio_sleep,
    aio_spawn,
    aio_timeout,
    aio_to_thread,
    current_async_library,
)
from .errors import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIError,
    ASGIInvalidMessageError,
    ASGIRequestEntityTooLargeError,
)
from .jsoncodec import JSON_LIBRARY, JSONDecodeError, json_dumps, json_loads
from .log import logger
from .types import (
    TJSON,
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

__all__ = [
    "JSON_LIBRARY",
    "TJSON",
    "ASGIConnectionClosedError",
    "ASGIDecodeError",
    "ASGIError",
    "ASGIInvalidMessageError",
    "ASGIRequestEntityTooLargeError",
    "JSONDecodeError",
    "Queue",
    "TASGIApp",
    "TASGIHeaders",
    "TASGIMessage",
    "TASGIReceive",
    "TASGIScope",
    "TASGISend",
    "TMethods",
    "TPath",
    "TVCallable",
    "TaskHandle",
    "__version__",
    "aio_first",
    "aio_queue",
    "aio_sleep",
    "aio_spawn",
    "aio_timeout",
    "aio_to_thread",
    "current_async_library",
    "json_dumps",
    "json_loads",
    "logger",
]
