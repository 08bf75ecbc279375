"""Class-based views: one class per resource, one method per HTTP verb."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, Final

from asgi_responses import ResponseError

if TYPE_CHECKING:
    from asgi_request import Request, TMethods
    from asgi_router import Router

__all__ = ["HTTP_METHODS", "HTTPView"]

HTTP_METHODS: Final = (
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
    "TRACE",
    "CONNECT",
)


class HTTPView:
    """Dispatch a request to the method named for its HTTP verb.

    ``HTTPView(request, **opts)`` calls the method and returns its awaitable, so the class
    itself is a route target::

        @app.route('/custom')
        class CustomEndpoint(HTTPView):
            async def get(self, request):
                return 'Hello from GET'

    A verb without a method gets 405 with ``Allow``; HEAD falls back to ``get``.
    """

    def __new__(cls, request: Request, **opts: Any) -> Any:
        self = super().__new__(cls)
        return self(request, **opts)

    @classmethod
    def allowed_methods(cls) -> list[str]:
        """The HTTP methods this view answers, upper-case."""
        methods = [name for name in HTTP_METHODS if callable(getattr(cls, name.lower(), None))]
        if "GET" in methods and "HEAD" not in methods:
            methods.insert(methods.index("GET") + 1, "HEAD")
        return methods

    @classmethod
    def __route__(
        cls, router: Router, *paths: Any, methods: TMethods | None = None, **opts: Any
    ) -> type[HTTPView]:
        """Register the view for the methods it defines (or those given)."""
        router.bind(cls, *paths, methods=methods or cls.allowed_methods(), **opts)
        return cls

    def __call__(self, request: Request, **opts: Any) -> Awaitable[Any]:
        """Call the method for ``request.method``; 405 with ``Allow`` when there is none."""
        verb = str(request.scope.get("method", "GET")).upper()
        if verb in HTTP_METHODS:
            method = getattr(self, verb.lower(), None)
            if method is None and verb == "HEAD":
                method = getattr(self, "get", None)
            if callable(method):
                result = method(request, **opts)
                # A sync method (as App allows sync handlers) still gives an awaitable.
                return result if inspect.isawaitable(result) else _resolved(result)
        raise ResponseError.METHOD_NOT_ALLOWED(
            headers={"allow": ", ".join(type(self).allowed_methods())}
        )


async def _resolved(value: Any) -> Any:
    return value
