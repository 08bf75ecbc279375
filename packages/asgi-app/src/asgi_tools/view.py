"""``asgi_tools.view``: class-based views."""

from __future__ import annotations

from asgi_app import HTTPView

__all__ = ["HTTPView"]
