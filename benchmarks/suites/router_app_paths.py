"""Route lookup in an App-sized table (as benchmarks/apps/*: five static routes, five with one
param, then ``/html``, ``/api/users/{user:int}/records/{record:int}`` (PUT) and ``/upload``).

Two rows per router: ``static`` looks up ``/html`` (GET), ``api`` looks up the api route with a
new record id every time (PUT), so that no cache can answer. Compare ``ours-api`` with the
other ``-api`` rows, ``ours-static`` with the ``-static`` rows. Starlette is matched the way its
Router does it: ``route.matches(scope)`` over ``routes`` until a full match.
"""

from __future__ import annotations

IMPLS = {
    "ours-static": "ours",
    "ours-api": "ours",
    "http-router-static": "peers",
    "http-router-api": "peers",
    "starlette-static": "peers",
    "starlette-api": "peers",
}
UNIT = "lookups/s"

API = "/api/users/{user:int}/records/{record:int}"


def _table() -> list[tuple[str, list[str] | None]]:
    table: list[tuple[str, list[str] | None]] = []
    for n in range(5):
        table.append((f"/route-{n}", None))
        table.append((f"/route-dyn-{n}/{{part}}", None))
    table += [("/html", None), (API, ["PUT"]), ("/upload", ["POST"])]
    return table


def run(impl: str) -> float:
    from itertools import count

    from suites._timing import rate

    name, _, scenario = impl.rpartition("-")
    ids = count()
    if scenario == "static":
        method, expected = "GET", {}

        def next_path() -> str:
            return "/html"
    else:
        method, expected = "PUT", {"user": 42, "record": 0}

        def next_path() -> str:
            return f"/api/users/42/records/{next(ids)}"

    def handler() -> None:
        pass

    if name == "ours":
        from asgi_router import Router

        router = Router()
        for path, methods in _table():
            router.route(path, methods=methods)(handler)

        def lookup() -> object:
            return router(next_path(), method).params

    elif name == "http-router":
        from http_router import Router as HTTPRouter

        hrouter = HTTPRouter()
        for path, methods in _table():
            hrouter.route(path, methods=methods)(handler)

        def lookup() -> object:
            return hrouter(next_path(), method).params or {}  # None for a static route

    else:
        from starlette.routing import Match, Route

        routes = [Route(path, handler, methods=methods) for path, methods in _table()]

        def lookup() -> object:
            scope = {"type": "http", "path": next_path(), "root_path": "", "method": method}
            for route in routes:
                match, child = route.matches(scope)
                if match is Match.FULL:
                    return child["path_params"]
            raise LookupError(scope["path"])

    params = lookup()
    assert params == expected, params  # every router does the same work
    return rate(lookup)
