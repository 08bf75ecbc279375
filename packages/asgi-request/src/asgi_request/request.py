"""``Request``: a lazy, mapping view of an HTTP (or websocket) ASGI scope, and its body readers."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote, quote_from_bytes

from yarl import URL

from .cookies import parse_cookies
from .errors import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIError,
    ASGIInvalidMessageError,
    ASGIRequestEntityTooLargeError,
)
from .headers import find_header, parse_headers, parse_options_header
from .jsoncodec import json_loads
from .multipart import MultipartParser
from .query import parse_query
from .urlencoded import URLEncodedParser

if TYPE_CHECKING:
    from multidict import CIMultiDict, MultiDict

    from .types import TJSON, TASGIMessage, TASGIReceive, TASGIScope, TASGISend, TUploadTo
    from .upload import UploadFile

__all__ = ["Request"]

FORM_CONTENT_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_REQUEST = "http.request"
_HUGE = 10**19  # a Content-Length of more than 18 digits
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# host, IPv4, or [IPv6], then an optional port; character classes only, so it cannot backtrack.
_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(?::([0-9]{0,5}))?")
_PATH_SAFE = "/:@!$&'()*+,;=~"
_QUERY_SAFE = "/?:@!$&'()*+,;=~%"
_SLOTS = frozenset(
    {"scope", "receive", "send", "_body", "_cookies", "_headers", "_media", "_query", "_url"}
)


class _ScopeKey:
    """A scope key read as an attribute of the request (``request.path_params``).

    ``__getattr__`` reads any scope key too, but only after a failed attribute lookup, which
    costs about four times more: the keys handlers commonly read get one of these instead.
    """

    __slots__ = ("key",)

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    def __get__(self, request: Request | None, owner: type | None = None) -> Any:
        if request is None:
            return self
        try:
            return request.scope[self.key]
        except KeyError:
            raise AttributeError(f"the scope has no {self.key!r}") from None


class _Body:
    """What has been read of the body; shared by a request and its copies."""

    __slots__ = ("data", "form", "taken_by")

    def __init__(self) -> None:
        self.data: bytes | None = None
        self.form: MultiDict[str | UploadFile] | None = None
        # Which reader consumed the stream without keeping it ("stream()", "form()"...).
        self.taken_by = ""


class Request(MutableMapping[str, Any]):
    """A nicer interface to an incoming HTTP request; a mutable mapping over its ASGI scope.

    Scope keys are also attributes: ``request.method``, ``request.path``, ``request.state``.

        request = Request(scope, receive, send)
        content = f"{request.method} {request.url.path}"
    """

    __slots__ = (
        "_body",
        "_cookies",
        "_headers",
        "_media",
        "_query",
        "_url",
        "receive",
        "scope",
        "send",
    )

    #: The default cap of ``body()``, ``text()``, ``json()`` and ``data()`` in bytes (0: none).
    #: Subclass to change it for every request (App does).
    max_body_size: ClassVar[int] = 10 * 1024 * 1024

    def __init__(
        self, scope: TASGIScope, receive: TASGIReceive | None = None, send: TASGISend | None = None
    ) -> None:
        self.scope = scope
        self.receive = receive
        self.send = send
        self._headers: CIMultiDict[str] | None = None
        self._cookies: dict[str, str] | None = None
        self._query: MultiDict[str] | None = None
        self._url: URL | None = None
        self._media: tuple[str, dict[str, str]] | None = None
        self._body: _Body | None = None

    # -- the mapping over the scope ---------------------------------------------------------

    def __getitem__(self, key: str) -> Any:
        return self.scope[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.scope[key] = value

    def __delitem__(self, key: str) -> None:
        del self.scope[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.scope)

    def __len__(self) -> int:
        return len(self.scope)

    def __contains__(self, key: object) -> bool:
        return key in self.scope

    def __getattr__(self, name: str) -> Any:
        if name in _SLOTS:  # an unset slot: do not look it up in a scope that may not exist
            raise AttributeError(name)
        try:
            return self.scope[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {name!r} (not in the scope)"
            ) from None

    # ASGI scope keys (and the ones App adds) as attributes; any other key goes through
    # __getattr__. Read-only, as before: the scope itself is what a caller changes.
    path_params = _ScopeKey()
    state = _ScopeKey()
    app = _ScopeKey()
    endpoint = _ScopeKey()
    scheme = _ScopeKey()
    http_version = _ScopeKey()
    query_string = _ScopeKey()
    raw_path = _ScopeKey()
    root_path = _ScopeKey()
    client = _ScopeKey()
    server = _ScopeKey()

    @property
    def method(self) -> str:
        """The HTTP method (``scope['method']``)."""
        try:
            return self.scope["method"]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError("the scope has no 'method'") from None

    @property
    def path(self) -> str:
        """The request path (``scope['path']``)."""
        try:
            return self.scope["path"]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError("the scope has no 'path'") from None

    def __str__(self) -> str:
        scope = self.scope
        path = _full_path(scope)
        kind = scope.get("type", "http")
        if kind == "websocket":
            return f"{kind} {path}"
        return f"{kind} {scope.get('method', 'GET')} {path}"

    def __repr__(self) -> str:
        return f"<Request {self}>"

    def copy(self, **scope_changes: Any) -> Request:
        """A request over a copy of the scope with ``scope_changes`` applied.

        It shares receive, send and what has been read of the body (App mounts sub-apps with it).
        """
        new = type(self)(dict(self.scope, **scope_changes), self.receive, self.send)
        if self._body is None:
            self._body = _Body()
        new._body = self._body
        return new

    __copy__ = copy

    # -- lazy views of the scope ------------------------------------------------------------

    @property
    def headers(self) -> CIMultiDict[str]:
        """The request headers, latin-1 decoded, case-insensitive, repeated ones kept."""
        headers = self._headers
        if headers is None:
            headers = self._headers = parse_headers(self.scope.get("headers", ()))
        return headers

    @property
    def cookies(self) -> dict[str, str]:
        """The request cookies (``Cookie`` headers, tolerant parse; the first of a name wins)."""
        cookies = self._cookies
        if cookies is None:
            headers = self._headers
            if headers is not None:
                values = headers.getall("cookie", None)
            else:
                # Only this header is needed: a scan of the raw list is cheaper than parsing all.
                values = [
                    value.decode("latin-1")
                    for name, value in self.scope.get("headers", ())
                    if len(name) == 6 and name.lower() == b"cookie"
                ] or None
            if values is None:
                cookies = {}
            else:
                cookies = parse_cookies(values[0] if len(values) == 1 else "; ".join(values))
            self._cookies = cookies
        return cookies

    @property
    def query(self) -> MultiDict[str]:
        """The query string as a ``MultiDict`` (blank values kept)."""
        query = self._query
        if query is None:
            query = self._query = parse_query(self.scope.get("query_string", b""))
        return query

    @property
    def url(self) -> URL:
        """The full URL: scheme, Host header (else ``server``), path (with ``root_path``), query.

        A malformed Host header raises ``ASGIDecodeError``.
        """
        url = self._url
        if url is None:
            scope = self.scope
            scheme = scope.get("scheme") or ("ws" if scope.get("type") == "websocket" else "http")
            host = self.headers.get("host")
            if host:
                match = _HOST.fullmatch(host)
                port = match and match.group(1)
                if not match or (port and int(port) > 65535):
                    raise ASGIDecodeError(f"invalid Host header: {host[:100]!r}")
            else:
                host = _server_host(scope.get("server"), scheme)
            try:
                path = quote(_full_path(scope), safe=_PATH_SAFE)
            except UnicodeEncodeError:  # lone surrogates: not text any client could have sent
                raise ASGIDecodeError("the request path is not valid text") from None
            query = scope.get("query_string", b"")
            try:
                url = URL.build(
                    scheme=scheme,
                    authority=host,
                    path=path or "/",
                    query_string=quote_from_bytes(query, safe=_QUERY_SAFE) if query else "",
                    encoded=True,
                )
            except ValueError as exc:  # a port out of range, ...
                raise ASGIDecodeError(f"invalid Host header: {host[:100]!r} ({exc})") from None
            self._url = url
        return url

    @property
    def content_type(self) -> str:
        """The media type of the body, lower-cased, without parameters (``''`` when absent)."""
        return self._content_type()[0]

    @property
    def content_type_params(self) -> dict[str, str]:
        """The ``Content-Type`` parameters (``{'charset': 'utf-8', 'boundary': ...}``)."""
        return self._content_type()[1]

    @property
    def charset(self) -> str:
        """The declared charset of the body, ``utf-8`` when none is declared."""
        return self._content_type()[1].get("charset") or "utf-8"

    @property
    def media(self) -> dict[str, str]:
        """The ``Content-Type`` parameters plus the media type as ``content_type`` (asgi-tools)."""
        content_type, params = self._content_type()
        return dict(params, content_type=content_type)

    def _content_type(self) -> tuple[str, dict[str, str]]:
        media = self._media
        if media is None:
            media = self._media = parse_options_header(self.headers.get("content-type", ""))
        return media

    # -- the body ---------------------------------------------------------------------------

    def _body_state(self) -> _Body:
        body = self._body
        if body is None:
            body = self._body = _Body()
        return body

    async def _receive_body(self, limit: int, sink: Callable[[bytes], object]) -> None:
        """Receive the body, passing each chunk to ``sink``; stop at once past ``limit``.

        A true result of ``sink`` means it needs no more (a multipart body's epilogue).
        """
        receive = self.receive
        if receive is None:
            raise ASGIError("this Request has no receive callable: its body cannot be read")
        declared = self._declared_length(limit)
        message = await receive()
        if message.get("more_body") or message.get("type", _REQUEST) != _REQUEST:
            await _feed_body(receive, message, limit, sink, declared)
            return
        # The common case, a body in one message: _feed_body's checks in its order, no loop.
        chunk = message.get("body") or b""
        size = len(chunk)
        if limit and size > limit:
            raise _too_large(limit)
        if declared is not None and size > declared:
            raise _length_mismatch(declared, size)
        if chunk and sink(chunk):
            return
        if declared is not None and size != declared:
            raise _length_mismatch(declared, size)

    def _declared_length(self, limit: int) -> int | None:
        """The Content-Length, if any; refused at once when over ``limit`` (0: no limit).

        The body read must then be exactly that long (checked as it streams in).
        """
        headers = self._headers
        if headers is not None:
            value = headers.get("content-length")
        else:
            # Only this header is needed: a scan of the raw list is cheaper than parsing them all.
            value = find_header(self.scope.get("headers", ()), b"content-length")
        if value is None:
            return None
        if value.isdigit() and value.isascii() and len(value) <= 18:
            declared = int(value)  # the common case: plain digits, no strip() needed
        else:
            value = value.strip()
            if not (value.isascii() and value.isdigit()):
                raise ASGIDecodeError(f"invalid Content-Length header: {value[:40]!r}")
            # More than 18 digits is more than any body: no int() of an absurd number of digits.
            declared = int(value) if len(value) <= 18 else _HUGE
        if limit and declared > limit:
            raise ASGIRequestEntityTooLargeError(
                f"the request body is {value} bytes, max_size is {limit}"
            )
        return declared

    def _unavailable(self, reader: str, taken_by: str) -> ASGIError:
        return ASGIError(
            f"{reader} cannot read the request body: {taken_by} consumed it without keeping it "
            "(call body() first to keep it in memory)"
        )

    async def stream(self) -> AsyncIterator[bytes]:
        """Yield the body chunk by chunk without keeping it; the stream can be read once.

        After ``body()``, it yields the body kept in memory instead.
        """
        state = self._body_state()
        if state.data is not None:
            if state.data:
                yield state.data
            return
        if state.taken_by:
            raise self._unavailable("stream()", state.taken_by)
        state.taken_by = "stream()"
        receive = self.receive
        if receive is None:
            raise ASGIError("this Request has no receive callable: its body cannot be read")
        declared = self._declared_length(0)
        size = 0
        while True:
            message = await receive()
            kind = message.get("type", _REQUEST)
            if kind == _REQUEST:
                chunk = message.get("body") or b""
                if chunk:
                    size += len(chunk)
                    if declared is not None and size > declared:
                        raise _length_mismatch(declared, size)
                    yield chunk
                if not message.get("more_body", False):
                    if declared is not None and size != declared:
                        raise _length_mismatch(declared, size)
                    return
            elif kind == "http.disconnect":
                raise ASGIConnectionClosedError("the client disconnected while sending the body")
            else:
                raise ASGIInvalidMessageError(f"unexpected {kind!r} message while reading the body")

    async def body(self, *, max_size: int | None = None) -> bytes:
        """Read the whole body into memory (kept for later readers) and return it.

        ``max_size`` caps it in bytes (``None``: ``Request.max_body_size``; 0: no cap).
        """
        state = self._body
        if state is None:
            state = self._body = _Body()
        elif state.data is not None:
            return state.data
        elif state.taken_by:
            raise self._unavailable("body()", state.taken_by)
        state.taken_by = "a failed body()"
        limit = self.max_body_size if max_size is None else max_size
        receive = self.receive
        if receive is None:
            raise ASGIError("this Request has no receive callable: its body cannot be read")
        declared = self._declared_length(limit)
        message = await receive()
        if not message.get("more_body") and message.get("type", _REQUEST) == _REQUEST:
            # The common case, a body in one message: no chunk list, no loop.
            data = message.get("body") or b""
            if limit and len(data) > limit:
                raise _too_large(limit)
            if declared is not None and len(data) != declared:
                raise _length_mismatch(declared, len(data))
        else:
            chunks: list[bytes] = []
            await _feed_body(receive, message, limit, chunks.append, declared)
            data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        state.data = data
        state.taken_by = ""
        return data

    async def text(self, *, max_size: int | None = None) -> str:
        """The body decoded with the declared charset (``ASGIDecodeError`` when it cannot be)."""
        body = await self.body(max_size=max_size)
        charset = self.charset
        try:
            return body.decode(charset)
        except (UnicodeDecodeError, LookupError):
            raise ASGIDecodeError(f"the request body is not valid {charset[:40]}") from None

    async def json(self, *, max_size: int | None = None) -> TJSON:
        """The body parsed as JSON (``ASGIDecodeError`` when it is not valid JSON)."""
        state = self._body
        body = state.data if state is not None and state.data is not None else None
        if body is None:
            body = await self.body(max_size=max_size)
        try:
            return json_loads(body)
        except (ValueError, RecursionError) as exc:  # RecursionError: the stdlib decoder
            raise ASGIDecodeError(f"the request body is not valid JSON: {exc}") from None

    async def form(
        self,
        max_size: int = 0,
        upload_to: TUploadTo | None = None,
        file_memory_limit: int = 1024 * 1024,
        *,
        max_fields: int = 1000,
        max_files: int = 1000,
        max_field_size: int = 1024 * 1024,
        max_part_header_size: int = 16 * 1024,
    ) -> MultiDict[str | UploadFile]:
        """Parse a urlencoded or multipart body as it streams in; return a ``MultiDict``.

        Plain fields are ``str``; files are ``UploadFile`` objects, in memory up to
        ``file_memory_limit`` bytes, else in a temporary file, or written to
        ``upload_to(filename)``. ``max_size`` caps the whole body (0: no cap). On any failure
        the files this parse created are removed.
        """
        state = self._body_state()
        if state.form is not None:
            return state.form
        if state.data is None and state.taken_by:
            raise self._unavailable("form()", state.taken_by)
        parser: MultipartParser | URLEncodedParser
        content_type, params = self._content_type()
        charset = params.get("charset") or "utf-8"
        if content_type == "multipart/form-data":
            boundary = params.get("boundary")
            if not boundary:
                raise ASGIDecodeError("multipart/form-data without a boundary")
            parser = MultipartParser(
                boundary,
                charset=charset,
                upload_to=upload_to,
                file_memory_limit=file_memory_limit,
                max_fields=max_fields,
                max_files=max_files,
                max_field_size=max_field_size,
                max_part_header_size=max_part_header_size,
            )
        else:
            parser = URLEncodedParser(
                charset=charset, max_fields=max_fields, max_field_size=max_field_size
            )
        try:
            if state.data is not None:
                if max_size and len(state.data) > max_size:
                    raise ASGIRequestEntityTooLargeError(
                        f"the request body is {len(state.data)} bytes, max_size is {max_size}"
                    )
                parser.feed(state.data)
            else:
                state.taken_by = "form()"
                await self._receive_body(max_size, parser.feed)
            form = parser.close()
        except BaseException:
            # Cancelled, disconnected, too large or malformed: leave no file behind.
            parser.abort()
            raise
        state.form = form
        return form

    async def data(
        self, *, raise_errors: bool = False, max_size: int | None = None
    ) -> str | bytes | MultiDict[str | UploadFile] | TJSON:
        """The body parsed by its Content-Type: JSON, form, text (``text/*``), else bytes.

        Invalid data gives the raw bytes, or ``ASGIDecodeError`` with ``raise_errors=True``.
        """
        content_type = self.content_type
        if content_type in FORM_CONTENT_TYPES:
            state = self._body_state()
            if state.form is not None:
                return state.form
            body = await self.body(max_size=max_size)
            try:
                return await self.form()
            except ASGIDecodeError:
                if raise_errors:
                    raise
                return body
        body = await self.body(max_size=max_size)
        if content_type == "application/json":
            try:
                return await self.json()
            except ASGIDecodeError:
                if raise_errors:
                    raise
                return body
        if content_type.startswith("text/"):
            try:
                return await self.text()
            except ASGIDecodeError:
                if raise_errors:
                    raise
                return body
        return body


async def _feed_body(
    receive: TASGIReceive,
    message: TASGIMessage,
    limit: int,
    sink: Callable[[bytes], object],
    declared: int | None = None,
) -> None:
    """Pass the body chunks to ``sink``, from ``message`` (already received) on; stop at once past
    ``limit`` (0: none) or when ``sink`` returns a true value. A body that is not as long as its
    ``declared`` Content-Length raises ``ASGIDecodeError``.
    """
    size = 0
    while True:
        # A message without a type is a body chunk (as asgi-tools reads hand-written receives).
        kind = message.get("type", _REQUEST)
        if kind == _REQUEST:
            chunk = message.get("body") or b""
            if chunk:
                size += len(chunk)
                if limit and size > limit:
                    raise _too_large(limit)
                if declared is not None and size > declared:
                    raise _length_mismatch(declared, size)
                if sink(chunk):
                    return
            if not message.get("more_body", False):
                if declared is not None and size != declared:
                    raise _length_mismatch(declared, size)
                return
        elif kind == "http.disconnect":
            raise ASGIConnectionClosedError("the client disconnected while sending the body")
        else:
            raise ASGIInvalidMessageError(f"unexpected {kind!r} message while reading the body")
        message = await receive()


def _length_mismatch(declared: int, received: int) -> ASGIDecodeError:
    more = "more" if received > declared else "only"
    return ASGIDecodeError(
        f"the request body does not match its Content-Length: {declared} bytes declared, "
        f"{more} {received} received"
    )


def _too_large(limit: int) -> ASGIRequestEntityTooLargeError:
    return ASGIRequestEntityTooLargeError(
        f"the request body is over {limit} bytes (max_size is {limit})"
    )


def _full_path(scope: TASGIScope) -> str:
    """The path with the mount point: ``path`` holds ``root_path`` already (ASGI 2.4); a server
    that strips it gets it put back in front.
    """
    path: str = scope.get("path") or "/"
    root: str = scope.get("root_path") or ""
    if root and not path.startswith(root):
        return root + path
    return path


def _server_host(server: Any, scheme: str) -> str:
    if not server:
        return "localhost"
    host, port = server[0], server[1] if len(server) > 1 else None
    if ":" in host:  # IPv6
        host = f"[{host}]"
    if port is None or port == _DEFAULT_PORTS.get(scheme):
        return str(host)
    return f"{host}:{port}"
