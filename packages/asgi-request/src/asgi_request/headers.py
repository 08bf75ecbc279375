"""Header parsing: the raw ASGI header list, and header values with parameters.

``parse_options_header`` reads ``Content-Type`` and ``Content-Disposition`` values in time linear
in their length (no backtracking regular expression), with quoted strings and RFC 2231 / RFC 5987
extended parameters (``filename*=UTF-8''na%C3%AFve.txt``, ``title*0*=...``).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote_to_bytes

from multidict import CIMultiDict

__all__ = ["find_header", "parse_headers", "parse_options_header"]

# RFC 2231 continuations beyond this index are ignored: a real value never needs that many.
_MAX_CONTINUATIONS = 64


# Decoded header names, shared by every request: names repeat across requests, so each is decoded
# once. Bounded in count and length: once full it stops growing, so hostile names cannot fill it.
_NAMES: dict[bytes, str] = {}
_NAMES_MAX = 512
_NAME_MAX_LEN = 64


def parse_headers(raw: Iterable[tuple[bytes | bytearray, bytes | bytearray]]) -> CIMultiDict[str]:
    """Decode ASGI ``[(name, value), ...]`` byte pairs (latin-1) into a ``CIMultiDict``."""
    # add() in a loop is faster than the constructor with a list (multidict 6-7).
    headers: CIMultiDict[str] = CIMultiDict()
    add = headers.add
    names = _NAMES
    pairs = iter(raw)  # read once: the slow loop below goes on where this one stopped
    for name, value in pairs:
        try:
            key = names[name]  # type: ignore[index]  # a subscript: the cheapest lookup
        except (KeyError, TypeError):  # not in the table yet, or unhashable (a bytearray)
            break
        add(key, value.decode("latin-1"))
    else:
        return headers
    add(_decode_name(name), value.decode("latin-1"))
    for name, value in pairs:
        known = names.get(name) if type(name) is bytes else None
        add(known if known is not None else _decode_name(name), value.decode("latin-1"))
    return headers


def _decode_name(name: bytes | bytearray) -> str:
    """Decode a header name the table does not hold; keep it there while the table has room."""
    key = name.decode("latin-1")
    if type(name) is bytes and len(name) <= _NAME_MAX_LEN and len(_NAMES) < _NAMES_MAX:
        _NAMES[name] = key
    return key


def find_header(raw: Iterable[tuple[bytes, bytes]], name: bytes) -> str | None:
    """The first value of header ``name`` (lower-case bytes) in an ASGI header list, or None.

    A scan of the raw list: cheaper than ``parse_headers`` when only one header is needed.
    """
    size = len(name)
    for key, value in raw:
        if len(key) == size and key.lower() == name:
            return value.decode("latin-1")
    return None


def parse_options_header(value: str) -> tuple[str, dict[str, str]]:
    """Split ``'text/html; charset="utf-8"'`` into ``('text/html', {'charset': 'utf-8'})``.

    The main value and the parameter names are lower-cased; the first of repeated parameters wins;
    an extended parameter (``name*``) wins over its plain twin.
    """
    if not value:
        return "", {}
    semi = value.find(";")
    if semi == -1:
        return value.strip().lower(), {}
    main = value[:semi].strip().lower()
    if '"' not in value and "*" not in value:
        # Fast path: no quoting and no extended parameters, a plain split is exact.
        params: dict[str, str] = {}
        for part in value[semi + 1 :].split(";"):
            name, sep, val = part.partition("=")
            name = name.strip().lower()
            if sep and name and name not in params:
                params[name] = val.strip()
        return main, params
    if "\\" not in value and "*" not in value:
        # Quoted values without escapes (a Content-Disposition as browsers send it): a quoted
        # string ends at the next quote and every name is plain, so no token list is needed.
        return main, _scan_plain(value, semi + 1)
    return main, _collect(_scan_params(value, semi + 1))


def _scan_plain(value: str, start: int) -> dict[str, str]:
    """What ``_collect(_scan_params(value, start))`` gives, for a value without ``\\`` or ``*``.

    Linear: each search starts where the previous one stopped or at the next parameter.
    """
    params: dict[str, str] = {}
    find = value.find
    n = len(value)
    i = start
    while i < n:
        end = find(";", i)
        if end == -1:
            end = n
        eq = find("=", i, end)
        if eq == -1:  # a parameter without a value: skip it
            i = end + 1
            continue
        name = value[i:eq].strip().lower()
        k = eq + 1
        first = value[k : k + 1]
        if first == " " or first == "\t":  # noqa: PLR1714 - two compares beat a set here
            while k < n and value[k] in " \t":
                k += 1
            first = value[k : k + 1]
        if first == '"':
            close = find('"', k + 1)
            if close == -1:  # unterminated quoted string: keep what there is
                val = value[k + 1 :]
                i = n
            else:
                # A semicolon inside the quotes belongs to the value: resume after the quote.
                val = value[k + 1 : close]
                end = find(";", close + 1)
                i = n if end == -1 else end + 1
        else:
            val = value[k:end].strip()
            i = end + 1
        if name and name not in params:  # the first of repeated parameters wins
            params[name] = val
    return params


def _scan_params(value: str, start: int) -> list[tuple[str, str]]:
    """Tokenize ``; name=value; name="quoted"`` pairs; each character is looked at O(1) times."""
    pairs: list[tuple[str, str]] = []
    n = len(value)
    i = start
    # Positions of the next quote and backslash, recomputed only once passed: keeps it linear.
    next_quote = next_slash = -2
    while i < n:
        semi = value.find(";", i)
        end = n if semi == -1 else semi
        eq = value.find("=", i, end)
        if eq == -1:  # a parameter without a value: skip it
            i = end + 1
            continue
        name = value[i:eq].strip().lower()
        k = eq + 1
        while k < n and value[k] in " \t":
            k += 1
        if k < n and value[k] == '"':
            k += 1
            out: list[str] = []
            closed = False
            while k < n:
                if next_quote < k and next_quote != -1:
                    next_quote = value.find('"', k)
                if next_slash < k and next_slash != -1:
                    next_slash = value.find("\\", k)
                if next_quote == -1:
                    break
                if next_slash != -1 and next_slash < next_quote:
                    out.append(value[k:next_slash])
                    following = value[next_slash + 1 : next_slash + 2]
                    # Only \" and \\ are escapes: browsers send Windows paths unescaped.
                    if following in ('"', "\\"):
                        out.append(following)
                        k = next_slash + 2
                    else:
                        out.append("\\")
                        k = next_slash + 1
                    continue
                out.append(value[k:next_quote])
                k = next_quote + 1
                closed = True
                break
            if not closed:  # unterminated quoted string: keep what there is
                out.append(value[k:])
                k = n
            val = "".join(out)
            semi = value.find(";", k)
            i = n if semi == -1 else semi + 1
        else:
            val = value[k:end].strip()
            i = end + 1
        if name:
            pairs.append((name, val))
    return pairs


def _collect(pairs: list[tuple[str, str]]) -> dict[str, str]:
    plain: dict[str, str] = {}
    extended: dict[str, str] = {}
    continued: dict[str, dict[int, tuple[str, bool]]] = {}
    for name, val in pairs:
        base, star, rest = name.partition("*")
        if not star:
            plain.setdefault(name, val)
        elif not rest:
            extended.setdefault(base, _decode_extended(val))
        else:
            digits = rest[:-1] if rest.endswith("*") else rest
            if digits.isdigit() and len(digits) <= 2 and int(digits) < _MAX_CONTINUATIONS:
                continued.setdefault(base, {}).setdefault(int(digits), (val, rest.endswith("*")))
    for base, pieces in continued.items():
        if base not in extended and 0 in pieces:
            extended[base] = _join_continuations(pieces)
    plain.update(extended)
    return plain


def _decode_extended(value: str) -> str:
    """``charset'language'percent-encoded`` (RFC 5987) to text."""
    charset, sep, rest = value.partition("'")
    if not sep:
        return _decode_bytes(unquote_to_bytes(value), "utf-8")
    _language, _, encoded = rest.partition("'")
    return _decode_bytes(unquote_to_bytes(encoded), charset or "utf-8")


def _join_continuations(pieces: dict[int, tuple[str, bool]]) -> str:
    charset = "utf-8"
    data = bytearray()
    index = 0
    while index in pieces:
        val, encoded = pieces[index]
        if encoded:
            if index == 0:
                charset, sep, rest = val.partition("'")
                if sep:
                    val = rest.partition("'")[2]
                charset = charset or "utf-8"
            data += unquote_to_bytes(val)
        else:
            data += val.encode("utf-8", "surrogateescape")
        index += 1
    return _decode_bytes(bytes(data), charset)


def _decode_bytes(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", "replace")
