"""Static files through the middleware: a small file (200), side by side with Starlette's
StaticFiles (mounted at /static). Target: match or beat Starlette.

asgi-tools is left out: on asyncio its ResponseFile needs ``aiofile``, which its benchmark
environment does not install.

``middlewares_static_304`` and ``middlewares_static_1mib`` reuse this module for a
revalidated request (If-None-Match, 304) and a 1 MiB file. Every request is answered in full
(the body is drained); the scope is what a current uvicorn sends (ASGI spec 2.4).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile

IMPLS = {"ours": "ours", "starlette": "peers"}
UNIT = "req/s"

SMALL = b"body { color: #333; }\n" * 40  # ~900 bytes, a typical small stylesheet
LARGE = os.urandom(1 << 20)


def _folder() -> str:
    folder = tempfile.mkdtemp(prefix="bench-static-")
    os.makedirs(os.path.join(folder, "css"))
    with open(os.path.join(folder, "css", "site.css"), "wb") as file:
        file.write(SMALL)
    with open(os.path.join(folder, "big.bin"), "wb") as file:
        file.write(LARGE)
    return folder


def _app(impl: str, folder: str):
    if impl == "ours":
        from asgi_middlewares import StaticFilesMiddleware

        return StaticFilesMiddleware(folders=[folder])
    if impl == "asgi-tools":
        from asgi_tools import StaticFilesMiddleware

        return StaticFilesMiddleware(folders=[folder])
    from starlette.routing import Mount, Router
    from starlette.staticfiles import StaticFiles

    return Router([Mount("/static", StaticFiles(directory=folder))])


def _scope(path: str, headers: list[tuple[bytes, bytes]]) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


def serve_rate(impl: str, scenario: str) -> float:
    folder = _folder()
    try:
        return _serve_rate(impl, scenario, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _serve_rate(impl: str, scenario: str, folder: str) -> float:
    from suites._timing import arate

    app = _app(impl, folder)
    path = "/static/big.bin" if scenario == "1mib" else "/static/css/site.css"
    expected_size = len(LARGE) if scenario == "1mib" else len(SMALL)
    status = {}
    sizes = [0]

    async def send(message):
        if message["type"] == "http.response.start":
            status["last"] = message["status"]
        else:
            sizes[0] += len(message.get("body", b""))

    async def probe(headers):
        sizes[0] = 0
        first = True

        async def receive():
            nonlocal first
            if first:
                first = False
                return {"type": "http.request", "body": b"", "more_body": False}
            await asyncio.Event().wait()  # connected until the response is done
            return {"type": "http.disconnect"}  # pragma: no cover

        await app(_scope(path, headers), receive, send)

    headers: list[tuple[bytes, bytes]] = []
    if scenario == "304":
        captured: dict = {}

        async def capture(message):
            if message["type"] == "http.response.start":
                captured.update((k.lower(), v) for k, v in message["headers"])

        async def first_request():
            async def receive():
                await asyncio.Event().wait()

            await app(_scope(path, []), receive, capture)

        asyncio.run(first_request())
        headers = [(b"if-none-match", captured[b"etag"])]

    # Check once that the implementation does the work being timed.
    asyncio.run(probe(headers))
    want = 304 if scenario == "304" else 200
    assert status["last"] == want, (impl, status)
    assert sizes[0] == (0 if scenario == "304" else expected_size), (impl, sizes)

    return arate(lambda: probe(headers))


def run(impl: str) -> float:
    return serve_rate(impl, "small")
