"""A streaming ``multipart/form-data`` parser (RFC 7578, RFC 2046 section 5.1).

Feed it the body in chunks of any size (one byte at a time works); it searches the boundary with
``bytes.find`` from where the last search stopped, hands file data on as ``memoryview`` slices of
the chunk it received (no copy), and keeps at most a boundary's length of data between chunks
while in a part. Limits are checked as the data arrives, so a hostile body fails fast.

    parser = MultipartParser(boundary, upload_to=lambda name: f"/srv/uploads/{uuid4()}")
    for chunk in chunks:
        parser.feed(chunk)
    form = parser.close()
"""

from __future__ import annotations

import binascii
import codecs
from typing import TYPE_CHECKING

from multidict import CIMultiDict, MultiDict

from .errors import ASGIDecodeError, ASGIRequestEntityTooLargeError
from .headers import parse_options_header
from .upload import UploadFile, safe_filename

if TYPE_CHECKING:
    from .types import TUploadTo

__all__ = ["MultipartParser"]

_PREAMBLE, _BODY, _AFTER_DELIMITER, _HEADERS, _EPILOGUE = range(5)

# Whitespace allowed between a boundary and its line end ("transport padding", RFC 2046).
_MAX_PADDING = 256
_BOUNDARY_CHARS = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? "


