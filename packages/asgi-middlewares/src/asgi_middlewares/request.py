"""RequestMiddleware: the wrapped app gets a Request where it expected the scope."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from asgi_request import Request, TASGIReceive, TASGIScope, TASGISend

from .base import BaseMiddleware

__all__ = ["RequestMiddleware"]


class RequestMiddleware(BaseMiddleware):
    """Build a ``Request`` from the scope and pass it to the app in place of the scope.

    async def app(request, receive, send):
        response = Response(f"{request.method} {request.url.path}")
        await response(request, receive, send)

    app = RequestMiddleware(app)
    """

    def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Awaitable[Any]:
        if scope["type"] in self.scopes:
            return self.app(Request(scope, receive, send), receive, send)
        return self.app(scope, receive, send)

    def __process__(
        self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend
    ) -> Awaitable[Any]:
        return self.app(Request(scope, receive, send), receive, send)
