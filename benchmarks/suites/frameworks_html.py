"""py-frameworks-bench's "html" scenario, in-process: ours, asgi-tools 3.2.1, BlackSheep,
Starlette and a hand-written ASGI app (_frameworks.py holds the request and its checks)."""

from __future__ import annotations

from suites._frameworks import IMPLS, UNIT

__all__ = ["IMPLS", "UNIT", "run"]


def run(impl: str) -> float:
    from suites._frameworks import measure

    return measure("html", impl)
