"""The router's own errors: it depends on nothing, so callers map them to responses."""

from __future__ import annotations

__all__ = ["MethodNotAllowedError", "NotFoundError", "RouterError"]


class RouterError(Exception):
    """Base of every router error; raised as is for invalid routes and bad ``url_for`` calls."""


class NotFoundError(RouterError):
    """No route matches the path (and host)."""

    status_code = 404

    def __init__(self, path: str, method: str = "GET") -> None:
        super().__init__(f"no route matches {method} {path!r}")
        self.path = path
        self.method = method


class MethodNotAllowedError(RouterError):
    """Routes match the path but none accepts the method; ``allowed`` feeds an ``Allow`` header."""

    status_code = 405

    def __init__(self, path: str, method: str, allowed: frozenset[str]) -> None:
        super().__init__(
            f"method {method} is not allowed for {path!r} (allowed: {', '.join(sorted(allowed))})"
        )
        self.path = path
        self.method = method
        self.allowed = allowed
