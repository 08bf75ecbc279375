"""The fast lookup agrees with a naive reference matcher over random route tables and paths.

The reference scans every route in priority order (static paths first, then registration
order) with a whole-path regex written here, independently of the router's own parser.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from asgi_router import MethodNotAllowedError, NotFoundError, Router, RouterError

STATIC = ["a", "b", "a", "b", ""]
PARAM_KINDS = {
    "str": ("[^/]+", None),
    "int": ("[0-9]+", int),
    "re1": ("[ab]+", None),  # a regex that stays in one segment
    "re2": (".*", None),  # a regex that spans segments
    "path": ("(?s:.*)", None),
}


VALUES = {
    "str": ["a", "b", "12", "x1", ""],
    "int": ["1", "12", "a", ""],
    "re1": ["ab", "b", "c"],
    "re2": ["a/b", "", "ab", "1", "a//"],
    "path": ["a/b", "", "ab", "1/"],
}


@st.composite
def templates(draw: st.DrawFn) -> tuple[str, str, dict[str, Any], list[tuple[str, str]]]:
    """A template, its reference regex, its converters and its shape (to build paths)."""
    parts, regex, converters, shape = [], [], {}, []
    count = draw(st.integers(1, 3))
    for i in range(count):
        choice = draw(
            st.sampled_from(["static"] * 3 + ["str"] * 2 + ["int", "re1", "re2", "mixed"])
        )
        if i == count - 1 and draw(st.booleans()) and choice != "static":
            choice = "path"
        name = f"p{i}"
        if choice == "static":
            seg = draw(st.sampled_from(STATIC))
            parts.append(seg)
            regex.append(re.escape(seg))
            shape.append(("static", seg))
            continue
        kind = "int" if choice == "mixed" else choice
        value_re, convert = PARAM_KINDS[kind]
        spec = {"str": "", "int": ":int", "re1": ":[ab]+", "re2": ":.*", "path": ":path"}[kind]
        if choice == "mixed":
            parts.append(f"x{{{name}{spec}}}")
            regex.append(f"x(?P<{name}>{value_re})")
        else:
            parts.append(f"{{{name}{spec}}}")
            regex.append(f"(?P<{name}>{value_re})")
        converters[name] = convert
        shape.append((choice, kind))
    return "/" + "/".join(parts), "/" + "/".join(regex), converters, shape


@st.composite
def instances(draw: st.DrawFn, shape: list[tuple[str, str]]) -> str:
    """A path close to a template: each param gets a value that may or may not fit."""
    segs = []
    for choice, arg in shape:
        if choice == "static":
            segs.append(arg)
        else:
            value = draw(st.sampled_from(VALUES[arg]))
            segs.append("x" + value if choice == "mixed" else value)
    path = "/" + "/".join(segs)
    return path + draw(st.sampled_from(["", "", "/", "/a"]))


methods_strategy = st.sampled_from([None, ("GET",), ("POST",), ("GET", "PUT"), ("PROPFIND",)])
hosts_strategy = st.sampled_from([None, None, "h.com"])
routes_strategy = st.lists(
    st.tuples(templates(), methods_strategy, hosts_strategy), min_size=2, max_size=10
)
# a few templates shared by many routes: one path then has entries with different methods and
# hosts, which the fast paths must order exactly as the slow path does
shared_routes_strategy = st.lists(templates(), min_size=1, max_size=3).flatmap(
    lambda pool: st.lists(
        st.tuples(st.sampled_from(pool), methods_strategy, hosts_strategy),
        min_size=2,
        max_size=10,
    )
)
paths_strategy = st.lists(
    st.sampled_from(["a", "b", "ab", "", "1", "12", "x1", "ba", "c"]), max_size=6
).map(lambda segs: "/" + "/".join(segs))


def reference(
    table: list[tuple[int, str, str, dict[str, Any], Any, Any]],
    path: str,
    method: str,
    host: str | None,
    trim: bool,
) -> tuple[str, Any]:
    method = method.upper()
    if host is not None:
        host = host.lower().partition(":")[0]
    if trim:
        path = path.rstrip("/")
    ordered = [r for r in table if "{" not in r[1]] + [r for r in table if "{" in r[1]]
    allowed: set[str] = set()
    matched = False
    for index, template, regex, converters, methods, route_host in ordered:
        if route_host is not None and host != route_host:
            continue
        found = re.fullmatch(regex.rstrip("/") if trim else regex, path)
        if found is None:
            continue
        matched = True
        if methods is not None and method not in methods:
            allowed.update(methods)
            continue
        params = {}
        for name, value in found.groupdict().items():
            convert = converters[name]
            params[name] = value if convert is None else convert(value)
        return "match", (index, params)
    if matched:
        return "405", frozenset(allowed)
    return "404", None


@settings(max_examples=500, deadline=None)
@given(routes=routes_strategy, trim=st.booleans(), data=st.data())
def test_lookup_agrees_with_naive_reference(
    routes: list[Any], trim: bool, data: st.DataObject
) -> None:
    check_against_reference(routes, trim, data)


@settings(max_examples=300, deadline=None)
@given(routes=shared_routes_strategy, trim=st.booleans(), data=st.data())
def test_lookup_of_paths_shared_by_routes_agrees_with_naive_reference(
    routes: list[Any], trim: bool, data: st.DataObject
) -> None:
    check_against_reference(routes, trim, data)


def check_against_reference(routes: list[Any], trim: bool, data: st.DataObject) -> None:
    shaped = st.sampled_from([shape for (_, _, _, shape), _, _ in routes]).flatmap(instances)
    lookups = data.draw(
        st.lists(
            st.tuples(
                st.one_of(paths_strategy, shaped, shaped),
                # upper-case as servers send them (the fast paths), and the rest (the slow path)
                st.sampled_from(["GET", "POST", "PUT", "get", "Post", "PROPFIND"]),
                st.sampled_from([None, "h.com", "H.com:8000", "other.com"]),
            ),
            min_size=1,
            max_size=10,
        )
    )
    router = Router(trim_last_slash=trim)
    table = []
    for index, ((template, regex, converters, _), methods, host) in enumerate(routes):
        try:
            router.route(template, methods=methods, host=host)(index)
        except RouterError:
            continue  # an identical route: the router refuses it, the reference skips it
        table.append((index, template, regex, converters, methods, host))
    # The static table App reads without the router gives what a lookup gives.
    for path, targets in router.static_targets.items():
        for method, target in targets.items():
            match = router(path, method)
            assert (match.target, match.params) == (target, {}), (path, method, table)
    for path, method, host in lookups:
        expected = reference(table, path, method, host, trim)
        try:
            match = router(path, method, host)
        except MethodNotAllowedError as exc:
            got: tuple[str, Any] = ("405", exc.allowed)
        except NotFoundError:
            got = ("404", None)
        else:
            got = ("match", (match.target, match.params))
            assert list(match.params) == list(expected[1][1]) if expected[0] == "match" else True
        assert got == expected, (path, method, host, table)
