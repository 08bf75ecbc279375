"""The base Response and the small fixed-body responses: text, HTML, JSON, redirect, error."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.cookies import SimpleCookie
from itertools import cycle
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from multidict import CIMultiDict

from asgi_request import ASGIError, json_dumps

from .errors import ASGIInvalidHeaderError
from .headers import (
    _NAMES,
    _PLAIN_NAMES,
    THeaders,
    content_type_bytes,
    content_type_text,
    encode_name,
    encode_value,
)

if TYPE_CHECKING:
    from asgi_request import TASGIReceive, TASGIScope, TASGISend

TCookies = Mapping[str, str] | SimpleCookie
THeaderPairs = tuple[tuple[bytes, bytes], ...]

_CT = b"content-type"
_CL = b"content-length"
_SET_COOKIE = b"set-cookie"

# Content-Length pairs of small bodies, encoded once.
_LENGTHS = [(_CL, str(length).encode()) for length in range(4096)]

# Statuses that never carry a body, nor a Content-Length (RFC 9110 6.4.1, 8.6).
_NO_BODY = frozenset({*range(100, 200), 204, 304})

# The headers of a response without any: the hot path only reads it, nobody may change it.
_NO_HEADERS: dict[str, str] = {}

# The last header dict the hot path encoded (a private copy), the response class whose pairs
# end it, the result, and its names in order (None for one name), kept as one tuple so that a
# reader never sees the parts of two (threads). Handlers tend to send the same headers each
# time: comparing two small dicts is one C call, encoding them a loop. Only str names and
# values are ever stored, so a dict equal to the copy holds the same text (an object that
# claims to equal a str is sent as that str). Dict equality ignores order, so a dict of
# several headers must also list its names in the same order.
_last_encoded: tuple[dict[str, str], type, THeaderPairs, list[str] | None] = ({}, type, (), None)

# Headers whose values change on every response (a time, a request id) never hit the memo:
# refreshing it on every miss would make them pay for a copy they never use, so it is
# refreshed on one miss in _REMEMBER_EVERY. A handler whose headers stay the same is served
# from the memo after at most that many responses. The count is a cycle read with next():
# one C call, where a global counter's read-add-store measured about 3 times slower.
_REMEMBER_EVERY = 8
_miss_ticks = cycle(range(_REMEMBER_EVERY))


def _remember(headers: dict[str, str], cls: type, encoded: list[tuple[bytes, bytes]]) -> None:
    """Make ``encoded`` (headers then the class pairs) the memo for ``headers`` and ``cls``."""
    global _last_encoded
    _last_encoded = (headers.copy(), cls, (*encoded,), [*headers] if len(headers) > 1 else None)


class Response:
    """A response with a body known in advance; an ASGI application.

    ``headers`` (a case-insensitive ``multidict.MultiDict``) and ``cookies`` (a ``SimpleCookie``)
    are only built when read: a response nobody inspects goes out from the cheapest form.

        response = Response("OK", headers={"x-time": "1"})
        response.cookies["rocky"] = "road"
        await response(scope, receive, send)
    """

    # Not slotted: ResponseError and ResponseRedirect are also Exceptions, and a slotted base
    # cannot share an instance layout with BaseException.

    content_type: ClassVar[str | None] = None
    status_code: int = HTTPStatus.OK.value

    # The encoded Content-Type pair of the class, computed once per class, and the pairs every
    # response of the class starts from (that pair, or nothing).
    _content_type_pair: ClassVar[tuple[bytes, bytes] | None] = None
    _base_pairs: ClassVar[THeaderPairs] = ()

    # The body, always bytes: .content turns what is assigned to it into bytes.
    _body: bytes

    # Defaults kept on the class: an instance stores only what its caller gave.
    _init_headers: THeaders | None = None
    _content_type: str | None = None
    _headers: CIMultiDict[Any] | None = None
    _init_cookies: TCookies | None = None
    _cookies: SimpleCookie | None = None

    # The dict of headers given to __init__ (_NO_HEADERS for none) while nothing else shapes
    # the headers (no cookies, no content_type argument, .headers and .cookies never touched):
    # __call__ may then take its inline path. __init__ sets it; reading or assigning .headers
    # or .cookies clears it. None on the class, so that a subclass whose __init__ skips
    # Response's takes the general path.
    _plain_headers: dict[Any, Any] | None = None

    # True while process_content is Response's: str content is then encoded inline.
    _plain_content: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "content_type" in cls.__dict__:
            ct = cls.__dict__["content_type"]
            cls._content_type_pair = None if ct is None else (_CT, content_type_bytes(ct))
            cls._base_pairs = () if ct is None else (cls._content_type_pair,)  # type: ignore[assignment]
        cls._plain_content = cls.process_content is Response.process_content

    def __init__(
        self,
        content: Any,
        *,
        status_code: int | None = None,
        content_type: str | None = None,
        headers: THeaders | None = None,
        cookies: TCookies | None = None,
    ) -> None:
        if type(content) is str and self._plain_content:
            self._body = content.encode()
        else:
            self._body = self.process_content(content)
        if status_code is not None:
            self.status_code = _check_status(status_code)
        if content_type is None and cookies is None:
            if headers is None:
                self._plain_headers = _NO_HEADERS
            else:
                self._init_headers = headers
                if type(headers) is dict:
                    self._plain_headers = headers
        else:
            if headers is not None:
                self._init_headers = headers
            if content_type is not None:
                self._content_type = content_type
            if cookies is not None:
                self._init_cookies = cookies

    def __str__(self) -> str:
        return str(self.status_code)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.status_code}>"

    @property
    def content(self) -> bytes:
        """The body's bytes; content assigned later is turned into bytes as __init__ does."""
        return self._body

    @content.setter
    def content(self, value: Any) -> None:
        self._body = value if type(value) is bytes else self.process_content(value)

    @staticmethod
    def process_content(content: Any) -> bytes:
        """Turn the content into the body's bytes (str as UTF-8, None as empty)."""
        if type(content) is str:
            return content.encode()
        if isinstance(content, bytes):
            return content
        if content is None:
            return b""
        if isinstance(content, bytearray | memoryview):
            return bytes(content)
        return str(content).encode()

    # headers and cookies, built on first read

    @property
    def headers(self) -> CIMultiDict[Any]:
        """The response's headers: a case-insensitive MultiDict."""
        headers = self._headers
        if headers is None:
            self._plain_headers = None
            init = self._init_headers
            headers = self._headers = CIMultiDict(init or ())
            ct = self._content_type or self.content_type
            if ct and "content-type" not in headers:
                headers["content-type"] = content_type_text(ct)
        return headers

    @headers.setter
    def headers(self, value: THeaders) -> None:
        self._plain_headers = None
        self._headers = value if isinstance(value, CIMultiDict) else CIMultiDict(value)

    @property
    def cookies(self) -> SimpleCookie:
        """Cookies to set: ``response.cookies[name] = value``, then its attributes."""
        cookies = self._cookies
        if cookies is None:
            self._plain_headers = None
            init = self._init_cookies
            if isinstance(init, SimpleCookie):
                cookies = init
            else:
                cookies = SimpleCookie()
                for name, value in (init or {}).items():
                    cookies[name] = value
            self._cookies = cookies
        return cookies

    @cookies.setter
    def cookies(self, value: TCookies) -> None:
        self._plain_headers = None
        self._init_cookies = value
        self._cookies = None

    def raw_headers(self, *, keep_length: bool = False) -> list[tuple[bytes, bytes]]:
        """The headers as checked ASGI pairs (Content-Length dropped unless ``keep_length``)."""
        headers = self._headers
        ct_pair: tuple[bytes, bytes] | None
        if headers is not None:
            items: Any = headers.items()
            ct_pair = None
        else:
            init = self._init_headers
            if not init:
                items = ()
            elif type(init) is dict or isinstance(init, Mapping):
                items = init.items()
            else:
                items = init
            ct = self._content_type
            ct_pair = self._content_type_pair if ct is None else (_CT, content_type_bytes(ct))
        raw = []
        names = _NAMES
        for name, value in items:
            # The common case inline: a known name and a printable str value.
            bname = names.get(name) if type(name) is str else None
            if bname is None:
                bname = encode_name(name)
            if bname == _CL and not keep_length:
                continue
            if bname == _CT:
                ct_pair = None
            if type(value) is str and value.isprintable():
                try:
                    raw.append((bname, value.encode("latin-1")))
                    continue
                except UnicodeEncodeError:
                    pass
            raw.append((bname, encode_value(value, name)))
        if ct_pair is not None:
            raw.append(ct_pair)
        if self._cookies is not None or self._init_cookies:
            raw.extend(
                (_SET_COOKIE, encode_value(morsel.OutputString(), "set-cookie"))
                for morsel in self.cookies.values()
            )
        return raw

    def msg_start(self) -> dict[str, Any]:
        """The ``http.response.start`` message (without Content-Length)."""
        return {
            "type": "http.response.start",
            "status": self.status_code,
            "headers": self.raw_headers(),
        }

    async def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        """Send the response; for a HEAD request, the same headers and an empty body."""
        body = self._body
        headers: list[tuple[bytes, bytes]] | None = None
        plain = self._plain_headers
        if plain is not None:
            # The hot path: nothing but a dict of headers (or none) and the class Content-Type.
            if plain:
                last = _last_encoded
                cls = type(self)
                if plain == last[0] and last[1] is cls and (last[3] is None or [*plain] == last[3]):
                    headers = [*last[2]]
                else:
                    # Known names with printable ASCII str values (isprintable() is false for
                    # CR, LF, NUL and every other control character); anything else leaves
                    # headers None for the general path, which checks, encodes or refuses it.
                    # An unknown name is a KeyError (a subscript is cheaper than .get()).
                    headers = []
                    names = _PLAIN_NAMES
                    try:
                        for name in plain:
                            value = plain[name]
                            if type(value) is str and value.isascii() and value.isprintable():
                                headers.append((names[name], value.encode()))
                            else:
                                headers = None
                                break
                    except KeyError:
                        headers = None
                    if headers is not None:
                        headers += cls._base_pairs
                        if not next(_miss_ticks):
                            _remember(plain, cls, headers)
            else:
                headers = [*self._base_pairs]
        if headers is None:
            headers = self.raw_headers()
        status = self.status_code
        if status == 200 or status not in _NO_BODY:
            length = len(body)
            headers.append(_LENGTHS[length] if length < 4096 else (_CL, str(length).encode()))
            try:
                if scope["method"] == "HEAD":
                    body = b""
            except KeyError:  # not an HTTP scope: nothing to strip
                pass
        else:
            body = b""
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _check_status(status_code: int) -> int:
    if not isinstance(status_code, int) or not 100 <= status_code <= 599:
        raise ASGIError(f"invalid HTTP status code {status_code!r}: it must be an int, 100-599")
    return status_code


