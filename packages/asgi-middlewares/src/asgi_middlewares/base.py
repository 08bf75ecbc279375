"""The base every middleware of the package builds on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Self

from asgi_request import ASGIError
from asgi_responses import ResponseError

if TYPE_CHECKING:
    from asgi_request import TASGIApp, TASGIMessage, TASGIReceive, TASGIScope, TASGISend

__all__ = ["BaseMiddleware", "SendRefusedError", "default_app", "respond"]


class SendRefusedError(ASGIError, RuntimeError):
    """The app wrapped by ResponseMiddleware called ``send`` instead of returning a response."""

    status_code = 500


async def refuse_send(message: TASGIMessage) -> None:
    """The ``send`` ResponseMiddleware gives its app: the response must be returned instead."""
    raise SendRefusedError(
        "ResponseMiddleware sends the response itself: return it (or raise ResponseError) "
        f"instead of calling send({message.get('type')!r})"
    )


async def respond(response: Any, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Any:
    """Send ``response``; below a ResponseMiddleware return it instead, for it to send."""
    if send is refuse_send:
        return response
    await response(scope, receive, send)
    return None


async def default_app(scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Any:
    """Answer what no application handles: 404 over HTTP, a closed socket over WebSocket."""
    scope_type = scope["type"]
    if scope_type == "http":
        return await respond(ResponseError.NOT_FOUND(), scope, receive, send)
    elif scope_type == "websocket":
        # Never HTTP messages on a websocket scope: closing before accept is a denial.
        await send({"type": "websocket.close", "code": 1000})
    # Other scope types (lifespan included) are left unanswered, as the ASGI spec allows.
    return None


class BaseMiddleware:
    """Wrap an ASGI app; handle the scope types in ``scopes``, pass the others straight through.

    Subclasses implement ``__process__(scope, receive, send)`` (an awaitable):

        class Timing(BaseMiddleware):
            scopes = ("http",)

            async def __process__(self, scope, receive, send):
                await self.app(scope, receive, send)
    """

    scopes: ClassVar[tuple[str, ...]] = ("http", "websocket")

    app: TASGIApp

    def __init__(self, app: TASGIApp | None = None) -> None:
        self.bind(app)

    def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Awaitable[Any]:
        # A plain function returning the awaitable: no extra coroutine frame per layer.
        if scope["type"] in self.scopes:
            return self.__process__(scope, receive, send)
        return self.app(scope, receive, send)

    def __process__(
        self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend
    ) -> Awaitable[Any]:
        """Do the middleware's work for a scope of a handled type."""
        raise NotImplementedError

    @classmethod
    def setup(cls, **params: Any) -> Callable[..., Self]:
        """Configure the middleware now, give it its app later: ``Md.setup(x=1)(app)``."""
        return partial(cls, **params)

    def bind(self, app: TASGIApp | None = None) -> Self:
        """Attach (or swap) the wrapped app; ``None`` binds the default 404 app."""
        self.app = default_app if app is None else app
        return self
