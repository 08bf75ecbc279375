"""HTTP requests: scopes, bodies, responses and streams, on asyncio, trio and curio."""

from __future__ import annotations

import io
from typing import Any

import pytest
from multidict import CIMultiDict

from asgi_request import ASGIDecodeError, aio_sleep
from asgi_testclient import ASGITestClient, TestResponse

from .conftest import read_body, send_response


async def test_get_returns_status_headers_and_text():
    async def app(scope, receive, send):
        await send_response(send, b"OK", headers=[(b"content-type", b"text/plain; charset=utf-8")])

    client = ASGITestClient(app)
    response = await client.get("/")
    assert isinstance(response, TestResponse)
    assert response.status_code == 200
    assert isinstance(response.headers, CIMultiDict)
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content_type == "text/plain; charset=utf-8"
    assert response.media_type == "text/plain"
    assert await response.text() == "OK"
    assert await response.body() == b"OK"


async def test_scope_is_complete_per_asgi_spec():
    scopes = []

    async def app(scope, receive, send):
        scopes.append(scope)
        await send_response(send)

    client = ASGITestClient(app)
    await client.get("/a/b", query={"x": "1"}, headers={"X-Token": "t"})
    scope = scopes[0]
    assert scope["type"] == "http"
    assert scope["asgi"]["version"] == "3.0"
    assert scope["http_version"] == "1.1"
    assert scope["method"] == "GET"
    assert scope["scheme"] == "http"
    assert scope["path"] == "/a/b"
    assert scope["raw_path"] == b"/a/b"
    assert scope["query_string"] == b"x=1"
    assert scope["root_path"] == ""
    assert scope["server"] == ("localhost", 80)
    assert isinstance(scope["client"], tuple)
    assert len(scope["client"]) == 2
    headers = dict(scope["headers"])
    assert all(isinstance(n, bytes) and isinstance(v, bytes) for n, v in scope["headers"])
    assert headers[b"host"] == b"localhost"
    assert headers[b"x-token"] == b"t"
    assert "state" not in scope


async def test_base_url_sets_scheme_host_and_port(echo_app):
    client = ASGITestClient(echo_app, base_url="https://example.com:8443")
    info = await (await client.get("/")).json()
    assert info["scheme"] == "https"
    assert info["server"] == ["example.com", 8443]
    assert ["host", "example.com:8443"] in info["headers"]


async def test_path_is_percent_decoded_and_raw_path_kept(echo_app):
    client = ASGITestClient(echo_app)
    info = await (await client.get("/caf%C3%A9/a b")).json()
    assert info["path"] == "/café/a b"
    assert info["raw_path"] == "/caf%C3%A9/a%20b"


async def test_query_as_str_dict_and_in_path_are_merged(echo_app):
    client = ASGITestClient(echo_app)
    assert (await (await client.get("/", query="a=1&b=2")).json())["query_string"] == "a=1&b=2"
    info = await (await client.get("/?z=0", query={"a": [1, 2], "b": "x y"})).json()
    assert info["query_string"] == "z=0&a=1&a=2&b=x+y"


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "head", "options"])
async def test_method_shortcuts_send_their_method(echo_app, method):
    client = ASGITestClient(echo_app)
    response = await getattr(client, method)("/")
    assert response.status_code == 200
    if method != "head":
        assert (await response.json())["method"] == method.upper()


async def test_bytes_body_has_content_length(echo_app):
    client = ASGITestClient(echo_app)
    info = await (await client.post("/", data=b"hello")).json()
    assert info["body"] == "hello"
    assert ["content-length", "5"] in info["headers"]


async def test_str_body_is_utf8(echo_app):
    client = ASGITestClient(echo_app)
    info = await (await client.post("/", data="é")).json()
    assert info["body"].encode("latin-1").decode() == "é"


async def test_dict_body_is_urlencoded(echo_app):
    client = ASGITestClient(echo_app)
    info = await (await client.post("/", data={"a": "1", "b": "x y"})).json()
    assert info["body"] == "a=1&b=x+y"
    assert ["content-type", "application/x-www-form-urlencoded"] in info["headers"]


async def test_json_body_sets_content_type(echo_app):
    client = ASGITestClient(echo_app)
    info = await (await client.post("/", json={"a": [1, 2]})).json()
    assert info["body"] == '{"a":[1,2]}'
    assert ["content-type", "application/json"] in info["headers"]


