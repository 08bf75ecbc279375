"""App: routing, errors as responses, middlewares, lifespan and static files in one ASGI app."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path, PurePath
from typing import Any, TypeVar

from asgi_middlewares import LifespanMiddleware, StaticFilesMiddleware
from asgi_request import (
    ASGIConnectionClosedError,
    ASGIError,
    ASGIInvalidMessageError,
    Request,
    TASGIApp,
    TASGIMessage,
    TASGIReceive,
    TASGIScope,
    TASGISend,
    TMethods,
    TPath,
    TVCallable,
    find_header,
)
from asgi_request import logger as default_logger
from asgi_responses import ASGIInvalidHeaderError, Response, ResponseError, parse_response
from asgi_router import MethodNotAllowedError, NotFoundError, Router, RouterError

from .handlers import to_async, to_response

__all__ = ["App"]

TV = TypeVar("TV")
TExceptionHandler = Callable[[Request, BaseException], Awaitable[Any]]
TInternalHandler = Callable[[Request, TASGIReceive, TASGISend], Awaitable[Response | None]]

# Exception handlers registered for these catch only errors nothing more specific handles:
# a catch-all 500 page must not swallow the 404s and 413s the app answers itself.
_GENERIC = (Exception, BaseException, object)


class App:
    """An ASGI application: routes, error handling, middlewares, lifespan and static files.

    ::

        app = App()

        @app.route('/hello/{name}')
        async def hello(request):
            return f"Hello {request.path_params['name']}"
    """

    def __init__(
        self,
        *,
        debug: bool = False,
        logger: logging.Logger = default_logger,
        static_url_prefix: str = "/static",
        static_folders: list[str | Path] | None = None,
        trim_last_slash: bool = False,
        max_body_size: int | None = None,
        use_hosts: bool = False,
    ) -> None:
        self._debug = debug
        self.logger = logger
        self.router = Router(
            trim_last_slash=trim_last_slash, validator=callable, converter=to_async
        )
        self.exception_handlers: dict[type[BaseException], TExceptionHandler] = {}
        self.lifespan = LifespanMiddleware(logger=logger)

        # A per-app body cap is a subclass of Request with its own class attribute, so the
        # hot path builds one object and reads no setting.
        self.request_class: type[Request] = Request
        if max_body_size is not None:
            self.request_class = type(
                "Request", (Request,), {"__slots__": (), "max_body_size": max_body_size}
            )

        self.static: StaticFilesMiddleware | None = None
        if static_folders and static_url_prefix:
            self.static = StaticFilesMiddleware(
                self._process, url_prefix=static_url_prefix, folders=static_folders
            )

        self.internal_middlewares: list[Callable[..., Awaitable[Any]]] = []
        self.classic_middlewares: list[Callable[[TASGIApp], TASGIApp]] = []
        self._handler: TInternalHandler = self._match
        self._entry: TASGIApp = self._static_or_process if self.static else self._process
        self._classic_entry: TASGIApp = self._entry
        # True while `__call__` may serve HTTP itself: no middleware and no static folders.
        self._direct = self.static is None
        # Host routes are matched whenever some are registered; `use_hosts` (ASGI-Tools 3.2)
        # is accepted for compatibility and only turns the host lookup on from the start.
        self._use_hosts = use_hosts
        self._mount_prefix = ""
        self._parent: App | None = None
        self._mounted: list[App] = []
        self._fast = False
        self._refresh_fast()

    def _refresh_fast(self) -> None:
        """Recompute ``_fast``, the one flag `__call__` reads to serve HTTP inline.

        True with no middleware, no static folders, no host routes and ``debug`` off: every
        setting that changes one of them calls this, so the hot path reads no setting.
        """
        self._fast = self._direct and not (self._use_hosts or self._debug)

    @property
    def debug(self) -> bool:
        """Raise unhandled errors instead of answering 500, and log each route match."""
        return self._debug

    @debug.setter
    def debug(self, debug: bool) -> None:
        self._debug = debug
        self._refresh_fast()

    @property
    def router(self) -> Router:
        """The app's router (asgi-router's ``Router``)."""
        return self._router

    @router.setter
    def router(self, router: Router) -> None:
        self._router = router
        self._lookup = router.__call__
        # Mutated in place as routes are added: this reference stays current.
        self._static_targets = router.static_targets

    # ----------------------------------------------------------------------------- ASGI
    async def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        """Serve one ASGI connection."""
        if self._fast and scope["type"] == "http":
            # The common case inlined (see _refresh_fast): this is `_process` and `_match`
            # without their two extra coroutine frames per request, nor their setting checks.
            scope["app"] = self
            if "state" not in scope:
                scope["state"] = self.lifespan.state.copy()
            request = self.request_class(scope, receive, send)
            try:
                path = scope["path"]
                root = scope.get("root_path")
                if root and path.startswith(root):
                    path = route_path(path, root)
                method = scope["method"]
                table = self._static_targets.get(path)
                target = table.get(method) if table is not None else None
                if target is not None:
                    # A static path: the router's own first step, without building the
                    # RouteMatch only its target would be read from (about 5% of a request).
                    scope["path_params"] = {}
                else:
                    # The router's bound __call__, kept once: calling the instance costs a
                    # slot lookup more on every request.
                    match = self._lookup(path, method)
                    scope["path_params"] = match.params
                    target = match.target
                scope["endpoint"] = target
                result = await target(request)
                response: Response | None
                # Inside the try: a result that is no valid response (content that cannot
                # be encoded, a bad status) is an error of the handler, answered as such.
                response = result if isinstance(result, Response) else parse_response(result)
            except BaseException as exc:  # noqa: BLE001 - every error becomes a response
                response = await self._error_response(request, exc)
            if response is not None:
                try:
                    await response(scope, receive, send)
                except Exception as exc:  # noqa: BLE001 - see _send_failed
                    await self._send_failed(scope, receive, send, exc)
            return None

        kind = scope["type"]
        if kind in {"http", "websocket"}:
            return await self._entry(scope, receive, send)  # type: ignore[no-any-return]
        if kind == "lifespan":
            return await self.lifespan(scope, receive, send)  # type: ignore[no-any-return]
        # The ASGI spec asks apps to raise on scope types they do not know: nothing is sent.
        raise ASGIInvalidMessageError(f"App does not handle {kind!r} scopes")

    async def _static_or_process(
        self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend
    ) -> None:
        """Static files under their prefix (of the path without root_path), else the routes."""
        static = self.static
        if static is not None and scope["type"] == "http":
            path = route_path(scope["path"], scope.get("root_path"))
            if static.handles(path):
                if path != scope["path"]:
                    scope = {**scope, "path": path}
                await static.serve(scope, receive, send)
                return
        await self._process(scope, receive, send)

    async def _process(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        scope["app"] = self
        if "state" not in scope:
            # Without server-side lifespan state, each request gets a copy of the app's own.
            scope["state"] = self.lifespan.state.copy()
        request = self.request_class(scope, receive, send)
        # Internal middlewares take and return responses: HTTP only.
        handler = self._handler if scope["type"] == "http" else self._match
        try:
            response = await handler(request, receive, send)
        except BaseException as exc:  # noqa: BLE001 - raised by a middleware, see below
            response = self._middleware_error(request, exc)
        if response is not None:
            try:
                await response(scope, receive, send)
            except Exception as exc:  # noqa: BLE001 - see _send_failed
                await self._send_failed(scope, receive, send, exc)

    async def _guarded(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        """Run the classic middlewares; an error they raise is a plain 500 (or 1011), logged."""
        started = False

        async def watched_send(message: TASGIMessage) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await self._classic_entry(scope, receive, watched_send)
        except Exception as exc:
            if self.debug:
                raise
            self.logger.error(
                "middleware error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc
            )
            if started:
                return  # the server ends the exchange it can no longer complete
            if scope["type"] == "http":
                await ResponseError.INTERNAL_SERVER_ERROR()(scope, receive, send)
            else:
                await _close_websocket(send, 1011)

    async def _send_failed(
        self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend, exc: Exception
    ) -> None:
        """A failure while sending: logged (raised with ``debug=True``).

        A header that would break the response is refused before anything is sent: its error
        is answered instead. Otherwise the server ends the exchange: a 500 if nothing was sent
        yet, else a cut connection.
        """
        if isinstance(exc, ASGIConnectionClosedError | OSError):
            # ASGI 2.4: send() on a closed connection raises an OSError: the client left.
            self.logger.debug("client left during %s %s", scope["method"], scope["path"])
            return
        if self.debug:
            raise exc
        self.logger.error(
            "error while sending the response to %s %s",
            scope["method"],
            scope["path"],
            exc_info=exc,
        )
        if isinstance(exc, ASGIInvalidHeaderError):
            await ResponseError(status_code=exc.status_code)(scope, receive, send)

    def _middleware_error(self, request: Request, exc: BaseException) -> Response | None:
        """Errors from internal middlewares never reach ``on_error``: a plain 500, logged."""
        if request.scope["type"] != "http":
            raise exc  # only `debug=True` lets a websocket error out of `_match`
        if isinstance(exc, Response):
            return exc
        if not isinstance(exc, Exception) or self.debug:
            raise exc
        self.logger.error(
            "middleware error on %s %s",
            request.scope.get("method"),
            request.scope.get("path"),
            exc_info=exc,
        )
        return ResponseError.INTERNAL_SERVER_ERROR()

    async def _match(
        self, request: Request, receive: TASGIReceive, send: TASGISend
    ) -> Response | None:
        """Find the route, call its target and turn the result (or error) into a response."""
        scope = request.scope
        try:
            match = self.router(
                route_path(scope["path"], scope.get("root_path")),
                scope.get("method", "GET"),
                self._host(scope) if self._use_hosts else None,
            )
            scope["path_params"] = match.params
            scope["endpoint"] = target = match.target
            if self.debug:
                self._log_match(scope, match.route)
            result = await target(request)
            if scope["type"] != "http":
                return None
            return result if isinstance(result, Response) else parse_response(result)
        except BaseException as exc:  # noqa: BLE001 - every error becomes a response
            if scope["type"] == "http":
                return await self._error_response(request, exc)
            await self._websocket_error(request, exc, send)
            return None

    def _log_match(self, scope: TASGIScope, route: object) -> None:
        self.logger.debug("%s %s -> %s", scope.get("method", scope["type"]), scope["path"], route)

    # --------------------------------------------------------------------------- errors
    def _find_handler(self, exc: BaseException, *, generic: bool) -> TExceptionHandler | None:
        handlers = self.exception_handlers
        if not handlers:
            return None
        for etype in type(exc).__mro__:
            if not generic and etype in _GENERIC:
                return None
            handler = handlers.get(etype)
            if handler is not None:
                return handler
        return None

    async def _error_response(self, request: Request, exc: BaseException) -> Response | None:
        """The response for an error raised while handling an HTTP request."""
        if not isinstance(exc, Exception):
            raise exc  # cancellation and interpreter exits are never answered
        if (
            isinstance(exc, MethodNotAllowedError)
            and "GET" in exc.allowed
            and request.scope.get("method") == "HEAD"
        ):
            # HEAD is GET without a body (RFC 9110 9.3.2): the response drops the body.
            return await self._head_as_get(request)
        expected = client_error(exc)
        handler = self._find_handler(exc, generic=expected is None)
        if handler is None and expected is not None and expected is not exc:
            # A router or client error is answered as the ResponseError it stands for, so
            # `on_error(ResponseError)` customizes every 404/405/413 the same way.
            exc = expected
            handler = self._find_handler(exc, generic=False)

        if handler is not None:
            try:
                return to_response(await handler(request, exc))
            except BaseException as error:  # noqa: BLE001 - a failing handler is a 500
                if isinstance(error, Response):
                    return error
                return self._unhandled(request, error)

        if expected is None:
            return self._unhandled(request, exc)
        if isinstance(expected, Response):
            return expected
        self.logger.debug("client disconnected: %s", exc)
        return None

    async def _head_as_get(self, request: Request) -> Response | None:
        scope = request.scope
        try:
            host = self._host(scope) if self._use_hosts else None
            match = self.router(route_path(scope["path"], scope.get("root_path")), "GET", host)
            scope["path_params"] = match.params
            scope["endpoint"] = target = match.target
            result = await target(request)
            return result if isinstance(result, Response) else parse_response(result)
        except BaseException as exc:  # noqa: BLE001 - every error becomes a response
            return await self._error_response(request, exc)

    def _unhandled(self, request: Request, exc: BaseException) -> Response:
        """A plain 500, logged; ``debug=True`` (or a non-Exception) raises instead."""
        if self.debug or not isinstance(exc, Exception):
            raise exc
        scope = request.scope
        self.logger.error(
            "unhandled error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc
        )
        return ResponseError.INTERNAL_SERVER_ERROR()

    async def _websocket_error(self, request: Request, exc: BaseException, send: TASGISend) -> None:
        """Close the socket: never an HTTP response on a websocket scope."""
        scope = request.scope
        rejected = isinstance(exc, NotFoundError | MethodNotAllowedError)
        if rejected and "websocket.http.response" in (scope.get("extensions") or {}):
            # The server offers the denial-response extension, and nothing was sent yet.
            response: object = client_error(exc)
            if isinstance(response, Response):
                await response(scope, _noop_receive, partial(_denial_send, send))
                return

        if isinstance(exc, ASGIConnectionClosedError):
            return
        code = 1000
        if not (rejected or isinstance(exc, Response)):
            code = 1011
            if self.debug or not isinstance(exc, Exception):
                await _close_websocket(send, code)
                raise exc
            self.logger.error("websocket error on %s", scope.get("path"), exc_info=exc)
        await _close_websocket(send, code)

    # ----------------------------------------------------------------------- public API
    def route(
        self, *paths: TPath, methods: TMethods | None = None, **opts: Any
    ) -> Callable[[TV], TV]:
        """Register a route: ``@app.route('/path', methods=['GET'], name=..., host=...)``."""
        if opts.get("host") is not None or opts.get("hosts") is not None:
            self._use_hosts = True
            self._refresh_fast()
        # The router takes strings and patterns; a PurePath is read as its string.
        register = self.router.route(
            *(str(path) if isinstance(path, PurePath) else path for path in paths),
            methods=methods,
            **opts,
        )

        def decorator(target: TV) -> TV:
            if isinstance(target, App):
                self._mounted.append(target)
                target._parent = self
            return register(target)

        return decorator

    def on_startup(self, fn: TVCallable) -> TVCallable:
        """Register a startup handler (sync or async; one parameter gets the lifespan state)."""
        self.lifespan.on_startup(fn)
        return fn

    def on_shutdown(self, fn: TVCallable) -> TVCallable:
        """Register a shutdown handler (sync or async; one parameter gets the lifespan state)."""
        self.lifespan.on_shutdown(fn)
        return fn

    def on_error(self, etype: type[BaseException]) -> Callable[[TV], TV]:
        """Register a handler ``(request, error) -> response`` for ``etype`` and subclasses."""
        if not (inspect.isclass(etype) and issubclass(etype, BaseException)):
            raise TypeError(f"on_error expects an exception class, got {etype!r}")

        def register(handler: TV) -> TV:
            if not callable(handler):
                raise TypeError(f"an error handler must be callable, got {handler!r}")
            self.exception_handlers[etype] = to_async(handler)
            return handler

        return register

    def middleware(self, md: TV, *, insert_first: bool = False) -> TV:
        """Register a middleware; the first registered is the outermost.

        An async function ``(app, request, receive, send) -> response`` is an internal
        middleware: it gets a response from ``app`` and returns one (HTTP only). Anything
        else is a classic ASGI middleware factory ``md(app) -> app``.
        """
        if not callable(md):
            raise TypeError(f"a middleware must be callable, got {md!r}")
        chain: list[Any] = (
            self.internal_middlewares
            if inspect.iscoroutinefunction(md)
            else self.classic_middlewares
        )
        if md not in chain:
            chain.insert(0, md) if insert_first else chain.append(md)
        self._build()
        return md

    def _build(self) -> None:
        handler: TInternalHandler = self._match
        for md in reversed(self.internal_middlewares):
            handler = partial(md, handler)
        self._handler = handler

        entry: TASGIApp = self._static_or_process if self.static else self._process
        for factory in reversed(self.classic_middlewares):
            entry = factory(entry)
        self._classic_entry = entry
        self._entry = self._guarded if self.classic_middlewares else entry
        self._direct = not (self.internal_middlewares or self.classic_middlewares or self.static)
        self._refresh_fast()

    def url_for(self, name: str, **params: Any) -> str:
        """The path of the route registered with ``name``, prefixed by the mount point."""
        try:
            return self._full_prefix() + self.router.url_for(name, **params)
        except RouterError:
            for child in self._mounted:
                try:
                    return child.url_for(name, **params)
                except RouterError:
                    continue
            raise

    def __route__(
        self, router: Router, *paths: TPath, methods: TMethods | None = None, **opts: Any
    ) -> App:
        """Mount this app under ``paths`` of another app: ``parent.route('/api')(app)``."""
        for path in paths:
            prefix = str(path).rstrip("/")
            router.mount(prefix, self._mounted_target(prefix), **opts)
            if not self._mount_prefix:
                self._mount_prefix = prefix
        return self

    def _full_prefix(self) -> str:
        """Where this app is mounted, through every parent app."""
        prefix = ""
        app: App | None = self
        while app is not None:
            prefix = app._mount_prefix + prefix
            app = app._parent
        return prefix

    def _mounted_target(self, prefix: str) -> Callable[[Request], Awaitable[Response | None]]:
        async def mounted(request: Request) -> Response | None:
            # As the ASGI spec has it (and uvicorn, hypercorn, Starlette do): `path` stays the
            # full path, `root_path` grows by the prefix, and the child routes on the rest.
            scope = request.scope
            root = scope.get("root_path") or ""
            if not scope["path"].startswith(root):
                root = ""  # a server that strips root_path itself: the prefix is all we know
            sub = request.copy(root_path=root + prefix)
            handler = self._handler if scope["type"] == "http" else self._match
            return await handler(sub, request.receive, request.send)  # type: ignore[arg-type]

        return mounted

    @staticmethod
    def _host(scope: TASGIScope) -> str | None:
        """The request's host as sent (the Host header, else the server address); the router
        lower-cases it and drops the port.
        """
        host = find_header(scope.get("headers") or (), b"host")
        if host is None:
            server = scope.get("server")
            return str(server[0]) if server else None
        return host


def route_path(path: str, root_path: str | None) -> str:
    """The part of ``path`` the app routes on: without ``root_path`` when it starts with it."""
    if root_path and path.startswith(root_path):
        rest = path[len(root_path) :]
        if not rest:
            return "/"
        if rest[0] == "/":
            return rest
    return path


def client_error(exc: BaseException) -> BaseException | None:
    """The ResponseError a router or client (4xx) error stands for; ``exc`` if it is one."""
    if isinstance(exc, NotFoundError):
        return ResponseError.NOT_FOUND()
    if isinstance(exc, MethodNotAllowedError):
        allowed = set(exc.allowed)
        if "GET" in allowed:
            allowed.add("HEAD")
        return ResponseError.METHOD_NOT_ALLOWED(headers={"allow": ", ".join(sorted(allowed))})
    if isinstance(exc, Response):
        return exc
    if isinstance(exc, ASGIError) and 400 <= exc.status_code < 500:
        if isinstance(exc, ASGIConnectionClosedError):
            return exc
        return ResponseError(status_code=exc.status_code)
    return None


async def _noop_receive() -> TASGIMessage:
    return {"type": "websocket.disconnect", "code": 1000}


async def _denial_send(send: TASGISend, message: TASGIMessage) -> None:
    await send({**message, "type": "websocket." + message["type"]})


async def _close_websocket(send: TASGISend, code: int) -> None:
    try:
        await send({"type": "websocket.close", "code": code})
    except Exception:  # noqa: BLE001 - already closed by the handler or by the client
        return
