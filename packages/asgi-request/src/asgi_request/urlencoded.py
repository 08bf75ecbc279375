"""A streaming ``application/x-www-form-urlencoded`` parser with field limits."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote_to_bytes

from multidict import MultiDict

from .errors import ASGIDecodeError, ASGIRequestEntityTooLargeError
from .multipart import _check_charset

if TYPE_CHECKING:
    from .upload import UploadFile

__all__ = ["URLEncodedParser"]


class URLEncodedParser:
    """Parse ``a=1&b=two+words`` fed in chunks of any size into a ``MultiDict[str]``.

    Blank values are kept (``a=`` gives ``''``), empty pairs (``&&``) skipped. A value longer
    than ``max_field_size`` bytes (decoded) or more than ``max_fields`` pairs raise
    ``ASGIRequestEntityTooLargeError``; undecodable text raises ``ASGIDecodeError``.
    """

    __slots__ = (
        "_buf",
        "_charset",
        "_max_field_size",
        "_max_fields",
        "_max_pending",
        "_scan_from",
        "form",
    )

    def __init__(
        self, *, charset: str = "utf-8", max_fields: int = 1000, max_field_size: int = 1024 * 1024
    ) -> None:
        self._charset = _check_charset(charset)
        self._max_fields = max_fields
        self._max_field_size = max_field_size
        # A pair still arriving: name and value, each up to 3 encoded bytes per decoded byte.
        self._max_pending = 6 * max_field_size + 1
        self._buf = bytearray()
        self._scan_from = 0
        self.form: MultiDict[str | UploadFile] = MultiDict()

    def feed(self, chunk: bytes) -> bool:
        """Parse the next piece of the body (``False``: a urlencoded body has no end marker)."""
        buf = self._buf
        buf += chunk
        start = 0
        amp = buf.find(b"&", self._scan_from)
        while amp != -1:
            if amp > start:
                self._add(bytes(buf[start:amp]))
            start = amp + 1
            amp = buf.find(b"&", start)
        if start:
            del buf[:start]
        self._scan_from = len(buf)
        if len(buf) > self._max_pending:
            raise ASGIRequestEntityTooLargeError(
                f"a form field exceeds {self._max_field_size} bytes"
            )
        return False

    def _add(self, pair: bytes) -> None:
        if len(self.form) >= self._max_fields:
            raise ASGIRequestEntityTooLargeError(
                f"the form has more than {self._max_fields} fields"
            )
        name, _, value = pair.partition(b"=")
        decoded = self._decode(value)
        if len(decoded) > self._max_field_size:
            raise ASGIRequestEntityTooLargeError(
                f"a form field exceeds {self._max_field_size} bytes"
            )
        self.form.add(self._text(self._decode(name)), self._text(decoded))

    def _decode(self, raw: bytes) -> bytes:
        if b"+" in raw:
            raw = raw.replace(b"+", b" ")
        if b"%" in raw:
            raw = unquote_to_bytes(raw)
        return raw

    def _text(self, raw: bytes) -> str:
        try:
            return raw.decode(self._charset)
        except UnicodeDecodeError:
            raise ASGIDecodeError(f"a form field is not valid {self._charset}") from None

    def close(self) -> MultiDict[str | UploadFile]:
        """Finish the parse and return the form."""
        if self._buf:
            self._add(bytes(self._buf))
            self._buf.clear()
        return self.form

    def abort(self) -> None:
        """Drop what was parsed (nothing is on disk)."""
        self._buf.clear()
        self.form = MultiDict()