async def test_dict_with_files_is_multipart_with_filenames_and_types(echo_app):
    client = ASGITestClient(echo_app)
    upload = io.BytesIO(b"PNGDATA")
    upload.name = "/tmp/picture.png"
    data = {"title": "hi", "image": upload, "notes": ("notes.txt", b"some text", "text/plain")}
    info = await (await client.post("/", data=data)).json()
    content_type = dict(info["headers"])["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=")[1]
    body = info["body"]
    assert body.startswith(f"--{boundary}\r\n")
    assert body.endswith(f"--{boundary}--\r\n")
    assert 'Content-Disposition: form-data; name="title"\r\n\r\nhi\r\n' in body
    assert (
        'name="image"; filename="picture.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n' in body
    )
    assert 'name="notes"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nsome text' in body


async def test_multipart_escapes_quotes_and_newlines_in_names(echo_app):
    client = ASGITestClient(echo_app)
    data = {'a"b\r\nX-Evil: 1': ('x"y\n.txt', b"1")}
    body = (await (await client.post("/", data=data)).json())["body"]
    assert 'name="a%22b%0D%0AX-Evil: 1"; filename="x%22y%0A.txt"' in body
    assert "\r\nX-Evil" not in body


async def test_async_generator_function_body_is_streamed_chunk_by_chunk():
    received = []

    async def app(scope, receive, send):
        more = True
        while more:
            message = await receive()
            received.append(message["body"])
            more = message["more_body"]
        headers = dict(scope["headers"])
        await send_response(send, headers[b"transfer-encoding"])

    async def stream():
        for n in range(3):
            yield b"chunk%d" % n
            await aio_sleep(0)

    client = ASGITestClient(app)
    response = await client.post("/", data=stream)
    assert await response.body() == b"chunked"
    assert received == [b"chunk0", b"chunk1", b"chunk2", b""]


async def test_async_iterable_body_is_streamed():
    async def app(scope, receive, send):
        await send_response(send, await read_body(receive))

    async def stream():
        yield b"a"
        yield "b"

    client = ASGITestClient(app)
    assert await (await client.post("/", data=stream())).body() == b"ab"


async def test_data_and_json_together_are_refused(echo_app):
    client = ASGITestClient(echo_app)
    with pytest.raises(ValueError, match="either data or json"):
        await client.post("/", data=b"x", json={"a": 1})


async def test_header_with_newline_is_refused(echo_app):
    client = ASGITestClient(echo_app)
    with pytest.raises(ValueError, match="CR, LF or NUL"):
        await client.get("/", headers={"x-a": "1\r\nx-b: 2"})


async def test_json_of_invalid_body_raises_decode_error():
    async def app(scope, receive, send):
        await send_response(send, b"not json")

    response = await ASGITestClient(app).get("/")
    with pytest.raises(ASGIDecodeError):
        await response.json()


async def test_text_uses_the_charset_of_the_content_type():
    async def app(scope, receive, send):
        await send_response(
            send, "é".encode("latin-1"), headers=[(b"content-type", b"text/plain; charset=latin-1")]
        )

    response = await ASGITestClient(app).get("/")
    assert await response.text() == "é"


async def test_stream_yields_chunks_while_the_app_produces_them():
    progress: list[str] = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for n in range(3):
            progress.append(f"sent{n}")
            await send({"type": "http.response.body", "body": b"chunk%d" % n, "more_body": True})
            await aio_sleep(0.01)
        await send({"type": "http.response.body", "body": b""})

    client = ASGITestClient(app)
    response = await client.get("/")
    chunks = []
    async for chunk in response.stream():
        chunks.append(chunk)
        # The app has not gone further than the chunk we hold (it is still running).
        assert progress[-1] == f"sent{len(chunks) - 1}"
    assert chunks == [b"chunk0", b"chunk1", b"chunk2"]


async def test_endless_sse_stream_is_read_incrementally_and_left_early():
    events: list[Any] = []

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/event-stream")],
            }
        )
        n = 0
        try:
            while True:
                await send(
                    {"type": "http.response.body", "body": b"data: %d\n\n" % n, "more_body": True}
                )
                n += 1
                await aio_sleep(0.001)
        except OSError:
            events.append("send refused after disconnect")
            raise

    client = ASGITestClient(app)
    response = await client.get("/events")
    stream = response.stream()
    received = [await stream.__anext__() for _ in range(3)]
    await stream.aclose()
    assert received == [b"data: 0\n\n", b"data: 1\n\n", b"data: 2\n\n"]
    assert events == ["send refused after disconnect"]