class MultipartParser:
    """Parse a ``multipart/form-data`` body into a ``MultiDict`` of ``str`` and ``UploadFile``.

    Plain fields become ``str`` (decoded with the part's charset, else ``charset``); file parts
    become ``UploadFile`` objects kept in memory up to ``file_memory_limit`` bytes, then spilled to
    a temporary file, or written straight to ``upload_to(safe_filename(filename))`` when given.
    Malformed input raises ``ASGIDecodeError``, a crossed limit ``ASGIRequestEntityTooLargeError``.
    After a failure, call ``abort()``: it removes every file the parse created.
    """

    __slots__ = (
        "_buf",
        "_charset",
        "_decoder",
        "_delimiter",
        "_field",
        "_field_charset",
        "_fields",
        "_file_memory_limit",
        "_files",
        "_max_field_size",
        "_max_fields",
        "_max_files",
        "_max_part_header_size",
        "_name",
        "_scan_from",
        "_state",
        "_upload",
        "_upload_to",
        "form",
    )

    def __init__(
        self,
        boundary: str | bytes,
        *,
        charset: str = "utf-8",
        upload_to: TUploadTo | None = None,
        file_memory_limit: int = 1024 * 1024,
        max_fields: int = 1000,
        max_files: int = 1000,
        max_field_size: int = 1024 * 1024,
        max_part_header_size: int = 16 * 1024,
    ) -> None:
        if isinstance(boundary, str):
            try:
                boundary = boundary.encode("ascii")
            except UnicodeEncodeError:
                raise ASGIDecodeError("the multipart boundary is not ASCII") from None
        # translate() deletes the allowed characters: what is left is not allowed (C speed).
        if not 0 < len(boundary) <= 200 or boundary.translate(None, _BOUNDARY_CHARS):
            raise ASGIDecodeError(f"invalid multipart boundary: {boundary[:80]!r}")
        self._charset = charset if charset == "utf-8" else _check_charset(charset)
        self._delimiter = b"\r\n--" + boundary
        # The first boundary may open the body: a virtual CRLF before it makes it a delimiter.
        self._buf = bytearray(b"\r\n")
        self._state = _PREAMBLE
        self._scan_from = 0
        self._upload_to = upload_to
        self._file_memory_limit = file_memory_limit
        self._max_fields = max_fields
        self._max_files = max_files
        self._max_field_size = max_field_size
        self._max_part_header_size = max_part_header_size
        self._fields = 0
        self._files: list[UploadFile] = []
        self._name = ""
        self._upload: UploadFile | None = None
        self._field = bytearray()
        self._field_charset = self._charset
        self._decoder: _Base64Decoder | _QuotedPrintableDecoder | None = None
        self.form: MultiDict[str | UploadFile] = MultiDict()

    def feed(self, chunk: bytes) -> bool:
        """Parse the next piece of the body; ``True`` once the closing boundary has been seen
        (the rest, an epilogue, need not be read).
        """
        state = self._state
        if not chunk or state == _EPILOGUE:
            return self._state == _EPILOGUE
        buf = self._buf
        if not buf:
            self._run(chunk, 0)
            return self._state == _EPILOGUE
        delimiter = self._delimiter
        size = len(delimiter)
        if state <= _BODY and len(chunk) >= size:
            # A delimiter may straddle the kept tail and this chunk: look at the seam only,
            # so that the chunk itself is never copied.
            kept = len(buf)
            seam = bytes(buf) + chunk[:size]
            buf.clear()
            found = seam.find(delimiter)
            if found == -1:
                if state == _BODY:
                    self._emit(seam[:kept])
                self._run(chunk, 0)
            else:
                if state == _BODY:
                    if found:
                        self._emit(seam[:found])
                    self._end_part()
                self._state = _AFTER_DELIMITER
                self._run(chunk, found + size - kept)
            return self._state == _EPILOGUE
        buf += chunk
        if (
            state == _HEADERS
            and not buf.startswith(b"\r\n")
            and buf.find(b"\r\n\r\n", self._scan_from) == -1
        ):
            # Headers still incomplete: wait for more without copying what is kept.
            if len(buf) > self._max_part_header_size:
                raise _too_large(f"a part's headers exceed {self._max_part_header_size} bytes")
            self._scan_from = max(0, len(buf) - 3)
            return self._state == _EPILOGUE
        data = bytes(buf)
        buf.clear()
        self._run(data, 0)
        return self._state == _EPILOGUE

    def _run(self, data: bytes, pos: int) -> None:
        delimiter = self._delimiter
        size = len(delimiter)
        end = len(data)
        while pos < end:
            state = self._state
            if state <= _BODY:
                found = data.find(delimiter, pos)
                if found == -1:
                    # Keep the tail that may be the start of a delimiter (it begins with CR,
                    # the only CR in a delimiter), hand the rest on.
                    tail = data.find(b"\r", max(pos, end - size + 1))
                    while tail != -1 and not delimiter.startswith(data[tail:]):
                        tail = data.find(b"\r", tail + 1)
                    stop = end if tail == -1 else tail
                    if state == _BODY and stop > pos:
                        # The whole chunk is file data (the common case): hand it on as it is.
                        self._emit(data if stop - pos == end else memoryview(data)[pos:stop])
                    if tail != -1:
                        self._buf += data[tail:]
                    return
                if state == _BODY:
                    if found > pos:
                        self._emit(memoryview(data)[pos:found])
                    self._end_part()
                self._state = _AFTER_DELIMITER
                pos = found + size
            elif state == _AFTER_DELIMITER:
                if end - pos < 2:
                    self._buf += data[pos:]
                    return
                if data[pos : pos + 2] == b"--":
                    self._state = _EPILOGUE
                    return
                eol = data.find(b"\r\n", pos, pos + _MAX_PADDING)
                if eol == -1:
                    if end - pos >= _MAX_PADDING:
                        raise ASGIDecodeError("a multipart boundary is followed by garbage")
                    self._buf += data[pos:]
                    return
                if data[pos:eol].strip(b" \t"):
                    raise ASGIDecodeError("a multipart boundary is followed by garbage")
                self._state = _HEADERS
                self._scan_from = 0
                pos = eol + 2
            elif state == _HEADERS:
                if end - pos < 2:
                    self._buf += data[pos:]
                    return
                if data[pos : pos + 2] == b"\r\n":
                    self._start_part(b"")
                    pos += 2
                    continue
                stop = data.find(b"\r\n\r\n", pos)
                limit = self._max_part_header_size
                if (end if stop == -1 else stop) - pos > limit:
                    raise _too_large(f"a part's headers exceed {limit} bytes")
                if stop == -1:
                    self._buf += data[pos:]
                    self._scan_from = max(0, end - pos - 3)
                    return
                self._start_part(data[pos:stop])
                pos = stop + 4
            else:
                return

    def _start_part(self, raw: bytes) -> None:
        headers = _parse_part_headers(raw)
        disposition = headers.get("content-disposition")
        if disposition is None:
            raise ASGIDecodeError("a multipart part has no Content-Disposition header")
        kind, params = parse_options_header(disposition)
        if kind != "form-data":
            raise ASGIDecodeError(f"a multipart part is {kind!r}, not 'form-data'")
        name = params.get("name")
        if name is None:
            raise ASGIDecodeError("a multipart part has no name")
        encoding = headers.get("content-transfer-encoding")
        if encoding is None:  # the common case: the data as it is
            self._decoder = None
        else:
            encoding = encoding.strip().lower()
            if encoding == "base64":
                self._decoder = _Base64Decoder()
            elif encoding == "quoted-printable":
                self._decoder = _QuotedPrintableDecoder()
            elif encoding in {"", "7bit", "8bit", "binary"}:
                self._decoder = None
            else:
                raise ASGIDecodeError(f"unsupported Content-Transfer-Encoding: {encoding[:40]!r}")
        filename = params.get("filename")
        content_type = headers.get("content-type")
        self._name = name
        if filename is not None:
            if len(self._files) >= self._max_files:
                raise _too_large(f"the form has more than {self._max_files} files")
            upload_to = self._upload_to
            path = upload_to(safe_filename(filename)) if upload_to is not None else None
            upload = UploadFile(
                filename,
                content_type=content_type or "application/octet-stream",
                headers=headers,
                memory_limit=self._file_memory_limit,
                path=path,
            )
            self._files.append(upload)
            self._upload = upload
        else:
            self._fields += 1
            if self._fields > self._max_fields:
                raise _too_large(f"the form has more than {self._max_fields} fields")
            self._field = bytearray()
            charset = self._charset
            if content_type:
                charset = parse_options_header(content_type)[1].get("charset") or charset
            self._field_charset = charset
        self._state = _BODY

    def _emit(self, data: bytes | memoryview) -> None:
        if self._decoder is not None:
            data = self._decoder.feed(data)
        upload = self._upload
        if upload is not None:
            upload.write(data)
            return
        field = self._field
        if len(field) + len(data) > self._max_field_size:
            raise _too_large(f"the form field {self._name!r} exceeds {self._max_field_size} bytes")
        field += data

    def _end_part(self) -> None:
        if self._decoder is not None:
            rest = self._decoder.flush()
            self._decoder = None
            if rest:
                self._emit(rest)
        upload = self._upload
        if upload is not None:
            upload.seek(0)
            self.form.add(self._name, upload)
            self._upload = None
            return
        try:
            value = self._field.decode(self._field_charset)
        except (UnicodeDecodeError, LookupError):
            raise ASGIDecodeError(
                f"the form field {self._name!r} is not valid {self._field_charset}"
            ) from None
        self._field = bytearray()
        self.form.add(self._name, value)

    def close(self) -> MultiDict[str | UploadFile]:
        """Finish the parse and return the form; raise if the body ended too early."""
        if self._state != _EPILOGUE:
            if self._state == _PREAMBLE:
                raise ASGIDecodeError("the multipart body has no boundary")
            raise ASGIDecodeError("the multipart body ends before its closing boundary")
        return self.form

    def abort(self) -> None:
        """Close and remove every file this parse created (the form is not returned)."""
        for upload in self._files:
            upload.discard()
        self._files.clear()
        self._upload = None


