"""``asgi_tools.constants``: the two encodings ASGI-Tools names."""

from __future__ import annotations

from typing import Final

__all__ = ["BASE_ENCODING", "DEFAULT_CHARSET"]

# ASGI carries header names and values as bytes in latin-1 (RFC 9110 field values).
BASE_ENCODING: Final = "latin-1"
DEFAULT_CHARSET: Final = "utf-8"
