"""Hostile-input corpus: raw ASGI driving, header hygiene checks and leak probes.

Every test here attacks the assembled toolkit (``asgi_tools.App``) from the outside. Where the
test client would refuse to send the bad input, the app is driven with a raw scope and fake
``receive``/``send``. Every drive is bounded by a timeout, so a hang fails instead of blocking.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from asgi_request import aio_sleep, aio_timeout

# A hostile input must be answered well within this; a hang fails the test instead.
DRIVE_TIMEOUT = 5.0

_BAD_HEADER_BYTES = (b"\r", b"\n", b"\x00")


def http_scope(
    path: str = "/",
    method: str = "GET",
    *,
    headers: Iterable[tuple[bytes, bytes]] = ((b"host", b"localhost"),),
    query_string: bytes = b"",
    raw_path: bytes | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A complete HTTP scope, with whatever headers and path bytes the test wants."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape") if raw_path is None else raw_path,
        "root_path": "",
        "query_string": query_string,
        "headers": list(headers),
        "server": ("localhost", 80),
        "client": ("127.0.0.1", 5000),
    }
    scope.update(extra)
    return scope


def websocket_scope(path: str = "/", **extra: Any) -> dict[str, Any]:
    scope = http_scope(path, **extra)
    scope["type"] = "websocket"
    scope["scheme"] = "ws"
    scope["subprotocols"] = []
    del scope["method"]
    return scope


def body_messages(*chunks: bytes) -> list[dict[str, Any]]:
    """``http.request`` messages carrying ``chunks``, the last one closing the body."""
    if not chunks:
        return [{"type": "http.request", "body": b"", "more_body": False}]
    return [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ]


async def drive(
    app: Any,
    scope: dict[str, Any],
    incoming: Iterable[dict[str, Any]] = (),
    *,
    then: str = "hang",
    timeout: float = DRIVE_TIMEOUT,
) -> list[dict[str, Any]]:
    """Run ``app`` on ``scope``, feeding ``incoming``; return every message it sent.

    After ``incoming`` runs out, ``then`` decides what ``receive`` does: ``"hang"`` never
    answers (a client that waits for its response, or stalls), ``"disconnect"`` answers a
    disconnect (a client that went away). The whole call is bounded by ``timeout``: a hang
    raises ``TimeoutError``.
    """
    queue = iter(incoming)  # pulled lazily: a generator can count what the app read
    sent: list[dict[str, Any]] = []
    kind = "websocket.disconnect" if scope["type"] == "websocket" else "http.disconnect"

    async def receive() -> dict[str, Any]:
        message = next(queue, None)
        if message is not None:
            return message
        if then == "hang":
            await aio_sleep(3600)
        return {"type": kind, "code": 1006}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async with aio_timeout(timeout):
        await app(scope, receive, send)
    assert_clean_headers(sent)
    return sent


def assert_clean_headers(sent: Iterable[dict[str, Any]]) -> None:
    """No message ever carries CR, LF or NUL in a header name or value."""
    for message in sent:
        for name, value in message.get("headers", ()):
            for bad in _BAD_HEADER_BYTES:
                assert bad not in name, f"{bad!r} in header name {name!r}"
                assert bad not in value, f"{bad!r} in header value {name!r}: {value!r}"


def status_of(sent: list[dict[str, Any]], *, head: bool = False) -> int:
    """The status of the one ``http.response.start`` sent, checking the body is complete.

    The body must end, and match its Content-Length (``head``: the body is empty instead).
    """
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert len(starts) == 1, sent
    bodies = [m for m in sent if m["type"] == "http.response.body"]
    assert bodies, "the response was started but never given a body"
    assert not bodies[-1].get("more_body", False), "the response body never ended"
    length = dict(starts[0].get("headers", ())).get(b"content-length")
    if head:
        assert not any(m.get("body") for m in bodies), "a HEAD response has a body"
    elif length is not None:
        sent_length = sum(len(m.get("body", b"")) for m in bodies)
        assert sent_length == int(length), (sent_length, length)
    return int(starts[0]["status"])


def body_of(sent: list[dict[str, Any]]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def open_fds() -> int:
    """How many file descriptors this process holds (leak probe; Linux only)."""
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty temporary directory that ``tempfile`` uses for this test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def no_leaks(private_tmp: Path) -> Iterator[Path]:
    """Fails the test when it leaves a temporary file behind in its private temp dir."""
    yield private_tmp
    assert list(private_tmp.iterdir()) == [], "a temporary file was left behind"