# What ``bytes.strip()`` strips: ``str.strip()`` would also take \x1c-\x1f.
_BLANKS = " \t\n\r\x0b\x0c"


def _parse_part_headers(raw: bytes) -> CIMultiDict[str]:
    headers: CIMultiDict[str] = CIMultiDict()
    if not raw:
        return headers
    # Fast path, the headers browsers send: ASCII (it reads the same as latin-1 and UTF-8) and
    # no CR or LF but the line ends. A folded line has a name starting with a blank: it stops
    # the loop, like any malformed line, and the general path then folds it or raises.
    if raw.isascii():
        text = raw.decode("ascii")
        lines = text.split("\r\n")
        ends = len(lines) - 1
        if text.count("\r") == ends and text.count("\n") == ends:
            add = headers.add
            for line in lines:
                name, sep, value = line.partition(":")
                if not sep or not name or name.strip(_BLANKS) != name:
                    break
                add(name, value.strip(_BLANKS))
            else:
                return headers
    return _parse_part_headers_general(raw)


def _parse_part_headers_general(raw: bytes) -> CIMultiDict[str]:
    pairs: list[list[bytes]] = []
    if raw:
        for line in raw.split(b"\r\n"):
            if line[:1] in (b" ", b"\t") and pairs:  # obsolete line folding
                pairs[-1][1] += b" " + line.strip()
                continue
            name, sep, value = line.partition(b":")
            if not sep or not name or name.strip() != name or b"\n" in line or b"\r" in line:
                raise ASGIDecodeError(f"malformed multipart part header: {line[:80]!r}")
            pairs.append([name, value.strip()])
    headers: CIMultiDict[str] = CIMultiDict()
    for name, value in pairs:
        headers.add(name.decode("latin-1"), _decode_header_value(value))
    return headers


def _decode_header_value(value: bytes) -> str:
    # Browsers send non-ASCII file names as raw UTF-8 inside the quoted string.
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _check_charset(charset: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        raise ASGIDecodeError(f"unknown charset: {charset[:40]!r}") from None
    return charset


def _too_large(message: str) -> ASGIRequestEntityTooLargeError:
    return ASGIRequestEntityTooLargeError(message)


class _Base64Decoder:
    __slots__ = ("_pending",)

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, data: bytes | memoryview) -> bytes:
        clean = self._pending + bytes(data).translate(None, b" \t\r\n")
        usable = len(clean) // 4 * 4
        self._pending = clean[usable:]
        try:
            return binascii.a2b_base64(clean[:usable], strict_mode=True)
        except binascii.Error as exc:
            raise ASGIDecodeError(f"invalid base64 in a multipart part: {exc}") from None

    def flush(self) -> bytes:
        if self._pending:
            raise ASGIDecodeError("truncated base64 in a multipart part")
        return b""


class _QuotedPrintableDecoder:
    __slots__ = ("_pending",)

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, data: bytes | memoryview) -> bytes:
        pending = self._pending + bytes(data)
        # Never cut an escape ("=XX") or a soft line break ("=\r\n") in two.
        cut = pending.rfind(b"=", max(0, len(pending) - 2))
        if cut == -1:
            cut = len(pending)
        self._pending = pending[cut:]
        return binascii.a2b_qp(pending[:cut])

    def flush(self) -> bytes:
        pending, self._pending = self._pending, b""
        return binascii.a2b_qp(pending)
