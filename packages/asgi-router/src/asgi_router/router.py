"""The router: a dict for static paths, a tree of dicts walked by segment for dynamic ones.

Priority is "static first, then registration order". Every registered path gets an increasing
index; each tree node knows the smallest index below it, so the walk skips any subtree that
cannot hold a better match than the one already found. Only routes whose params may contain
``/`` (a ``re.Pattern`` or a ``{name:regex}`` spanning segments) are checked in a list.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, Final, TypeVar

from .errors import MethodNotAllowedError, NotFoundError, RouterError
from .paths import INT_MAX_DIGITS, Param, Template, parse_template
from .routes import Route, RouteMatch, TRoutePath
from .tree import (
    ANY_EDGE,
    ANY_MODE,
    INT_EDGE,
    INT_MODE,
    MIXED_MODE,
    PARAM_STEP,
    STATIC_MODE,
    TAIL_STEP,
    Edge,
    Entry,
    Found,
    Node,
    segment_key,
    segment_step,
)
from .urls import build_url

__all__ = ["Router"]

T = TypeVar("T")

_ANY: Final = "*"  # marks "any method" while collecting the methods allowed on a path
_METHOD_RE: Final = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+")  # an RFC 9110 token
_NO_INDEX: Final = sys.maxsize
# the hot paths fill a RouteMatch's four slots themselves: a Python __init__ frame costs more
# than the whole static lookup (tests/test_fast_paths.py checks every slot is set)
_new_match: Final = object.__new__
# the methods an any-method static route answers from the fast table; any other method (or a
# method not yet upper-case) takes the slow path, which gives the same answer
_COMMON_METHODS: Final = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")


class Router:
    """Map paths (and methods, hosts) to any targets; ``router(path, method)`` finds one.

    >>> router = Router()
    >>> @router.route('/users/{id:int}', methods='GET', name='user')
    ... def user(): ...
    >>> router('/users/42').params
    {'id': 42}
    >>> router.url_for('user', id=7)
    '/users/7'
    """

    RouterError = RouterError
    NotFoundError = NotFoundError
    MethodNotAllowedError = MethodNotAllowedError

    def __init__(
        self,
        *,
        trim_last_slash: bool = False,
        validator: Callable[[Any], bool] | None = None,
        converter: Callable[[Any], Any] | None = None,
    ) -> None:
        self.trim_last_slash = trim_last_slash
        self.validator = validator
        self.converter = converter
        #: the registered routes, in registration order
        self.routes: list[Route] = []
        self._static: dict[str, list[Entry]] = {}
        self._root = Node(0)
        self._regex: list[Entry] = []
        self._names: dict[str, tuple[Route, list[Template | None]]] = {}
        self._mounted: list[tuple[Route, Template]] = []  # mounted Routers, for url_for
        self._signatures: dict[tuple[Any, ...], list[Route]] = {}
        self._count = 0
        self._has_hosts = False
        self._has_dynamic = False
        # static path -> {upper-case method: entry} when no entry of the path has hosts (the
        # answer then depends on the method only); an empty dict sends the lookup the slow way
        self._fast: dict[str, dict[str, Entry]] = {}
        #: The same table with targets: ``static_targets[path][METHOD]`` is what
        #: ``router(path, METHOD).target`` finds on that static path (its params are empty),
        #: for a caller that only needs the target (App's hot path skips the RouteMatch). A
        #: path or method missing here is no answer: ask ``router(path, method)``. Read-only.
        self.static_targets: dict[str, dict[str, Any]] = {}
        # the index of the first list (regex) entry: a tree match below it needs no list scan
        self._regex_first = _NO_INDEX

    def __repr__(self) -> str:
        return f"<Router {len(self.routes)} routes>"

    # --- registration -----------------------------------------------------------------------

    def route(
        self, *paths: TRoutePath, methods: str | Iterable[str] | None = None, **opts: Any
    ) -> Callable[[T], T]:
        """Register the decorated target (or ``router.route(path)(target)``) on ``paths``.

        A target with a ``__route__`` attribute registers itself: ``route()`` calls
        ``target.__route__(router, *paths, methods=methods, **opts)`` instead.
        The decorator returns the target it got; ``converter(target)`` is what lookups return.
        """

        def decorator(target: T) -> T:
            hook = getattr(target, "__route__", None)
            if hook is not None:
                hook(self, *paths, methods=methods, **opts)
                return target
            stored: Any = target
            if self.validator is not None:
                try:
                    valid = self.validator(target)
                except Exception as exc:
                    raise RouterError(
                        f"invalid target {target!r} for route {_describe(paths)}: {exc}"
                    ) from exc
                if not valid:
                    raise RouterError(f"invalid target {target!r} for route {_describe(paths)}")
            if self.converter is not None:
                stored = self.converter(target)
            self.bind(stored, *paths, methods=methods, **opts)
            return target

        return decorator

    def bind(
        self,
        target: Any,
        *paths: TRoutePath,
        methods: str | Iterable[str] | None = None,
        **opts: Any,
    ) -> Route:
        """Register ``target`` as it is (no ``__route__``, validator or converter)."""
        return self._add(target, paths, methods, opts, prefix=False)

    def mount(
        self,
        prefix: str,
        target: Any,
        *,
        methods: str | Iterable[str] | None = None,
        **opts: Any,
    ) -> Route:
        """Route ``prefix`` and everything under it to ``target``.

        A mounted :class:`Router` is searched with the rest of the path (``'/'`` for the
        prefix itself); any other target is returned with ``match.path_prefix`` set.
        """
        return self._add(target, (prefix,), methods, opts, prefix=True)

    def __route__(
        self,
        router: Router,
        *paths: TRoutePath,
        methods: str | Iterable[str] | None = None,
        **opts: Any,
    ) -> Router:
        """``parent.route('/api')(child)`` mounts this router under ``/api``."""
        for path in paths:
            if not isinstance(path, str):
                raise RouterError(f"a router is mounted on a string prefix, not {path!r}")
            router.mount(path, self, methods=methods, **opts)
        return self

    def _add(
        self,
        target: Any,
        paths: tuple[TRoutePath, ...],
        methods: str | Iterable[str] | None,
        opts: dict[str, Any],
        *,
        prefix: bool,
    ) -> Route:
        where = _describe(paths)
        if not paths:
            raise RouterError("a route needs at least one path")
        name = opts.get("name")
        if name is not None and not isinstance(name, str):
            raise RouterError(f"route {where}: name must be a string, not {name!r}")
        route = Route(
            target,
            paths,
            _normalize_methods(methods, where),
            _normalize_hosts(opts.get("host"), opts.get("hosts"), where),
            opts,
            prefix=prefix,
        )
        sub = target if prefix and isinstance(target, Router) else None
        # parse and check every path before storing anything, so a bad route leaves no trace
        parsed: list[tuple[TRoutePath, Template | None, tuple[Any, ...]]] = []
        for path in paths:
            template = self._parse(path, prefix=prefix)
            signature = self._signature(path, template, prefix=prefix)
            self._check_conflict(signature, route, path)
            if any(signature == seen for _, _, seen in parsed):
                raise RouterError(f"route {where}: path {path!r} is given twice")
            parsed.append((path, template, signature))

        for path, template, signature in parsed:
            entry = Entry(self._count, route, sub)
            self._count += 1
            self._signatures.setdefault(signature, []).append(route)
            if template is None:  # a compiled regex
                assert isinstance(path, re.Pattern)
                entry.pattern = path
                self._add_regex(entry)
            elif prefix:
                self._insert(template, entry, mount=True)
                if sub is not None:
                    self._mounted.append((route, template))
            elif template.kind == "static":
                entries = self._static.setdefault(template.source, [])
                entries.append(entry)
                table = self._fast[template.source] = _method_table(entries)
                self.static_targets[template.source] = {
                    method: found.target for method, found in table.items()
                }
            elif template.kind == "regex":
                entry.pattern = template.pattern
                entry.steps = tuple((PARAM_STEP, 0, p.name, p.convert) for p in template.params)
                self._add_regex(entry)
            else:
                self._insert(template, entry, mount=False)
        if route.hosts is not None:
            self._has_hosts = True
        if name is not None and name not in self._names:
            self._names[name] = (route, [t for _, t, _ in parsed])
        self.routes.append(route)
        return route

    def _add_regex(self, entry: Entry) -> None:
        if not self._regex:
            self._regex_first = entry.index
        self._regex.append(entry)

    def _parse(self, path: TRoutePath, *, prefix: bool) -> Template | None:
        if isinstance(path, re.Pattern):
            if prefix:
                raise RouterError(f"mount prefix must be a string, not {path!r}")
            if not isinstance(path.pattern, str):
                raise RouterError(f"invalid route {path!r}: a bytes pattern cannot match a path")
            return None
        if not isinstance(path, str):
            raise RouterError(f"invalid route {path!r}: a path is a str or a re.Pattern")
        if prefix or self.trim_last_slash:
            path = path.rstrip("/")
        template = parse_template(path)
        if prefix and template.kind not in {"static", "tree"}:
            raise RouterError(f"invalid mount prefix {path!r}: its params must be one segment")
        return template

    @staticmethod
    def _signature(path: TRoutePath, template: Template | None, *, prefix: bool) -> tuple[Any, ...]:
        """What makes two paths match exactly the same requests (param names aside)."""
        if template is None:
            assert isinstance(path, re.Pattern)
            return ("pattern", path.pattern, path.flags)
        if template.kind == "regex":
            return ("regex", _anonymous_pattern(template))
        keys = tuple(segment_key(segment)[0] for segment in template.segments)
        return ("mount" if prefix else template.kind, keys)

    def _check_conflict(self, signature: tuple[Any, ...], route: Route, path: TRoutePath) -> None:
        for other in self._signatures.get(signature, ()):
            same_hosts = (
                other.hosts is None
                if route.hosts is None
                else other.hosts is not None and not route.hosts.isdisjoint(other.hosts)
            )
            if same_hosts and _overlap(other.methods, route.methods):
                if route.methods is None or other.methods is None:
                    common = route.methods or other.methods
                else:
                    common = route.methods & other.methods
                methods = ", ".join(sorted(common)) if common else "any method"
                raise RouterError(
                    f"route {path!r} conflicts with the identical route {other!r} ({methods})"
                )

    def _insert(self, template: Template, entry: Entry, *, mount: bool) -> None:
        node = self._root
        steps: list[tuple[int, int, Any, Any]] = []
        segments = template.segments
        last = len(segments) - 1
        for i, segment in enumerate(segments):
            if i == last and template.kind == "tail":
                param = segment[0]
                assert isinstance(param, Param)
                steps.append((TAIL_STEP, i, param.name, None))
                node.tails.append(entry)
                node.refresh()
                break
            key, edge_kind, regex = segment_key(segment)
            if edge_kind is None:
                child = node.static.get(key)
                if child is None:
                    child = node.static[key] = Node(entry.index)
                    node.refresh()
            else:
                edge = node.edge_keys.get(key)
                if edge is None:
                    edge = Edge(edge_kind, regex, Node(entry.index))
                    node.edge_keys[key] = edge
                    node.edges.append(edge)
                    node.refresh()
                child = edge.child
                steps.append(segment_step(i, segment, edge_kind, regex))
            node = child
        else:
            if mount:
                node.mounts.append(entry)
                node.refresh()
            else:
                node.leaves.append(entry)
        entry.steps = tuple(steps)
        entry.simple = all(step[0] == PARAM_STEP for step in steps)
        if entry.simple:
            entry.fast_steps = tuple((i, name, convert) for _, i, name, convert in steps)
        self._has_dynamic = True

    # --- lookup -----------------------------------------------------------------------------

    def __call__(self, path: str, method: str = "GET", host: str | None = None) -> RouteMatch:
        """Find the route for ``path``; raise :class:`NotFoundError` or
        :class:`MethodNotAllowedError` (with ``.allowed``)."""
        # Two fast paths answer the common requests; whenever they are not sure of the answer
        # (a lower-case method, hosts, tails, mounts, a choice between two children, a list
        # route that could come first, no match at all) they leave it to _resolve.
        table = self._fast.get(path)
        if table is not None:
            # a static path: one dict lookup by the method as servers send it
            entry = table.get(method)
            if entry is not None:
                # RouteMatch(entry.target, {}, entry.route) without the cost of an __init__ frame
                match = _new_match(RouteMatch)
                match.target = entry.target
                match.params = {}
                match.route = entry.route
                match.path_prefix = ""
                return match
        elif self._has_dynamic and not (self.trim_last_slash and path[-1:] == "/"):
            if host is not None:
                host = _normalize_host(host)
            # the walk of _walk for a tree where each segment leads to one child: no stack
            segs = path.split("/")
            node: Node | None = self._root
            for seg in segs:
                # a dead end sets node to None: with one way forward at each node, no route of
                # the tree matches; any other break leaves node set and hands over to _walk
                mode = node.mode  # type: ignore[union-attr]
                if not mode:  # ONE_MODE
                    if seg != node.key:  # type: ignore[union-attr]
                        node = None
                        break
                    node = node.child  # type: ignore[union-attr]
                elif mode == STATIC_MODE:
                    node = node.static.get(seg)  # type: ignore[union-attr]
                    if node is None:
                        break
                elif mode == INT_MODE:
                    # no length check: int() refuses a value longer than INT_MAX_DIGITS below
                    if not (seg.isdigit() and seg.isascii()):
                        node = None
                        break
                    node = node.child  # type: ignore[union-attr]
                elif mode == ANY_MODE:
                    if not seg:
                        node = None
                        break
                    node = node.child  # type: ignore[union-attr]
                elif mode == MIXED_MODE:
                    nxt = node.static.get(seg)  # type: ignore[union-attr]
                    edge = node.edge  # type: ignore[union-attr]
                    assert edge is not None
                    kind = edge.kind
                    if kind == ANY_EDGE:
                        fits = seg != ""
                    elif kind == INT_EDGE:
                        fits = seg.isdigit() and seg.isascii() and len(seg) <= INT_MAX_DIGITS
                    else:
                        fits = edge.regex.fullmatch(seg) is not None  # type: ignore[union-attr]
                    if fits:
                        if nxt is not None:
                            break  # both children fit: _walk picks the one with the lower index
                        nxt = edge.child
                    node = nxt
                    if node is None:
                        break
                else:
                    break
            else:
                for entry in node.ends:  # type: ignore[union-attr]
                    if (entry.methods is None or method in entry.methods) and (
                        entry.hosts is None or host in entry.hosts
                    ):
                        # an any-method entry after one that refused the method: an upper-case
                        # method might have been accepted by the earlier one
                        if entry.index < self._regex_first and (
                            entry.methods is not None
                            or entry is node.leaves[0]  # type: ignore[union-attr]
                            or method == method.upper()
                        ):
                            if entry.simple:
                                params = {}
                                try:
                                    for i, name, convert in entry.fast_steps:
                                        params[name] = (
                                            segs[i] if convert is None else convert(segs[i])
                                        )
                                except ValueError:  # an int too long for int(): not this route
                                    break
                            else:
                                params = entry.params(segs)
                            match = _new_match(RouteMatch)
                            match.target = entry.target
                            match.params = params
                            match.route = entry.route
                            match.path_prefix = ""
                            return match
                        break
            if node is None and not self._regex:
                # not a static path, not in the tree, no list routes: what _resolve would find
                raise NotFoundError(path, method.upper())
            return self._resolve(path, method, host)
        if host is not None:
            host = _normalize_host(host)
        return self._resolve(path, method, host)

    def _resolve(self, path: str, method: str, host: str | None) -> RouteMatch:
        """The lookup for every case; ``host`` is already normalized."""
        method = method.upper()
        match = self._lookup(path, method, host)
        if match is not None:
            return match
        allowed = self._path_methods(path, host)
        if allowed is None:
            raise NotFoundError(path, method)
        allowed.discard(_ANY)
        raise MethodNotAllowedError(path, method, frozenset(allowed))

    def _lookup(self, path: str, method: str, host: str | None) -> RouteMatch | None:
        if self.trim_last_slash:
            path = path.rstrip("/")
        entries = self._static.get(path)
        if entries is not None:
            for entry in entries:
                if (entry.methods is None or method in entry.methods) and (
                    entry.hosts is None or host in entry.hosts
                ):
                    return RouteMatch(entry.target, {}, entry.route)
        found: Found | None = None
        bound = self._count
        if self._has_dynamic:
            segs = path.split("/")
            found = self._walk(segs, method, host)
            if found is not None:
                bound = found[0]
        for entry in self._regex if self._regex else ():
            if entry.index >= bound:
                break
            if not (
                (entry.methods is None or method in entry.methods)
                and (entry.hosts is None or host in entry.hosts)
            ):
                continue
            assert entry.pattern is not None
            matched = entry.pattern.fullmatch(path)
            if matched is not None:
                if entry.steps:
                    params = {
                        name: matched[name] if convert is None else convert(matched[name])
                        for _, _, name, convert in entry.steps
                    }
                else:
                    params = matched.groupdict()
                return RouteMatch(entry.target, params, entry.route)
        if found is None:
            return None
        _, entry, segs, depth, submatch = found
        if entry.simple:
            params = {}
            for _, i, name, convert in entry.steps:
                params[name] = segs[i] if convert is None else convert(segs[i])
        else:
            params = entry.params(segs)
        if submatch is not None:
            if params:
                params.update(submatch.params)
            else:
                params = submatch.params
            prefix = "/".join(segs[:depth]) + submatch.path_prefix
            return RouteMatch(submatch.target, params, submatch.route, prefix)
        if entry.route.prefix:
            return RouteMatch(entry.target, params, entry.route, "/".join(segs[:depth]))
        return RouteMatch(entry.target, params, entry.route)

    def _walk(self, segs: list[str], method: str, host: str | None) -> Found | None:
        """The matching tree entry with the lowest index, or None.

        The loop follows one child at a time and keeps the other matching children on a
        stack; a node whose smallest index is not below the best match so far is skipped.
        """
        size = len(segs)
        best: Found | None = None
        bound = self._count
        node = self._root
        depth = 0
        stack: list[tuple[Node, int]] = []
        while True:
            if node.extra:  # tails or mounts: the rarer kinds of entries
                found = self._extra(node, segs, depth, size, method, host, bound)
                if found is not None:
                    best = found
                    bound = found[0]
            nxt: Node | None = None
            if depth == size:
                for entry in node.leaves:
                    if entry.index >= bound:
                        break
                    if (entry.methods is None or method in entry.methods) and (
                        entry.hosts is None or host in entry.hosts
                    ):
                        best = (entry.index, entry, segs, depth, None)
                        bound = entry.index
                        break
            else:
                seg = segs[depth]
                nxt = node.static.get(seg)
                if nxt is not None and nxt.min_index >= bound:
                    nxt = None
                for edge in node.edges:
                    child = edge.child
                    if child.min_index >= bound:
                        break
                    kind = edge.kind
                    if kind == ANY_EDGE:
                        if not seg:
                            continue
                    elif kind == INT_EDGE:
                        if not (seg.isdigit() and seg.isascii() and len(seg) <= INT_MAX_DIGITS):
                            continue
                    elif edge.regex.fullmatch(seg) is None:  # type: ignore[union-attr]
                        continue
                    if nxt is None:
                        nxt = child
                    else:
                        stack.append((child, depth + 1))
            if nxt is not None:
                node = nxt
                depth += 1
                continue
            while stack:
                node, depth = stack.pop()
                if node.min_index < bound:
                    break
            else:
                return best

    def _extra(  # noqa: PLR0917 - called from the hot loop: positional arguments are cheapest
        self,
        node: Node,
        segs: list[str],
        depth: int,
        size: int,
        method: str,
        host: str | None,
        bound: int,
    ) -> Found | None:
        """The best tail or mount entry of ``node`` below ``bound``."""
        best: Found | None = None
        if depth < size:
            for entry in node.tails:
                if entry.index >= bound:
                    break
                if (entry.methods is None or method in entry.methods) and (
                    entry.hosts is None or host in entry.hosts
                ):
                    best = (entry.index, entry, segs, depth, None)
                    bound = entry.index
                    break
        for entry in node.mounts:
            if entry.index >= bound:
                break
            if (entry.methods is None or method in entry.methods) and (
                entry.hosts is None or host in entry.hosts
            ):
                if entry.sub is None:
                    return (entry.index, entry, segs, depth, None)
                rest = "/" + "/".join(segs[depth:]) if depth < size else "/"
                submatch = entry.sub._lookup(rest, method, host)
                if submatch is not None:
                    return (entry.index, entry, segs, depth, submatch)
        return best

    def _path_methods(self, path: str, host: str | None) -> set[str] | None:
        """The methods of every route matching ``path`` (``_ANY`` for any), None if none does."""
        if self.trim_last_slash:
            path = path.rstrip("/")
        methods: set[str] = set()
        matched = False

        def add(entry: Entry, allowed: Iterable[str] | None = None) -> None:
            nonlocal matched
            if entry.hosts is None or host in entry.hosts:
                matched = True
                if entry.methods is None:
                    methods.update(allowed if allowed is not None else (_ANY,))
                elif allowed is None or _ANY in allowed:
                    methods.update(entry.methods)
                else:
                    methods.update(entry.methods.intersection(allowed))

        for entry in self._static.get(path, ()):
            add(entry)
        segs = path.split("/")
        size = len(segs)
        todo = [(self._root, 0)] if self._has_dynamic else []
        while todo:
            node, depth = todo.pop()
            for entry in node.mounts:
                if entry.sub is None:
                    add(entry)
                    continue
                rest = "/" + "/".join(segs[depth:]) if depth < size else "/"
                found = entry.sub._path_methods(rest, host)
                if found is not None:
                    add(entry, found)
            if depth == size:
                for entry in node.leaves:
                    add(entry)
                continue
            for entry in node.tails:
                add(entry)
            seg = segs[depth]
            child = node.static.get(seg)
            if child is not None:
                todo.append((child, depth + 1))
            for edge in node.edges:
                if edge.kind == ANY_EDGE:
                    if not seg:
                        continue
                elif edge.kind == INT_EDGE:
                    if not (seg.isdigit() and seg.isascii() and len(seg) <= INT_MAX_DIGITS):
                        continue
                elif edge.regex.fullmatch(seg) is None:  # type: ignore[union-attr]
                    continue
                todo.append((edge.child, depth + 1))
        for entry in self._regex:
            assert entry.pattern is not None
            if entry.pattern.fullmatch(path) is not None:
                add(entry)
        return methods if matched else None

    # --- reverse URLs -----------------------------------------------------------------------

    def url_for(self, name: str, /, **params: Any) -> str:
        """Build the path of the route registered with ``name``; params are checked against
        their converters and percent-escaped. Names in mounted routers get the mount prefix.
        ``name`` is positional-only, so that a route may have a param called ``name``."""
        found = self._names.get(name)
        if found is not None:
            route, templates = found
            return build_url(name, route, templates, params)
        for route, template in self._mounted:
            sub = route.target
            assert isinstance(sub, Router)
            if not sub._knows(name):
                continue
            own = {p.name: params.pop(p.name) for p in template.params if p.name in params}
            prefix = build_url(name, route, [template], own)
            return prefix + sub.url_for(name, **params)
        raise RouterError(f"url_for: no route is named {name!r}")

    def _knows(self, name: str) -> bool:
        return name in self._names or any(route.target._knows(name) for route, _ in self._mounted)


# --- helpers -----------------------------------------------------------------------------------


def _method_table(entries: list[Entry]) -> dict[str, Entry]:
    """The entry each upper-case method finds on a static path, as ``_lookup`` picks it
    (the first in registration order); empty when hosts decide, so lookups go the slow way."""
    table: dict[str, Entry] = {}
    if any(entry.hosts is not None for entry in entries):
        return table
    for entry in entries:
        if entry.methods is None:
            for method in _COMMON_METHODS:
                table.setdefault(method, entry)
            break  # it accepts every method: no later entry is ever found
        for method in entry.methods:
            table.setdefault(method, entry)
    return table


def _describe(paths: tuple[Any, ...]) -> str:
    return ", ".join(repr(p) for p in paths) or "(no path)"


def _overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or not a.isdisjoint(b)


def _normalize_methods(methods: str | Iterable[str] | None, where: str) -> frozenset[str] | None:
    if methods is None:
        return None
    items = [methods] if isinstance(methods, str) else list(methods)
    if not items:
        raise RouterError(f"route {where}: methods is empty (use None for any method)")
    for item in items:
        if not isinstance(item, str) or not _METHOD_RE.fullmatch(item):
            raise RouterError(f"route {where}: invalid method {item!r}")
    return frozenset(item.upper() for item in items)


def _normalize_hosts(host: Any, hosts: Any, where: str) -> frozenset[str] | None:
    values: list[Any] = []
    for value in (host, hosts):
        if value is None:
            continue
        values.extend([value] if isinstance(value, str) else value)
    if not values and host is None and hosts is None:
        return None
    result = set()
    for value in values:
        if not isinstance(value, str) or not value:
            raise RouterError(f"route {where}: invalid host {value!r}")
        result.add(_normalize_host(value))
    if not result:
        raise RouterError(f"route {where}: hosts is empty (use None for any host)")
    return frozenset(result)


def _normalize_host(host: str) -> str:
    """Lower-case, without the port: how both route hosts and request hosts are compared."""
    host = host.lower()
    if host.startswith("["):  # an IPv6 literal, "[::1]:8000"
        return host[1:].partition("]")[0]
    if host.count(":") > 1:  # a bare IPv6 literal ("::1"): it has no port to drop
        return host
    return host.partition(":")[0]


def _anonymous_pattern(template: Template) -> str:
    """The whole-path regex with params numbered instead of named, to compare two routes."""
    parts: list[str] = []
    for segment in template.segments:
        for token in segment:
            if isinstance(token, Param):
                parts.append(f"({token.regex})")
            else:
                parts.append(re.escape(token))
        parts.append("/")
    return "".join(parts[:-1])
