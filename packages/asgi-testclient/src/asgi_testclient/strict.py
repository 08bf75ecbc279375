"""Checks of the messages an application sends, against the ASGI specification.

Strict mode runs every check here and raises :class:`ASGIProtocolError` naming the violation;
lenient mode only turns what it can into the expected shape (``headers_from_app``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import ASGIProtocolError

__all__ = [
    "check_headers",
    "check_http_body",
    "check_http_start",
    "check_websocket_accept",
    "check_websocket_close",
    "check_websocket_send",
    "headers_from_app",
    "message_type",
]

# RFC 9110 token characters, lower case only (ASGI: "header names must be lowercased").
_is_header_name = re.compile(rb"[!#$%&'*+\-.^_`|~0-9a-z]+").fullmatch
# Header pairs already found valid: responses repeat the same few, so each is checked once.
_VALID_PAIRS: set[tuple[bytes, bytes]] = set()


def message_type(message: Any, strict: bool) -> str:
    """The ``type`` of a message; a message that is no mapping or has no str type is refused."""
    if strict and type(message) is not dict and not isinstance(message, Mapping):
        raise ASGIProtocolError(f"a message must be a dict, got {type(message).__name__}")
    try:
        mtype = message["type"]
    except (KeyError, TypeError):
        raise ASGIProtocolError(f"a message needs a 'type' key: {message!r}") from None
    if not isinstance(mtype, str):
        raise ASGIProtocolError(f"a message 'type' must be a str, got {mtype!r}")
    return mtype


def check_headers(headers: Any, where: str) -> list[tuple[bytes, bytes]]:
    """Refuse headers that are not an iterable of [name, value] byte pairs, with valid names."""
    if type(headers) is not list and (  # the usual shape is checked without ABCs
        isinstance(headers, (str, bytes, Mapping)) or not isinstance(headers, Iterable)
    ):
        raise ASGIProtocolError(
            f"{where} 'headers' must be an iterable of [name, value] pairs, "
            f"got {type(headers).__name__}"
        )
    valid = _VALID_PAIRS
    all_tuples = type(headers) is list
    for pair in headers:
        if type(pair) is tuple and pair in valid:
            continue
        try:
            name, value = pair
        except (TypeError, ValueError):
            raise ASGIProtocolError(
                f"{where} header {pair!r} is not a [name, value] pair"
            ) from None
        if type(name) is not bytes or type(value) is not bytes:
            raise ASGIProtocolError(
                f"{where} header {pair!r}: name and value must be bytes, "
                f"got {type(name).__name__} and {type(value).__name__}"
            )
        if _is_header_name(name) is None:
            raise ASGIProtocolError(f"{where} header name {name!r} must be a lower-case HTTP token")
        if b"\n" in value or b"\r" in value or b"\0" in value:
            raise ASGIProtocolError(f"{where} header {name!r} has CR, LF or NUL in its value")
        if type(pair) is tuple:
            if len(valid) < 4096:
                valid.add(pair)
        else:
            all_tuples = False
    # A copy: the application may reuse its list after sending it.
    return list(headers) if all_tuples else [(name, value) for name, value in headers]


def headers_from_app(headers: Any) -> list[tuple[bytes, bytes]]:
    """Lenient mode: accept str or bytes names and values, any case, as long as they are pairs."""
    result: list[tuple[bytes, bytes]] = []
    for name, value in headers or ():
        bname = name.encode("latin-1") if isinstance(name, str) else bytes(name)
        bvalue = value.encode("latin-1") if isinstance(value, str) else bytes(value)
        result.append((bname.lower(), bvalue))
    return result


def _check_status(message: Mapping[str, Any], where: str) -> None:
    status = message.get("status")
    if type(status) is not int or not 100 <= status <= 599:
        raise ASGIProtocolError(f"{where} 'status' must be an int in 100..599, got {status!r}")


def check_http_start(message: Mapping[str, Any]) -> list[tuple[bytes, bytes]]:
    """Check ``http.response.start``; return its headers as a list of byte pairs."""
    _check_status(message, "http.response.start")
    if type(message.get("trailers", False)) is not bool:
        raise ASGIProtocolError("http.response.start 'trailers' must be a bool")
    if message.get("trailers"):
        raise ASGIProtocolError(
            "http.response.start asks for trailers, but the scope offers no "
            "'http.response.trailers' extension"
        )
    return check_headers(message.get("headers", ()), "http.response.start")


def check_http_body(message: Mapping[str, Any]) -> None:
    """Check ``http.response.body``: ``body`` bytes, ``more_body`` bool."""
    body = message.get("body", b"")
    if type(body) is not bytes:
        raise ASGIProtocolError(
            f"http.response.body 'body' must be bytes, got {type(body).__name__}"
        )
    if type(message.get("more_body", False)) is not bool:
        raise ASGIProtocolError("http.response.body 'more_body' must be a bool")


def check_websocket_accept(message: Mapping[str, Any], offered: list[str]) -> None:
    """Check ``websocket.accept``: a subprotocol the client offered, headers as byte pairs."""
    subprotocol = message.get("subprotocol")
    if subprotocol is not None:
        if not isinstance(subprotocol, str):
            raise ASGIProtocolError("websocket.accept 'subprotocol' must be a str or None")
        if subprotocol not in offered:
            raise ASGIProtocolError(
                f"websocket.accept chose subprotocol {subprotocol!r}, "
                f"which the client did not offer ({offered!r})"
            )
    headers = check_headers(message.get("headers", ()), "websocket.accept")
    if any(name == b"sec-websocket-protocol" for name, _ in headers):
        raise ASGIProtocolError(
            "websocket.accept must pass the subprotocol as 'subprotocol', "
            "not as a sec-websocket-protocol header"
        )


def check_websocket_send(message: Mapping[str, Any]) -> None:
    """Check ``websocket.send``: exactly one of ``bytes`` (bytes) and ``text`` (str)."""
    data, text = message.get("bytes"), message.get("text")
    if (data is None) == (text is None):
        raise ASGIProtocolError("websocket.send needs exactly one of 'bytes' and 'text'")
    if data is not None and type(data) is not bytes:
        raise ASGIProtocolError(f"websocket.send 'bytes' must be bytes, got {type(data).__name__}")
    if text is not None and not isinstance(text, str):
        raise ASGIProtocolError(f"websocket.send 'text' must be a str, got {type(text).__name__}")


def check_websocket_close(message: Mapping[str, Any]) -> None:
    """Check ``websocket.close``: an int ``code`` and a str (or None) ``reason``."""
    code = message.get("code", 1000)
    if type(code) is not int:
        raise ASGIProtocolError(f"websocket.close 'code' must be an int, got {code!r}")
    reason = message.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ASGIProtocolError(f"websocket.close 'reason' must be a str, got {reason!r}")
