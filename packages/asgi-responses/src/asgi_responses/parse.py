"""parse_response: turn whatever a handler returns into a Response."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from asgi_request import ASGIError

from .response import Response, ResponseHTML, ResponseJSON, ResponseText

if TYPE_CHECKING:
    from .headers import THeaders

_BY_TYPE: dict[type, type[Response]] = {
    str: ResponseHTML,
    bytes: ResponseHTML,
    dict: ResponseJSON,
    list: ResponseJSON,
    int: ResponseJSON,
    bool: ResponseJSON,
    float: ResponseJSON,
    type(None): ResponseJSON,
}


def parse_response(value: Any, headers: THeaders | None = None) -> Response:
    """Convert a handler's result into a Response.

    - a Response is returned as it is;
    - dict, list, int, float, bool, None become ``ResponseJSON``; str and bytes ``ResponseHTML``;
    - ``(status, body)`` and ``(status, body, headers)`` tuples set the status (and headers)
      of the response their body becomes; asgi-tools' ``(status, headers, body)`` order and
      ``(body, status)`` are understood too;
    - anything else becomes ``ResponseText(str(value))``.
    """
    if isinstance(value, Response):
        return value
    cls = _BY_TYPE.get(type(value))
    if cls is not None:
        # Keyword arguments cost a dict per call: leave them out when there are none.
        return cls(value) if headers is None else cls(value, headers=headers)
    if isinstance(value, tuple):
        return _parse_tuple(value, headers)
    if isinstance(value, str | bytes | bytearray | memoryview):
        return ResponseHTML(value, headers=headers)
    if isinstance(value, Mapping | list | int | float):
        return ResponseJSON(
            value if not isinstance(value, Mapping) else dict(value), headers=headers
        )
    return ResponseText(str(value), headers=headers)


def _is_status(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_tuple(value: tuple[Any, ...], headers: THeaders | None) -> Response:
    if not 1 <= len(value) <= 3:
        raise ASGIError(f"a response tuple has 1 to 3 items, not {len(value)}")
    if _is_status(value[0]):
        status, *rest = value
        if len(rest) == 2 and isinstance(rest[0], Mapping) and not isinstance(rest[1], Mapping):
            rest = [rest[1], rest[0]]  # asgi-tools' (status, headers, body)
    elif len(value) >= 2 and _is_status(value[1]):
        body_first = value[0]
        status = value[1]
        rest = [body_first, *value[2:]]  # (body, status[, headers])
    else:
        raise ASGIError(f"a response tuple needs an int status, got {value!r}")
    body = rest[0] if rest else None
    if len(rest) > 1 and rest[1] is not None:
        headers = rest[1]
    response = parse_response(b"" if body is None else body, headers)
    if isinstance(body, Response) and headers:
        response.headers.extend(headers.items() if isinstance(headers, Mapping) else headers)
    response.status_code = _checked(status)
    return response


def _checked(status: int) -> int:
    if not 100 <= status <= 599:
        raise ASGIError(f"invalid HTTP status code {status}: it must be 100-599")
    return status


__all__ = ["parse_response"]
