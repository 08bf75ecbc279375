"""The Request examples of the reference (asgi-tools API), run as printed.

``Response`` lives in asgi-responses, which this package does not depend on: a tiny local
``respond`` sends the same two ASGI messages in its place.
"""

from __future__ import annotations

from asgi_request import Request


async def respond(send, content: str | bytes, content_type: str = "text/plain") -> None:
    body = content.encode() if isinstance(content, str) else content
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def scope_for(method="GET", path="/", body_headers=()):
    return {
        "type": "http",
        "version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "root_path": "",
        "query_string": b"q=1",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/json"),
            (b"authorization", b"Bearer token"),
            (b"cookie", b"session=s3cr3t"),
            *body_headers,
        ],
        "server": ("testserver", 80),
    }


def messages_of(body_chunks):
    queue = [
        {"type": "http.request", "body": chunk, "more_body": i < len(body_chunks) - 1}
        for i, chunk in enumerate(body_chunks)
    ]

    async def receive():
        return queue.pop(0)

    sent = []

    async def send(message):
        sent.append(message)

    return receive, send, sent


async def test_reference_app_example_answers_method_and_path():
    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        content = f"{request.method} {request.url.path}"
        await respond(send, content)

    receive, send, sent = messages_of([b""])
    await app(scope_for("GET", "/hello"), receive, send)
    assert sent[1]["body"] == b"GET /hello"


async def test_reference_mapping_example():
    scope = scope_for()
    receive, send, _ = messages_of([b""])
    request = Request(scope, receive, send)
    assert request["version"] == scope["version"]
    assert request["method"] == scope["method"]
    assert request["scheme"] == scope["scheme"]
    assert request["path"] == scope["path"]
    assert request.version == scope["version"]
    assert request.method == scope["method"]
    assert request.scheme == scope["scheme"]


def test_reference_headers_example():
    request = Request(scope_for())
    assert request.headers["content-type"]
    assert request.headers["authorization"]


def test_reference_cookies_example():
    request = Request(scope_for())
    ses = request.cookies.get("session")
    assert ses == "s3cr3t"


def test_reference_url_example():
    request = Request(scope_for(path="/a"))
    assert str(request.url) == "http://testserver/a?q=1"
    assert request.url.scheme
    assert request.url.host
    assert request.url.query is not None
    assert request.url.query_string is not None


async def test_reference_stream_example():
    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        body = b""
        async for chunk in request.stream():
            body += chunk
        await respond(send, body, content_type=request.content_type)

    receive, send, sent = messages_of([b"chunk1", b"chunk2"])
    await app(scope_for("POST"), receive, send)
    assert sent[1]["body"] == b"chunk1chunk2"
    assert (b"content-type", b"application/json") in sent[0]["headers"]


async def test_reference_body_text_json_form_data_examples():
    receive, send, _ = messages_of([b'{"a"', b": 1}"])
    request = Request(scope_for("POST"), receive, send)
    body = await request.body()
    assert body == b'{"a": 1}'
    text = await request.text()
    assert text == '{"a": 1}'
    json = await request.json()
    assert json == {"a": 1}
    data = await request.data()
    assert data == {"a": 1}

    form_headers = [(b"content-type", b"application/x-www-form-urlencoded")]
    receive, send, _ = messages_of([b"a=1&b=2"])
    scope = scope_for("POST")
    scope["headers"] = form_headers
    request = Request(scope, receive, send)
    formdata = await request.form()
    assert formdata["a"] == "1"
