"""What the router stores (:class:`Route`) and what a lookup returns (:class:`RouteMatch`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["Route", "RouteMatch", "TRoutePath"]

#: A path as given to ``route()``: a template string or a compiled regex with named groups.
TRoutePath = str | re.Pattern[str]


class Route:
    """One registration: a target, its paths, methods, hosts, name and the other options."""

    __slots__ = ("hosts", "methods", "name", "opts", "paths", "prefix", "target")

    def __init__(
        self,
        target: Any,
        paths: tuple[TRoutePath, ...],
        methods: frozenset[str] | None,
        hosts: frozenset[str] | None,
        opts: Mapping[str, Any],
        *,
        prefix: bool = False,
    ) -> None:
        self.target = target
        self.paths = paths
        #: upper-case methods, ``None`` for any method
        self.methods = methods
        #: lower-case host names without port, ``None`` for any host
        self.hosts = hosts
        self.name: str | None = opts.get("name")
        #: every keyword option given at registration (``name``, ``host``...), as given
        self.opts = dict(opts)
        #: a mount: matches its paths and everything below them
        self.prefix = prefix

    def __repr__(self) -> str:
        paths = ", ".join(p if isinstance(p, str) else f"re({p.pattern!r})" for p in self.paths)
        methods = ",".join(sorted(self.methods)) if self.methods else "*"
        kind = "Mount" if self.prefix else "Route"
        return f"<{kind} {paths} [{methods}] -> {self.target!r}>"


class RouteMatch:
    """A successful lookup: the stored target, the path params and the route that matched."""

    __slots__ = ("params", "path_prefix", "route", "target")

    def __init__(
        self, target: Any, params: dict[str, Any], route: Route, path_prefix: str = ""
    ) -> None:
        self.target = target
        #: params in path order; typed converters give Python values, the rest stay strings
        self.params = params
        self.route = route
        #: the part of the path consumed by mounts ('' when no mount was crossed)
        self.path_prefix = path_prefix

    def __repr__(self) -> str:
        return f"<RouteMatch {self.route!r} params={self.params!r} prefix={self.path_prefix!r}>"
