"""Request bodies: bytes, text, urlencoded and multipart forms, JSON and async streams."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import urlencode

from asgi_request import json_dumps

__all__ = ["TData", "encode_body", "encode_multipart", "is_file"]

TData = (
    bytes
    | bytearray
    | memoryview
    | str
    | Mapping[str, Any]
    | AsyncIterable[bytes | str]
    | Callable[[], AsyncIterable[bytes | str]]
    | None
)


def is_file(value: Any) -> bool:
    """A file object (anything with ``read``) or a ``(filename, content[, type])`` tuple."""
    return hasattr(value, "read") or (isinstance(value, tuple) and len(value) in (2, 3))


def _fields(data: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    items: Iterable[tuple[str, Any]] = data.items()
    for name, value in items:
        if isinstance(value, list):  # a list means the field repeats
            for item in value:
                yield name, item
        else:
            yield name, value


def _escape(value: str) -> str:
    # As browsers do (WHATWG HTML, multipart/form-data encoding): a quote or a line break
    # cannot end the quoted string or start a new header.
    return value.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _file_part(name: str, value: Any) -> tuple[str, bytes, str]:
    if isinstance(value, tuple):
        filename, content = value[0], value[1]
        content_type = value[2] if len(value) == 3 else None
    else:
        filename, content, content_type = getattr(value, "name", None), value, None
        if not isinstance(filename, (str, bytes, PurePath)):
            filename = name  # an in-memory file: still sent as a file, named after its field
    filename = os.path.basename(os.fsdecode(filename))
    if hasattr(content, "read"):
        content = content.read()
    if isinstance(content, str):
        content = content.encode()
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return filename, bytes(content), content_type


def encode_multipart(data: Mapping[str, Any]) -> tuple[bytes, str]:
    """Encode ``data`` as multipart/form-data; return the body and its Content-Type."""
    boundary = os.urandom(16).hex()
    delimiter = f"--{boundary}\r\n".encode()
    parts: list[bytes] = []
    for name, value in _fields(data):
        disposition = f'Content-Disposition: form-data; name="{_escape(str(name))}"'
        if is_file(value):
            filename, content, content_type = _file_part(name, value)
            head = f'{disposition}; filename="{_escape(filename)}"\r\nContent-Type: {content_type}'
        else:
            head = disposition
            content = value if isinstance(value, bytes) else str(value).encode()
        parts += (delimiter, head.encode(), b"\r\n\r\n", content, b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def encode_body(
    data: TData, json: Any
) -> tuple[bytes | None, AsyncIterator[bytes | str] | None, str | None]:
    """Turn ``data`` or ``json`` into ``(body, stream, content_type)``: one of body or stream."""
    if json is not None:
        if data:
            raise ValueError("pass either data or json, not both")
        return json_dumps(json), None, "application/json"
    if isinstance(data, bytes):
        return data, None, None
    if data is None:
        return b"", None, None
    if isinstance(data, str):
        return data.encode(), None, None
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data), None, None
    if isinstance(data, Mapping):
        if any(is_file(value) for _, value in _fields(data)):
            body, content_type = encode_multipart(data)
            return body, None, content_type
        return urlencode(list(_fields(data))).encode(), None, "application/x-www-form-urlencoded"
    if isinstance(data, AsyncIterable):
        return None, aiter(data), None
    if callable(data):  # an async generator function, called with no arguments
        stream = data()
        if isinstance(stream, AsyncIterable):
            return None, aiter(stream), None
    raise TypeError(
        f"data must be bytes, str, a dict, an async iterable or an async generator function, "
        f"not {type(data).__name__}"
    )
