"""Serve a 100 MiB file through a send that discards the body; MB/s (1 MB = 1e6 bytes)."""

from __future__ import annotations

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "starlette": "peers"}
UNIT = "MB/s"

SIZE = 100 * 1024 * 1024


def _file():
    import os
    import tempfile

    path = os.path.join(tempfile.gettempdir(), "asgi-responses-bench-100MiB.bin")
    if not os.path.exists(path) or os.path.getsize(path) != SIZE:
        block = os.urandom(1024 * 1024)
        with open(path + ".tmp", "wb") as file:
            for _ in range(SIZE // len(block)):
                file.write(block)
        os.replace(path + ".tmp", path)
    return path


def run(impl: str) -> float:
    import asyncio
    import time

    path = _file()
    if impl == "ours":
        from asgi_responses import ResponseFile as FileResponseClass
    elif impl == "asgi-tools":
        from asgi_tools import ResponseFile as FileResponseClass
    else:
        from starlette.responses import FileResponse as FileResponseClass

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/",
        "headers": [],
        "asgi": {"version": "3.0"},
    }
    received = 0

    async def receive():
        await asyncio.sleep(3600)  # the client never leaves
        return {"type": "http.disconnect"}

    async def send(message):
        nonlocal received
        received += len(message.get("body", b""))

    async def main() -> float:
        nonlocal received
        await FileResponseClass(path)(scope, receive, send)  # warm the page cache and imports
        best = 0.0
        for _ in range(3):
            received = 0
            start = time.perf_counter()
            await FileResponseClass(path)(scope, receive, send)
            elapsed = time.perf_counter() - start
            assert received == SIZE, received
            best = max(best, SIZE / elapsed / 1e6)
        return best

    return asyncio.run(main())
