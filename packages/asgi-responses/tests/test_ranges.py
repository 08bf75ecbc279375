from __future__ import annotations

import pytest

from asgi_responses import MAX_RANGES, parse_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-9", [(0, 9)]),
        ("bytes=0-", [(0, 99)]),
        ("bytes=-10", [(90, 99)]),
        ("bytes=-1000", [(0, 99)]),
        ("bytes=90-1000", [(90, 99)]),
        ("BYTES = 0-0", [(0, 0)]),
        ("bytes=0-9,,20-29", [(0, 9), (20, 29)]),
        ("bytes=20-29,0-9", [(0, 9), (20, 29)]),
        ("bytes=0-9,10-19", [(0, 19)]),
        ("bytes=0-50,10-20", [(0, 50)]),
        ("bytes=100-,-0", []),
        ("bytes=" + "9" * 5000 + "-", []),
        ("bytes=0-" + "9" * 5000, [(0, 99)]),
        ("bytes=a-b", None),
        ("bytes=9-0", None),
        ("bytes=0+1", None),
        ("lines=0-1", None),
        ("bytes", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, 100) == expected


def test_parse_range_ignores_more_than_max_ranges():
    header = "bytes=" + ",".join(["0-0"] * (MAX_RANGES + 1))
    assert parse_range(header, 100) is None


def test_parse_range_of_an_empty_file_is_unsatisfiable():
    assert parse_range("bytes=0-", 0) == []
    assert parse_range("bytes=-5", 0) == []


def test_parse_range_handles_a_megabyte_header():
    assert parse_range("bytes=" + "0-0," * 250_000, 100) is None
    assert parse_range("bytes=0-" + "1" * 1_000_000, 100) == [(0, 99)]
