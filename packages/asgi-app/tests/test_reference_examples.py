"""Every code example of the API reference, run as printed (with CONTRACT.md's mends).

"L<n>" is the line of the example in ``shared/seed/asgi-tools-api-reference.txt``. The
examples sleep for whole seconds; the ``fast_sleep`` fixture makes ``asgi_tools.utils.aio_sleep``
return at once so the examples run unchanged in a test suite.
"""

from __future__ import annotations

import time

import pytest

from asgi_tools.tests import ASGITestClient


@pytest.fixture
def fast_sleep(monkeypatch):
    import asgi_tools.utils

    real_sleep = asgi_tools.utils.aio_sleep
    monkeypatch.setattr(asgi_tools.utils, "aio_sleep", lambda seconds=0: real_sleep(0))


@pytest.fixture
def scope(http_scope):
    return http_scope(
        "/path",
        version="1.1",
        query_string=b"page=2",
        headers=[
            (b"host", b"example.com"),
            (b"content-type", b"application/json"),
            (b"authorization", b"Bearer token"),
            (b"cookie", b"session=abc; theme=dark"),
        ],
    )


# ------------------------------------------------------------------------------- Request
async def test_l20_request_in_a_raw_app():
    from asgi_tools import Request, Response

    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        content = f"{request.method} {request.url.path}"
        response = Response(content)
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/some/path")
    assert await response.text() == "GET /some/path"


async def test_l30_request_is_a_mapping_over_the_scope(scope):
    from asgi_tools import Request

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        pass

    request = Request(scope, receive, send)
    assert request["version"] == scope["version"]
    assert request["method"] == scope["method"]
    assert request["scheme"] == scope["scheme"]
    assert request["path"] == scope["path"]

    assert request.version == scope["version"]
    assert request.method == scope["method"]
    assert request.scheme == scope["scheme"]


async def test_l47_headers(scope):
    from asgi_tools import Request

    request = Request(scope)
    assert request.headers["content-type"]
    assert request.headers["authorization"]


async def test_l58_cookies(scope):
    from asgi_tools import Request

    request = Request(scope)
    ses = request.cookies.get("session")
    assert ses == "abc"


async def test_l76_url(scope):
    from asgi_tools import Request

    request = Request(scope)
    assert str(request.url) == "http://example.com/path?page=2"
    assert request.url.scheme
    assert request.url.host
    assert request.url.query is not None
    assert request.url.query_string is not None


async def test_l95_stream():
    from asgi_tools import Request, Response

    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        body = b""
        async for chunk in request.stream():
            body += chunk

        response = Response(body, content_type=request.content_type)
        await response(scope, receive, send)

    response = await ASGITestClient(app).post(
        "/", data=b"streamed body", headers={"content-type": "text/plain"}
    )
    assert await response.text() == "streamed body"
    assert response.headers["content-type"].startswith("text/plain")


async def test_l113_to_l170_body_text_form_json_data():
    from asgi_tools import App

    app = App()

    @app.route("/body", methods=["POST"])
    async def body_(request):
        body = await request.body()
        return {"body": body.decode()}

    @app.route("/text", methods=["POST"])
    async def text_(request):
        text = await request.text()
        return {"text": text}

    @app.route("/form", methods=["POST"])
    async def form_(request):
        formdata = await request.form()
        return dict(formdata)

    @app.route("/json", methods=["POST"])
    async def json_(request):
        json = await request.json()
        return json  # noqa: RET504 - as the reference prints it

    @app.route("/data", methods=["POST"])
    async def data_(request):
        data = await request.data()
        return {"type": type(data).__name__}

    client = ASGITestClient(app)
    assert await (await client.post("/body", data=b"raw")).json() == {"body": "raw"}
    assert await (await client.post("/text", data="text")).json() == {"text": "text"}
    assert await (await client.post("/form", data={"a": "1"})).json() == {"a": "1"}
    assert await (await client.post("/json", json={"j": [1]})).json() == {"j": [1]}
    response = await client.post("/data", json={"d": 1})
    assert await response.json() == {"type": "dict"}


# ------------------------------------------------------------------------------ Responses
async def test_l195_response():
    from asgi_tools import Response

    async def app(scope, receive, send):
        response = Response("Hello, world!", content_type="text/plain")
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/")
    assert await response.text() == "Hello, world!"
    assert response.headers["content-type"].startswith("text/plain")


