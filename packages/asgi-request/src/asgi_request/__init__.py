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
from .cookies import parse_cookies
from .errors import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIError,
    ASGIInvalidMessageError,
    ASGIRequestEntityTooLargeError,
)
from .headers import find_header, parse_headers, parse_options_header
from .jsoncodec import JSON_LIBRARY, JSONDecodeError, json_dumps, json_loads
from .log import logger
from .multipart import MultipartParser
from .query import parse_query
from .request import Request
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
    TUploadTo,
    TVCallable,
)
from .upload import UploadFile, safe_filename
from .urlencoded import URLEncodedParser

__all__ = [
    "JSON_LIBRARY",
    "TJSON",
    "ASGIConnectionClosedError",
    "ASGIDecodeError",
    "ASGIError",
    "ASGIInvalidMessageError",
    "ASGIRequestEntityTooLargeError",
    "JSONDecodeError",
    "MultipartParser",
    "Queue",
    "Request",
    "TASGIApp",
    "TASGIHeaders",
    "TASGIMessage",
    "TASGIReceive",
    "TASGIScope",
    "TASGISend",
    "TMethods",
    "TPath",
    "TUploadTo",
    "TVCallable",
    "TaskHandle",
    "URLEncodedParser",
    "UploadFile",
    "__version__",
    "aio_first",
    "aio_queue",
    "aio_sleep",
    "aio_spawn",
    "aio_timeout",
    "aio_to_thread",
    "current_async_library",
    "find_header",
    "json_dumps",
    "json_loads",
    "logger",
    "parse_cookies",
    "parse_headers",
    "parse_options_header",
    "parse_query",
    "safe_filename",
]