class ResponseText(Response):
    """A plain text response (text/plain; charset=utf-8)."""

    content_type = "text/plain"


class ResponseHTML(Response):
    """An HTML response (text/html; charset=utf-8)."""

    content_type = "text/html"


# asgi_request.json_dumps picks orjson when it imports, else ujson or the stdlib; with orjson,
# calling it directly saves a Python call per response (asgi_request's only wraps it).
_json_dumps: Callable[[Any], bytes]
try:
    from orjson import dumps as _json_dumps
except ImportError:  # pragma: no cover - depends on what is installed
    _json_dumps = json_dumps


class ResponseJSON(Response):
    """A JSON response (application/json), serialized with orjson, ujson or the stdlib."""

    content_type = "application/json"

    @staticmethod
    def process_content(content: Any) -> bytes:
        """Serialize the content to JSON; raise ``ASGIError`` when it cannot be."""
        try:
            return _json_dumps(content)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ASGIError(f"the content is not JSON serializable: {exc}") from exc


# Characters left as they are in a Location: the reserved set of RFC 3986 plus '%' (already
# escaped input stays as it is). Everything else, spaces and non-ASCII included, is escaped.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


class ResponseRedirect(Response, Exception):
    """A redirect (307 by default, any 3xx); can be raised from a handler.

    raise ResponseRedirect("/login")
    """

    status_code: int = HTTPStatus.TEMPORARY_REDIRECT.value

    def __init__(self, url: str, status_code: int | None = None, **kwargs: Any) -> None:
        super().__init__(b"", status_code=status_code, **kwargs)
        if not 300 <= self.status_code < 400:
            raise ASGIError(f"invalid status code for a redirect: {self.status_code}, not 3xx")
        url = str(url)
        if "\r" in url or "\n" in url or "\0" in url:
            raise ASGIInvalidHeaderError(f"redirect URL {url!r} contains CR, LF or NUL")
        self.url = quote(url, safe=_URL_SAFE)
        self.headers["location"] = self.url


