from __future__ import annotations

import os
import re
from email.utils import formatdate

import pytest

from asgi_request import ASGIError
from asgi_responses import ASGIFileNotFoundError, ResponseFile, ResponseStream

CONTENT = bytes(range(256)) * 40  # 10240 bytes


@pytest.fixture
def path(tmp_path):
    file = tmp_path / "data.bin"
    file.write_bytes(CONTENT)
    return file


@pytest.fixture
def text_path(tmp_path):
    file = tmp_path / "page.html"
    file.write_text("<p>hello</p>")
    return file


def test_headers_show_the_file_length_before_sending(path):
    response = ResponseFile(path)
    assert response.headers["content-length"] == str(len(CONTENT))
    assert response.headers["accept-ranges"] == "bytes"


async def test_a_range_answer_sends_its_own_length_not_the_file_length(send_response, path):
    response = ResponseFile(path)
    sent = await send_response(response, headers=[("range", "bytes=0-9")])
    assert sent.status == 206
    assert sent.header("content-length") == "10"
    assert len(sent.body) == 10


async def test_file_is_sent_whole_with_length_type_and_validators(send_response, text_path):
    sent = await send_response(ResponseFile(text_path))
    stat = text_path.stat()
    assert sent.status == 200
    assert sent.body == b"<p>hello</p>"
    assert sent.header("content-length") == "12"
    assert sent.header("content-type") == "text/html; charset=utf-8"
    assert sent.header("last-modified") == formatdate(stat.st_mtime, usegmt=True)
    assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', sent.header("etag"))
    assert sent.header("accept-ranges") == "bytes"
    assert sent.finished


async def test_file_is_read_in_chunks_of_chunk_size(send_response, path):
    sent = await send_response(ResponseFile(path, chunk_size=4096))
    assert [len(m["body"]) for m in sent.body_messages] == [4096, 4096, 2048]
    assert sent.body == CONTENT


async def test_file_accepts_str_paths(send_response, path):
    sent = await send_response(ResponseFile(str(path)))
    assert sent.body == CONTENT


async def test_empty_file_sends_an_empty_body(send_response, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sent = await send_response(ResponseFile(empty))
    assert sent.header("content-length") == "0"
    assert sent.body == b""


async def test_unknown_type_defaults_to_text_plain(send_response, tmp_path):
    odd = tmp_path / "data.unknownext"
    odd.write_bytes(b"x")
    sent = await send_response(ResponseFile(odd))
    assert sent.header("content-type") == "text/plain; charset=utf-8"


async def test_filename_adds_an_rfc6266_content_disposition(send_response, path):
    sent = await send_response(ResponseFile(path, filename="movie.mp4"))
    assert sent.header("content-disposition") == (
        "attachment; filename=\"movie.mp4\"; filename*=UTF-8''movie.mp4"
    )
    assert sent.header("content-type") == "video/mp4"


def test_non_ascii_and_hostile_filenames_are_escaped(path):
    response = ResponseFile(path, filename='отчёт "1"\r\n.pdf')
    value = response.headers["content-disposition"]
    assert value.startswith('attachment; filename="')
    assert "\r" not in value
    assert "\n" not in value
    assert "filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%20%221%22%0D%0A.pdf" in value


async def test_headers_only_sends_headers_with_length_and_an_empty_body(send_response, path):
    sent = await send_response(ResponseFile(path, headers_only=True))
    assert sent.header("content-length") == str(len(CONTENT))
    assert sent.body == b""


async def test_head_request_sends_headers_and_an_empty_body(send_response, path):
    sent = await send_response(ResponseFile(path), method="HEAD")
    assert sent.header("content-length") == str(len(CONTENT))
    assert sent.body == b""


def test_missing_file_raises_a_404_error(tmp_path):
    with pytest.raises(ASGIFileNotFoundError, match="file not found") as info:
        ResponseFile(tmp_path / "missing.txt")
    assert info.value.status_code == 404
    assert isinstance(info.value, ASGIError)


def test_directory_raises_a_404_error(tmp_path):
    with pytest.raises(ASGIFileNotFoundError, match="is a directory"):
        ResponseFile(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_special_file_raises_a_404_error_instead_of_hanging(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ASGIFileNotFoundError, match="not a regular file"):
        ResponseFile(fifo)


@pytest.mark.parametrize("bad", ["a\0b", "x" * 5000])
def test_invalid_paths_raise_a_404_error(bad):
    with pytest.raises(ASGIFileNotFoundError):
        ResponseFile(bad)


async def test_file_deleted_before_sending_raises_a_404_error_before_headers(
    send_response, tmp_path
):
    doomed = tmp_path / "doomed.txt"
    doomed.write_bytes(b"data")
    response = ResponseFile(doomed)
    doomed.unlink()
    with pytest.raises(ASGIFileNotFoundError):
        await send_response(response)


def test_file_response_is_a_stream_response(path):
    assert isinstance(ResponseFile(path), ResponseStream)


async def test_file_stream_attribute_yields_the_file(path):
    chunks = [chunk async for chunk in ResponseFile(path, chunk_size=5000).stream]
    assert b"".join(chunks) == CONTENT


async def test_single_range_gets_206_with_content_range(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("range", "bytes=10-19")])
    assert sent.status == 206
    assert sent.header("content-range") == f"bytes 10-19/{len(CONTENT)}"
    assert sent.header("content-length") == "10"
    assert sent.body == CONTENT[10:20]


async def test_suffix_and_open_ranges(send_response, path):
    suffix = await send_response(ResponseFile(path), headers=[("range", "bytes=-100")])
    tail = await send_response(ResponseFile(path), headers=[("range", "bytes=10000-")])
    assert suffix.body == CONTENT[-100:]
    assert tail.body == CONTENT[10000:]
    assert tail.header("content-range") == f"bytes 10000-10239/{len(CONTENT)}"


async def test_range_past_the_end_is_clamped(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("range", "bytes=10000-99999")])
    assert sent.status == 206
    assert sent.body == CONTENT[10000:]


