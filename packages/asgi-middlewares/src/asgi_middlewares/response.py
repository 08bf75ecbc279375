"""ResponseMiddleware: what the app returns (or raises) becomes the response."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from asgi_request import ASGIError, TASGIApp, TASGIMessage, TASGIReceive, TASGIScope, TASGISend
from asgi_responses import ResponseError, ResponseRedirect, parse_response

from .base import BaseMiddleware, default_app

__all__ = ["ResponseMiddleware", "SendRefusedError"]


class SendRefusedError(ASGIError, RuntimeError):
    """The app wrapped by ResponseMiddleware called ``send`` instead of returning a response."""

    status_code = 500


async def _refuse_send(message: TASGIMessage) -> None:
    raise SendRefusedError(
        f"ResponseMiddleware sends the response itself: return it (or raise ResponseError) "
        f"instead of calling send({message.get('type')!r})"
    )


async def _not_found(scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Any:
    if scope["type"] == "http":
        return ResponseError.NOT_FOUND()
    return await default_app(scope, receive, send)


class ResponseMiddleware(BaseMiddleware):
    """Turn what the app returns into a response with ``parse_response`` and send it.

    A raised ``ResponseError``/``ResponseRedirect`` is sent as it is; an ``ASGIError`` with a
    4xx ``status_code`` (bad input, too large a body...) becomes an error response of that
    status. The app gets a ``send`` that refuses HTTP messages. WebSocket scopes pass through.

        async def app(scope, receive, send):
            if scope["path"] == "/user":
                raise ResponseRedirect("/login")
            return "<b>HTML is here</b>"

        app = ResponseMiddleware(app)
    """

    scopes: ClassVar[tuple[str, ...]] = ("http",)

    async def __process__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        try:
            result = await self.app(scope, receive, _refuse_send)
        except (ResponseError, ResponseRedirect) as exc:
            response: Any = exc
        except SendRefusedError:
            raise
        except ASGIError as exc:
            # The client's fault (400, 413...): answer its status, never a 500.
            if not 400 <= exc.status_code < 500:
                raise
            response = ResponseError(str(exc) or None, exc.status_code)
        else:
            response = parse_response(result)
        await response(scope, receive, send)

    def bind(self, app: TASGIApp | None = None) -> Self:
        """Attach (or swap) the wrapped app; ``None`` binds an app returning a 404."""
        self.app = _not_found if app is None else app
        return self
