"""ASGITestClient: make HTTP requests and open websockets against any ASGI application."""

from __future__ import annotations

import base64
import os
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping, Sequence
from contextlib import asynccontextmanager
from functools import partial
from http.cookies import Morsel
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from yarl import URL

from .cookies import CookieJar
from .encoding import TData, encode_body
from .errors import ASGITooManyRedirectsError
from .exchange import HTTPExchange
from .lifespan import Lifespan
from .response import TestResponse
from .websocket import TestWebSocketResponse

if TYPE_CHECKING:
    from asgi_request import TJSON, TASGIApp, TASGIHeaders, TASGIScope

__all__ = ["ASGITestClient"]

THeaders = Mapping[Any, Any] | Sequence[tuple[Any, Any]] | None
TQuery = str | Mapping[str, Any] | Sequence[tuple[str, Any]] | None

_REDIRECTS = frozenset((301, 302, 303, 307, 308))
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# Characters that need no percent-encoding in a path or a query (RFC 3986 pchar and "?").
_is_plain_path = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*").fullmatch
_is_plain_query = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*").fullmatch
_has_forbidden_char = re.compile(r"[\r\n\x00]").search
_CLIENT = ("127.0.0.1", 50000)
_HTTP_ASGI = {"version": "3.0", "spec_version": "2.4"}
_WS_ASGI = {"version": "3.0", "spec_version": "2.4"}
_USER_AGENT = (b"user-agent", b"asgi-testclient")
_BODY_HEADERS = frozenset((b"content-length", b"content-type", b"transfer-encoding"))
_NO_BODY_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "DELETE"))
_KNOWN_METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
# RFC 9110 5.6.2: a method is a token.
_is_token = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+").fullmatch
_NO_STATUS = 1005  # ASGI: websocket.disconnect's code when the close frame had none


def _header_pairs(headers: THeaders) -> list[tuple[bytes, bytes]]:
    """User headers as ASGI byte pairs; CR, LF or NUL in a name or value is refused."""
    if not headers:
        return []
    items = headers.items() if isinstance(headers, Mapping) else headers
    pairs: list[tuple[bytes, bytes]] = []
    for key, val in items:
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        value = val.decode("latin-1") if isinstance(val, bytes) else str(val)
        if _has_forbidden_char(name) or _has_forbidden_char(value):
            raise ValueError(f"header {name!r} has CR, LF or NUL in it")
        pairs.append((name.lower().encode("latin-1"), value.encode("latin-1")))
    return pairs


def _query_string(query: TQuery) -> str:
    if not query:
        return ""
    if isinstance(query, str):
        query = query.lstrip("?")
        if _is_plain_query(query):
            return query
        return quote(query, safe="-._~!$&'()*+,;=:@/?%")
    if isinstance(query, Mapping) or hasattr(query, "items"):
        query = list(query.items())
    return urlencode(query, doseq=True)


class _Target:
    """Where a request goes: scheme, authority, path (decoded and raw) and query."""

    __slots__ = ("host", "host_bytes", "path", "port", "query_string", "raw_path", "scheme")

    def __init__(  # noqa: PLR0917 - built in two places, always with all six
        self, scheme: str, host: str, port: int, path: str, raw_path: bytes, query_string: bytes
    ) -> None:
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.raw_path = raw_path
        self.query_string = query_string
        host_header = self.host_header
        self.host_bytes = host_header.encode("ascii" if host_header.isascii() else "idna")

    @property
    def host_header(self) -> str:
        if self.port == _DEFAULT_PORTS.get(self.scheme):
            return self.host
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        query = f"?{self.query_string.decode('latin-1')}" if self.query_string else ""
        return f"{self.scheme}://{self.host_header}{self.raw_path.decode('latin-1')}{query}"