async def test_unsatisfiable_range_gets_416_with_content_range(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("range", "bytes=20000-")])
    assert sent.status == 416
    assert sent.header("content-range") == f"bytes */{len(CONTENT)}"
    assert sent.header("content-length") == "0"
    assert sent.body == b""


def parse_multipart(body: bytes, boundary: str) -> list[tuple[dict[str, str], bytes]]:
    parts = []
    delimiter = b"--" + boundary.encode()
    assert body.endswith(delimiter + b"--\r\n")
    for chunk in body[: -len(delimiter) - 4].split(delimiter)[1:]:
        head, _, data = chunk.partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().strip("\r\n").split("\r\n"))
        assert data.endswith(b"\r\n")
        parts.append((headers, data[:-2]))
    return parts


async def test_multiple_ranges_get_a_multipart_byteranges_body(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("range", "bytes=0-9, 100-109, -5")])
    assert sent.status == 206
    content_type = sent.header("content-type")
    assert content_type.startswith("multipart/byteranges; boundary=")
    boundary = content_type.split("boundary=")[1]
    assert sent.header("content-length") == str(len(sent.body))
    parts = parse_multipart(sent.body, boundary)
    size = len(CONTENT)
    assert [headers["content-range"] for headers, _ in parts] == [
        f"bytes 0-9/{size}",
        f"bytes 100-109/{size}",
        f"bytes {size - 5}-{size - 1}/{size}",
    ]
    assert [data for _, data in parts] == [CONTENT[0:10], CONTENT[100:110], CONTENT[-5:]]
    assert all(headers["content-type"] == "application/octet-stream" for headers, _ in parts)


async def test_overlapping_ranges_are_merged(send_response, path):
    sent = await send_response(
        ResponseFile(path), headers=[("range", "bytes=0-99, 50-149, 150-199")]
    )
    assert sent.status == 206
    assert sent.header("content-range") == f"bytes 0-199/{len(CONTENT)}"
    assert sent.body == CONTENT[:200]


async def test_thousands_of_ranges_get_the_whole_file(send_response, path):
    header = "bytes=" + ",".join(f"{n}-{n}" for n in range(5000))
    sent = await send_response(ResponseFile(path), headers=[("range", header)])
    assert sent.status == 200
    assert sent.body == CONTENT


