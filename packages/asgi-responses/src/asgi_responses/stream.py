"""Streamed responses: a body sent chunk by chunk, and server-sent events."""

from __future__ import annotations

import re
from collections.abc import AsyncIterable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from asgi_request import ASGIError, ASGIInvalidMessageError, aio_first

from .errors import ASGIInvalidEventError, ASGIInvalidHeaderError
from .response import _NO_BODY, Response

if TYPE_CHECKING:
    from asgi_request import TASGIReceive, TASGIScope, TASGISend

TStream = AsyncIterable[Any] | Callable[[], AsyncIterable[Any]]

_CL = b"content-length"


class ResponseStream(Response):
    """A response whose body comes from an async iterable (or an async generator function).

    Chunks go out as they come (str as UTF-8). When the client disconnects, the stream stops
    and the generator is closed.

        response = ResponseStream(numbers(), content_type="text/plain")
    """

    def __init__(self, stream: TStream, **kwargs: Any) -> None:
        super().__init__(b"", **kwargs)
        if not hasattr(stream, "__aiter__") and callable(stream):
            stream = stream()
        if not hasattr(stream, "__aiter__"):
            raise ASGIError(f"ResponseStream needs an async iterable, not {type(stream).__name__}")
        self.stream: AsyncIterable[Any] = stream

    def process_chunk(self, chunk: Any) -> bytes:
        """Turn one item of the stream into bytes."""
        if isinstance(chunk, bytes):
            return chunk
        if isinstance(chunk, str):
            return chunk.encode()
        if isinstance(chunk, bytearray | memoryview):
            return bytes(chunk)
        return str(chunk).encode()

    async def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        """Send the headers, then each chunk until the stream ends or the client leaves."""
        try:
            headers = self.raw_headers(keep_length=True)
            length = _declared_length(headers)
            status = self.status_code
            await send({"type": "http.response.start", "status": status, "headers": headers})
            if status in _NO_BODY or scope.get("method") == "HEAD":
                await send({"type": "http.response.body", "body": b""})
                return
            await aio_first(self._send_body(send, length), _wait_disconnect(receive))
        finally:
            await self._close_stream()

    async def _send_body(self, send: TASGISend, length: int | None) -> None:
        sent = 0
        process = self.process_chunk
        async for chunk in self.stream:
            data = process(chunk)
            if not data:
                continue
            if length is not None:
                sent += len(data)
                if sent > length:
                    raise ASGIInvalidMessageError(
                        f"the stream yielded more than its Content-Length ({length} bytes)"
                    )
            await send({"type": "http.response.body", "body": data, "more_body": True})
        if length is not None and sent != length:
            raise ASGIInvalidMessageError(
                f"the stream yielded {sent} bytes, its Content-Length is {length}"
            )
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _close_stream(self) -> None:
        aclose = getattr(self.stream, "aclose", None)
        if aclose is not None:
            await aclose()


async def _wait_disconnect(receive: TASGIReceive) -> None:
    """Return when the client has gone (the request body, if unread, is drained)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


def _declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    """The Content-Length a caller set on a stream, which the stream must then honour."""
    for name, value in headers:
        if name == _CL:
            if not value.isdigit():
                raise ASGIInvalidHeaderError(f"Content-Length {value!r} is not a number")
            return int(value)
    return None


# The line terminators of the event-stream format (CRLF, CR, LF), per the HTML standard.
_split_lines = re.compile(r"\r\n|\r|\n").split


class ResponseSSE(ResponseStream):
    """Server-sent events (text/event-stream, not cached).

    A str item is a pre-formatted event sent as it stands; a dict item becomes fields:
    ``event``, ``data`` (one ``data:`` line per line), ``id``, ``retry`` and ``comment``.

        yield "data: message text"
        yield {"event": "ping", "data": time.time()}
    """

    content_type = "text/event-stream"

    def __init__(self, stream: TStream, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        headers = self.headers
        headers.setdefault("cache-control", "no-cache")
        # Reverse proxies (nginx) would otherwise buffer the events.
        headers.setdefault("x-accel-buffering", "no")

    def process_chunk(self, chunk: Any) -> bytes:
        """Format one event: a str/bytes as it stands, a dict as fields; a blank line ends it."""
        if isinstance(chunk, Mapping):
            return format_event(chunk)
        if isinstance(chunk, bytes):
            return chunk + b"\n\n"
        return f"{chunk}\n\n".encode()


def format_event(fields: Mapping[str, Any]) -> bytes:
    """Format a dict of SSE fields (event, data, id, retry, comment) as one event."""
    lines: list[str] = []
    for name, value in fields.items():
        text = str(value)
        if name == "data":
            lines.extend(f"data: {line}" for line in _split_lines(text))
        elif name == "comment":
            lines.extend(f": {line}" for line in _split_lines(text))
        elif name in ("event", "id"):
            if "\r" in text or "\n" in text or "\0" in text:
                raise ASGIInvalidEventError(f"SSE {name} {text!r} contains CR, LF or NUL")
            lines.append(f"{name}: {text}")
        elif name == "retry":
            if not (text.isascii() and text.isdigit()):
                raise ASGIInvalidEventError(f"SSE retry {text!r} is not a number of milliseconds")
            lines.append(f"retry: {text}")
        else:
            raise ASGIInvalidEventError(
                f"unknown SSE field {name!r}: use event, data, id, retry or comment"
            )
    lines.append("\n")
    return "\n".join(lines).encode()


__all__ = ["ResponseSSE", "ResponseStream", "TStream", "format_event"]
