"""Any split of a valid body into chunks parses exactly as the whole body does."""

from __future__ import annotations

import base64

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asgi_request import MultipartParser, URLEncodedParser

BOUNDARY = "----fuzzBoundary7MA4YWxk"

FIELD_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40
)
NAME_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
CONTENT = st.one_of(
    st.binary(max_size=300),
    # Content full of near-boundaries stresses the seam between chunks.
    st.lists(
        st.sampled_from([b"\r", b"\n", b"-", b"\r\n--", b"\r\n--" + BOUNDARY.encode()[:-1], b"x"]),
        max_size=30,
    ).map(b"".join),
)


def encode(parts: list[tuple[str, bytes, bool, bool]]) -> bytes:
    out = bytearray(b"preamble\r\n")
    for i, (name, content, is_file, as_base64) in enumerate(parts):
        out += f"--{BOUNDARY}\r\n".encode()
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        disposition = f'form-data; name="{quoted}"'
        if is_file:
            disposition += f'; filename="file{i}.bin"'
        out += b"Content-Disposition: " + disposition.encode() + b"\r\n"
        if as_base64:
            out += b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(content)
        else:
            out += b"\r\n" + content
        out += b"\r\n"
    out += f"--{BOUNDARY}--\r\nepilogue".encode()
    return bytes(out)


def cuts(draw_indices: list[int], size: int) -> list[int]:
    return sorted({i % (size + 1) for i in draw_indices})


def snapshot(form) -> list[tuple[str, object]]:
    result: list[tuple[str, object]] = []
    for key, value in form.items():
        if isinstance(value, str):
            result.append((key, value))
        else:
            result.append((key, (value.filename, value.read())))
            value.close()
    return result


def parse_multipart(body: bytes, positions: list[int]) -> list[tuple[str, object]]:
    parser = MultipartParser(BOUNDARY, file_memory_limit=64)
    start = 0
    for cut in [*positions, len(body)]:
        parser.feed(body[start:cut])
        start = cut
    return snapshot(parser.close())


PARTS = st.lists(
    st.tuples(NAME_TEXT, CONTENT, st.booleans(), st.booleans()), min_size=0, max_size=5
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(parts=PARTS, indices=st.lists(st.integers(min_value=0), max_size=20))
def test_multipart_random_splits_parse_identically(parts, indices):
    # Text fields must be valid UTF-8: make non-file contents text.
    parts = [
        (name, content if is_file else content.decode("latin-1").encode(), is_file, b64)
        for name, content, is_file, b64 in parts
    ]
    body = encode(parts)
    whole = parse_multipart(body, [])
    assert parse_multipart(body, cuts(indices, len(body))) == whole
    expected = [
        (name, (f"file{i}.bin", content) if is_file else content.decode())
        for i, (name, content, is_file, _) in enumerate(parts)
    ]
    assert whole == expected


@settings(max_examples=40, deadline=None)
@given(parts=PARTS)
def test_multipart_one_byte_at_a_time_parses_identically(parts):
    parts = [(n, c if f else c.decode("latin-1").encode(), f, b) for n, c, f, b in parts]
    body = encode(parts)
    assert parse_multipart(body, list(range(1, len(body)))) == parse_multipart(body, [])


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(st.tuples(FIELD_TEXT, FIELD_TEXT), max_size=8),
    indices=st.lists(st.integers(min_value=0), max_size=20),
)
def test_urlencoded_random_splits_parse_identically(pairs, indices):
    from urllib.parse import quote_plus

    body = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs).encode()

    def run(positions):
        parser = URLEncodedParser()
        start = 0
        for cut in [*positions, len(body)]:
            parser.feed(body[start:cut])
            start = cut
        return list(parser.close().items())

    whole = run([])
    assert run(cuts(indices, len(body))) == whole
    assert run(list(range(1, len(body)))) == whole
    assert whole == pairs
