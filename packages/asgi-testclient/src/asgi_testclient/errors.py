"""The errors the test client raises, each named for what went wrong."""

from __future__ import annotations

from asgi_request import ASGIConnectionClosedError, ASGIError, ASGIInvalidMessageError

__all__ = [
    "ASGILifespanError",
    "ASGIProtocolError",
    "ASGITooManyRedirectsError",
    "ASGIWebSocketClosedError",
    "ASGIWebSocketRejectedError",
]


class ASGIProtocolError(ASGIInvalidMessageError):
    """The application broke the ASGI specification (strict mode names the violation)."""


class ASGILifespanError(ASGIError):
    """The application reported ``lifespan.startup.failed`` or ``lifespan.shutdown.failed``."""

    def __init__(self, phase: str, message: str = "") -> None:
        self.phase = phase
        self.message = message
        super().__init__(
            f"lifespan {phase} failed: {message}" if message else f"lifespan {phase} failed"
        )


class ASGITooManyRedirectsError(ASGIError):
    """A chain of redirects went on longer than the client's ``max_redirects``."""


class ASGIWebSocketClosedError(ASGIConnectionClosedError):
    """The application closed the websocket (``code`` and ``reason`` are its close frame)."""

    def __init__(self, code: int = 1000, reason: str = "") -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"websocket closed by the application: code {code} {reason!r}")


class ASGIWebSocketRejectedError(ASGIError):
    """The application refused the websocket handshake.

    ``status_code`` is the HTTP status a server would answer: 403 when the application closed
    before accepting, or the status of its denial response (with its ``headers`` and ``body``).
    """

    def __init__(
        self,
        status_code: int = 403,
        *,
        headers: list[tuple[bytes, bytes]] | None = None,
        body: bytes = b"",
        code: int | None = None,
        reason: str = "",
    ) -> None:
        self.status_code = status_code
        self.headers = headers or []
        self.body = body
        self.code = code
        self.reason = reason
        super().__init__(f"websocket handshake rejected with HTTP {status_code}")
