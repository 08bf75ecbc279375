"""The JSON codec shared by requests and responses."""

from __future__ import annotations

import pytest
from multidict import CIMultiDict

from asgi_request import json_dumps, json_loads


def test_json_dumps_is_compact_utf8():
    assert json_dumps({"a": [1, 2], "b": "caf\u00e9"}) == '{"a":[1,2],"b":"caf\u00e9"}'.encode()


def test_json_dumps_takes_str_subclass_keys_such_as_header_names():
    headers = CIMultiDict({"Host": "example.com"})
    assert json_loads(json_dumps({**headers})) == {"Host": "example.com"}


def test_json_dumps_still_refuses_what_is_not_json():
    with pytest.raises(TypeError):
        json_dumps({"a": object()})


def test_json_loads_reads_bytes_and_str():
    assert json_loads(b'{"a": 1}') == {"a": 1}
    assert json_loads("[true, null]") == [True, None]
