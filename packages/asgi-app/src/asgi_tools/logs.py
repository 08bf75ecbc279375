"""``asgi_tools.logs``: the shared ``asgi-tools`` logger."""

from __future__ import annotations

from asgi_request import logger

__all__ = ["logger"]
