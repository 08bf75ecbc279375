"""The demo app under uvicorn and hypercorn, driven by httpx and the websockets library."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

pytestmark = pytest.mark.server

STATIC = Path(__file__).resolve().parents[2] / "examples" / "static"


def ws_url(server: str, path: str) -> str:
    return server.replace("http://", "ws://") + path


def test_index_is_html_with_an_upload_form(http):
    response = http.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'enctype="multipart/form-data"' in response.text


def test_json_api_with_path_params(http):
    response = http.get("/api/users/1")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"id": 1, "name": "Ada"}


def test_json_api_put_body_and_query(http):
    response = http.put("/api/users/2/items/7", params={"q": "search"}, json={"qty": 3})
    assert response.json() == {"user": 2, "item": 7, "query": {"q": "search"}, "body": {"qty": 3}}


def test_json_api_unknown_user_is_404(http):
    response = http.get("/api/users/999")
    assert response.status_code == 404
    assert response.json() == {"error": "user not found"}


def test_unknown_path_is_404_and_wrong_method_405(http):
    assert http.get("/no/such/page").status_code == 404
    response = http.delete("/api/users/1")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


def test_invalid_json_body_is_400(http):
    response = http.put(
        "/api/users/1/items/1", content=b"{broken", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400


def test_multipart_upload(http):
    payload = bytes(range(256)) * 400
    response = http.post(
        "/upload",
        data={"note": "hello"},
        files={"file": ("blob.bin", payload, "application/octet-stream")},
    )
    assert response.status_code == 200
    assert response.json() == {
        "files": [{"field": "file", "filename": "blob.bin", "size": len(payload)}],
        "fields": {"note": "hello"},
    }


def test_static_file(http):
    response = http.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert response.content == (STATIC / "style.css").read_bytes()


def test_static_range_request(http):
    data = (STATIC / "data.txt").read_bytes()
    response = http.get("/static/data.txt", headers={"range": "bytes=100-199"})
    assert response.status_code == 206
    assert response.headers["content-range"] == f"bytes 100-199/{len(data)}"
    assert response.content == data[100:200]


def test_static_unsatisfiable_range_is_416(http):
    response = http.get("/static/data.txt", headers={"range": "bytes=99999999-"})
    assert response.status_code == 416


def test_static_conditional_request_is_304(http):
    etag = http.get("/static/style.css").headers["etag"]
    assert http.get("/static/style.css", headers={"if-none-match": etag}).status_code == 304


def test_static_never_leaves_its_folder(http):
    for path in ("/static/%2e%2e/demo.py", "/static/..%2fdemo.py", "/static/%2e%2e%2fdemo.py"):
        response = http.get(path)
        assert response.status_code in (400, 404), path
        assert b"ResponseSSE" not in response.content


def test_sse_clock_streams_events_incrementally(http):
    # An endless clock: reading three events proves the body is streamed, not buffered.
    events = []
    with http.stream("GET", "/sse/clock", params={"interval": "0.05"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("event:"):
                events.append(line)
            if len(events) == 3:
                break
    assert events == ["event: tick"] * 3


def test_sse_clock_with_a_count_ends(http):
    response = http.get("/sse/clock", params={"count": "2", "interval": "0.01"})
    assert response.text.count("event: tick") == 2
    assert "id: 1" in response.text


def test_websocket_echo_text_and_bytes(server):
    with connect(ws_url(server, "/ws/echo"), open_timeout=10, close_timeout=5) as ws:
        ws.send("ping")
        assert ws.recv(timeout=10) == "ping"
        ws.send(b"\x00\x01binary")
        assert ws.recv(timeout=10) == b"\x00\x01binary"
        ws.send(json.dumps({"a": 1}))
        assert json.loads(ws.recv(timeout=10)) == {"a": 1}


def test_websocket_unknown_path_is_rejected(server):
    with pytest.raises(InvalidStatus) as info:
        connect(ws_url(server, "/ws/nowhere"), open_timeout=10)
    assert info.value.response.status_code in (403, 404)


def test_head_request_has_no_body(http):
    response = http.head("/")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0


def test_server_survives_a_client_that_disconnects_mid_stream(server):
    with (
        httpx.Client(base_url=server, timeout=10.0) as first,
        first.stream("GET", "/sse/clock", params={"interval": "0.01"}) as response,
    ):
        next(response.iter_lines())
    with httpx.Client(base_url=server, timeout=10.0) as second:
        assert second.get("/api/users/1").status_code == 200


def test_routes_answer_under_a_server_root_path(root_path_server):
    # uvicorn prepends --root-path to `path` (the proxy stripped it): the app routes on the rest.
    with httpx.Client(base_url=root_path_server, timeout=10.0) as client:
        assert client.get("/api/users/1").json() == {"id": 1, "name": "Ada"}
        assert client.get("/static/style.css").status_code == 200
