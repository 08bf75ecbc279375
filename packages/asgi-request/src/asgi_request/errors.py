"""Error classes shared by every package of the toolkit.

Each error names what was wrong; App turns them into 4xx responses (see ``status_code``).
"""

from __future__ import annotations


class ASGIError(Exception):
    """Base class of the toolkit's errors."""

    status_code: int = 500


class ASGIDecodeError(ASGIError, ValueError):
    """The request's data cannot be decoded (invalid JSON, charset, form...)."""

    status_code = 400


class ASGIRequestEntityTooLargeError(ASGIError):
    """The request's body (or a part of it) crossed a configured limit."""

    status_code = 413


class ASGIConnectionClosedError(ASGIError):
    """The client disconnected while the application was still reading or writing."""

    status_code = 400


class ASGIInvalidMessageError(ASGIError):
    """A message does not follow the ASGI specification."""

    status_code = 500


__all__ = [
    "ASGIConnectionClosedError",
    "ASGIDecodeError",
    "ASGIError",
    "ASGIInvalidMessageError",
    "ASGIRequestEntityTooLargeError",
]
