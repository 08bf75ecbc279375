"""Static files: a revalidation (If-None-Match with the file's ETag) answered 304.

See ``middlewares_static`` for the setup. Target: match or beat Starlette.
"""

from __future__ import annotations

IMPLS = {"ours": "ours", "starlette": "peers"}
UNIT = "req/s"


def run(impl: str) -> float:
    from suites.middlewares_static import serve_rate

    return serve_rate(impl, "304")
