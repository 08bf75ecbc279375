"""``asgi_tools.types``: the ASGI type aliases."""

from __future__ import annotations

from asgi_request import (
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
    "TJSON",
    "TASGIApp",
    "TASGIHeaders",
    "TASGIMessage",
    "TASGIReceive",
    "TASGIScope",
    "TASGISend",
    "TMethods",
    "TPath",
    "TVCallable",
]