async def test_leaving_a_stream_sends_http_disconnect_to_the_app():
    seen: list[str] = []

    async def app(scope, receive, send):
        await read_body(receive)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"first", "more_body": True})
        message = await receive()  # waits until the client goes away
        seen.append(message["type"])

    client = ASGITestClient(app)
    response = await client.get("/")
    async for chunk in response.stream():
        assert chunk == b"first"
        break
    await response.close()
    assert seen == ["http.disconnect"]


async def test_breaking_out_of_a_stream_disconnects_the_endless_app():
    stopped: list[str] = []

    async def app(scope, receive, send):
        await read_body(receive)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        try:
            while True:
                await send({"type": "http.response.body", "body": b"tick", "more_body": True})
                await aio_sleep(0.001)
        except OSError:
            stopped.append("send refused after disconnect")
            raise

    response = await ASGITestClient(app).get("/")
    count = 0
    async for chunk in response.stream():
        assert chunk == b"tick"
        count += 1
        if count == 3:
            break  # no close(): leaving the loop is enough
    for _ in range(500):
        if stopped:
            break
        await aio_sleep(0.002)
    assert stopped == ["send refused after disconnect"]


async def test_breaking_out_of_a_stream_wakes_an_app_waiting_for_disconnect(aiolib):
    seen: list[str] = []

    async def app(scope, receive, send):
        await read_body(receive)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"first", "more_body": True})
        seen.append((await receive())["type"])

    response = await ASGITestClient(app).get("/")
    async for _ in response.stream():
        break
    if aiolib[0] == "curio":
        # curio starts no task from synchronous code: there, close() (still useful after the
        # drop) brings the news to an application that only waits in receive().
        await response.close()
    for _ in range(500):
        if seen:
            break
        await aio_sleep(0.002)
    assert seen == ["http.disconnect"]


async def test_receive_after_the_response_returns_http_disconnect():
    seen: list[str] = []

    async def app(scope, receive, send):
        await read_body(receive)
        await send_response(send, b"done")
        seen.append((await receive())["type"])

    response = await ASGITestClient(app).get("/")
    assert await response.body() == b"done"
    assert seen == ["http.disconnect"]


async def test_work_after_the_final_body_completes_before_the_request_returns():
    done: list[str] = []

    async def app(scope, receive, send):
        await send_response(send, b"ok")
        await aio_sleep(0.01)  # a background task, as BackgroundMiddleware runs them
        done.append("background")

    response = await ASGITestClient(app).get("/")
    assert response.status_code == 200
    assert done == ["background"]


async def test_app_exception_is_raised_in_the_test():
    async def app(scope, receive, send):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await ASGITestClient(app).get("/")


async def test_app_exception_after_the_response_is_raised_in_the_test():
    async def app(scope, receive, send):
        await send_response(send, b"ok")
        raise RuntimeError("late boom")

    with pytest.raises(RuntimeError, match="late boom"):
        await ASGITestClient(app).get("/")


async def test_timeout_raises_and_cancels_the_app():
    state: list[str] = []

    async def app(scope, receive, send):
        try:
            await aio_sleep(10)
        except BaseException:
            state.append("cancelled")
            raise

    client = ASGITestClient(app)
    with pytest.raises(TimeoutError, match=r"did not answer GET /slow within 0\.05s"):
        await client.get("/slow", timeout=0.05)
    assert state == ["cancelled"]


async def test_timeout_applies_while_reading_a_stalled_body():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await aio_sleep(10)

    response = await ASGITestClient(app).get("/", timeout=0.05)
    with pytest.raises(TimeoutError):
        await response.body()


async def test_body_after_stream_is_refused():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"a", "more_body": True})
        await aio_sleep(0.01)
        await send({"type": "http.response.body", "body": b"b"})

    response = await ASGITestClient(app).get("/")
    assert [chunk async for chunk in response.stream()] == [b"a", b"b"]
    with pytest.raises(Exception, match="consumed by stream"):
        await response.body()


async def test_stream_after_body_yields_the_cached_body():
    async def app(scope, receive, send):
        await send_response(send, b"cached")

    response = await ASGITestClient(app).get("/")
    assert await response.body() == b"cached"
    assert [chunk async for chunk in response.stream()] == [b"cached"]


async def test_body_of_an_endless_stream_stops_at_max_size():
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        while True:
            await send({"type": "http.response.body", "body": b"x" * 1024, "more_body": True})
            await aio_sleep(0)

    response = await ASGITestClient(app).get("/")
    with pytest.raises(Exception, match="over 10000 bytes"):
        await response.body(max_size=10000)


