"""Disk space reserved ahead of an upload is given back: the file holds exactly its content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from asgi_request import ASGIDecodeError, UploadFile
from asgi_request import upload as upload_module

CT = "multipart/form-data; boundary=XyZ"
BLOCK = bytes(range(256)) * 64  # 16 KiB with CRs and dashes


@pytest.fixture
def small_batches(monkeypatch):
    """Gather and reserve in small steps, so that a test file crosses many of them."""
    monkeypatch.setattr(upload_module, "_GATHER_BYTES", 64 * 1024)
    monkeypatch.setattr(upload_module, "_RESERVE_AHEAD", 256 * 1024)


def reserving() -> bool:
    return upload_module._CAN_RESERVE


async def test_upload_to_file_has_exactly_its_content_after_form(
    make_request, encode_multipart, tmp_path, small_batches
):
    content = BLOCK * 70 + b"tail"  # ~1.1 MiB: many gathers, several reservations
    body = encode_multipart("XyZ", [('name="f"; filename="f.bin"', content, None)])
    request = make_request(body, content_type=CT, chunk_size=65536)
    form = await request.form(upload_to=lambda name: tmp_path / name)
    target = tmp_path / "f.bin"
    # Right after form(), before anything else is done with the file.
    assert os.path.getsize(target) == len(content)
    assert form["f"].size == len(content)
    assert form["f"].read() == content
    form["f"].close()
    assert target.read_bytes() == content


async def test_spilled_temporary_file_reads_back_exactly(
    make_request, encode_multipart, small_batches
):
    content = BLOCK * 40
    body = encode_multipart("XyZ", [('name="f"; filename="f.bin"', content, None)])
    request = make_request(body, content_type=CT, chunk_size=8192)
    form = await request.form(file_memory_limit=1000)
    upload = form["f"]
    assert not upload.in_memory
    assert os.fstat(upload.fileno()).st_size == len(content)
    assert upload.read() == content
    upload.close()


def test_reserved_space_is_released_when_the_file_is_closed(tmp_path: Path, small_batches):
    upload = UploadFile("x", path=tmp_path / "out")
    for _ in range(30):
        upload.write(BLOCK)
    upload.close()
    stat = os.stat(tmp_path / "out")
    assert stat.st_size == 30 * len(BLOCK)
    if reserving():
        # No block kept beyond the data (some file systems round up to their block size).
        assert stat.st_blocks * 512 < stat.st_size + 64 * 1024


def test_upload_file_appends_correctly_across_reservations(tmp_path: Path, small_batches):
    upload = UploadFile("x", path=tmp_path / "out", memory_limit=0)
    expected = bytearray()
    for i in range(100):
        piece = bytes([i]) * (7919 * (i % 5 + 1))
        upload.write(memoryview(piece))
        expected += piece
    upload.seek(0)
    assert upload.read() == bytes(expected)
    # Written after a read: appended at the position, nothing reserved any more.
    upload.seek(0, os.SEEK_END)
    upload.write(b"more")
    upload.close()
    assert (tmp_path / "out").read_bytes() == bytes(expected) + b"more"


async def test_upload_to_a_device_that_cannot_reserve_still_works(
    make_request, encode_multipart, small_batches
):
    if not os.path.exists(os.devnull):
        pytest.skip("no null device")
    content = BLOCK * 40
    body = encode_multipart("XyZ", [('name="f"; filename="f.bin"', content, None)])
    request = make_request(body, content_type=CT, chunk_size=65536)
    form = await request.form(upload_to=lambda name: os.devnull)
    assert form["f"].size == len(content)
    form["f"].close()


async def test_failed_upload_leaves_no_reserved_file(
    make_request, encode_multipart, tmp_path, small_batches
):
    content = BLOCK * 40
    body = encode_multipart("XyZ", [('name="f"; filename="f.bin"', content, None)])
    request = make_request(body[:-10], content_type=CT, chunk_size=65536)
    with pytest.raises(ASGIDecodeError):
        await request.form(upload_to=lambda name: tmp_path / name)
    assert list(tmp_path.iterdir()) == []
