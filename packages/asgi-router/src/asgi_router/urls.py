"""Reverse URLs: a route's path template filled with params, each checked and escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from .errors import RouterError
from .paths import Param, Template

if TYPE_CHECKING:
    from .routes import Route

__all__ = ["build_url"]

STATIC_SAFE: Final = "/:@!$&'()*+,;="  # RFC 3986 pchar delimiters kept as they are


def build_url(
    name: str, route: Route, templates: list[Template | None], params: dict[str, Any]
) -> str:
    """The path of ``route`` (registered as ``name``) from the template whose params are given."""
    given = set(params)
    usable = [t for t in templates if t is not None]
    if not usable:
        raise RouterError(f"url_for({name!r}): the route {route!r} has only regex paths")
    for template in usable:
        if {p.name for p in template.params} == given:
            break
    else:
        template = usable[0]
        wanted = {p.name for p in template.params}
        missing, extra = sorted(wanted - given), sorted(given - wanted)
        raise RouterError(
            f"url_for({name!r}): path {template.source!r} needs params {sorted(wanted)}"
            + (f", missing {missing}" if missing else "")
            + (f", unexpected {extra}" if extra else "")
        )
    parts: list[str] = []
    for segment in template.segments:
        for token in segment:
            if not isinstance(token, Param):
                parts.append(quote(token, safe=STATIC_SAFE))
                continue
            value = params[token.name]
            text = value if isinstance(value, str) else str(value)
            if isinstance(value, bool) or not re.fullmatch(token.regex, text):
                raise RouterError(
                    f"url_for({name!r}): invalid value {value!r} for param {token.name!r} "
                    f"of {template.source!r}"
                )
            parts.append(quote(text, safe="/" if token.spans else ""))
        parts.append("/")
    return "".join(parts[:-1])
