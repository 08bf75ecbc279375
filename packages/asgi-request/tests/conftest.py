"""Shared fixtures: build a Request over a scope and a scripted ``receive``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest

from asgi_request import Request


class Receiver:
    """A ``receive`` that plays the body in the given chunks, then optionally a disconnect."""

    def __init__(self, chunks: Iterable[bytes], *, disconnect: bool = False) -> None:
        chunks = list(chunks) or [b""]
        self.messages: list[dict[str, Any]] = [
            {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
            for i, chunk in enumerate(chunks)
        ]
        if disconnect:
            # The client goes away before the last chunk.
            self.messages[-1] = {"type": "http.disconnect"}
        self.calls = 0

    async def __call__(self) -> dict[str, Any]:
        self.calls += 1
        if not self.messages:
            return {"type": "http.disconnect"}
        return self.messages.pop(0)


def split(body: bytes, size: int) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)] or [b""]


def build_request(
    body: bytes = b"",
    *,
    content_type: str | None = None,
    headers: Iterable[tuple[str, str]] = (),
    chunk_size: int = 0,
    chunks: list[bytes] | None = None,
    disconnect: bool = False,
    request_class: type[Request] = Request,
    **scope: Any,
) -> Request:
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    if content_type is not None:
        raw.append((b"content-type", content_type.encode("latin-1")))
    full_scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/",
        "root_path": "",
        "query_string": b"",
        "headers": raw,
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 51000),
    }
    full_scope.update(scope)
    if chunks is None:
        chunks = split(body, chunk_size) if chunk_size else [body]
    return request_class(full_scope, Receiver(chunks, disconnect=disconnect))


@pytest.fixture
def make_request() -> Callable[..., Request]:
    """``make_request(body, content_type=..., headers=[...], chunk_size=n, **scope)``."""
    return build_request


def multipart_body(
    boundary: str, parts: list[tuple[str, bytes | str, dict[str, str] | None]]
) -> bytes:
    """Encode ``[(disposition params, content, extra headers)]`` as multipart/form-data."""
    out = bytearray()
    for disposition, content, extra in parts:
        out += f"--{boundary}\r\n".encode()
        out += f"Content-Disposition: form-data; {disposition}\r\n".encode()
        for name, value in (extra or {}).items():
            out += f"{name}: {value}\r\n".encode()
        out += b"\r\n"
        out += content.encode() if isinstance(content, str) else content
        out += b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out)


@pytest.fixture
def encode_multipart() -> Callable[..., bytes]:
    """``encode_multipart(boundary, [(disposition, content, headers), ...]) -> bytes``."""
    return multipart_body
