"""The response of a test request: status and headers at once, the body as it arrives."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Coroutine
from http.cookies import CookieError, SimpleCookie
from typing import TYPE_CHECKING, Any

from asgi_request import (
    TJSON,
    ASGIDecodeError,
    ASGIError,
    current_async_library,
    json_loads,
    parse_headers,
    parse_options_header,
)

if TYPE_CHECKING:
    from multidict import CIMultiDict

    from .exchange import HTTPExchange

__all__ = ["TestResponse"]

# How long an application gets to return after the client left its stream, before it is
# cancelled: long enough for a task that listens for http.disconnect to notice.
DISCONNECT_GRACE = 0.1
# body() keeps the whole body in memory: an endless or huge body stops here, not in the OOM killer.
MAX_BODY_SIZE = 64 * 1024 * 1024


class TestResponse:
    """What the application answered: ``status_code``, ``headers``, ``cookies`` and the body.

    ``body()``, ``text()`` and ``json()`` read the whole body; ``stream()`` yields its chunks
    while the application still sends them. Leaving a stream early disconnects the client.
    """

    __test__ = False  # not a pytest test class, whatever its name
    __slots__ = (
        "_chunks",
        "_complete",
        "_content",
        "_cookies",
        "_exchange",
        "_headers",
        "_size",
        "_streamed",
        "_target",
        "history",
        "method",
        "raw_headers",
        "status_code",
    )

    def __init__(
        self,
        status_code: int,
        raw_headers: list[tuple[bytes, bytes]],
        exchange: HTTPExchange,
        method: str = "GET",
        target: Any = None,
    ) -> None:
        self.status_code = status_code
        self.raw_headers = raw_headers
        self.method = method
        self._target = target
        self.history: list[TestResponse] = []
        self._exchange = exchange
        self._chunks: deque[bytes] = deque()
        self._size = 0
        self._complete = False
        self._content: bytes | None = None
        self._streamed = False
        self._headers: CIMultiDict[str] | None = None
        self._cookies: SimpleCookie | None = None

    @property
    def url(self) -> str:
        """The URL the request went to (after redirects: the last one)."""
        return "" if self._target is None else str(self._target.url)

    def __repr__(self) -> str:
        return f"<TestResponse {self.status_code} {self.method} {self.url}>"

    # --- head -----------------------------------------------------------------------------

    @property
    def headers(self) -> CIMultiDict[str]:
        """The response headers, case-insensitive, decoded from latin-1."""
        if self._headers is None:
            self._headers = parse_headers(self.raw_headers)
        return self._headers

    def _header(self, name: bytes) -> str | None:
        for key, value in self.raw_headers:
            if key == name:
                return value.decode("latin-1")
        return None

    @property
    def content_type(self) -> str | None:
        """The Content-Type header as sent (``text/html; charset=utf-8``), or None."""
        return self._header(b"content-type")

    @property
    def media_type(self) -> str | None:
        """The media type of Content-Type, lower-cased, without parameters."""
        value = self._header(b"content-type")
        return None if value is None else parse_options_header(value)[0]

    @property
    def charset(self) -> str:
        """The charset parameter of Content-Type (``utf-8`` when there is none)."""
        value = self._header(b"content-type")
        if value is None:
            return "utf-8"
        return parse_options_header(value)[1].get("charset") or "utf-8"

    @property
    def cookies(self) -> SimpleCookie:
        """The cookies set by this response (``res.cookies['name'].value``)."""
        if self._cookies is None:
            cookies: SimpleCookie = SimpleCookie()
            for name, value in self.raw_headers:
                if name == b"set-cookie":
                    try:  # one malformed header must not hide the others
                        cookies.load(value.decode("latin-1"))
                    except CookieError:
                        continue
            self._cookies = cookies
        return self._cookies

    # --- body -----------------------------------------------------------------------------

    async def _read_ready(self) -> None:
        """Take the body chunks the application has already sent, without waiting."""
        exchange = self._exchange
        outbox = exchange.outbox
        items = outbox.items
        while items and not self._complete:
            self._take(items.popleft())
        if self._complete:
            if outbox.closed and not items:  # the application has returned already
                exchange.raise_errors()
            else:
                await exchange.finish()
        elif outbox.closed and not items:
            await self._read_more()

    def _take(self, message: Any) -> None:
        body = message.get("body", b"")
        if body:
            self._chunks.append(body)
            self._size += len(body)
        if not message.get("more_body", False):
            self._complete = True

    async def _read_more(self) -> None:
        exchange = self._exchange
        message = await exchange.next()
        if message is None:  # the application has returned
            exchange.raise_errors()
            if exchange.strict:
                raise exchange.incomplete("sending its final http.response.body")
            self._complete = True
            return
        self._take(message)
        if self._complete:
            await exchange.finish()

    def stream(self) -> BodyStream:
        """The body chunk by chunk, as the application sends them (``async for``).

        Leaving early (``break``, ``await response.close()``, or ``async with
        response.stream() as s``) sends http.disconnect to the application and stops it.
        Chunks are not kept.
        """
        if self._content is not None:  # body() came first: replay it
            return BodyStream(self, deque([self._content] if self._content else []))
        if self._streamed:
            raise ASGIError("the response stream was already consumed")
        self._streamed = True
        return BodyStream(self, self._chunks)

    async def body(self, *, max_size: int = MAX_BODY_SIZE) -> bytes:
        """The whole body (read once, then cached); over ``max_size`` bytes raises ASGIError."""
        if self._content is None:
            if self._streamed:
                raise ASGIError("the response body was consumed by stream()")
            while not self._complete:
                if max_size and self._size > max_size:
                    await self.close()
                    raise ASGIError(
                        f"the response body is over {max_size} bytes (max_size); "
                        "read it with stream()"
                    )
                await self._read_more()
            self._content = b"".join(self._chunks)
            self._chunks.clear()
        return self._content

    async def text(self, encoding: str | None = None, errors: str = "strict") -> str:
        """The body decoded with ``encoding``, else the charset of Content-Type, else UTF-8."""
        body = await self.body()
        return body.decode(encoding or self.charset, errors)

    async def json(self) -> TJSON:
        """The body parsed as JSON; ``ASGIDecodeError`` when it is not JSON."""
        body = await self.body()
        try:
            return json_loads(body)
        except ValueError as exc:
            raise ASGIDecodeError(f"the response body is not valid JSON: {body[:80]!r}") from exc

    async def close(self) -> None:
        """Stop reading: disconnect the client if the response is not complete."""
        if not self._complete:
            await self._exchange.disconnect(DISCONNECT_GRACE)
            self._complete = True

    aclose = close

    def _abandon(self) -> None:
        """The stream was dropped unfinished (a ``break`` out of ``async for``): disconnect.

        Called from ``__del__``, where nothing can be awaited: the disconnect runs as a task of
        its own where the library starts one synchronously (asyncio, trio); elsewhere (curio)
        the application's next ``send`` raises, as after a real disconnect.
        """
        exchange = self._exchange
        if exchange.disconnected:
            return
        try:
            _start_soon(self.close)
        except Exception:  # noqa: BLE001 - no running loop, or no sync spawn (curio)
            exchange.disconnected = True


# Tasks started by _start_soon on asyncio: the loop keeps only weak references to tasks.
_BACKGROUND: set[Any] = set()


def _start_soon(fn: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Start ``fn()`` as a task of the running loop, from synchronous code (asyncio, trio)."""
    library = current_async_library()
    if library == "asyncio":
        import asyncio

        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(fn())
        _BACKGROUND.add(task)
        task.add_done_callback(_BACKGROUND.discard)
    elif library == "trio":
        import trio

        async def guarded() -> None:
            # A system task that raises would crash the whole run: its errors stay here.
            with contextlib.suppress(Exception):
                await fn()

        trio.lowlevel.spawn_system_task(guarded)
    else:
        raise RuntimeError(f"cannot start a task synchronously on {library}")


class BodyStream:
    """An async iterator over the chunks of a response body (see ``TestResponse.stream``).

    A class rather than an async generator: trio warns when an unfinished async generator is
    collected, and a test that breaks out of an endless stream should not have to care.
    """

    __slots__ = ("_chunks", "_response")

    def __init__(self, response: TestResponse, chunks: deque[bytes]) -> None:
        self._response = response
        self._chunks = chunks

    def __aiter__(self) -> BodyStream:
        return self

    async def __anext__(self) -> bytes:
        chunks = self._chunks
        response = self._response
        while not chunks:
            if response._complete:
                raise StopAsyncIteration
            await response._read_more()
        return chunks.popleft()

    async def aclose(self) -> None:
        """Disconnect from the application if the body is not complete."""
        await self._response.close()

    async def __aenter__(self) -> BodyStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __del__(self) -> None:
        # Left without aclose() (a `break` out of `async for`): the client has left all the same.
        try:
            response = self._response
        except AttributeError:  # __init__ never ran
            return
        if not response._complete:
            response._abandon()