async def test_l224_response_cookies():
    from asgi_tools import Response

    async def app(scope, receive, send):
        response = Response("OK")
        response.cookies["rocky"] = "road"
        response.cookies["rocky"]["path"] = "/cookie"
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/")
    set_cookie = response.headers["set-cookie"]
    assert "rocky=road" in set_cookie
    assert "Path=/cookie" in set_cookie


@pytest.mark.parametrize(
    ("name", "content", "content_type", "body"),
    [
        ("ResponseText", "Hello, world!", "text/plain", b"Hello, world!"),
        ("ResponseHTML", "<h1>Hello, world!</h1>", "text/html", b"<h1>Hello, world!</h1>"),
        ("ResponseJSON", {"hello": "world"}, "application/json", b'{"hello":"world"}'),
    ],
)
async def test_l245_l265_l287_typed_responses(name, content, content_type, body):
    import asgi_tools

    response_class = getattr(asgi_tools, name)

    async def app(scope, receive, send):
        response = response_class(content)
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/")
    assert response.headers["content-type"].startswith(content_type)
    assert (await response.body()).replace(b" ", b"") == body.replace(b" ", b"")


async def test_l312_redirect():
    from asgi_tools import ResponseRedirect

    async def app(scope, receive, send):
        response = ResponseRedirect("/login")
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/", follow_redirect=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/login"


async def test_l320_raised_redirect_in_response_middleware():
    from asgi_tools import Request, ResponseMiddleware, ResponseRedirect

    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        if not request.headers.get("authorization"):  # L324: string closed
            raise ResponseRedirect("/login")

        return "OK"

    app = ResponseMiddleware(app)
    client = ASGITestClient(app)
    assert (await client.get("/", follow_redirect=False)).status_code == 307
    response = await client.get("/", headers={"authorization": "yes"})
    assert await response.text() == "OK"


async def test_l341_response_error():
    from asgi_tools import ResponseError

    async def app(scope, receive, send):
        response = ResponseError("Timeout", 502)
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/")
    assert response.status_code == 502
    assert await response.text() == "Timeout"


async def test_l349_raised_response_error_in_response_middleware():
    from asgi_tools import Request, ResponseError, ResponseMiddleware

    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        if not request.method == "POST":
            raise ResponseError("Invalid request data", 400)

        return "OK"

    app = ResponseMiddleware(app)
    client = ASGITestClient(app)
    assert (await client.get("/")).status_code == 400
    assert await (await client.post("/")).text() == "OK"


async def test_l362_response_error_status_names():
    from asgi_tools import ResponseError

    response = ResponseError.BAD_REQUEST("invalid data")
    assert response.status_code == 400
    response = ResponseError.NOT_FOUND()
    assert response.status_code == 404
    response = ResponseError.BAD_GATEWAY()
    assert response.status_code == 502


async def test_l378_response_stream(fast_sleep):
    from asgi_tools import ResponseStream
    from asgi_tools.utils import aio_sleep  # for compatability with different async libs

    async def stream_response():
        for number in range(10):
            await aio_sleep(1)
            yield str(number)

    async def app(scope, receive, send):
        generator = stream_response()
        response = ResponseStream(generator, content_type="plain/text")
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/")
    assert await response.text() == "0123456789"


async def test_l402_response_sse(fast_sleep):
    from asgi_tools import ResponseSSE
    from asgi_tools.utils import aio_sleep  # for compatability with different async libs

    async def stream_response():
        for number in range(10):
            await aio_sleep(1)
            # The response support messages as text
            yield "data: message text"

            # And as dictionaties as weel
            yield {
                "event": "ping",
                "data": time.time(),
            }

    async def app(scope, receive, send):
        generator = stream_response()
        response = ResponseSSE(generator)
        await response(scope, receive, send)

    response = await ASGITestClient(app).get("/")
    assert response.headers["content-type"].startswith("text/event-stream")
    text = await response.text()
    assert text.count("data: message text\n\n") == 10
    assert text.count("event: ping\n") == 10