class _ResponseErrorMeta(type):
    """Gives ``ResponseError.NOT_FOUND(...)`` and the like for every 4xx and 5xx status."""

    def __getattr__(cls, name: str) -> Callable[..., ResponseError]:
        status = _ERROR_STATUSES.get(name)
        if status is None:
            raise AttributeError(f"type object {cls.__name__!r} has no attribute {name!r}")

        def make(message: Any = None, **kwargs: Any) -> ResponseError:
            return cls(message, status, **kwargs)  # type: ignore[no-any-return]

        make.__name__ = name
        return make


_ERROR_STATUSES = {status.name: status.value for status in HTTPStatus if status.value >= 400}


class ResponseError(Response, Exception, metaclass=_ResponseErrorMeta):
    """An HTTP error (500 by default, any status >= 400); can be raised from a handler.

    raise ResponseError("Invalid request data", 400)
    raise ResponseError.NOT_FOUND()
    """

    content_type = "text/plain"
    status_code: int = HTTPStatus.INTERNAL_SERVER_ERROR.value

    if TYPE_CHECKING:
        BAD_REQUEST: ClassVar[Callable[..., ResponseError]]
        UNAUTHORIZED: ClassVar[Callable[..., ResponseError]]
        PAYMENT_REQUIRED: ClassVar[Callable[..., ResponseError]]
        FORBIDDEN: ClassVar[Callable[..., ResponseError]]
        NOT_FOUND: ClassVar[Callable[..., ResponseError]]
        METHOD_NOT_ALLOWED: ClassVar[Callable[..., ResponseError]]
        NOT_ACCEPTABLE: ClassVar[Callable[..., ResponseError]]
        PROXY_AUTHENTICATION_REQUIRED: ClassVar[Callable[..., ResponseError]]
        REQUEST_TIMEOUT: ClassVar[Callable[..., ResponseError]]
        CONFLICT: ClassVar[Callable[..., ResponseError]]
        GONE: ClassVar[Callable[..., ResponseError]]
        LENGTH_REQUIRED: ClassVar[Callable[..., ResponseError]]
        PRECONDITION_FAILED: ClassVar[Callable[..., ResponseError]]
        REQUEST_ENTITY_TOO_LARGE: ClassVar[Callable[..., ResponseError]]
        CONTENT_TOO_LARGE: ClassVar[Callable[..., ResponseError]]
        REQUEST_URI_TOO_LONG: ClassVar[Callable[..., ResponseError]]
        URI_TOO_LONG: ClassVar[Callable[..., ResponseError]]
        UNSUPPORTED_MEDIA_TYPE: ClassVar[Callable[..., ResponseError]]
        REQUESTED_RANGE_NOT_SATISFIABLE: ClassVar[Callable[..., ResponseError]]
        RANGE_NOT_SATISFIABLE: ClassVar[Callable[..., ResponseError]]
        EXPECTATION_FAILED: ClassVar[Callable[..., ResponseError]]
        IM_A_TEAPOT: ClassVar[Callable[..., ResponseError]]
        MISDIRECTED_REQUEST: ClassVar[Callable[..., ResponseError]]
        UNPROCESSABLE_ENTITY: ClassVar[Callable[..., ResponseError]]
        UNPROCESSABLE_CONTENT: ClassVar[Callable[..., ResponseError]]
        LOCKED: ClassVar[Callable[..., ResponseError]]
        FAILED_DEPENDENCY: ClassVar[Callable[..., ResponseError]]
        TOO_EARLY: ClassVar[Callable[..., ResponseError]]
        UPGRADE_REQUIRED: ClassVar[Callable[..., ResponseError]]
        PRECONDITION_REQUIRED: ClassVar[Callable[..., ResponseError]]
        TOO_MANY_REQUESTS: ClassVar[Callable[..., ResponseError]]
        REQUEST_HEADER_FIELDS_TOO_LARGE: ClassVar[Callable[..., ResponseError]]
        UNAVAILABLE_FOR_LEGAL_REASONS: ClassVar[Callable[..., ResponseError]]
        INTERNAL_SERVER_ERROR: ClassVar[Callable[..., ResponseError]]
        NOT_IMPLEMENTED: ClassVar[Callable[..., ResponseError]]
        BAD_GATEWAY: ClassVar[Callable[..., ResponseError]]
        SERVICE_UNAVAILABLE: ClassVar[Callable[..., ResponseError]]
        GATEWAY_TIMEOUT: ClassVar[Callable[..., ResponseError]]
        HTTP_VERSION_NOT_SUPPORTED: ClassVar[Callable[..., ResponseError]]
        VARIANT_ALSO_NEGOTIATES: ClassVar[Callable[..., ResponseError]]
        INSUFFICIENT_STORAGE: ClassVar[Callable[..., ResponseError]]
        LOOP_DETECTED: ClassVar[Callable[..., ResponseError]]
        NOT_EXTENDED: ClassVar[Callable[..., ResponseError]]
        NETWORK_AUTHENTICATION_REQUIRED: ClassVar[Callable[..., ResponseError]]

    def __init__(self, message: Any = None, status_code: int = 500, **kwargs: Any) -> None:
        status_code = _check_status(status_code)
        if status_code < 400:
            raise ASGIError(f"invalid status code for an error: {status_code}, not >= 400")
        if message is None:
            try:
                message = HTTPStatus(status_code).phrase
            except ValueError:
                message = f"Error {status_code}"
        self.message = message
        super().__init__(message, status_code=status_code, **kwargs)

    def __str__(self) -> str:
        return f"{self.status_code} {self.message}"


__all__ = [
    "Response",
    "ResponseError",
    "ResponseHTML",
    "ResponseJSON",
    "ResponseRedirect",
    "ResponseText",
]
