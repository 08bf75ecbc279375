"""Path templates: parse ``/users/{id:int}`` once, at registration, into what the router needs."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, Final, Literal
from uuid import UUID

from .errors import RouterError

__all__ = ["CONVERTERS", "INT_MAX_DIGITS", "Param", "Template", "parse_template"]

# int() refuses longer digit strings (CVE-2020-10735 guard); such a value must not match
# rather than crash the lookup, so the limit is part of the int pattern itself.
INT_MAX_DIGITS: Final = sys.get_int_max_str_digits() or sys.maxsize
_INT_RE: Final = f"[0-9]{{1,{INT_MAX_DIGITS}}}" if sys.maxsize > INT_MAX_DIGITS else "[0-9]+"
_HEX: Final = "[0-9a-fA-F]"

#: ``{name:kind}`` converters: the regex of a value and the function that turns it into Python.
CONVERTERS: Final[dict[str, tuple[str, Callable[[str], Any] | None]]] = {
    "str": ("[^/]+", None),
    "int": (_INT_RE, int),
    "float": (r"[0-9]+(?:\.[0-9]+)?", float),
    "uuid": (f"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}", UUID),
    "path": ("(?s:.*)", None),
}
_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

TemplateKind = Literal["static", "tree", "tail", "regex"]


class Param:
    """One ``{name...}`` of a template: its kind, value regex and converter."""

    __slots__ = ("convert", "kind", "name", "regex", "spans")

    def __init__(self, name: str, kind: str, regex: str, convert: Callable[[str], Any] | None):
        self.name = name
        self.kind = kind  # a CONVERTERS key, or "regex" for {name:regex}
        self.regex = regex
        self.convert = convert
        # may the value contain "/"? Then the param cannot live in a one-segment tree edge.
        self.spans = kind == "path" or (kind == "regex" and _may_match_slash(regex))

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.kind!r})"


Token = str | Param


class Template:
    """A parsed string path: its segments (split on ``/``), params and whole-path regex."""

    __slots__ = ("kind", "params", "pattern", "segments", "source")

    def __init__(self, source: str, tokens: list[Token]) -> None:
        self.source = source
        self.params: tuple[Param, ...] = tuple(t for t in tokens if isinstance(t, Param))
        self.segments = _split_segments(tokens)
        self.pattern = re.compile(
            "".join(
                f"(?P<{t.name}>{t.regex})" if isinstance(t, Param) else re.escape(t) for t in tokens
            )
        )
        spanning = [p for p in self.params if p.spans]
        self.kind: TemplateKind
        if not self.params:
            self.kind = "static"
        elif not spanning:
            self.kind = "tree"
        elif (
            len(spanning) == 1 and spanning[0].kind == "path" and self.segments[-1] == [spanning[0]]
        ):
            self.kind = "tail"  # "/files/{rest:path}": the tree hands it the remaining path
        else:
            self.kind = "regex"

    def __repr__(self) -> str:
        return f"Template({self.source!r})"


def _split_segments(tokens: list[Token]) -> list[list[Token]]:
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if isinstance(token, Param):
            segments[-1].append(token)
            continue
        first, *rest = token.split("/")
        if first:
            segments[-1].append(first)
        segments.extend([part] if part else [] for part in rest)
    return segments


def parse_template(path: str) -> Template:
    """Parse a path template; raise :class:`RouterError` naming the path when it is invalid."""
    tokens: list[Token] = []
    names: set[str] = set()
    literal: list[str] = []
    i, size = 0, len(path)
    while i < size:
        char = path[i]
        if char == "}":
            raise RouterError(f"invalid route {path!r}: unbalanced '}}' at position {i}")
        if char != "{":
            literal.append(char)
            i += 1
            continue
        # find the matching "}", counting nested braces of a regex such as {id:[0-9]{3}}
        depth, j = 1, i + 1
        while j < size and depth:
            if path[j] == "\\":
                j += 2
                continue
            if path[j] == "{":
                depth += 1
            elif path[j] == "}":
                depth -= 1
            j += 1
        if depth:
            raise RouterError(f"invalid route {path!r}: unbalanced '{{' at position {i}")
        param = _parse_param(path, path[i + 1 : j - 1])
        if param.name in names:
            raise RouterError(f"invalid route {path!r}: duplicate param name {param.name!r}")
        names.add(param.name)
        if literal:
            tokens.append("".join(literal))
            literal.clear()
        tokens.append(param)
        i = j
    if literal:
        tokens.append("".join(literal))
    return Template(path, tokens)


def _parse_param(path: str, inner: str) -> Param:
    name, colon, spec = inner.partition(":")
    if not _IDENTIFIER.fullmatch(name):
        raise RouterError(f"invalid route {path!r}: bad param name {name!r} in {{{inner}}}")
    if not colon:
        spec = "str"
    if spec in CONVERTERS:
        regex, convert = CONVERTERS[spec]
        return Param(name, spec, regex, convert)
    if _IDENTIFIER.fullmatch(spec):
        known = ", ".join(CONVERTERS)
        raise RouterError(
            f"invalid route {path!r}: unknown converter {spec!r} in {{{inner}}} "
            f"(known: {known}; write a regex such as (?:{spec}) to match the word)"
        )
    try:
        compiled = re.compile(spec)
    except re.error as exc:
        raise RouterError(f"invalid route {path!r}: bad regex in {{{inner}}}: {exc}") from exc
    if compiled.groupindex:
        raise RouterError(
            f"invalid route {path!r}: named groups are not allowed in {{{inner}}}: use (?:...)"
        )
    return Param(name, "regex", spec, None)


# --- may a regex consume "/"? -----------------------------------------------------------------
# Decided on the parsed regex (the stdlib's own parser) so that a one-segment regex such as
# [a-z]+ or \d{4} stays a tree edge; anything not understood is treated as spanning, which is
# always correct (the route is then checked with its whole-path regex), only slower.

_SLASH: Final = ord("/")
_CATEGORIES_WITH_SLASH: Final = frozenset(
    {"CATEGORY_NOT_DIGIT", "CATEGORY_NOT_SPACE", "CATEGORY_NOT_WORD", "CATEGORY_NOT_LINEBREAK"}
)


def _may_match_slash(regex: str) -> bool:
    try:
        from re import _parser  # type: ignore[attr-defined]

        return _items_match_slash(_parser.parse(regex))
    except Exception:  # noqa: BLE001 - an unknown parser shape only costs speed
        return True


def _items_match_slash(items: Any) -> bool:
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            if arg == _SLASH:
                return True
        elif name == "NOT_LITERAL":
            if arg != _SLASH:
                return True
        elif name == "IN":
            if _set_matches_slash(arg):
                return True
        elif name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
            if _items_match_slash(arg[2]):
                return True
        elif name == "SUBPATTERN":
            if _items_match_slash(arg[3]):
                return True
        elif name == "ATOMIC_GROUP":
            if _items_match_slash(arg):
                return True
        elif name == "BRANCH":
            if any(_items_match_slash(branch) for branch in arg[1]):
                return True
        elif name == "CATEGORY":
            if str(arg) in _CATEGORIES_WITH_SLASH:
                return True
        else:
            # ANY, anchors and look-arounds (which could look past the segment), group
            # references: treat as spanning.
            return True
    return False


def _set_matches_slash(items: Any) -> bool:
    negate = bool(items) and str(items[0][0]) == "NEGATE"
    hit = False
    for op, arg in items[1:] if negate else items:
        name = str(op)
        if name == "LITERAL":
            hit = arg == _SLASH
        elif name == "RANGE":
            hit = arg[0] <= _SLASH <= arg[1]
        elif name == "CATEGORY":
            hit = str(arg) in _CATEGORIES_WITH_SLASH
        else:
            return True
        if hit:
            break
    return not hit if negate else hit