async def test_l437_response_file(tmp_path):
    from asgi_tools import ResponseFile

    (tmp_path / "my_best_selfie.jpeg").write_bytes(b"\xff\xd8selfie")
    (tmp_path / "video-2020-01-01.mp4").write_bytes(b"movie bytes")

    async def app(scope, receive, send):
        # Return file
        if scope["path"] == "/selfie":
            response = ResponseFile(tmp_path / "my_best_selfie.jpeg")

        # Download file
        else:
            response = ResponseFile(tmp_path / "video-2020-01-01.mp4", filename="movie.mp4")

        await response(scope, receive, send)

    client = ASGITestClient(app)
    selfie = await client.get("/selfie")
    assert await selfie.body() == b"\xff\xd8selfie"
    assert selfie.headers["content-type"] == "image/jpeg"
    movie = await client.get("/movie")
    assert await movie.body() == b"movie bytes"
    assert "movie.mp4" in movie.headers["content-disposition"]


async def test_l464_response_websocket():
    from asgi_tools import ResponseWebSocket, ResponseWebsocket

    assert ResponseWebsocket is ResponseWebSocket

    async def app(scope, receive, send):
        async with ResponseWebSocket(scope, receive, send) as ws:
            msg = await ws.receive()
            assert msg == "ping"
            await ws.send("pong")

    async with ASGITestClient(app).websocket("/") as ws:
        await ws.send("ping")
        assert await ws.receive() == "pong"


# ---------------------------------------------------------------------------- Middlewares
async def test_l531_request_middleware():
    from asgi_tools import RequestMiddleware, Response

    async def app(request, receive, send):
        content = f"{request.method} {request.url.path}"
        response = Response(content)
        await response(request, receive, send)  # L536: `scope` read as `request`

    app = RequestMiddleware(app)
    response = await ASGITestClient(app).get("/req")
    assert await response.text() == "GET /req"


async def test_l549_response_middleware():
    from asgi_tools import ResponseMiddleware, ResponseRedirect, ResponseText

    async def app(scope, receive, send):
        # ResponseMiddleware catches ResponseError, ResponseRedirect and convert the exceptions
        # into HTTP response
        if scope["path"] == "/user":
            raise ResponseRedirect("/login")

        # Return ResponseHTML
        if scope["method"] == "GET":
            return "<b>HTML is here</b>"

        # Return ResponseJSON
        if scope["method"] == "POST":
            return {"json": "here"}

        # Return any response explicitly
        if scope["method"] == "PUT":
            return ResponseText("response is here")

        # Short form to responses: (status_code, body) or (status_code, body, headers)
        return 405, "Unknown method"

    app = ResponseMiddleware(app)
    client = ASGITestClient(app)
    assert (await client.get("/user", follow_redirect=False)).status_code == 307
    html = await client.get("/")
    assert html.headers["content-type"].startswith("text/html")
    assert await html.text() == "<b>HTML is here</b>"
    assert await (await client.post("/")).json() == {"json": "here"}
    assert await (await client.put("/")).text() == "response is here"
    assert (await client.delete("/")).status_code == 405


async def test_l584_response_middleware_tuple():
    from asgi_tools import ResponseMiddleware

    # The result will be converted into HTML 404 response with the 'Not Found' body
    async def app(request, receive, send):
        return 404, "Not Found"

    app = ResponseMiddleware(app)
    response = await ASGITestClient(app).get("/")
    assert response.status_code == 404
    assert await response.text() == "Not Found"


async def test_l613_lifespan_middleware(capsys):
    from asgi_tools import LifespanMiddleware, Response

    async def app(scope, receive, send):
        response = Response("OK")
        await response(scope, receive, send)

    app = lifespan = LifespanMiddleware(app)

    @lifespan.on_startup
    async def start():
        print("The app is starting")

    @lifespan.on_shutdown
    async def start():  # noqa: F811 - the reference reuses the name
        print("The app is finishing")

    client = ASGITestClient(app)
    async with client.lifespan():
        assert capsys.readouterr().out == "The app is starting\n"
        assert await (await client.get("/")).text() == "OK"
    assert capsys.readouterr().out == "The app is finishing\n"

    # Lifespan middleware may be used as an async context manager for testing purposes
    async with lifespan:
        pass
    assert capsys.readouterr().out == "The app is starting\nThe app is finishing\n"