async def test_many_overlapping_ranges_never_send_more_than_the_file(send_response, path):
    header = "bytes=" + ",".join(["0-"] * 99)
    sent = await send_response(ResponseFile(path), headers=[("range", header)])
    assert sent.status == 206
    assert sent.body == CONTENT


@pytest.mark.parametrize(
    "header", ["bytes=abc", "bytes=5-1", "items=0-1", "bytes 0-1", "bytes=0-1-2", "bytes=-"]
)
async def test_malformed_range_is_ignored_and_the_whole_file_sent(send_response, path, header):
    sent = await send_response(ResponseFile(path), headers=[("range", header)])
    assert sent.status == 200
    assert sent.body == CONTENT


async def test_range_is_ignored_for_other_methods(send_response, path):
    sent = await send_response(ResponseFile(path), method="POST", headers=[("range", "bytes=0-1")])
    assert sent.status == 200


async def test_range_on_head_gives_206_headers_and_no_body(send_response, path):
    sent = await send_response(ResponseFile(path), method="HEAD", headers=[("range", "bytes=0-9")])
    assert sent.status == 206
    assert sent.header("content-length") == "10"
    assert sent.body == b""


async def test_if_range_with_the_current_etag_honours_the_range(send_response, path):
    etag = ResponseFile(path).headers["etag"]
    sent = await send_response(
        ResponseFile(path), headers=[("range", "bytes=0-9"), ("if-range", etag)]
    )
    assert sent.status == 206


async def test_if_range_with_the_current_date_honours_the_range(send_response, path):
    date = ResponseFile(path).headers["last-modified"]
    sent = await send_response(
        ResponseFile(path), headers=[("range", "bytes=0-9"), ("if-range", date)]
    )
    assert sent.status == 206


@pytest.mark.parametrize(
    "if_range", ['"stale"', 'W/"weak"', "Mon, 01 Jan 2001 00:00:00 GMT", "junk"]
)
async def test_if_range_with_another_validator_sends_the_whole_file(send_response, path, if_range):
    sent = await send_response(
        ResponseFile(path), headers=[("range", "bytes=0-9"), ("if-range", if_range)]
    )
    assert sent.status == 200
    assert sent.body == CONTENT


async def test_if_none_match_with_the_etag_gets_304_without_body(send_response, path):
    etag = ResponseFile(path).headers["etag"]
    sent = await send_response(ResponseFile(path), headers=[("if-none-match", f'"x", W/{etag}')])
    assert sent.status == 304
    assert sent.body == b""
    assert sent.header("etag") == etag
    assert sent.header("content-length") is None


async def test_if_none_match_star_gets_304(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("if-none-match", "*")])
    assert sent.status == 304


async def test_if_none_match_with_another_etag_sends_the_file(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("if-none-match", '"other"')])
    assert sent.status == 200
    assert sent.body == CONTENT


async def test_if_modified_since_not_older_than_the_file_gets_304(send_response, path):
    date = formatdate(path.stat().st_mtime + 10, usegmt=True)
    sent = await send_response(ResponseFile(path), headers=[("if-modified-since", date)])
    assert sent.status == 304


async def test_if_modified_since_older_than_the_file_sends_the_file(send_response, path):
    date = formatdate(path.stat().st_mtime - 3600, usegmt=True)
    sent = await send_response(ResponseFile(path), headers=[("if-modified-since", date)])
    assert sent.status == 200


async def test_invalid_if_modified_since_is_ignored(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("if-modified-since", "yesterday")])
    assert sent.status == 200


async def test_if_none_match_takes_precedence_over_if_modified_since(send_response, path):
    date = formatdate(path.stat().st_mtime + 10, usegmt=True)
    sent = await send_response(
        ResponseFile(path), headers=[("if-none-match", '"other"'), ("if-modified-since", date)]
    )
    assert sent.status == 200


# Preconditions (RFC 9110 13.1.1, 13.1.4, evaluated in the order of 13.2.2).


