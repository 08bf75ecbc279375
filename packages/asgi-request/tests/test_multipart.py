"""multipart/form-data: fields, files, encodings, malformed input, limits and cleanup."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from asgi_request import (
    ASGIConnectionClosedError,
    ASGIDecodeError,
    ASGIRequestEntityTooLargeError,
    MultipartParser,
    UploadFile,
    safe_filename,
)

CT = "multipart/form-data; boundary=XyZ"
CTE_PART = b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\nContent-Transfer-Encoding: '


def parse(body: bytes, boundary: str = "XyZ", chunk: int = 0, **options):
    parser = MultipartParser(boundary, **options)
    try:
        if chunk:
            for i in range(0, len(body), chunk):
                parser.feed(body[i : i + chunk])
        else:
            parser.feed(body)
        return parser.close()
    except BaseException:
        parser.abort()
        raise


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def test_form_reads_fields_and_files(make_request, encode_multipart):
    body = encode_multipart(
        "XyZ",
        [
            ('name="title"', "Hello", None),
            (
                'name="doc"; filename="notes.txt"',
                b"line1\r\nline2\n",
                {"Content-Type": "text/plain"},
            ),
            ('name="title"', "Again", None),
        ],
    )
    request = make_request(body, content_type=CT, chunk_size=5)
    form = await request.form()
    assert form.getall("title") == ["Hello", "Again"]
    upload = form["doc"]
    assert isinstance(upload, UploadFile)
    assert upload.name == upload.filename == "notes.txt"
    assert upload.content_type == "text/plain"
    assert upload.headers["content-type"] == "text/plain"
    assert upload.size == 13
    assert upload.read() == b"line1\r\nline2\n"
    upload.seek(0)
    assert list(upload) == [b"line1\r\n", b"line2\n"]
    upload.close()
    assert upload.closed


def test_preamble_and_epilogue_are_ignored():
    body = (
        b"This is the preamble.\r\n--XyZ\r\n"
        b'Content-Disposition: form-data; name="a"\r\n\r\n1\r\n'
        b"--XyZ--\r\nThis is the epilogue, --XyZ\r\n garbage"
    )
    assert dict(parse(body)) == {"a": "1"}


def test_body_may_start_with_the_boundary_without_a_preamble():
    body = b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--'
    assert dict(parse(body)) == {"a": "1"}


async def test_quoted_boundary_in_content_type(make_request, encode_multipart):
    body = encode_multipart("a b:c", [('name="x"', "1", None)])
    request = make_request(body, content_type='multipart/form-data; boundary="a b:c"')
    assert dict(await request.form()) == {"x": "1"}


def test_filename_star_wins_and_non_ascii_names_decode():
    body = (
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="f"; filename="fallback.txt"; '
        b"filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\nx\r\n"
        b"--XyZ\r\n"
        + 'Content-Disposition: form-data; name="caf\u00e9"; '.encode()
        + 'filename="\u65e5\u672c.txt"\r\n\r\n'.encode()
        + b"y\r\n--XyZ--\r\n"
    )
    form = parse(body)
    assert form["f"].filename == "\u20ac rates.txt"
    assert form["caf\u00e9"].filename == "\u65e5\u672c.txt"


def test_part_headers_are_case_insensitive_and_may_be_folded():
    body = (
        b"--XyZ\r\n"
        b'CONTENT-DISPOSITION: Form-Data; NAME="f"; FileName="a.bin"\r\n'
        b"content-TYPE: application/x-thing;\r\n  charset=utf-8\r\n\r\n"
        b"data\r\n--XyZ--\r\n"
    )
    upload = parse(body)["f"]
    assert upload.filename == "a.bin"
    assert upload.content_type == "application/x-thing; charset=utf-8"


def test_crlf_and_boundary_lookalikes_inside_content_are_data():
    content = b"\r\n\r\n--XyZa\r\n--Xy\r\r\n--X\r\n-"
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="f"\r\n\r\n'
        + content
        + b"\r\n--XyZ--\r\n"
    )
    with pytest.raises(ASGIDecodeError):
        # "\r\n--XyZa" is a delimiter followed by garbage: the sender broke the rule.
        parse(body)
    content = content.replace(b"--XyZa", b"--XYZa")
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="f"; filename="f"\r\n\r\n'
        + content
        + b"\r\n--XyZ--\r\n"
    )
    for chunk in (0, 1, 2, 3, 7):
        assert parse(body, chunk=chunk)["f"].read() == content


def test_empty_parts_and_transport_padding():
    body = (
        b"--XyZ  \t\r\n"
        b'Content-Disposition: form-data; name="empty"\r\n\r\n\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename=""\r\n\r\n\r\n'
        b"--XyZ--"
    )
    form = parse(body)
    assert form["empty"] == ""
    assert form["file"].filename == ""
    assert form["file"].size == 0


def test_base64_and_quoted_printable_transfer_encodings():
    data = bytes(range(256)) * 3
    encoded = base64.encodebytes(data)
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="b"; filename="b.bin"\r\n'
        b"Content-Transfer-Encoding: BASE64\r\n\r\n" + encoded + b"\r\n"
        b'--XyZ\r\nContent-Disposition: form-data; name="q"\r\n'
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"caf=C3=A9 =\r\nau lait\r\n--XyZ--\r\n"
    )
    for chunk in (0, 1, 5):
        form = parse(body, chunk=chunk)
        assert form["b"].read() == data
        assert form["q"] == "caf\u00e9 au lait"


def test_field_uses_the_part_charset():
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="t"\r\n'
        b"Content-Type: text/plain; charset=latin-1\r\n\r\ncaf\xe9\r\n--XyZ--\r\n"
    )
    assert parse(body)["t"] == "caf\u00e9"


def test_small_files_stay_in_memory_and_big_ones_spill(encode_multipart):
    body = encode_multipart(
        "XyZ",
        [
            ('name="s"; filename="s"', b"x" * 100, None),
            ('name="b"; filename="b"', b"y" * 5000, None),
        ],
    )
    form = parse(body, chunk=1000, file_memory_limit=1000)
    assert form["s"].in_memory
    assert not form["b"].in_memory
    assert form["b"].read() == b"y" * 5000
    assert form["b"].file.fileno() >= 0
    form["b"].close()


def test_upload_file_save_and_move(tmp_path, encode_multipart):
    body = encode_multipart("XyZ", [('name="f"; filename="f.txt"', b"content", None)])
    upload = parse(body)["f"]
    assert upload.read(3) == b"con"
    saved = upload.save(tmp_path / "saved.txt")
    assert saved.read_bytes() == b"content"
    assert upload.read() == b"tent"
    moved = upload.move(tmp_path / "moved.txt")
    assert moved.read_bytes() == b"content"
    assert upload.path == moved
    upload.seek(0)
    assert upload.read() == b"content"
    upload.close()


async def test_upload_to_streams_each_file_to_its_path(make_request, encode_multipart, tmp_path):
    big = os.urandom(300_000)
    body = encode_multipart(
        "XyZ",
        [
            ('name="a"; filename="a.bin"', big, None),
            ('name="field"', "v", None),
            ('name="b"; filename="b.txt"', b"small", None),
        ],
    )
    seen = []

    def upload_to(filename):
        seen.append(filename)
        return tmp_path / f"stored-{filename}"

    request = make_request(body, content_type=CT, chunk_size=65536)
    form = await request.form(upload_to=upload_to)
    assert seen == ["a.bin", "b.txt"]
    assert (tmp_path / "stored-a.bin").read_bytes() == big
    assert (tmp_path / "stored-b.txt").read_bytes() == b"small"
    assert form["a"].path == tmp_path / "stored-a.bin"
    assert form["a"].name == "a.bin"
    assert form["a"].read() == big
    assert form["field"] == "v"
    form["a"].close()
    form["b"].close()


async def test_upload_to_file_moves_by_rename(make_request, encode_multipart, tmp_path):
    body = encode_multipart("XyZ", [('name="a"; filename="a"', b"abc", None)])
    request = make_request(body, content_type=CT)
    form = await request.form(upload_to=lambda name: tmp_path / "first")
    moved = form["a"].move(tmp_path / "second")
    assert not (tmp_path / "first").exists()
    assert moved.read_bytes() == b"abc"
    form["a"].close()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"", id="empty body"),
        pytest.param(b"no boundary at all" * 100, id="no boundary"),
        pytest.param(
            b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue',
            id="unterminated part",
        ),
        pytest.param(
            b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--XyZ',
            id="no closing dashes",
        ),
        pytest.param(
            b'--XyZ\r\nContent-Disposition: form-data; name="a"', id="unterminated headers"
        ),
        pytest.param(b"--XyZ\r\nthis is not a header\r\n\r\nx\r\n--XyZ--", id="header garbage"),
        pytest.param(b"--XyZ\r\n: no name\r\n\r\nx\r\n--XyZ--", id="header without name"),
        pytest.param(b"--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", id="no disposition"),
        pytest.param(b"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", id="no name"),
        pytest.param(
            b'--XyZ\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--XyZ--',
            id="not form-data",
        ),
        pytest.param(b"--XyZ\r\n\r\nx\r\n--XyZ--", id="no headers"),
        pytest.param(
            b'--XyZgarbage\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--XyZ--',
            id="garbage after boundary",
        ),
        pytest.param(b"--XyZ" + b" " * 1000, id="boundary line never ends"),
        pytest.param(
            CTE_PART + b"gzip\r\n\r\nx\r\n--XyZ--",
            id="unknown transfer encoding",
        ),
        pytest.param(
            CTE_PART + b"base64\r\n\r\n!!!!\r\n--XyZ--",
            id="invalid base64",
        ),
        pytest.param(
            CTE_PART + b"base64\r\n\r\nQUJD\r\nQQ\r\n--XyZ--",
            id="truncated base64",
        ),
        pytest.param(
            b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n\xff\xfe\r\n--XyZ--',
            id="field not utf-8",
        ),
    ],
)
@pytest.mark.parametrize("chunk", [0, 1, 3])
def test_malformed_multipart_raises_decode_error(body, chunk):
    with pytest.raises(ASGIDecodeError) as info:
        parse(body, chunk=chunk)
    assert info.value.status_code == 400


@pytest.mark.parametrize("boundary", ["", "a\r\nb", "x" * 201, "caf\u00e9", "a\x00b"])
def test_invalid_boundary_is_a_decode_error(boundary):
    with pytest.raises(ASGIDecodeError):
        MultipartParser(boundary)


async def test_form_without_boundary_parameter_is_a_decode_error(make_request):
    request = make_request(b"--x--", content_type="multipart/form-data")
    with pytest.raises(ASGIDecodeError):
        await request.form()


async def test_form_with_unknown_charset_is_a_decode_error(make_request):
    request = make_request(b"a=1", content_type="application/x-www-form-urlencoded; charset=nope")
    with pytest.raises(ASGIDecodeError):
        await request.form()


def test_a_boundary_that_never_comes_keeps_memory_small():
    parser = MultipartParser("XyZ")
    chunk = b"\r\n--Xy" + b"z" * 65530
    for _ in range(200):
        parser.feed(chunk)
    assert len(parser._buf) < 16
    with pytest.raises(ASGIDecodeError):
        parser.close()


async def test_form_max_size_limits_the_body(make_request, encode_multipart):
    body = encode_multipart("XyZ", [('name="f"; filename="f"', b"x" * 5000, None)])
    request = make_request(body, content_type=CT, chunk_size=1000)
    with pytest.raises(ASGIRequestEntityTooLargeError) as info:
        await request.form(max_size=2000)
    assert info.value.status_code == 413
    assert request.receive.calls == 3


async def test_form_max_size_refuses_a_large_content_length_before_reading(make_request):
    request = make_request(b"a=1", content_type=CT, headers=[("Content-Length", "999999")])
    with pytest.raises(ASGIRequestEntityTooLargeError):
        await request.form(max_size=1000)
    assert request.receive.calls == 0


async def test_form_is_not_capped_by_max_body_size(make_request, encode_multipart):
    body = encode_multipart("XyZ", [('name="f"; filename="f"', b"x" * 20_000, None)])

    from asgi_request import Request

    class Small(Request):
        max_body_size = 100

    request = make_request(body, content_type=CT, chunk_size=4096, request_class=Small)
    form = await request.form()
    assert form["f"].size == 20_000
    form["f"].close()


def test_max_fields_limit(encode_multipart):
    body = encode_multipart("XyZ", [(f'name="f{i}"', "v", None) for i in range(4)])
    assert len(parse(body, max_fields=4)) == 4
    with pytest.raises(ASGIRequestEntityTooLargeError, match="3 fields"):
        parse(body, max_fields=3)


def test_max_files_limit(encode_multipart):
    body = encode_multipart("XyZ", [(f'name="f"; filename="{i}"', "v", None) for i in range(3)])
    with pytest.raises(ASGIRequestEntityTooLargeError, match="2 files"):
        parse(body, max_files=2)


def test_max_field_size_limit_applies_to_fields_not_files(encode_multipart):
    body = encode_multipart("XyZ", [('name="a"', "x" * 101, None)])
    with pytest.raises(ASGIRequestEntityTooLargeError, match="100 bytes"):
        parse(body, chunk=7, max_field_size=100)
    body = encode_multipart("XyZ", [('name="a"; filename="a"', "x" * 101, None)])
    assert parse(body, max_field_size=100)["a"].size == 101


def test_default_max_field_size_is_one_mebibyte(encode_multipart):
    body = encode_multipart("XyZ", [('name="a"', b"x" * (1024 * 1024 + 1), None)])
    with pytest.raises(ASGIRequestEntityTooLargeError):
        parse(body, chunk=65536)


@pytest.mark.parametrize("chunk", [0, 1, 1000])
def test_max_part_header_size_limit(chunk):
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: '
        + b"p" * 2000
        + b"\r\n\r\nv\r\n--XyZ--"
    )
    assert parse(body, chunk=chunk)["a"] == "v"
    with pytest.raises(ASGIRequestEntityTooLargeError, match="headers"):
        parse(body, chunk=chunk, max_part_header_size=1000)


def test_headers_that_never_end_fail_at_the_limit():
    parser = MultipartParser("XyZ", max_part_header_size=16 * 1024)
    parser.feed(b"--XyZ\r\n")
    line = b"X-Header: " + b"h" * 1000 + b"\r\n"
    for _ in range(15):
        parser.feed(line)
    with pytest.raises(ASGIRequestEntityTooLargeError):
        parser.feed(line * 2)


async def test_failed_parse_removes_upload_to_files(make_request, encode_multipart, tmp_path):
    body = encode_multipart(
        "XyZ",
        [
            ('name="a"; filename="a"', b"x" * 5000, None),
            ('name="b"; filename="b"', b"y" * 5000, None),
        ],
    )
    truncated = body[:-200]  # the second file never ends
    request = make_request(truncated, content_type=CT, chunk_size=1000)
    with pytest.raises(ASGIDecodeError):
        await request.form(upload_to=lambda name: tmp_path / name)
    assert list(tmp_path.iterdir()) == []


async def test_disconnect_removes_partial_upload_to_file(make_request, encode_multipart, tmp_path):
    body = encode_multipart("XyZ", [('name="a"; filename="a"', b"x" * 50_000, None)])
    request = make_request(body, content_type=CT, chunk_size=4096, disconnect=True)
    with pytest.raises(ASGIConnectionClosedError):
        await request.form(upload_to=lambda name: tmp_path / name)
    assert list(tmp_path.iterdir()) == []


async def test_limit_crossed_removes_upload_to_files(make_request, encode_multipart, tmp_path):
    body = encode_multipart("XyZ", [('name="a"; filename="a"', b"x" * 50_000, None)])
    request = make_request(body, content_type=CT, chunk_size=4096)
    with pytest.raises(ASGIRequestEntityTooLargeError):
        await request.form(max_size=20_000, upload_to=lambda name: tmp_path / name)
    assert list(tmp_path.iterdir()) == []


async def test_failed_parse_closes_spilled_temporary_files(make_request, encode_multipart):
    body = encode_multipart(
        "XyZ", [(f'name="f{i}"; filename="f"', b"z" * 3000, None) for i in range(20)]
    )
    before = open_fds()
    request = make_request(body[:-50], content_type=CT, chunk_size=4096)
    with pytest.raises(ASGIDecodeError):
        await request.form(file_memory_limit=100)
    assert open_fds() == before


def test_upload_file_write_spills_past_the_memory_limit():
    upload = UploadFile("x", memory_limit=10)
    upload.write(b"12345")
    assert upload.in_memory
    upload.write(memoryview(b"6789012"))
    assert not upload.in_memory
    upload.seek(0)
    assert upload.read() == b"123456789012"
    assert upload.size == 12
    assert "x" in repr(upload)
    upload.close()


def test_upload_file_with_path_writes_there(tmp_path: Path):
    upload = UploadFile("client.txt", path=tmp_path / "out")
    upload.write(b"abc")
    upload.discard()
    assert not (tmp_path / "out").exists()


async def test_cancelled_form_removes_its_files(make_request, encode_multipart, tmp_path):
    from asgi_request import aio_sleep, aio_timeout

    body = encode_multipart("XyZ", [('name="a"; filename="a"', b"x" * 50_000, None)])
    request = make_request(body[:30_000], content_type=CT)
    chunks = [body[:30_000]]

    async def receive():
        if chunks:
            return {"type": "http.request", "body": chunks.pop(), "more_body": True}
        await aio_sleep(10)  # the client stalls
        return {"type": "http.disconnect"}

    request.receive = receive
    with pytest.raises(TimeoutError):
        async with aio_timeout(0.05):
            await request.form(upload_to=lambda name: tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_gathered_disk_writes_are_flushed_before_reading(tmp_path):
    upload = UploadFile("f", path=tmp_path / "f")
    pieces = [bytes([i]) * 1000 for i in range(10)]
    for piece in pieces:
        upload.write(piece)
    assert upload.tell() == 10_000
    upload.seek(0)
    assert upload.read() == b"".join(pieces)
    upload.close()
    assert (tmp_path / "f").read_bytes() == b"".join(pieces)


def test_many_small_disk_writes_and_a_reused_buffer(tmp_path):
    upload = UploadFile("f", path=tmp_path / "f")
    buffer = bytearray(b"ab")
    for _ in range(200):  # more pieces than one writev() takes at once
        upload.write(memoryview(buffer))
        buffer[:] = b"cd"  # the caller reuses its buffer: what was written must not change
    upload.write(b"x" * (2 * 1024 * 1024))
    upload.close()
    data = (tmp_path / "f").read_bytes()
    assert data[:4] == b"abcd"
    assert len(data) == 400 + 2 * 1024 * 1024


@pytest.mark.parametrize("chunk_size", [1, 2, 7, 64, 4096, 1 << 20])
async def test_form_result_does_not_depend_on_chunk_sizes(
    make_request, encode_multipart, tmp_path, chunk_size
):
    data = os.urandom(10_000)
    body = encode_multipart(
        "XyZ",
        [
            ('name="a"', "first\r\nvalue", None),
            ('name="f"; filename="f.bin"', data, {"Content-Type": "application/octet-stream"}),
            ('name="g"; filename="g.bin"', data[:100], None),
        ],
    )
    request = make_request(body, content_type=CT, chunk_size=chunk_size)
    form = await request.form(upload_to=lambda name: tmp_path / name, file_memory_limit=10)
    assert form["a"] == "first\r\nvalue"
    assert form["f"].read() == data
    assert form["g"].read() == data[:100]
    assert (tmp_path / "f.bin").read_bytes() == data
    form["f"].close()
    form["g"].close()


async def test_form_stops_reading_after_the_closing_boundary(make_request):
    head = b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XyZ--\r\n'
    request = make_request(content_type=CT)
    calls = 0

    async def receive():  # an epilogue that never ends
        nonlocal calls
        calls += 1
        body = head if calls == 1 else b"epilogue " * 1000
        return {"type": "http.request", "body": body, "more_body": True}

    request.receive = receive
    assert dict(await request.form()) == {"a": "1"}
    assert calls == 1


def test_feed_reports_the_end_of_the_multipart_body():
    parser = MultipartParser("XyZ")
    assert parser.feed(b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1') is False
    assert parser.feed(b"\r\n--XyZ--") is True
    assert parser.feed(b"more") is True


@pytest.mark.parametrize(
    ("sent", "given"),
    [
        ("a.bin", "a.bin"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.dll", "evil.dll"),
        ("/abs/path/x.txt", "x.txt"),
        ("..", "upload"),
        ("dir/", "upload"),
        ("na\x00me\x1f.txt", "name.txt"),
    ],
)
async def test_upload_to_gets_a_name_without_path_components(
    make_request, encode_multipart, tmp_path, sent, given
):
    body = encode_multipart("XyZ", [(f'name="f"; filename="{sent}"', b"data", None)])
    seen = []

    def upload_to(filename):
        seen.append(filename)
        return tmp_path / filename

    form = await make_request(body, content_type=CT).form(upload_to=upload_to)
    assert seen == [given]
    assert form["f"].filename == sent  # the client's name is still there, for display
    assert (tmp_path / given).read_bytes() == b"data"
    form["f"].close()


def test_safe_filename_keeps_ordinary_names():
    assert safe_filename("report 2026 (final).pdf") == "report 2026 (final).pdf"
    assert safe_filename("caf\u00e9.txt") == "caf\u00e9.txt"