async def test_l661_router_middleware():
    import re

    from asgi_tools import ResponseError, ResponseHTML, RouterMiddleware

    async def default_app(scope, receive, send):
        response = ResponseError.NOT_FOUND()
        await response(scope, receive, send)

    app = router = RouterMiddleware(default_app)

    @router.route("/status", "/stat")
    async def status(scope, receive, send):
        response = ResponseHTML("STATUS OK")
        await response(scope, receive, send)

    # Bind methods
    # ------------
    @router.route("/only-post", methods=["POST"])
    async def only_post(scope, receive, send):
        response = ResponseHTML("POST OK")
        await response(scope, receive, send)

    # Regexp paths
    # ------------
    @router.route(re.compile(r"/\d+/?"))
    async def num(scope, receive, send):
        num = int(scope["path"].strip("/"))
        response = ResponseHTML(f"Number {num}")
        await response(scope, receive, send)

    # Dynamic paths
    # -------------

    @router.route("/hello/{name}")
    async def hello(scope, receive, send):
        name = scope["path_params"]["name"]
        response = ResponseHTML(f"Hello {name.title()}")
        await response(scope, receive, send)

    # Set regexp for params
    @router.route(r"/multiply/{first:\d+}/{second:\d+}")
    async def multiply(scope, receive, send):
        first, second = map(int, scope["path_params"].values())
        response = ResponseHTML(str(first * second))
        await response(scope, receive, send)

    client = ASGITestClient(app)
    assert await (await client.get("/stat")).text() == "STATUS OK"
    assert await (await client.post("/only-post")).text() == "POST OK"
    assert (await client.get("/only-post")).status_code == 405
    assert await (await client.get("/42/")).text() == "Number 42"
    assert await (await client.get("/hello/ada")).text() == "Hello Ada"
    assert await (await client.get("/multiply/6/7")).text() == "42"
    assert (await client.get("/nowhere")).status_code == 404


async def test_l727_static_files_middleware(tmp_path, monkeypatch):
    from asgi_tools import ResponseHTML, StaticFilesMiddleware

    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "hello.txt").write_text("static hello")
    monkeypatch.chdir(tmp_path)

    async def app(scope, receive, send):
        response = ResponseHTML("OK")  # L730: string closed
        await response(scope, receive, send)

    # Files from static folder will be served from /static
    app = StaticFilesMiddleware(app, folders=["static"])
    client = ASGITestClient(app)
    assert await (await client.get("/static/hello.txt")).text() == "static hello"
    assert await (await client.get("/")).text() == "OK"


async def test_l742_background_middleware(fast_sleep):
    from asgi_tools import BackgroundMiddleware, ResponseText
    from asgi_tools.utils import aio_sleep

    done = []

    async def task():
        await aio_sleep(1)  # asyncio.sleep read as aio_sleep
        done.append(True)

    async def app(scope, receive, send):
        response = ResponseText("OK")  # L745: string closed

        # Schedule any awaitable for later execution
        BackgroundMiddleware.set_task(task())

        # Return response immediately
        await response(scope, receive, send)

        # The task will be executed after the response is sent

    app = BackgroundMiddleware(app)
    response = await ASGITestClient(app).get("/")
    assert await response.text() == "OK"
    assert done == [True]


# ---------------------------------------------------------------------------- Application
def render_template(name: str) -> str:
    """The reference's `render_template`, as a small local function."""
    return f"<h1>{name}</h1>"


async def test_l828_on_error_examples():
    from asgi_tools import App, ResponseError

    app = App()

    @app.on_error(TimeoutError)
    async def timeout(request, error):
        return "Something bad happens"

    @app.on_error(ResponseError)
    async def process_http_errors(request, response_error):
        if response_error.status_code == 404:
            return render_template("page_not_found.html"), 404
        return response_error

    @app.route("/timeout")
    async def slow(request):
        raise TimeoutError

    @app.route("/post-only", methods=["POST"])
    async def post_only(request):
        return "posted"

    client = ASGITestClient(app)
    assert await (await client.get("/timeout")).text() == "Something bad happens"
    missing = await client.get("/missing")
    assert missing.status_code == 404
    assert await missing.text() == "<h1>page_not_found.html</h1>"
    assert (await client.get("/post-only")).status_code == 405


async def test_l847_middleware_examples():
    from asgi_tools import App, Request, ResponseError

    def classic_middleware(app):
        async def handler(scope, receive, send):
            if not Request(scope, receive, send).headers.get("authorization"):
                response = ResponseError.UNAUTHORIZED()
                await response(scope, receive, send)
            else:
                await app(scope, receive, send)

        return handler

    app = App()

    @app.route("/")
    async def index(request):
        return "index"

    # Classic (any ASGI middleware)
    wrapped = classic_middleware(app)
    assert (await ASGITestClient(wrapped).get("/")).status_code == 401

    # As an alternative, register a "classic" middleware
    app.middleware(classic_middleware)

    # Register an internal middleware (the middleware function is async)
    # The middlewares is guaranted to get a response from app and have to return a response
    @app.middleware
    async def simple_middleware(app, request, receive, send):
        response = await app(request, receive, send)
        response.headers["x-agent"] = "SimpleX"
        return response

    client = ASGITestClient(app)
    assert (await client.get("/")).status_code == 401
    response = await client.get("/", headers={"authorization": "token"})
    assert response.headers["x-agent"] == "SimpleX"
    assert await response.text() == "index"


