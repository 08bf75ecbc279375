"""Errors become responses: 404/405/400/413/500, on_error handlers, debug mode."""

from __future__ import annotations

import logging

import pytest

from asgi_app import App, ASGIDecodeError, ResponseError, ResponseRedirect
from asgi_testclient import ASGITestClient


async def test_raised_response_error_becomes_its_response(app, client):
    @app.route("/")
    async def index(request):
        raise ResponseError("Invalid request data", 400)

    response = await client.get("/")
    assert response.status_code == 400
    assert await response.text() == "Invalid request data"


async def test_raised_redirect_becomes_its_response(app, client):
    @app.route("/user")
    async def user(request):
        raise ResponseRedirect("/login")

    response = await client.get("/user", follow_redirect=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/login"


async def test_invalid_json_body_is_400(app, client):
    @app.route("/", methods=["POST"])
    async def index(request):
        return await request.json()

    response = await client.post(
        "/", data=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400


async def test_body_over_the_default_limit_is_413(app, client):
    @app.route("/", methods=["POST"])
    async def index(request):
        await request.body()
        return "read"

    response = await client.post("/", data=b"x" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 413


async def test_unhandled_error_is_500_and_logged(app, client, caplog):
    @app.route("/")
    async def index(request):
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        response = await client.get("/")
    assert response.status_code == 500
    assert "boom" not in await response.text()
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


async def test_debug_mode_raises_unhandled_errors():
    app = App(debug=True)

    @app.route("/")
    async def index(request):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await ASGITestClient(app).get("/")


async def test_debug_mode_logs_each_request_and_its_route(caplog):
    app = App(debug=True)

    @app.route("/users/{id:int}")
    async def user(request):
        return "u"

    with caplog.at_level(logging.DEBUG, logger="asgi-tools"):
        await ASGITestClient(app).get("/users/3")
    messages = [record.getMessage() for record in caplog.records if record.levelno == logging.DEBUG]
    assert any("/users/3" in message and "GET" in message for message in messages)


async def test_on_error_handler_found_along_the_mro(app, client):
    @app.on_error(LookupError)
    async def lookup(request, error):
        return f"lookup: {type(error).__name__}"

    @app.route("/")
    async def index(request):
        raise KeyError("k")

    response = await client.get("/")
    assert response.status_code == 200
    assert await response.text() == "lookup: KeyError"


async def test_on_error_most_specific_handler_wins(app, client):
    @app.on_error(Exception)
    async def generic(request, error):
        return "generic"

    @app.on_error(TimeoutError)
    async def timeout(request, error):
        return "Something bad happens"

    @app.route("/")
    async def index(request):
        raise TimeoutError

    assert await (await client.get("/")).text() == "Something bad happens"


async def test_sync_error_handler_works(app, client):
    @app.on_error(ValueError)
    def value_error(request, error):
        return 422, "bad value"

    @app.route("/")
    async def index(request):
        raise ValueError("v")

    response = await client.get("/")
    assert response.status_code == 422
    assert await response.text() == "bad value"


async def test_error_handler_body_status_tuple(app, client):
    @app.on_error(ResponseError)
    async def process_http_errors(request, response_error):
        if response_error.status_code == 404:
            return "<h1>no such page</h1>", 404
        return response_error

    response = await client.get("/nowhere")
    assert response.status_code == 404
    assert await response.text() == "<h1>no such page</h1>"


async def test_response_error_handler_sees_405_and_can_return_it(app, client):
    seen = []

    @app.on_error(ResponseError)
    async def process_http_errors(request, response_error):
        seen.append(response_error.status_code)
        return response_error

    @app.route("/", methods=["POST"])
    async def index(request):
        return "ok"

    response = await client.get("/")
    assert response.status_code == 405
    assert "POST" in response.headers["allow"]
    assert seen == [405]


async def test_response_error_handler_customizes_413():
    app = App(max_body_size=4)

    @app.on_error(ResponseError)
    async def errors(request, error):
        return f"error {error.status_code}", error.status_code

    @app.route("/", methods=["POST"])
    async def index(request):
        return await request.body()

    response = await ASGITestClient(app).post("/", data=b"123456")
    assert response.status_code == 413
    assert await response.text() == "error 413"


async def test_catch_all_handler_does_not_swallow_404(app, client):
    @app.on_error(Exception)
    async def generic(request, error):
        return 500, "oops"

    assert (await client.get("/missing")).status_code == 404


async def test_specific_client_error_handler_is_used(app, client):
    @app.on_error(ASGIDecodeError)
    async def decode(request, error):
        return 422, "cannot decode"

    @app.route("/", methods=["POST"])
    async def index(request):
        return await request.json()

    response = await client.post("/", data=b"{", headers={"content-type": "application/json"})
    assert response.status_code == 422


async def test_failing_error_handler_is_a_500(app, client, caplog):
    @app.on_error(ValueError)
    async def broken(request, error):
        raise RuntimeError("handler broke")

    @app.route("/")
    async def index(request):
        raise ValueError

    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        response = await client.get("/")
    assert response.status_code == 500


async def test_on_error_rejects_what_is_not_an_exception_class(app):
    with pytest.raises(TypeError):
        app.on_error("ValueError")
    with pytest.raises(TypeError):
        app.on_error(int)


async def test_custom_logger_gets_the_errors():
    logger = logging.getLogger("my-app-tests")
    app = App(logger=logger)

    @app.route("/")
    async def index(request):
        raise RuntimeError("custom")

    records = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        assert (await ASGITestClient(app).get("/")).status_code == 500
    finally:
        logger.removeHandler(handler)
    assert records


async def test_error_while_sending_is_logged_not_raised(app, client, caplog):
    async def broken_stream():
        yield "first"
        raise RuntimeError("stream broke")

    from asgi_app import ResponseStream

    @app.route("/")
    async def index(request):
        return ResponseStream(broken_stream())

    @app.route("/ok")
    async def ok(request):
        return "ok"

    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        try:
            response = await client.get("/")
            await response.body()
        except Exception:  # the client may report the unfinished response: that is its right
            pass
    assert any("stream broke" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert (await client.get("/ok")).status_code == 200


async def test_error_while_sending_is_raised_in_debug_mode():
    from asgi_app import ResponseStream

    app = App(debug=True)

    async def broken_stream():
        yield "first"
        raise RuntimeError("stream broke")

    @app.route("/")
    async def index(request):
        return ResponseStream(broken_stream())

    async def fetch():
        response = await ASGITestClient(app).get("/")
        await response.body()

    with pytest.raises(RuntimeError, match="stream broke"):
        await fetch()


async def test_malformed_multipart_is_400(app, client):
    @app.route("/", methods=["POST"])
    async def index(request):
        return dict(await request.form())

    response = await client.post(
        "/",
        data=b"--xyz\r\nContent-Disposition: form-data\r\n\r\nno closing boundary",
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert response.status_code == 400


async def test_form_over_max_size_is_413(app, client):
    @app.route("/", methods=["POST"])
    async def index(request):
        return dict(await request.form(max_size=10))

    response = await client.post("/", data={"field": "x" * 100})
    assert response.status_code == 413


async def test_client_disconnect_while_reading_sends_nothing(app, drive, http_scope, caplog):
    @app.route("/", methods=["POST"])
    async def index(request):
        return await request.body()

    scope = http_scope("/", "POST", headers=[(b"host", b"x"), (b"content-length", b"100")])
    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        partial_body = {"type": "http.request", "body": b"abc", "more_body": True}
        sent = await drive(app, scope, [partial_body])
    assert sent == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_error_response_never_leaks_the_exception(app, client):
    @app.route("/")
    async def index(request):
        raise RuntimeError("secret database password")

    response = await client.get("/")
    assert "secret" not in await response.text()


async def test_hostile_header_value_from_handler_is_refused_not_sent(app, client, caplog):
    @app.route("/")
    async def index(request):
        from asgi_app import ResponseText

        return ResponseText("x", headers={"x-injected": "a\r\nset-cookie: evil=1"})

    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        response = await client.get("/")
    assert response.status_code >= 400
    assert "set-cookie" not in response.headers
    assert "x-injected" not in response.headers


async def test_result_that_cannot_be_encoded_is_500_and_logged(app, client, caplog):
    @app.route("/set")
    async def unencodable(request):
        return {"values": {1, 2}}

    res = await client.get("/set")
    assert res.status_code == 500
    assert "unhandled error on GET /set" in caplog.text


async def test_result_that_cannot_be_encoded_is_500_behind_a_middleware(app, client, caplog):
    @app.middleware
    async def passthrough(handler, request, receive, send):
        return await handler(request, receive, send)

    @app.route("/set")
    async def unencodable(request):
        return {"values": {1, 2}}

    res = await client.get("/set")
    assert res.status_code == 500
    assert "unhandled error on GET /set" in caplog.text


async def test_result_that_cannot_be_encoded_reaches_on_error(app, client):
    @app.on_error(Exception)
    async def fallback(request, error):
        return "fallback", 503

    @app.route("/set")
    async def unencodable(request):
        return {"values": {1, 2}}

    res = await client.get("/set")
    assert res.status_code == 503
    assert await res.text() == "fallback"


async def test_result_that_cannot_be_encoded_is_raised_in_debug_mode():
    from asgi_testclient import ASGITestClient

    app = App(debug=True)

    @app.route("/set")
    async def unencodable(request):
        return {"values": {1, 2}}

    with pytest.raises(Exception, match="JSON"):
        await ASGITestClient(app).get("/set")


async def test_send_raising_oserror_is_a_client_that_left_not_an_error(app, http_scope, caplog):
    # ASGI 2.4: a server raises an OSError subclass from send() once the client has gone.
    @app.route("/")
    async def index(request):
        return "hello"

    async def receive():
        return {"type": "http.disconnect"}

    async def send(message):
        raise ConnectionResetError("the client has gone")

    with caplog.at_level(logging.DEBUG, logger="asgi-tools"):
        await app(http_scope("/", "GET", headers=[(b"host", b"x")]), receive, send)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("client left" in r.getMessage() for r in caplog.records)
