"""JSON encoding and decoding: orjson when installed, else ujson, else the standard library."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .types import TJSON

json_dumps: Callable[[Any], bytes]
json_loads: Callable[[bytes | str], TJSON]

try:
    import orjson

    _orjson_dumps: Callable[..., bytes] = orjson.dumps
    _NON_STR_KEYS: int = orjson.OPT_NON_STR_KEYS

    def json_dumps(obj: Any) -> bytes:
        """Serialize ``obj`` to compact UTF-8 JSON bytes."""
        try:
            return _orjson_dumps(obj)
        except TypeError:
            # Keys that are str subclasses (multidict's istr: `{**request.headers}`) or numbers:
            # the stdlib takes them, so orjson does too, on this slower second try.
            return _orjson_dumps(obj, option=_NON_STR_KEYS)

    json_loads = orjson.loads
    JSONDecodeError: type[ValueError] = orjson.JSONDecodeError
    JSON_LIBRARY = "orjson"

except ImportError:  # pragma: no cover - depends on what is installed
    try:
        import ujson

        def json_dumps(obj: Any) -> bytes:
            """Serialize ``obj`` to compact UTF-8 JSON bytes."""
            return ujson.dumps(obj, ensure_ascii=False).encode()  # type: ignore[no-any-return]

        json_loads = ujson.loads
        JSONDecodeError = ujson.JSONDecodeError
        JSON_LIBRARY = "ujson"

    except ImportError:
        import json as _json

        _encoder = _json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

        def json_dumps(obj: Any) -> bytes:
            """Serialize ``obj`` to compact UTF-8 JSON bytes."""
            return _encoder.encode(obj).encode()

        json_loads = _json.loads
        JSONDecodeError = _json.JSONDecodeError
        JSON_LIBRARY = "json"

__all__ = ["JSON_LIBRARY", "JSONDecodeError", "json_dumps", "json_loads"]
