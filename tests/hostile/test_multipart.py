"""Multipart forms: boundaries, part headers, counts, hostile filenames, temp file hygiene."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from asgi_tools import App

from .conftest import body_messages, body_of, drive, http_scope, status_of

BOUNDARY = b"hostileboundary"


def multipart_scope(content_type: bytes = b"multipart/form-data; boundary=" + BOUNDARY) -> Any:
    return http_scope(
        "/", "POST", headers=[(b"host", b"localhost"), (b"content-type", content_type)]
    )


def part(headers: bytes, content: bytes, boundary: bytes = BOUNDARY) -> bytes:
    return b"--" + boundary + b"\r\n" + headers + b"\r\n\r\n" + content + b"\r\n"


def field(name: bytes, value: bytes) -> bytes:
    return part(b'Content-Disposition: form-data; name="' + name + b'"', value)


def file_part(filename: bytes, content: bytes, name: bytes = b"f") -> bytes:
    disposition = b'Content-Disposition: form-data; name="%s"; filename="%s"' % (name, filename)
    return part(disposition + b"\r\nContent-Type: application/octet-stream", content)


def end(boundary: bytes = BOUNDARY) -> bytes:
    return b"--" + boundary + b"--\r\n"


def form_app(**form_options: Any) -> App:
    app = App()

    @app.route("/", methods=["POST"])
    async def index(request: Any) -> str:
        form = await request.form(**form_options)
        names = []
        for key, value in form.items():
            names.append(f"{key}={getattr(value, 'filename', None)!r}")
            if hasattr(value, "close"):
                value.close()
        return "\n".join(names)[:1000]

    return app


CONTENT_TYPES = [
    pytest.param(b"multipart/form-data", id="no-boundary"),
    pytest.param(b"multipart/form-data; boundary=", id="empty-boundary"),
    pytest.param(b'multipart/form-data; boundary=""', id="empty-quoted-boundary"),
    pytest.param(b"multipart/form-data; boundary=" + b"b" * 10_000, id="10k-boundary"),
    pytest.param(b"multipart/form-data; boundary=\xff\xfe", id="binary-boundary"),
    pytest.param(b"multipart/form-data; boundary=a b", id="boundary-with-space"),
    pytest.param(b'multipart/form-data; boundary="a\r\nb"', id="boundary-with-crlf"),
    pytest.param(b"multipart/form-data; boundary=other", id="wrong-boundary"),
    pytest.param(b"multipart/form-data; charset=no-such; boundary=" + BOUNDARY, id="bad-charset"),
]


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
async def test_missing_or_invalid_boundary_is_400(content_type):
    body = field(b"a", b"1") + end()
    sent = await drive(form_app(), multipart_scope(content_type), body_messages(body))
    assert status_of(sent) == 400


MALFORMED = [
    pytest.param(field(b"a", b"1"), id="never-closed"),
    pytest.param(field(b"a", b"1") + b"--" + BOUNDARY, id="closed-without-dashes"),
    pytest.param(b"", id="empty-body"),
    pytest.param(b"garbage without any boundary" * 1000, id="no-boundary-in-body"),
    pytest.param(b"--" + BOUNDARY + b"\r\n" + b"x" * 100_000, id="headers-never-end"),
    pytest.param(part(b"X-Nothing: here", b"v") + end(), id="no-content-disposition"),
    pytest.param(
        part(b"Content-Disposition: attachment; name=a", b"v") + end(), id="not-form-data"
    ),
    pytest.param(part(b"Content-Disposition: form-data", b"v") + end(), id="no-name"),
    pytest.param(part(b"Content-Disposition form-data name=a", b"v") + end(), id="no-colon"),
    pytest.param(
        part(b'Content-Disposition: form-data; name="a"\r\nContent-Transfer-Encoding: x', b"v")
        + end(),
        id="unknown-transfer-encoding",
    ),
    pytest.param(
        part(b'Content-Disposition: form-data; name="a"\r\nContent-Transfer-Encoding: base64', b"!")
        + end(),
        id="bad-base64",
    ),
    pytest.param(
        part(b'Content-Disposition: form-data; name="\xff\xfe"', b"\xff") + end(), id="binary"
    ),
]


@pytest.mark.parametrize("body", MALFORMED)
async def test_malformed_multipart_is_400_and_leaves_no_file(body, no_leaks):
    sent = await drive(form_app(), multipart_scope(), body_messages(body))
    # Headers that never end cross the part header limit first: 413 says so as well as 400.
    assert status_of(sent) in ((400, 413) if b"x" * 1000 in body else (400,))


async def test_endless_epilogue_after_the_closing_boundary_is_not_read():
    pulled = 0

    def endless() -> Any:
        nonlocal pulled
        pulled += 1
        yield {"type": "http.request", "body": field(b"a", b"1") + end(), "more_body": True}
        while True:
            pulled += 1
            yield {"type": "http.request", "body": b"x" * 1000, "more_body": True}

    sent = await drive(form_app(), multipart_scope(), endless())
    assert status_of(sent) == 200
    assert pulled < 10


async def test_huge_part_headers_are_413():
    headers = b'Content-Disposition: form-data; name="a"\r\nX-Pad: ' + b"p" * 100_000
    sent = await drive(form_app(), multipart_scope(), body_messages(part(headers, b"v") + end()))
    assert status_of(sent) in (400, 413)


async def test_thousands_of_header_lines_in_one_part_are_refused():
    headers = b'Content-Disposition: form-data; name="a"' + b"\r\nX: y" * 10_000
    sent = await drive(form_app(), multipart_scope(), body_messages(part(headers, b"v") + end()))
    assert status_of(sent) in (400, 413)


async def test_thousands_of_fields_are_413():
    body = b"".join(field(b"f%d" % i, b"v") for i in range(5000)) + end()
    sent = await drive(form_app(), multipart_scope(), body_messages(body))
    assert status_of(sent) == 413


async def test_thousands_of_files_are_413_and_leave_nothing_behind(no_leaks):
    body = b"".join(file_part(b"f%d.txt" % i, b"x" * 10) for i in range(5000)) + end()
    sent = await drive(form_app(file_memory_limit=1), multipart_scope(), body_messages(body))
    assert status_of(sent) == 413


async def test_one_huge_field_is_413():
    body = field(b"a", b"x" * (3 * 1024 * 1024)) + end()
    sent = await drive(form_app(), multipart_scope(), body_messages(body))
    assert status_of(sent) == 413


async def test_max_size_stops_a_huge_file_and_removes_its_temp_file(no_leaks):
    chunks = [
        b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n'
    ]
    chunks += [b"x" * 65536] * 64
    sent = await drive(
        form_app(max_size=1024 * 1024, file_memory_limit=1024),
        multipart_scope(),
        body_messages(*chunks),
    )
    assert status_of(sent) == 413


async def test_disconnect_mid_file_removes_its_temp_file(no_leaks):
    incoming = [
        {
            "type": "http.request",
            "body": file_part(b"a.bin", b"x" * 100_000)[:-2] + b"x" * 100_000,
            "more_body": True,
        }
    ]
    sent = await drive(
        form_app(file_memory_limit=10), multipart_scope(), incoming, then="disconnect"
    )
    if sent:
        assert status_of(sent) == 400


async def test_disconnect_mid_upload_to_removes_the_partial_file(tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    incoming = [
        {"type": "http.request", "body": file_part(b"a.bin", b"x" * 1000)[:-2], "more_body": True}
    ]
    app = form_app(upload_to=lambda name: folder / "upload.bin")
    await drive(app, multipart_scope(), incoming, then="disconnect")
    assert list(folder.iterdir()) == []


HOSTILE_FILENAMES = [
    pytest.param(b"../../../../escaped.txt", id="dotdot"),
    pytest.param(b"..\\..\\escaped.txt", id="backslash-dotdot"),
    pytest.param(b"/tmp/escaped-absolute.txt", id="absolute"),
    pytest.param(b"sub/dir/name.txt", id="subdirectory"),
    pytest.param(b"%2e%2e%2fescaped.txt", id="percent-encoded-dotdot"),
    pytest.param(b"..", id="only-dotdot"),
    pytest.param(b".", id="only-dot"),
    pytest.param(b"", id="empty"),
]


@pytest.mark.parametrize("filename", HOSTILE_FILENAMES)
async def test_hostile_filenames_are_kept_verbatim_and_never_used_as_a_path(filename, no_leaks):
    # Without upload_to, the client's name is only data: nothing is written under it.
    body = file_part(filename, b"content") + end()
    sent = await drive(form_app(file_memory_limit=1), multipart_scope(), body_messages(body))
    assert status_of(sent) == 200
    assert repr(filename.decode())[1:-1].encode() in body_of(sent)


@pytest.mark.parametrize("filename", [b"a\x00b.txt", b"a\rb.txt", b"a\nb.txt", b"a\x7f.txt"])
async def test_control_characters_in_filenames_are_not_a_500(filename, no_leaks):
    body = file_part(filename, b"content") + end()
    sent = await drive(form_app(), multipart_scope(), body_messages(body))
    assert status_of(sent) in (200, 400)


@pytest.mark.parametrize("name", [b"a\x00b", b"a\rb", b"\xff", b"x" * 20_000])
async def test_odd_field_names_are_not_a_500(name):
    body = field(name, b"v") + end()
    sent = await drive(form_app(), multipart_scope(), body_messages(body))
    assert status_of(sent) in (200, 400, 413)


async def test_filename_star_with_garbage_encoding_is_not_a_500():
    disposition = b"Content-Disposition: form-data; name=\"f\"; filename*=bogus''%ff%fe"
    body = part(disposition, b"x") + end()
    sent = await drive(form_app(), multipart_scope(), body_messages(body))
    assert status_of(sent) in (200, 400)


async def test_upload_to_raising_is_not_a_hang_and_leaves_nothing(no_leaks):
    def refuse(name: str) -> Path:
        raise PermissionError("no uploads here")

    body = file_part(b"a.txt", b"content") + end()
    sent = await drive(form_app(upload_to=refuse), multipart_scope(), body_messages(body))
    assert status_of(sent) == 500  # the application's own error, not the client's


async def test_failure_after_an_upload_to_file_removes_it(tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    names = iter(range(100))
    body = file_part(b"a.txt", b"content") + field(b"x" * 20_000, b"v") + b"--" + BOUNDARY
    app = form_app(upload_to=lambda name: folder / f"{next(names)}.bin", max_part_header_size=1024)
    sent = await drive(app, multipart_scope(), body_messages(body))
    assert status_of(sent) in (400, 413)
    assert list(folder.iterdir()) == []


def test_the_temp_dir_probe_sees_files(private_tmp):
    # The no_leaks fixture relies on tempfile honouring the private folder.
    import tempfile

    with tempfile.NamedTemporaryFile(dir=None):
        assert len(os.listdir(private_tmp)) == 1
