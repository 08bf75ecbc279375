"""ResponseFile: a file sent without blocking the event loop, with Range and conditionals."""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import AsyncIterable, AsyncIterator
from email.utils import formatdate
from mimetypes import guess_type
from pathlib import Path
from secrets import token_hex
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote

from asgi_request import ASGIError, aio_first, aio_to_thread

from .errors import ASGIFileNotFoundError
from .headers import content_type_text, encode_value
from .ranges import (
    if_range_matches,
    none_match,
    not_modified_since,
    parse_range,
    strong_match,
    unmodified_since,
)
from .response import _NO_BODY
from .stream import ResponseStream, _wait_disconnect

if TYPE_CHECKING:
    from asgi_request import TASGIReceive, TASGIScope, TASGISend

_CONDITIONAL = frozenset(
    {
        b"range",
        b"if-range",
        b"if-match",
        b"if-none-match",
        b"if-modified-since",
        b"if-unmodified-since",
    }
)
# Headers of a 200 that a 304 does not repeat (RFC 9110 15.4.5), nor a 412.
_NOT_IN_304 = frozenset({b"content-length", b"content-type", b"content-disposition"})


class ResponseFile(ResponseStream):
    """Serve a file: type guessed, Last-Modified, ETag, Range (206/416), 304 and 412 answers.

        response = ResponseFile("/storage/video.mp4", filename="movie.mp4")

    A missing file, a directory or anything but a regular file raises ``ASGIFileNotFoundError``
    (status 404). The file is read in worker threads, ``chunk_size`` bytes at a time.
    """

    def __init__(
        self,
        filepath: str | Path,
        *,
        chunk_size: int = 65536,
        filename: str | None = None,
        headers_only: bool = False,
        **kwargs: Any,
    ) -> None:
        try:
            st = os.stat(filepath)
        except (OSError, ValueError) as exc:
            raise ASGIFileNotFoundError(f"file not found: {filepath!s} ({exc})") from exc
        if stat_module.S_ISDIR(st.st_mode):
            raise ASGIFileNotFoundError(f"file not found: {filepath!s} is a directory")
        if not stat_module.S_ISREG(st.st_mode):
            raise ASGIFileNotFoundError(f"file not found: {filepath!s} is not a regular file")
        if chunk_size <= 0:
            raise ASGIError(f"chunk_size must be positive, not {chunk_size}")

        # ResponseStream.__init__ would want a stream: the file is read at send time instead.
        super(ResponseStream, self).__init__(b"", **kwargs)
        self.filepath = filepath
        self.chunk_size = chunk_size
        self.headers_only = headers_only
        self.size = st.st_size
        self.mtime = st.st_mtime

        headers = self.headers
        if filename and "content-disposition" not in headers:
            headers["content-disposition"] = content_disposition(filename)
        if "content-type" not in headers:
            guessed = guess_type(filename or os.fspath(filepath))[0] or "text/plain"
            headers["content-type"] = content_type_text(guessed)
        headers.setdefault("last-modified", formatdate(st.st_mtime, usegmt=True))
        headers.setdefault("etag", f'"{st.st_mtime_ns:x}-{st.st_size:x}"')
        headers.setdefault("accept-ranges", "bytes")
        # What a 200 would say (asgi-tools shows it before sending too); the length actually sent
        # is computed per request (206, 304 and 416 differ), this value never goes out as it is.
        headers["content-length"] = str(st.st_size)

    @property
    def stream(self) -> AsyncIterable[Any]:
        """The whole file as an async iterator of chunks."""
        return self._chunks([(0, self.size - 1)] if self.size else [])

    @stream.setter
    def stream(self, value: AsyncIterable[Any]) -> None:
        raise AttributeError("a ResponseFile streams its file")

    async def __call__(self, scope: TASGIScope, receive: TASGIReceive, send: TASGISend) -> None:
        """Answer 200, 206, 304, 412 or 416 from the request headers found in ``scope``.

        GET and HEAD requests have their preconditions evaluated in the order of RFC 9110 13.2.2:
        If-Match, else If-Unmodified-Since (412 when false), then If-None-Match, else
        If-Modified-Since (304), then Range with If-Range.
        """
        status = self.status_code
        headers = self.raw_headers()
        size = self.size
        method = scope.get("method")
        ranges: list[tuple[int, int]] | None = None
        boundary = ""

        if status == 200 and method in ("GET", "HEAD"):
            request = _request_headers(scope)
            if request:
                etag = self.headers.get("etag")
                modified = self.headers.get("last-modified")
                if _precondition_failed(request, etag, self.mtime):
                    bodyless = 412
                elif _is_not_modified(request, etag, self.mtime):
                    bodyless = 304
                else:
                    bodyless = 0
                if bodyless:
                    headers = [(k, v) for k, v in headers if k not in _NOT_IN_304]
                    if bodyless == 412:  # a 304 has no body by definition; a 412 says so
                        headers.append((b"content-length", b"0"))
                    await send(
                        {"type": "http.response.start", "status": bodyless, "headers": headers}
                    )
                    await send({"type": "http.response.body", "body": b""})
                    return
                range_header = request.get(b"range")
                if range_header is not None and (
                    b"if-range" not in request
                    or if_range_matches(request[b"if-range"], etag, modified)
                ):
                    ranges = parse_range(range_header, size)

        if ranges is None:
            length = size
            parts: list[tuple[bytes, int, int]] = [(b"", 0, size - 1)] if size else []
        elif not ranges:
            status = 416
            headers = [(k, v) for k, v in headers if k != b"content-type"]
            headers.append((b"content-range", f"bytes */{size}".encode()))
            length, parts = 0, []
        elif len(ranges) == 1:
            status = 206
            first, last = ranges[0]
            headers.append((b"content-range", f"bytes {first}-{last}/{size}".encode()))
            length, parts = last - first + 1, [(b"", first, last)]
        else:
            status = 206
            boundary = token_hex(16)
            part_type = b""
            rest = []
            for name, value in headers:
                if name == b"content-type":
                    part_type = value
                else:
                    rest.append((name, value))
            headers = rest
            headers.append((b"content-type", f"multipart/byteranges; boundary={boundary}".encode()))
            parts = [
                (
                    b"--%s\r\ncontent-type: %s\r\ncontent-range: bytes %d-%d/%d\r\n\r\n"
                    % (boundary.encode(), part_type, first, last, size),
                    first,
                    last,
                )
                for first, last in ranges
            ]
            length = sum(len(head) + last - first + 1 + 2 for head, first, last in parts)
            length += len(boundary) + 6  # --boundary--\r\n

        if status not in _NO_BODY:
            headers.append((b"content-length", str(length).encode()))
        if self.headers_only or method == "HEAD" or not length:
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        file = await _open(self.filepath)
        try:
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await aio_first(
                self._send_parts(file, parts, boundary, send), _wait_disconnect(receive)
            )
        finally:
            await aio_to_thread(file.close)

    async def _send_parts(
        self, file: BinaryIO, parts: list[tuple[bytes, int, int]], boundary: str, send: TASGISend
    ) -> None:
        chunk_size = self.chunk_size
        multipart = bool(boundary)
        for head, first, last in parts:
            if head:
                await send({"type": "http.response.body", "body": head, "more_body": True})
            if first:
                await aio_to_thread(file.seek, first)
            remaining = last - first + 1
            while remaining:
                chunks = await aio_to_thread(_read_chunks, file, remaining, chunk_size)
                for data in chunks:
                    if not data:
                        raise ASGIError(f"{self.filepath!s} was truncated while it was being sent")
                    remaining -= len(data)
                    more = bool(remaining) or multipart
                    await send({"type": "http.response.body", "body": data, "more_body": more})
            if multipart:
                await send({"type": "http.response.body", "body": b"\r\n", "more_body": True})
        if multipart:
            await send({"type": "http.response.body", "body": b"--%s--\r\n" % boundary.encode()})

    async def _chunks(self, ranges: list[tuple[int, int]]) -> AsyncIterator[bytes]:
        file = await _open(self.filepath)
        try:
            for first, last in ranges:
                await aio_to_thread(file.seek, first)
                remaining = last - first + 1
                while remaining:
                    for data in await aio_to_thread(_read_chunks, file, remaining, self.chunk_size):
                        if not data:
                            return
                        remaining -= len(data)
                        yield data
        finally:
            await aio_to_thread(file.close)


