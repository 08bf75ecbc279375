"""Range and conditional headers on files: absurd, overlapping, thousands of ranges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from asgi_tools import App, ResponseFile

from .conftest import body_of, drive, http_scope, status_of

SIZE = 10_000


@pytest.fixture
def file_app(tmp_path: Path) -> App:
    data = bytes(range(256)) * (SIZE // 256) + b"z" * (SIZE % 256)
    (tmp_path / "f.bin").write_bytes(data)
    app = App(static_folders=[tmp_path])

    @app.route("/file")
    async def file(request: Any) -> ResponseFile:
        return ResponseFile(tmp_path / "f.bin")

    return app


def with_headers(path: str, *headers: tuple[bytes, bytes]) -> dict[str, Any]:
    return http_scope(path, headers=[(b"host", b"localhost"), *headers])


RANGES = [
    b"bytes=0-0",
    b"bytes=-1",
    b"bytes=9999-",
    b"bytes=10000-",
    b"bytes=10000-20000",
    b"bytes=-0",
    b"bytes=0-" + b"9" * 1000,
    b"bytes=" + b"9" * 1000 + b"-",
    b"bytes=-" + b"9" * 1000,
    b"bytes=5-1",
    b"bytes=-5-1",
    b"bytes=1--5",
    b"bytes=a-b",
    b"bytes=0x10-0x20",
    b"bytes=\xff-\xfe",
    b"bytes=\xd9\xa1-\xd9\xa2",
    b"bytes= 1 - 2 ",
    b"bytes=,,,,0-1,,,,",
    b"bytes=",
    b"bytes",
    b"=0-1",
    b"lines=0-1",
    b"BYTES=0-1",
    b"bytes=0-1;bytes=2-3",
    b"bytes=0-9999," * 1,
    b"bytes=" + b",".join(b"0-9999" for _ in range(50)),
    b"bytes=" + b",".join(b"%d-%d" % (i, i) for i in range(99)),
    b"bytes=" + b",".join(b"%d-%d" % (i, i) for i in range(0, 10_000, 2)),
    b"bytes=" + b",".join(b"0-%d" % i for i in range(10_000)),
    b"bytes=" + b"0-1," * 100_000,
    b"bytes=" + b"-1," * 100_000,
    b"bytes=" + b"," * 1_000_000,
    b"bytes=0-1, 1-2, 2-3, 3-4",
    b"bytes=9000-9999, 0-10, 5-20",
]


@pytest.mark.parametrize("path", ["/file", "/static/f.bin"])
@pytest.mark.parametrize("value", RANGES, ids=lambda v: repr(v[:24]))
async def test_any_range_header_is_answered_with_a_bounded_body(file_app, path, value):
    sent = await drive(file_app, with_headers(path, (b"range", value)))
    status = status_of(sent)
    assert status in (200, 206, 416)
    body = body_of(sent)
    # Merged ranges never exceed the file plus a bounded multipart overhead.
    assert len(body) <= SIZE + 100 * 200
    headers = dict(sent[0]["headers"])
    if status == 416:
        assert headers.get(b"content-range") == b"bytes */%d" % SIZE
    if status == 206 and b"content-range" in headers:
        first_last, _, total = headers[b"content-range"][6:].partition(b"/")
        first, _, last = first_last.partition(b"-")
        assert int(total) == SIZE
        assert 0 <= int(first) <= int(last) < SIZE
        assert len(body) == int(last) - int(first) + 1


async def test_a_single_range_serves_exactly_those_bytes(file_app):
    sent = await drive(file_app, with_headers("/file", (b"range", b"bytes=10-19")))
    assert status_of(sent) == 206
    assert body_of(sent) == bytes(range(10, 20))


async def test_overlapping_ranges_are_merged_into_one(file_app):
    sent = await drive(file_app, with_headers("/file", (b"range", b"bytes=0-10,5-20,15-29")))
    assert status_of(sent) == 206
    assert body_of(sent) == bytes(range(30))


async def test_unsatisfiable_range_is_416(file_app):
    sent = await drive(file_app, with_headers("/file", (b"range", b"bytes=20000-30000")))
    assert status_of(sent) == 416


CONDITIONALS = [
    (b"if-range", b"garbage"),
    (b"if-range", b"\xff\xfe"),
    (b"if-range", b"Mon, 99 Foo 9999 99:99:99 GMT"),
    (b"if-modified-since", b"garbage"),
    (b"if-modified-since", b"Sat, 01 Jan 10000 00:00:00 GMT"),
    (b"if-modified-since", b"Thu, 01 Jan 1970 00:00:00 +9999"),
    (b"if-modified-since", b"\x00"),
    (b"if-unmodified-since", b"garbage"),
    (b"if-none-match", b'"' * 10_000),
    (b"if-none-match", b", " * 100_000),
    (b"if-none-match", b"W/" * 10_000),
    (b"if-match", b"nope"),
]


@pytest.mark.parametrize(("name", "value"), CONDITIONALS, ids=lambda v: repr(v[:16]))
@pytest.mark.parametrize("path", ["/file", "/static/f.bin"])
async def test_garbage_conditional_headers_are_not_a_500(file_app, path, name, value):
    headers = [(name, value), (b"range", b"bytes=0-9")]
    sent = await drive(file_app, with_headers(path, *headers))
    assert status_of(sent) in (200, 206, 304, 412, 416)
