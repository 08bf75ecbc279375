"""``asgi_tools.view``: class-based views."""

from __future__ import annotations

from asgi_app.view import HTTP_METHODS, HTTPView

__all__ = ["HTTP_METHODS", "HTTPView"]
