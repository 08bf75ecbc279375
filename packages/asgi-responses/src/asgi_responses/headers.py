"""Header encoding with the safety checks every response shares.

Names must be RFC 9110 tokens; values must not hold CR, LF or NUL (they would split the
response) and must be latin-1 (what ASGI servers put on the wire). Both checks raise
``ASGIInvalidHeaderError`` before anything is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import ASGIInvalidHeaderError

# RFC 9110 5.6.2: token = 1*tchar
_is_token = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+").fullmatch
_has_breaking_char = re.compile(r"[\r\n\x00]").search
_has_breaking_byte = re.compile(rb"[\r\n\x00]").search

# Names repeat from response to response: keep the validated, lowered, encoded form.
# Bounded, so that hostile names cannot grow it without limit.
_NAMES: dict[str, bytes] = {}
_NAMES_MAX = 1024

# The subset of _NAMES a response may send as they are: every name except Content-Type and
# Content-Length, which the response sets itself. The hot path needs one lookup, not two.
_PLAIN_NAMES: dict[str, bytes] = {}
_SET_BY_RESPONSE = frozenset({b"content-type", b"content-length"})

# Content-Type values a response class or a caller uses, encoded once.
_CONTENT_TYPES: dict[str, bytes] = {}
_CONTENT_TYPES_MAX = 256

THeaders = Mapping[str, Any] | Iterable[tuple[str, Any]]


def encode_name(name: str | bytes) -> bytes:
    """Validate a header name and return it lowercased as bytes."""
    try:
        return _NAMES[name]  # type: ignore[index]
    except (KeyError, TypeError):
        pass
    text = name.decode("latin-1") if isinstance(name, bytes) else name
    if not isinstance(text, str) or not _is_token(text):
        raise ASGIInvalidHeaderError(f"invalid header name {name!r}: it must be an RFC 9110 token")
    encoded = text.lower().encode("ascii")
    if isinstance(name, str) and len(_NAMES) < _NAMES_MAX:
        _NAMES[name] = encoded
        if encoded not in _SET_BY_RESPONSE:
            _PLAIN_NAMES[name] = encoded
    return encoded


def encode_value(value: Any, name: str | bytes = "") -> bytes:
    """Validate a header value (str, bytes or anything ``str()`` takes) and return its bytes."""
    if isinstance(value, bytes):
        if _has_breaking_byte(value):
            raise ASGIInvalidHeaderError(f"header {name!r} value {value!r} contains CR, LF or NUL")
        return value
    if not isinstance(value, str):
        value = str(value)
    # isprintable() is one C call and true for nearly every value; only the rest is searched.
    if not value.isprintable() and _has_breaking_char(value):
        raise ASGIInvalidHeaderError(f"header {name!r} value {value!r} contains CR, LF or NUL")
    try:
        encoded: bytes = value.encode("latin-1")
    except UnicodeEncodeError:
        raise ASGIInvalidHeaderError(
            f"header {name!r} value {value!r} is not latin-1: percent-encode it"
        ) from None
    return encoded


def encode_headers(headers: THeaders) -> list[tuple[bytes, bytes]]:
    """Encode a mapping or a list of pairs into ASGI header pairs, checking each."""
    items = headers.items() if isinstance(headers, Mapping) else headers
    return [(encode_name(name), encode_value(value, name)) for name, value in items]


def content_type_text(content_type: str) -> str:
    """Add ``; charset=utf-8`` to a text media type that names no charset."""
    if content_type.startswith("text/") and "charset=" not in content_type.lower():
        return f"{content_type}; charset=utf-8"
    return content_type


def content_type_bytes(content_type: str) -> bytes:
    """The encoded Content-Type value of a media type (charset added to text types)."""
    try:
        return _CONTENT_TYPES[content_type]
    except KeyError:
        pass
    encoded = encode_value(content_type_text(content_type), "content-type")
    if len(_CONTENT_TYPES) < _CONTENT_TYPES_MAX:
        _CONTENT_TYPES[content_type] = encoded
    return encoded


__all__ = [
    "THeaders",
    "content_type_bytes",
    "content_type_text",
    "encode_headers",
    "encode_name",
    "encode_value",
]