async def test_client_headers_are_sent_with_every_request_unless_overridden(echo_app):
    client = ASGITestClient(echo_app, headers={"x-api": "1", "user-agent": "mine"})
    info = await (await client.get("/")).json()
    assert ["x-api", "1"] in info["headers"]
    assert ["user-agent", "mine"] in info["headers"]
    info = await (await client.get("/", headers={"X-Api": "2"})).json()
    assert ["x-api", "2"] in info["headers"]
    assert ["x-api", "1"] not in info["headers"]


async def test_absolute_url_sets_scheme_host_and_port(echo_app):
    client = ASGITestClient(echo_app)
    info = await (await client.get("https://api.example.org:8443/v1?a=1")).json()
    assert info["scheme"] == "https"
    assert info["server"] == ["api.example.org", 8443]
    assert info["path"] == "/v1"
    assert info["query_string"] == "a=1"
    assert ["host", "api.example.org:8443"] in info["headers"]


async def test_query_as_a_list_of_pairs(echo_app):
    client = ASGITestClient(echo_app)
    info = await (await client.get("/", query=[("a", "1"), ("a", "2")])).json()
    assert info["query_string"] == "a=1&a=2"


async def test_get_without_body_sends_no_content_length(echo_app):
    info = await (await ASGITestClient(echo_app).get("/")).json()
    assert "content-length" not in dict(info["headers"])


async def test_response_is_not_collected_as_a_test_class():
    assert TestResponse.__test__ is False
    assert ASGITestClient.__test__ is False


async def test_slow_request_stream_is_not_a_timeout_while_the_app_reads_it():
    async def app(scope, receive, send):
        await send_response(send, await read_body(receive))

    async def stream():
        for n in range(5):
            await aio_sleep(0.04)
            yield b"%d" % n

    # 0.2 s in all, more than the timeout, but the app reads a chunk every 0.04 s.
    response = await ASGITestClient(app).post("/", data=stream, timeout=0.1)
    assert await response.body() == b"01234"


async def test_several_files_in_one_field_are_all_sent(echo_app):
    first, second = io.BytesIO(b"one"), io.BytesIO(b"two")
    first.name, second.name = "a.txt", "b.csv"
    info = await (await ASGITestClient(echo_app).post("/", data={"docs": [first, second]})).json()
    body = info["body"]
    assert 'name="docs"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\none\r\n' in body
    assert 'name="docs"; filename="b.csv"\r\nContent-Type: text/csv\r\n\r\ntwo\r\n' in body


async def test_request_stream_the_app_stops_reading_is_closed_when_it_returns():
    closed = []

    async def endless():
        try:
            while True:
                yield b"x" * 1024
        finally:
            closed.append(True)

    async def app(scope, receive, send):
        await receive()  # one chunk, then refuse the rest
        await send_response(send, b"too large", status=413)

    response = await ASGITestClient(app).post("/", data=endless)
    assert response.status_code == 413
    assert closed == [True]


async def test_any_method_is_a_shortcut_like_the_named_ones(echo_app):
    client = ASGITestClient(echo_app)
    via_attribute = await (await client.propfind("/caldav")).json()
    via_request = await (await client.request("/caldav", method="PROPFIND")).json()
    assert via_attribute == via_request
    assert via_attribute["method"] == "PROPFIND"


async def test_method_shortcut_passes_every_keyword(echo_app):
    client = ASGITestClient(echo_app)
    response = await client.mkcol("/dav", query={"a": "1"}, data=b"hi", headers={"X-A": "b"})
    info = await response.json()
    assert info["method"] == "MKCOL"
    assert info["query_string"] == "a=1"
    assert info["body"] == "hi"
    assert ["x-a", "b"] in info["headers"]


async def test_method_tokens_that_are_not_identifiers_work_through_getattr(echo_app):
    client = ASGITestClient(echo_app)
    response = await getattr(client, "version-control")("/v")
    assert (await response.json())["method"] == "VERSION-CONTROL"


@pytest.mark.parametrize("name", ["_private", "__deepcopy__", "__length_hint__", "a b", "x/y", ""])
def test_names_that_are_not_method_tokens_raise_attribute_error(name):
    client = ASGITestClient(lambda *_: None)
    with pytest.raises(AttributeError):
        getattr(client, name)
    assert not hasattr(client, name)


def test_the_client_can_still_be_copied():
    # copy probes dunder names on the instance: they must not turn into requests.
    import copy

    client = ASGITestClient(lambda *_: None)
    clone = copy.copy(client)
    assert clone.app is client.app
    assert clone.cookies is client.cookies


async def test_a_method_that_is_not_a_token_is_refused(echo_app):
    with pytest.raises(ValueError, match="method token"):
        await ASGITestClient(echo_app).request("/", method="GET /admin")
