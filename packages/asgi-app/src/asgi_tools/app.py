"""``asgi_tools.app``: the application class."""

from __future__ import annotations

from asgi_app import App, HTTPView

__all__ = ["App", "HTTPView"]
