"""``asgi_tools.request``: the request object."""

from __future__ import annotations

from asgi_request import Request

__all__ = ["Request"]
