"""Run one async check on every async library installed next to it; print ``ok <library>``."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Awaitable, Callable


def run_everywhere(check: Callable[[], Awaitable[None]], libraries: tuple[str, ...] = ()) -> None:
    """Run ``check`` on asyncio, then on trio and curio when they are importable.

    Command-line arguments, when given, name the only libraries to use.
    """
    wanted = tuple(sys.argv[1:]) or libraries or ("asyncio", "trio", "curio")
    for library in wanted:
        if library != "asyncio" and importlib.util.find_spec(library) is None:
            continue
        if library == "asyncio":
            asyncio.run(check())  # type: ignore[arg-type]
        elif library == "trio":
            import trio

            trio.run(check)
        else:
            import curio

            curio.run(check)
        print("ok", library, flush=True)


def absent(*names: str) -> list[str]:
    """Those of ``names`` that cannot be imported here."""
    return [name for name in names if importlib.util.find_spec(name) is None]
