"""The ``Cookie`` request header as a dict: a plain split, tolerant of anything a client sends."""

from __future__ import annotations

__all__ = ["parse_cookies"]


def parse_cookies(header: str) -> dict[str, str]:
    """Parse ``'a=1; b="two"'`` into ``{'a': '1', 'b': 'two'}``; never raises.

    Pairs without ``=`` or without a name are skipped. When a name repeats, the first value wins:
    browsers send the most specific cookie (longest path) first (RFC 6265, section 5.4).
    """
    cookies: dict[str, str] = {}
    if not header:
        return cookies
    quoted = '"' in header
    for chunk in header.split(";"):
        name, sep, value = chunk.partition("=")
        if sep:
            name = name.strip()
            if name and name not in cookies:
                value = value.strip()
                if quoted and len(value) > 1 and value[0] == '"' and value[-1] == '"':
                    value = _unquote(value[1:-1])
                cookies[name] = value
    return cookies


def _unquote(value: str) -> str:
    """Undo the backslash escapes of a quoted cookie value (``\\"``, ``\\\\``, ``\\012``)."""
    if "\\" not in value:
        return value
    out: list[str] = []
    i, n = 0, len(value)
    while i < n:
        j = value.find("\\", i)
        if j == -1 or j == n - 1:
            out.append(value[i:])
            break
        out.append(value[i:j])
        octal = value[j + 1 : j + 4]
        if len(octal) == 3 and all(c in "01234567" for c in octal) and octal[0] in "0123":
            out.append(chr(int(octal, 8)))
            i = j + 4
        else:
            out.append(value[j + 1])
            i = j + 2
    return "".join(out)
