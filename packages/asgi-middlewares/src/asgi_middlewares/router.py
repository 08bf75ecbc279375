"""RouterMiddleware: dispatch HTTP and WebSocket scopes to the app registered for the path."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from asgi_request import find_header
from asgi_responses import ResponseError
from asgi_router import MethodNotAllowedError, Router, RouterError

from .base import BaseMiddleware, respond

if TYPE_CHECKING:
    from asgi_request import TASGIApp, TASGIReceive, TASGIScope, TASGISend
    from asgi_router import TRoutePath

__all__ = ["RouterMiddleware"]


def _below_root(path: str, root: str) -> str:
    """``path`` without the ``root_path`` the app is mounted at, when it starts with it."""
    # Servers that follow the current ASGI spec put root_path in path; older ones do not.
    if path.startswith(root):
        rest = path[len(root) :]
        if not rest or rest[0] == "/":
            return rest or "/"
    return path


async def _method_not_allowed(
    scope: TASGIScope, receive: TASGIReceive, send: TASGISend, allowed: frozenset[str]
) -> Any:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1000})
        return None
    response = ResponseError(status_code=405, headers={"allow": ", ".join(sorted(allowed))})
    return await respond(response, scope, receive, send)


class RouterMiddleware(BaseMiddleware):
    r"""Route requests with an ``asgi_router.Router``; unmatched paths go to the wrapped app.

    Path parameters are in the scope as ``path_params``. A path that matches with another
    method is answered 405 with ``Allow``.

        app = router = RouterMiddleware(default_app)

        @router.route("/hello/{name}")
        async def hello(scope, receive, send):
            await ResponseHTML(f"Hello {scope['path_params']['name']}")(scope, receive, send)
    """

    def __init__(
        self, app: TASGIApp | None = None, router: Router | None = None, *, use_hosts: bool = False
    ) -> None:
        super().__init__(app)
        self.router = Router(validator=callable) if router is None else router
        self.use_hosts = use_hosts

    def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> Awaitable[Any]:
        # Returns the target's awaitable itself: routing adds no coroutine frame.
        scope_type = scope["type"]
        if scope_type not in self.scopes:
            return self.app(scope, receive, send)
        path = scope["path"]
        root = scope.get("root_path")
        if root:
            path = _below_root(path, root)
        try:
            match = self.router(
                path,
                scope["method"] if scope_type == "http" else "GET",
                find_header(scope.get("headers") or (), b"host") if self.use_hosts else None,
            )
        except MethodNotAllowedError as exc:
            return _method_not_allowed(scope, receive, send, exc.allowed)
        except RouterError:
            if "path_params" not in scope:
                scope["path_params"] = {}
            return self.app(scope, receive, send)
        scope["path_params"] = match.params
        target: TASGIApp = match.target
        return target(scope, receive, send)

    def __process__(
        self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend
    ) -> Awaitable[Any]:
        return self(scope, receive, send)

    def route(
        self, *paths: TRoutePath, methods: str | Iterable[str] | None = None, **opts: Any
    ) -> Callable[..., Any]:
        """Register an ASGI app for the paths; a decorator: ``@router.route('/path')``."""
        return self.router.route(*paths, methods=methods, **opts)
