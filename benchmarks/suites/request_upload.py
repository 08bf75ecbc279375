"""A 64 MiB single-file multipart upload read with ``form(upload_to=...)`` in 64 KiB chunks.

Starlette has no ``upload_to``: its ``form()`` spools each file to a temporary file, which is
what a Starlette user gets. Peak memory is measured apart (tracemalloc slows everything down):

    python benchmarks/suites/request_upload.py --memory   # in the env of an implementation
"""

from __future__ import annotations

import os
import tempfile

IMPLS = {"ours": "ours", "asgi-tools": "asgi-tools", "starlette": "peers"}
UNIT = "MB/s"

FILE_SIZE = 64 * 1024 * 1024
CHUNK = 64 * 1024
BOUNDARY = "----benchBoundary7MA4YWxkTrZu0gW"


def _body() -> bytes:
    head = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    # Varied content, with CRs and dashes, so the boundary search has work to do.
    block = bytes(range(256)) * 256
    content = block * (FILE_SIZE // len(block))
    return head + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def _scope(size: int) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/upload",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
            (b"content-length", str(size).encode()),
        ],
        "server": ("127.0.0.1", 8000),
    }


def _make_upload(impl: str, chunks: list[bytes], size: int, folder: str, *, fresh: bool = False):
    """An async function doing one upload with ``impl``; returns the stored file's size.

    ``fresh``: each message carries a new copy of its chunk, as from a server (memory check).
    """
    target = os.path.join(folder, "upload.bin")
    last = len(chunks) - 1

    def receiver():
        index = 0

        async def receive():
            nonlocal index
            i = index
            index += 1
            chunk = bytes(memoryview(chunks[i])) if fresh else chunks[i]
            return {"type": "http.request", "body": chunk, "more_body": i < last}

        return receive

    if impl in {"ours", "asgi-tools"}:
        if impl == "ours":
            from asgi_request import Request
        else:
            from asgi_tools import Request

        async def upload():
            request = Request(_scope(size), receiver(), None)
            form = await request.form(max_size=0, upload_to=lambda _name: target)
            form["file"].close()
            stored = os.path.getsize(target)
            os.unlink(target)
            return stored

        return upload

    from starlette.requests import Request as StarletteRequest

    async def upload():
        request = StarletteRequest(_scope(size), receiver())
        form = await request.form()
        file = form["file"]
        stored = file.size
        await form.close()
        return stored

    return upload


def run(impl: str) -> float:
    from suites._timing import arate

    body = _body()
    chunks = [body[i : i + CHUNK] for i in range(0, len(body), CHUNK)]
    with tempfile.TemporaryDirectory() as folder:
        upload = _make_upload(impl, chunks, len(body), folder)
        check = []

        async def once():
            check.append(await upload())

        per_second = arate(once, min_seconds=2.0)
        assert set(check) == {FILE_SIZE}, set(check)
    return per_second * len(body) / 1e6


def memory(impl: str) -> int:
    """Peak memory growth (bytes) of one upload, the body being in memory beforehand."""
    import asyncio
    import tracemalloc

    body = _body()
    chunks = [body[i : i + CHUNK] for i in range(0, len(body), CHUNK)]
    with tempfile.TemporaryDirectory() as folder:
        upload = _make_upload(impl, chunks, len(body), folder, fresh=True)
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        asyncio.run(upload())
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak - base


if __name__ == "__main__":
    import sys

    impl = sys.argv[2] if len(sys.argv) > 2 else "ours"
    print(f"{impl}: peak memory growth {memory(impl) / 2**20:.2f} MiB")