@pytest.mark.parametrize("if_match", ["*", "{etag}", '"other", {etag}', ' "a" ,{etag} '])
async def test_if_match_with_the_current_etag_sends_the_file(send_response, path, if_match):
    etag = ResponseFile(path).headers["etag"]
    sent = await send_response(
        ResponseFile(path), headers=[("if-match", if_match.format(etag=etag))]
    )
    assert sent.status == 200
    assert sent.body == CONTENT


@pytest.mark.parametrize("if_match", ['"other"', "W/{etag}", '"a", "b"', ""])
async def test_if_match_without_the_etag_gets_412_without_body(send_response, path, if_match):
    response = ResponseFile(path)
    etag = response.headers["etag"]
    sent = await send_response(response, headers=[("if-match", if_match.format(etag=etag))])
    assert sent.status == 412
    assert sent.body == b""
    assert sent.header("content-length") == "0"
    assert sent.header("content-type") is None
    assert sent.header("etag") == etag  # the current validator, for the client to refetch


async def test_if_match_failing_wins_over_if_none_match_and_range(send_response, path):
    sent = await send_response(
        ResponseFile(path),
        headers=[("if-match", '"other"'), ("if-none-match", "*"), ("range", "bytes=0-9")],
    )
    assert sent.status == 412


async def test_if_match_holding_ignores_if_unmodified_since(send_response, path):
    etag = ResponseFile(path).headers["etag"]
    old = formatdate(path.stat().st_mtime - 3600, usegmt=True)
    sent = await send_response(
        ResponseFile(path), headers=[("if-match", etag), ("if-unmodified-since", old)]
    )
    assert sent.status == 200


async def test_if_unmodified_since_older_than_the_file_gets_412(send_response, path):
    old = formatdate(path.stat().st_mtime - 3600, usegmt=True)
    sent = await send_response(ResponseFile(path), headers=[("if-unmodified-since", old)])
    assert sent.status == 412
    assert sent.body == b""


@pytest.mark.parametrize("delta", [0, 3600])
async def test_if_unmodified_since_not_older_than_the_file_sends_it(send_response, path, delta):
    date = formatdate(path.stat().st_mtime + delta, usegmt=True)
    sent = await send_response(
        ResponseFile(path), headers=[("if-unmodified-since", date), ("range", "bytes=0-9")]
    )
    assert sent.status == 206
    assert sent.body == CONTENT[:10]


async def test_invalid_if_unmodified_since_is_ignored(send_response, path):
    sent = await send_response(ResponseFile(path), headers=[("if-unmodified-since", "junk")])
    assert sent.status == 200


async def test_preconditions_that_hold_still_allow_a_304(send_response, path):
    etag = ResponseFile(path).headers["etag"]
    sent = await send_response(
        ResponseFile(path), headers=[("if-match", etag), ("if-none-match", etag)]
    )
    assert sent.status == 304


async def test_head_with_a_failing_if_match_gets_412(send_response, path):
    sent = await send_response(ResponseFile(path), method="HEAD", headers=[("if-match", '"x"')])
    assert sent.status == 412


async def test_file_stops_when_the_client_disconnects(exchange, disconnect_queue, path):
    queue = disconnect_queue()
    sends = []

    async def send(message):
        sends.append(message)
        if len(sends) == 2:
            await queue.put({"type": "http.disconnect"})

    await ResponseFile(path, chunk_size=16)({"type": "http"}, exchange.receive, send)
    assert len(sends) < len(CONTENT) // 16


@pytest.mark.parametrize("chunk_size", [1000, 4096, 2 * 1024 * 1024])
async def test_large_file_goes_out_whole_in_chunk_size_pieces(send_response, tmp_path, chunk_size):
    # Larger than what one trip to the worker thread reads: several trips, same chunks.
    content = os.urandom(3 * 1024 * 1024 + 123)
    file = tmp_path / "big.bin"
    file.write_bytes(content)
    sent = await send_response(ResponseFile(file, chunk_size=chunk_size))
    bodies = [m["body"] for m in sent.messages if m["type"] == "http.response.body"]
    assert b"".join(bodies) == content
    assert all(len(body) == chunk_size for body in bodies[:-1])
    assert len(bodies) == -(-len(content) // chunk_size)
