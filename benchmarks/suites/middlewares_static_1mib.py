"""Static files: a 1 MiB file in 64 KiB chunks, body drained.

See ``middlewares_static`` for the setup. Target: match or beat Starlette.
"""

from __future__ import annotations

IMPLS = {"ours": "ours", "starlette": "peers"}
UNIT = "req/s"


def run(impl: str) -> float:
    from suites.middlewares_static import serve_rate

    return serve_rate(impl, "1mib")
