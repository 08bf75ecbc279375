"""Errors raised by the responses: each says what was wrong, with the status App answers."""

from __future__ import annotations

from asgi_request import ASGIError


class ASGIInvalidHeaderError(ASGIError, ValueError):
    """A header name or value would break the response (CR, LF, NUL, not a token, not latin-1).

    Such values nearly always come from the request (a redirect target, a file name, a cookie
    taken from a query string), so the status is 400. Nothing has been sent when it is raised.
    """

    status_code = 400


class ASGIFileNotFoundError(ASGIError, FileNotFoundError):
    """The file a ResponseFile should serve does not exist or is a directory."""

    status_code = 404


class ASGIInvalidEventError(ASGIError, ValueError):
    """A server-sent event field that would break the event stream (a newline in an id...)."""

    status_code = 500


class ASGIWebSocketStateError(ASGIError):
    """A websocket method was called in the wrong state (send before accept, accept twice...)."""

    status_code = 500


__all__ = [
    "ASGIFileNotFoundError",
    "ASGIInvalidEventError",
    "ASGIInvalidHeaderError",
    "ASGIWebSocketStateError",
]