async def test_l893_http_view():
    from asgi_tools import App, HTTPView

    app = App()

    @app.route("/custom")
    class CustomEndpoint(HTTPView):
        async def get(self, request):
            return "Hello from GET"

        async def post(self, request):
            return "Hello from POST"

    # ...
    async def test_my_endpoint(client):
        response = await client.get("/custom")
        assert await response.text() == "Hello from GET"

        response = await client.post("/custom")
        assert await response.text() == "Hello from POST"

        response = await client.put("/custom")
        assert response.status_code == 405

    await test_my_endpoint(ASGITestClient(app))


# ----------------------------------------------------------------------------- TestClient
async def test_l947_test_client_request():
    from asgi_tools import App
    from asgi_tools.tests import ASGITestClient

    app = App()  # L950: `Application` read as `App`

    @app.route("/")
    async def index(request):
        return "OK"

    async def test_app():
        client = ASGITestClient(app)
        response = await client.get("/")
        assert response.status_code == 200
        assert await response.text() == "OK"

    await test_app()


async def test_l964_stream_request(fast_sleep):
    from asgi_tools import App
    from asgi_tools.utils import aio_sleep

    app = App()
    received = []

    @app.route("/")
    async def index(request):
        async for chunk in request.stream():
            received.append(chunk)
        return "OK"

    async def test_app():
        client = ASGITestClient(app)

        async def stream():
            for n in range(10):
                yield b"chunk%d" % n
                await aio_sleep(1)

        response = await client.get("/", data=stream)
        assert response.status_code == 200

    await test_app()
    assert b"".join(received) == b"".join(b"chunk%d" % n for n in range(10))


async def test_l976_stream_response(fast_sleep):
    from asgi_tools import App, ResponseStream
    from asgi_tools.utils import aio_sleep

    app = App()

    @app.route("/")
    async def index(request):
        async def stream():
            for n in range(10):
                yield b"chunk%d" % n
                await aio_sleep(1)

        return ResponseStream(stream)

    async def test_app():
        client = ASGITestClient(app)
        response = await client.get("/")
        assert response.status_code == 200
        chunks = 0
        async for chunk in response.stream():
            assert chunk.startswith(b"chunk")
            chunks += 1
        assert chunks

    await test_app()


async def test_l1019_websocket():
    from asgi_tools import App, ResponseWebSocket
    from asgi_tools.tests import ASGITestClient

    app = App()  # L1022: `Application` read as `App`

    @app.route("/websocket")
    async def websocket(request):
        async with ResponseWebSocket(request) as ws:
            msg = await ws.receive()
            assert msg == "ping"
            await ws.send("pong")

    async def test_app():
        client = ASGITestClient(app)
        async with client.websocket("/websocket") as ws:
            await ws.send("ping")
            msg = await ws.receive()
            assert msg == "pong"

    await test_app()


async def test_l1050_lifespan():
    from asgi_tools import ResponseHTML
    from asgi_tools.tests import ASGITestClient

    SIDE_EFFECTS = {"started": False, "finished": False}

    async def app(scope, receive, send):
        # Process lifespan events
        if scope["type"] == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    SIDE_EFFECTS["started"] = True
                    await send({"type": "lifespan.startup.complete"})

                elif msg["type"] == "lifespan.shutdown":
                    SIDE_EFFECTS["finished"] = True
                    await send({"type": "lifespan.shutdown.complete"})
                    return

        # Otherwise return HTML response
        await ResponseHTML("OK")(scope, receive, send)

    client = ASGITestClient(app)  # L1072: `Client` read as `ASGITestClient`

    async with client.lifespan():
        assert SIDE_EFFECTS["started"]
        assert not SIDE_EFFECTS["finished"]
        res = await client.get("/")
        assert res.status_code == 200

    assert SIDE_EFFECTS["started"]
    assert SIDE_EFFECTS["finished"]
