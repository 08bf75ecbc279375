"""Route lookup as the table grows: N routes (half static, half with two params, one an int),
looking up the last dynamic route with a new id every time, so that no cache can answer.

``ours-1000`` is compared with every other row: the peers at 1,000 routes (target: >= 20x the
better one) and ``ours-10`` (target: ours at 1,000 no more than 1.5x slower than at 10, i.e. a
ratio >= 0.67). Starlette is matched the way its Router does it: ``route.matches(scope)`` over
``routes`` until a full match.
"""

from __future__ import annotations

IMPLS = {
    "ours-1000": "ours",
    "ours-10": "ours",
    "http-router-1000": "peers",
    "starlette-1000": "peers",
    "http-router-10": "peers",
    "starlette-10": "peers",
}
UNIT = "lookups/s"


def _paths(size: int) -> tuple[list[str], list[str]]:
    half = size // 2
    static = [f"/static{i}/page" for i in range(half)]
    dynamic = [f"/dyn{i}/{{name}}/items/{{id:int}}" for i in range(half)]
    return static, dynamic


def run(impl: str) -> float:
    from itertools import count

    from suites._timing import rate

    name, _, size_text = impl.rpartition("-")
    size = int(size_text)
    static, dynamic = _paths(size)
    # interleave static and dynamic registrations, as a real table would
    paths = [p for pair in zip(static, dynamic, strict=True) for p in pair]
    last = f"/dyn{size // 2 - 1}/alice/items/"
    ids = count()

    def handler() -> None:
        pass

    if name == "ours":
        from asgi_router import Router

        router = Router()
        for path in paths:
            router.route(path, methods=["GET"])(handler)

        def lookup() -> object:
            return router(f"{last}{next(ids)}", "GET").params

    elif name == "http-router":
        from http_router import Router as HTTPRouter

        hrouter = HTTPRouter()
        for path in paths:
            hrouter.route(path, methods=["GET"])(handler)

        def lookup() -> object:
            return hrouter(f"{last}{next(ids)}", "GET").params

    else:
        from starlette.routing import Match, Route

        routes = [Route(path, handler, methods=["GET"]) for path in paths]

        def lookup() -> object:
            scope = {"type": "http", "path": f"{last}{next(ids)}", "root_path": "", "method": "GET"}
            for route in routes:
                match, child = route.matches(scope)
                if match is Match.FULL:
                    return child["path_params"]
            raise LookupError(scope["path"])

    params = lookup()
    assert params == {"name": "alice", "id": 0}, params  # every peer does the same work
    return rate(lookup)
