"""The public parsing helpers siblings reuse: headers, options headers, cookies, query."""

from __future__ import annotations

import time

import pytest
from multidict import CIMultiDict, MultiDict

from asgi_request import (
    find_header,
    parse_cookies,
    parse_headers,
    parse_options_header,
    parse_query,
)


def test_parse_headers_decodes_latin1_and_keeps_repeats():
    headers = parse_headers([(b"X-A", b"1"), (b"x-a", b"2"), (b"x-b", b"\xe9")])
    assert isinstance(headers, CIMultiDict)
    assert headers.getall("x-a") == ["1", "2"]
    assert headers["X-B"] == "\u00e9"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ("", {})),
        ("text/plain", ("text/plain", {})),
        ("Text/Plain ; Charset=UTF-8", ("text/plain", {"charset": "UTF-8"})),
        (
            'form-data; name="a;b"; filename="x \\"y\\".txt"',
            ("form-data", {"name": "a;b", "filename": 'x "y".txt'}),
        ),
        (
            'form-data; name="f"; filename="C:\\dir\\file.txt"',
            ("form-data", {"name": "f", "filename": "C:\\dir\\file.txt"}),
        ),
        ("a; novalue; b=2", ("a", {"b": "2"})),
        ("a; b=1; b=2", ("a", {"b": "1"})),
        ('a; b="unterminated', ("a", {"b": "unterminated"})),
        (
            "attachment; filename*=UTF-8''na%C3%AFve%20file.txt",
            ("attachment", {"filename": "na\u00efve file.txt"}),
        ),
        (
            "attachment; filename=\"plain.txt\"; filename*=utf-8''%E2%82%AC.txt",
            ("attachment", {"filename": "\u20ac.txt"}),
        ),
        (
            "attachment; filename*=iso-8859-1'en'%A3%20rates",
            ("attachment", {"filename": "\u00a3 rates"}),
        ),
        ("a; title*0*=us-ascii'en'This%20is; title*1=\" long\"", ("a", {"title": "This is long"})),
        ("a; x*=unknown-cs''%41", ("a", {"x": "A"})),
    ],
)
def test_parse_options_header(value, expected):
    assert parse_options_header(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        'a; b="' + "\\x" * 40000,
        "a; " + 'b="\\"' * 20000,
        "a" + ";" * 80000,
        "a; " + "x*0*=" * 20000,
        "a; b=" + "=" * 80000,
        'a; b="' + ";" * 80000,
        'a; b="x";' * 20000,
        'a; b=""' * 20000,
    ],
)
def test_parse_options_header_is_fast_on_hostile_values(value):
    start = time.perf_counter()
    parse_options_header(value)
    # Linear parsing does this in milliseconds; a backtracking one would take minutes.
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", {}),
        ("a=1", {"a": "1"}),
        ("a=1; b=2;c=3", {"a": "1", "b": "2", "c": "3"}),
        ("a=1; a=2", {"a": "1"}),
        ('q="quoted value"', {"q": "quoted value"}),
        ('q="with \\"escapes\\" \\073"', {"q": 'with "escapes" ;'}),
        ("noequals; =novalue; x=", {"x": ""}),
        ("tok=abc==; e=a=b", {"tok": "abc==", "e": "a=b"}),
        ('half="open', {"half": '"open'}),
        ("\u00e9=\u00e9; ;;", {"\u00e9": "\u00e9"}),
        ("a=\\", {"a": "\\"}),
        ('a="\\"', {"a": "\\"}),
    ],
)
def test_parse_cookies_is_tolerant(header, expected):
    assert parse_cookies(header) == expected


@pytest.mark.parametrize(
    ("qs", "expected"),
    [
        (b"", []),
        ("a=1&b=2", [("a", "1"), ("b", "2")]),
        (b"a=&b", [("a", ""), ("b", "")]),
        (b"a=1&&a=2&", [("a", "1"), ("a", "2")]),
        (b"x=a+b%20c&y=%E2%82%AC", [("x", "a b c"), ("y", "\u20ac")]),
        (b"bad=%ff&half=%e2%82", [("bad", "\ufffd"), ("half", "\ufffd")]),
        (b"raw=\xc3\xa9", [("raw", "\u00e9")]),
        (b"eq=a=b", [("eq", "a=b")]),
    ],
)
def test_parse_query(qs, expected):
    result = parse_query(qs)
    assert isinstance(result, MultiDict)
    assert list(result.items()) == expected


def test_find_header_returns_the_first_value_whatever_the_case_of_the_name():
    raw = [(b"Host", b"a.example"), (b"x-a", b"1"), (b"host", b"b.example"), (b"x-b", b"\xe9")]
    assert find_header(raw, b"host") == "a.example"
    assert find_header(raw, b"x-b") == "\u00e9"
    assert find_header(raw, b"x-c") is None
    assert find_header([], b"host") is None
