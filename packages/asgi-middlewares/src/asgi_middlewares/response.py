"""ResponseMiddleware: what the app returns (or raises) becomes the response."""

from __future__ import annotations

from typing import Any, ClassVar

from asgi_request import (
    ASGIConnectionClosedError,
    ASGIError,
    TASGIMessage,
    TASGIReceive,
    TASGIScope,
    TASGISend,
)
from asgi_responses import Response, ResponseError, ResponseRedirect, parse_response

from .base import BaseMiddleware, SendRefusedError, refuse_send

__all__ = ["ResponseMiddleware", "SendRefusedError"]

# Responses sent by this method send their start and their whole body in one go.
_SENT_AT_ONCE = Response.__call__


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
            result = await self.app(scope, receive, refuse_send)
        except (ResponseError, ResponseRedirect) as exc:
            response: Any = exc
        except SendRefusedError:
            raise
        except ASGIError as exc:
            response = _client_error(exc)
        else:
            try:
                response = parse_response(result)
            except ASGIError as exc:
                response = _client_error(exc)
        if type(response).__call__ is _SENT_AT_ONCE:
            # A body known in advance: whatever can fail is checked before the first send, so
            # no watch on send is needed (this is the common case: no closure per request).
            try:
                await response(scope, receive, send)
            except ASGIConnectionClosedError:
                raise
            except ASGIError as exc:
                if not 400 <= exc.status_code < 500:
                    raise
                await ResponseError(status_code=exc.status_code)(scope, receive, send)
            return

        started = False

        async def watched_send(message: TASGIMessage) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await response(scope, receive, watched_send)
        except ASGIError as exc:
            # A response refused before it started (a header with CR/LF/NUL taken from the
            # request...): answer its 4xx. Once started, the exchange cannot be mended.
            if started or not 400 <= exc.status_code < 500:
                raise
            # Only the status phrase: the refused value came from the request and is not
            # echoed back.
            await ResponseError(status_code=exc.status_code)(scope, receive, send)


def _client_error(exc: ASGIError) -> ResponseError:
    """The error response for an ``ASGIError`` that is the client's fault (400, 413...).

    Any other status is re-raised: a server error is not for the client to see.
    """
    if not 400 <= exc.status_code < 500:
        raise exc
    return ResponseError(str(exc) or None, exc.status_code)