# A trip to a worker thread costs far more than reading 64 KiB from the page cache: each trip
# reads several chunks (up to this many bytes), still sent chunk_size bytes at a time. Few
# enough that the next trip (where a client disconnect is noticed) is never far away.
_READ_AHEAD = 1024 * 1024
_CHUNKS_PER_TRIP = 16


def _read_chunks(file: BinaryIO, remaining: int, chunk_size: int) -> list[bytes]:
    """Read up to 16 chunks of ``chunk_size`` (at most ``_READ_AHEAD`` or ``remaining`` bytes).

    Runs in a worker thread. An empty chunk at the end means the file ended early.
    """
    chunks = []
    budget = min(remaining, max(chunk_size, min(_READ_AHEAD, _CHUNKS_PER_TRIP * chunk_size)))
    while budget > 0:
        data = file.read(min(chunk_size, budget))
        chunks.append(data)
        if not data:
            break
        budget -= len(data)
    return chunks


async def _open(filepath: str | Path) -> BinaryIO:
    try:
        return await aio_to_thread(open, filepath, "rb")
    except OSError as exc:
        raise ASGIFileNotFoundError(f"file not found: {filepath!s} ({exc})") from exc


def _request_headers(scope: TASGIScope) -> dict[bytes, str]:
    """The few request headers Range and conditionals need, straight from the scope."""
    found: dict[bytes, str] = {}
    for name, value in scope.get("headers") or ():
        key = name.lower()
        if key in _CONDITIONAL:
            text = value.decode("latin-1")
            # Repeated list headers combine with commas (RFC 9110 5.3).
            found[key] = f"{found[key]}, {text}" if key in found else text
    return found


def _precondition_failed(request: dict[bytes, str], etag: str | None, mtime: float) -> bool:
    """If-Match, else If-Unmodified-Since, is false: the client's copy is not the current one."""
    if_match = request.get(b"if-match")
    if if_match is not None:
        return not strong_match(if_match, etag)
    ius = request.get(b"if-unmodified-since")
    return ius is not None and not unmodified_since(ius, mtime)


def _is_not_modified(request: dict[bytes, str], etag: str | None, mtime: float) -> bool:
    inm = request.get(b"if-none-match")
    if inm is not None:
        return etag is not None and none_match(inm, etag)
    ims = request.get(b"if-modified-since")
    return ims is not None and not_modified_since(ims, mtime)


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """A Content-Disposition value for any file name (RFC 6266, RFC 8187 ``filename*``)."""
    fallback = "".join(
        char if " " <= char <= "~" and char not in '"\\' else "_" for char in filename
    )
    value = f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    encode_value(value, "content-disposition")  # the quoting above leaves nothing unsafe
    return value


__all__ = ["ResponseFile", "content_disposition"]