class ASGITestClient:
    """Make requests against an ASGI application, with no server and no network.

    ``strict=True`` (the default) checks every message the application sends against the
    ASGI specification and raises :class:`ASGIProtocolError` naming the violation; pass
    ``strict=False`` to test an application that is not yet correct.

        client = ASGITestClient(app)
        response = await client.get('/')
        assert response.status_code == 200
        assert await response.text() == 'OK'
    """

    __test__ = False
    __slots__ = (
        "_base",
        "_lifespan_state",
        "_targets",
        "app",
        "base_url",
        "cookies",
        "headers",
        "max_redirects",
        "strict",
    )

    def __init__(
        self,
        app: TASGIApp,
        base_url: str = "http://localhost",
        *,
        strict: bool = True,
        headers: THeaders = None,
        max_redirects: int = 20,
    ) -> None:
        self.app = app
        self.base_url = URL(base_url)
        self.strict = strict
        self.max_redirects = max_redirects
        self.headers: dict[str, str] = dict(_header_decoded(headers))
        self.cookies = CookieJar(self.base_url.host or "localhost")
        self._lifespan_state: dict[str, Any] | None = None
        scheme = self.base_url.scheme or "http"
        port = self.base_url.port or _DEFAULT_PORTS.get(scheme, 80)
        self._base = (scheme, self.base_url.host or "localhost", port)
        self._targets: dict[tuple[str, str, bool], _Target] = {}

    # --- building scopes ------------------------------------------------------------------

    def _target(self, path: str, query: TQuery, websocket: bool = False) -> _Target:
        if type(query) is str:  # the usual case: reuse what was built for the same URL
            key = (path, query, websocket)
            target = self._targets.get(key)
            if target is None:
                target = self._build_target(path, query, websocket)
                if len(self._targets) < 256:
                    self._targets[key] = target
            return target
        return self._build_target(path, query, websocket)

    def _build_target(self, path: str, query: TQuery, websocket: bool) -> _Target:
        scheme, host, port = self._base
        if websocket:
            scheme = "wss" if scheme == "https" else "ws"
        if not path.startswith("/"):
            parts = urlsplit(path)
            if parts.scheme:
                scheme = parts.scheme
                host = parts.hostname or host
                port = parts.port or _DEFAULT_PORTS.get(scheme, 80)
                path = parts.path or "/"
                if parts.query:
                    path = f"{path}?{parts.query}"
            else:
                path = "/" + path
        raw, _, path_query = path.partition("?")
        extra = _query_string(query)
        query_string = f"{path_query}&{extra}" if path_query and extra else path_query or extra
        if _is_plain_path(raw):
            return _Target(scheme, host, port, raw, raw.encode(), query_string.encode())
        raw = quote(raw, safe="/%-._~!$&'()*+,;=:@")
        return _Target(scheme, host, port, unquote(raw), raw.encode(), query_string.encode())

    def _headers(
        self,
        target: _Target,
        headers: THeaders,
        cookies: Mapping[str, Any] | None,
    ) -> TASGIHeaders:
        if not (headers or cookies or self.headers or self.cookies):
            return [(b"host", target.host_bytes), _USER_AGENT]
        pairs = _header_pairs(headers)
        if self.headers:
            given = {name for name, _ in pairs}
            pairs += [pair for pair in _header_pairs(self.headers) if pair[0] not in given]
        names = {name for name, _ in pairs} if pairs else ()
        if b"host" not in names:
            pairs.append((b"host", target.host_bytes))
        if b"user-agent" not in names:
            pairs.append(_USER_AGENT)
        if b"cookie" not in names:
            cookie = (
                self.cookies.header_for(target.host, target.path, target.scheme in ("https", "wss"))
                if self.cookies
                else ""
            )
            if cookies:
                extra = "; ".join(
                    f"{name}={value.value if isinstance(value, Morsel) else value}"
                    for name, value in cookies.items()
                )
                cookie = f"{cookie}; {extra}" if cookie else extra
            if cookie:
                if _has_forbidden_char(cookie):
                    raise ValueError("a cookie has CR, LF or NUL in it")
                pairs.append((b"cookie", cookie.encode("latin-1")))
        return pairs

    def _scope(  # noqa: PLR0917 - every part of a request, from its three callers
        self,
        kind: str,
        method: str,
        target: _Target,
        headers: THeaders,
        cookies: Mapping[str, Any] | None,
        body: bytes | None = b"",
        content_type: str | None = None,
        subprotocols: Sequence[str] | None = None,
    ) -> TASGIScope:
        """The one place a scope is built: requests, websockets and ``build_scope``."""
        pairs = self._headers(target, headers, cookies)
        if kind == "http":
            if method not in _KNOWN_METHODS and not _is_token(method):
                raise ValueError(f"{method!r} is not an HTTP method token (RFC 9110 9.1)")
            if content_type is not None and all(name != b"content-type" for name, _ in pairs):
                pairs.append((b"content-type", content_type.encode()))
            if body is None:
                pairs.append((b"transfer-encoding", b"chunked"))
            elif body or method not in _NO_BODY_METHODS:
                pairs.append((b"content-length", str(len(body)).encode()))
            scope: TASGIScope = {
                "type": "http",
                "asgi": _HTTP_ASGI,
                "http_version": "1.1",
                "method": method,
                "scheme": target.scheme,
                "path": target.path,
                "raw_path": target.raw_path,
                "query_string": target.query_string,
                "root_path": "",
                "headers": pairs,
                "client": _CLIENT,
                "server": (target.host, target.port),
            }
        else:
            offered = list(subprotocols or ())
            for name, value in pairs:
                if name == b"sec-websocket-protocol":
                    offered += [p.strip() for p in value.decode("latin-1").split(",") if p.strip()]
            if subprotocols:
                pairs.append((b"sec-websocket-protocol", ", ".join(subprotocols).encode("latin-1")))
            pairs += [
                (b"connection", b"upgrade"),
                (b"upgrade", b"websocket"),
                (b"sec-websocket-version", b"13"),
                (b"sec-websocket-key", base64.b64encode(os.urandom(16))),
            ]
            scope = {
                "type": "websocket",
                "asgi": _WS_ASGI,
                "http_version": "1.1",
                "scheme": target.scheme,
                "path": target.path,
                "raw_path": target.raw_path,
                "query_string": target.query_string,
                "root_path": "",
                "headers": pairs,
                "client": _CLIENT,
                "server": (target.host, target.port),
                "subprotocols": offered,
                "extensions": {"websocket.http.response": {}},
            }
        if self._lifespan_state is not None:
            # ASGI lifespan: each request gets a shallow copy of the state startup filled.
            scope["state"] = self._lifespan_state.copy()
        return scope

    def build_scope(
        self,
        path: str,
        headers: THeaders = None,
        query: TQuery = None,
        cookies: Mapping[str, Any] | None = None,
        **overrides: Any,
    ) -> TASGIScope:
        """The scope a request (or, with ``type='websocket'``, a websocket) to ``path`` gets.

        As in ASGI-Tools: ``client.build_scope('/p', type='http', method='POST',
        headers={...}, query={...}, cookies={...})``. It is the scope ``request()`` and
        ``websocket()`` send, with the client's headers and cookie jar applied, for a request
        without a body (a POST says ``content-length: 0``). ``subprotocols`` offers websocket
        subprotocols as ``websocket()`` does; any other keyword replaces that key of the scope.
        """
        kind = overrides.pop("type", "http")
        if kind not in ("http", "websocket"):
            raise ValueError(f"build_scope builds 'http' and 'websocket' scopes, not {kind!r}")
        websocket = kind == "websocket"
        method = "GET" if websocket else str(overrides.pop("method", "GET")).upper()
        subprotocols = overrides.pop("subprotocols", None) if websocket else None
        target = self._target(path, query, websocket=websocket)
        scope = self._scope(kind, method, target, headers, cookies, subprotocols=subprotocols)
        if overrides:
            scope.update(overrides)
        return scope

    # --- HTTP -----------------------------------------------------------------------------

    async def request(
        self,
        path: str,
        method: str = "GET",
        *,
        query: TQuery = "",
        headers: THeaders = None,
        cookies: Mapping[str, Any] | None = None,
        data: TData = b"",
        json: TJSON = None,
        follow_redirect: bool = True,
        timeout: float | None = 10.0,
    ) -> TestResponse:
        """Send a request to the application and return its response.

        ``data``: bytes, str, a dict (urlencoded; multipart when a value is a file object or a
        ``(filename, content[, content_type])`` tuple), an async iterable or an async generator
        function (streamed chunk by chunk). ``json``: any JSON value but None.
        """
        method = method.upper()
        body, stream, content_type = encode_body(data, json)
        history: list[TestResponse] = []
        while True:
            target = self._target(path, query)
            scope = self._scope("http", method, target, headers, cookies, body, content_type)
            exchange = HTTPExchange(
                self.app, scope, body, stream, strict=self.strict, timeout=timeout
            )
            await exchange.start()
            items = exchange.outbox.items
            item = items.popleft() if items else await exchange.next()
            if item is None:
                exchange.raise_errors()
                raise exchange.incomplete("sending http.response.start")
            message, raw_headers = item
            response = TestResponse(message["status"], raw_headers, exchange, method, target)
            await response._read_ready()
            for name, value in raw_headers:
                if name == b"set-cookie":
                    self.cookies.update_from_header(
                        value.decode("latin-1"), target.host, target.path
                    )
            if not (follow_redirect and response.status_code in _REDIRECTS):
                response.history = history
                return response
            location = response._header(b"location")
            new = None if location is None else _redirect_url(target.url, location)
            if new is None:
                # No Location, or one no HTTP client can follow (unparsable, not http/https):
                # the redirect itself is the answer, for the test to inspect.
                response.history = history
                return response
            await response.body()
            history.append(response)
            if len(history) > self.max_redirects:
                raise ASGITooManyRedirectsError(
                    f"more than {self.max_redirects} redirects, the last to {location!r}"
                )
            status = response.status_code
            if status == 303 or (status in (301, 302) and method == "POST"):
                # RFC 9110 15.4: the redirected request is a GET without a body.
                if method != "HEAD":
                    method = "GET"
                body, stream, content_type = b"", None, None
                headers = [
                    (n, v)
                    for n, v in _header_decoded(headers)
                    if n.lower().encode() not in _BODY_HEADERS
                ]
            elif stream is not None:
                raise ASGITooManyRedirectsError(
                    f"cannot follow a {status} redirect with a streamed body (it was consumed)"
                )
            if new.host and new.host != target.host and headers:
                # Credentials do not follow a redirect to another host.
                headers = [
                    (n, v) for n, v in _header_decoded(headers) if n.lower() != "authorization"
                ]
            path = (
                str(new)
                if new.host != self._base[1] or new.scheme != self._base[0]
                else (new.raw_path_qs)
            )
            query = ""

    def get(self, path: str, **kwargs: Any) -> Coroutine[Any, Any, TestResponse]:
        """``request(path, 'GET', ...)``."""
        return self.request(path, "GET", **kwargs)

    def post(self, path: str, **kwargs: Any) -> Coroutine[Any, Any, TestResponse]:
        """``request(path, 'POST', ...)``."""
        return self.request(path, "POST", **kwargs)

    def put(self, path: str, **kwargs: Any) -> Coroutine[Any, Any, TestResponse]:
        """``request(path, 'PUT', ...)``."""
        return self.request(path, "PUT", **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Coroutine[Any, Any, TestResponse]:
        """``request(path, 'PATCH', ...)``."""
        return self.request(path, "PATCH", **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Coroutine[Any, Any, TestResponse]:
        """``request(path, 'DELETE', ...)``."""
        return self.request(path, "DELETE", **kwargs)

    def head(self, path: str, **kwargs: Any) -> Coroutine[Any, Any, TestResponse]:
        """``request(path, 'HEAD', ...)``."""
        return self.request(path, "HEAD", **kwargs)

    def options(self, path: str, **kwargs: Any) -> Coroutine[Any, Any, TestResponse]:
        """``request(path, 'OPTIONS', ...)``."""
        return self.request(path, "OPTIONS", **kwargs)

    def __getattr__(self, name: str) -> Callable[..., Coroutine[Any, Any, TestResponse]]:
        """``client.propfind(path, ...)`` is ``client.request(path, 'PROPFIND', ...)``.

        Any HTTP method token works, as in ASGI-Tools; names starting with ``_`` (Python's own
        protocols probe those) and names that are not tokens raise ``AttributeError``.
        """
        if name.startswith("_") or not _is_token(name):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return partial(self.request, method=name.upper())

    # --- websocket and lifespan -----------------------------------------------------------

    @asynccontextmanager
    async def websocket(
        self,
        path: str,
        query: TQuery = None,
        headers: THeaders = None,
        cookies: Mapping[str, Any] | None = None,
        *,
        subprotocols: Sequence[str] | None = None,
        timeout: float | None = 10.0,
    ) -> AsyncIterator[TestWebSocketResponse]:
        """Open a websocket to the application (``async with client.websocket('/ws') as ws``).

        A refused handshake raises :class:`ASGIWebSocketRejectedError` with its status.
        """
        target = self._target(path, query, websocket=True)
        scope = self._scope("websocket", "GET", target, headers, cookies, subprotocols=subprotocols)
        ws = TestWebSocketResponse(self.app, scope, strict=self.strict, timeout=timeout)
        await ws._connect()
        try:
            yield ws
        except Exception as exc:
            await ws._abort()
            if ws._error is not None and ws._error is not exc:
                # A violation of the protocol explains whatever went wrong after it.
                raise ws._error from exc
            raise
        except BaseException:
            await ws._abort()
            raise
        # Left without close(): the connection just ends, so the application hears the ASGI
        # default disconnect code, 1005 (no status), as with ASGI-Tools. After an explicit
        # close() this only waits for the application.
        await ws.close(_NO_STATUS)

    def lifespan(self, timeout: float = 0.03) -> Lifespan:
        """Run the application's startup on entry and shutdown on exit (``async with``).

        Requests made inside get a shallow copy of the lifespan ``state`` in their scope.
        """
        return Lifespan(self.app, timeout=timeout, strict=self.strict, on_state=self._set_state)

    def _set_state(self, state: dict[str, Any] | None) -> None:
        self._lifespan_state = state


def _redirect_url(base: str, location: str) -> URL | None:
    """The absolute URL a ``Location`` points to, or None when it cannot be followed."""
    try:
        new = URL(base).join(URL(location))
        if new.scheme not in ("http", "https") or not new.host:
            return None
        new.port  # noqa: B018 - an out-of-range port raises here, not later
    except ValueError:
        return None
    return new


def _header_decoded(headers: THeaders) -> list[tuple[str, str]]:
    if not headers:
        return []
    items = headers.items() if isinstance(headers, Mapping) else headers
    return [
        (
            name.decode("latin-1") if isinstance(name, bytes) else str(name),
            value.decode("latin-1") if isinstance(value, bytes) else str(value),
        )
        for name, value in items
    ]
