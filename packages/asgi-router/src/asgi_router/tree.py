"""The lookup tree of dynamic paths: one node per segment, its edges for params, its entries.

``Router`` inserts entries and walks the tree; what each node summarizes for the fast walk of
``Router.__call__`` (its mode) is computed here, when the node changes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .paths import Param
from .routes import Route, RouteMatch

if TYPE_CHECKING:
    from .router import Router

__all__ = [
    "ANY_EDGE",
    "ANY_MODE",
    "GENERAL_MODE",
    "INT_EDGE",
    "INT_MODE",
    "MIXED_MODE",
    "ONE_MODE",
    "PARAM_STEP",
    "REGEX_EDGE",
    "REGEX_STEP",
    "STATIC_MODE",
    "TAIL_STEP",
    "Edge",
    "Entry",
    "Found",
    "Node",
    "segment_key",
    "segment_step",
]

PARAM_STEP, REGEX_STEP, TAIL_STEP = 0, 1, 2
ANY_EDGE, INT_EDGE, REGEX_EDGE = 0, 1, 2
# a node's mode, for the fast walk: one static child only (a string comparison); static children
# only; one {name:int} edge only; one {name} edge only; at most one edge beside static children;
# anything else (tails, mounts, several edges). The commonest come first in the walk.
ONE_MODE, STATIC_MODE, INT_MODE, ANY_MODE, MIXED_MODE, GENERAL_MODE = 0, 1, 2, 3, 4, 5


class Entry:
    """One path of one route, as stored in the dict, the tree or the list."""

    __slots__ = (
        "fast_steps",
        "hosts",
        "index",
        "methods",
        "pattern",
        "route",
        "simple",
        "steps",
        "sub",
        "target",
    )

    def __init__(self, index: int, route: Route, sub: Router | None = None) -> None:
        self.index = index
        self.route = route
        self.target = route.target
        self.methods = route.methods
        self.hosts = route.hosts
        self.sub = sub  # a mounted Router, searched with the rest of the path
        # how to read params from the split path: (step kind, segment index, a, b)
        self.steps: tuple[tuple[int, int, Any, Any], ...] = ()
        self.pattern: re.Pattern[str] | None = None  # list routes only
        self.simple = True  # every step is a whole-segment param: the lookup reads them inline
        # simple entries: (segment index, name, converter) of each param, for the fast walk
        self.fast_steps: tuple[tuple[int, str, Any], ...] = ()

    def params(self, segs: list[str]) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for kind, i, a, b in self.steps:
            if kind == PARAM_STEP:
                params[a] = segs[i] if b is None else b(segs[i])
            elif kind == REGEX_STEP:
                match = a.fullmatch(segs[i])
                for group, (name, convert) in b:
                    value = match[group]
                    params[name] = value if convert is None else convert(value)
            else:
                params[a] = "/".join(segs[i:])
        return params


# a walk's result: (index, entry, split path, depth of the entry's node, a mounted router's match)
Found = tuple[int, Entry, list[str], int, RouteMatch | None]


class Edge:
    __slots__ = ("child", "kind", "regex")

    def __init__(self, kind: int, regex: re.Pattern[str] | None, child: Node) -> None:
        self.kind = kind
        self.regex = regex
        self.child = child


class Node:
    __slots__ = (
        "child",
        "edge",
        "edge_keys",
        "edges",
        "ends",
        "extra",
        "key",
        "leaves",
        "min_index",
        "mode",
        "mounts",
        "static",
        "tails",
    )

    def __init__(self, min_index: int) -> None:
        # indexes only grow, so the first entry through a node holds its smallest index and
        # edges appended in creation order stay sorted by their child's min_index
        self.min_index = min_index
        self.static: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.edge_keys: dict[str, Edge] = {}
        self.leaves: list[Entry] = []  # routes whose path ends here
        self.tails: list[Entry] = []  # routes ending in {name:path} starting here
        self.mounts: list[Entry] = []  # prefixes ending here
        self.extra = False  # has tails or mounts
        # how the fast walk of Router.__call__ leaves this node (see refresh)
        self.mode = STATIC_MODE
        self.edge: Edge | None = None  # the only edge, if there is one
        self.child: Node | None = None  # its child, or the only static child
        self.key = ""  # the segment of the only static child
        self.ends: list[Entry] | tuple[()] = self.leaves  # the leaves, unless tails or mounts

    def refresh(self) -> None:
        """Recompute the summary of this node after an entry, edge or child was added."""
        self.extra = bool(self.tails or self.mounts)
        self.edge = self.edges[0] if len(self.edges) == 1 else None
        self.child = self.edge.child if self.edge is not None else None
        self.ends = () if self.extra else self.leaves
        if self.extra or len(self.edges) > 1:
            self.mode = GENERAL_MODE  # the fast walk hands over to _walk
        elif self.edge is None:
            if len(self.static) == 1:
                self.mode = ONE_MODE
                [(self.key, self.child)] = self.static.items()
            else:
                self.mode = STATIC_MODE
        elif self.static or self.edge.kind == REGEX_EDGE:
            self.mode = MIXED_MODE  # a static child and/or a regex edge
        elif self.edge.kind == ANY_EDGE:
            self.mode = ANY_MODE
        else:
            self.mode = INT_MODE


def segment_key(segment: list[Any]) -> tuple[str, int | None, re.Pattern[str] | None]:
    """The dict key of a segment, and for a param segment its edge kind and regex."""
    if all(isinstance(t, str) for t in segment):
        return "".join(segment), None, None
    if len(segment) == 1:
        param = segment[0]
        if param.kind == "str":
            return "\0any", ANY_EDGE, None
        if param.kind == "int":
            return "\0int", INT_EDGE, None
    source = "".join(
        f"(?P<_{i}>{t.regex})" if isinstance(t, Param) else re.escape(t)
        for i, t in enumerate(segment)
    )
    return "\0re" + source, REGEX_EDGE, re.compile(source)


def segment_step(
    i: int, segment: list[Any], edge_kind: int, regex: re.Pattern[str] | None
) -> tuple[int, int, Any, Any]:
    if edge_kind != REGEX_EDGE:
        param = segment[0]
        return (PARAM_STEP, i, param.name, param.convert)
    groups = tuple(
        (f"_{j}", (t.name, t.convert)) for j, t in enumerate(segment) if isinstance(t, Param)
    )
    if len(segment) == 1:  # a lone {name:float|uuid|regex}: the whole segment is the value
        return (PARAM_STEP, i, groups[0][1][0], groups[0][1][1])
    return (REGEX_STEP, i, regex, groups)
