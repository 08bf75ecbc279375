"""RequestMiddleware and ResponseMiddleware, with the reference's examples."""

from __future__ import annotations

import pytest

from asgi_middlewares import (
    RequestMiddleware,
    ResponseMiddleware,
    RouterMiddleware,
    SendRefusedError,
    StaticFilesMiddleware,
    respond,
)
from asgi_request import ASGIDecodeError, Request
from asgi_responses import (
    Response,
    ResponseError,
    ResponseRedirect,
    ResponseStream,
    ResponseText,
)


async def test_request_middleware_passes_a_request_reference_example(call):
    async def app(request, receive, send):
        content = f"{request.method} {request.url.path}"
        response = Response(content)
        await response(request, receive, send)

    app = RequestMiddleware(app)
    res = await call(app, "/some/path", "POST")
    assert res.status == 200
    assert res.body == b"POST /some/path"


async def test_request_middleware_leaves_other_scope_types_alone(make_scope):
    seen = []

    async def app(scope, receive, send):
        seen.append(scope)

    scope = make_scope(scope_type="lifespan")
    await RequestMiddleware(app)(scope, None, None)
    assert seen == [scope]
    assert not isinstance(seen[0], Request)


async def test_request_middleware_wraps_websocket_scopes(make_scope):
    seen = []

    async def app(scope, receive, send):
        seen.append(scope)

    await RequestMiddleware(app)(make_scope("/ws", scope_type="websocket"), None, None)
    assert isinstance(seen[0], Request)


def _reference_response_app():
    async def app(scope, receive, send):
        if scope["path"] == "/user":
            raise ResponseRedirect("/login")
        if scope["method"] == "GET":
            return "<b>HTML is here</b>"
        if scope["method"] == "POST":
            return {"json": "here"}
        if scope["method"] == "PUT":
            return ResponseText("response is here")
        return 405, "Unknown method"

    return ResponseMiddleware(app)


async def test_response_middleware_turns_a_raised_redirect_into_a_response(call):
    res = await call(_reference_response_app(), "/user")
    assert res.status == 307
    assert res.headers["location"] == "/login"


async def test_response_middleware_turns_a_str_into_html(call):
    res = await call(_reference_response_app(), "/")
    assert res.status == 200
    assert res.headers["content-type"].startswith("text/html")
    assert res.body == b"<b>HTML is here</b>"


async def test_response_middleware_turns_a_dict_into_json(call):
    res = await call(_reference_response_app(), "/", "POST")
    assert res.headers["content-type"].startswith("application/json")
    assert res.body.replace(b" ", b"") == b'{"json":"here"}'


async def test_response_middleware_sends_a_returned_response_as_it_is(call):
    res = await call(_reference_response_app(), "/", "PUT")
    assert res.headers["content-type"].startswith("text/plain")
    assert res.body == b"response is here"


async def test_response_middleware_reads_status_body_tuples(call):
    res = await call(_reference_response_app(), "/", "DELETE")
    assert res.status == 405
    assert res.body == b"Unknown method"


async def test_response_middleware_reads_status_body_headers_tuples(call):
    async def app(scope, receive, send):
        return 201, "made", {"x-id": "7"}

    res = await call(ResponseMiddleware(app), "/")
    assert res.status == 201
    assert res.headers["x-id"] == "7"
    assert res.body == b"made"


async def test_response_middleware_404_reference_example(call):
    async def app(request, receive, send):
        return 404, "Not Found"

    res = await call(ResponseMiddleware(app), "/")
    assert res.status == 404
    assert res.headers["content-type"].startswith("text/html")
    assert res.body == b"Not Found"


async def test_response_middleware_turns_a_raised_error_into_its_response(call):
    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        if not request.method == "POST":
            raise ResponseError("Invalid request data", 400)
        return "OK"

    app = ResponseMiddleware(app)
    res = await call(app, "/", "GET")
    assert res.status == 400
    assert res.body == b"Invalid request data"
    assert (await call(app, "/", "POST")).body == b"OK"


async def test_response_middleware_redirect_reference_example_with_request(call):
    async def app(scope, receive, send):
        request = Request(scope, receive, send)
        if not request.headers.get("authorization"):
            raise ResponseRedirect("/login")
        return "OK"

    app = ResponseMiddleware(app)
    assert (await call(app, "/")).headers["location"] == "/login"
    assert (await call(app, "/", headers=[("Authorization", "x")])).body == b"OK"


async def test_response_middleware_refuses_a_direct_send(call):
    async def app(scope, receive, send):
        await Response("sent directly")(scope, receive, send)

    with pytest.raises(SendRefusedError, match="return it"):
        await call(ResponseMiddleware(app), "/")


async def test_response_middleware_answers_client_errors_with_their_status(call):
    async def app(scope, receive, send):
        raise ASGIDecodeError("invalid JSON")

    res = await call(ResponseMiddleware(app), "/")
    assert res.status == 400
    assert b"invalid JSON" in res.body


async def test_response_middleware_lets_server_errors_propagate(call):
    async def app(scope, receive, send):
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        await call(ResponseMiddleware(app), "/")


async def test_response_middleware_leaves_websockets_untouched(make_scope, exchange):
    async def app(scope, receive, send):
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.close", "code": 1000})

    await ResponseMiddleware(app)(make_scope("/ws", scope_type="websocket"), None, exchange.send)
    assert [m["type"] for m in exchange.messages] == ["websocket.accept", "websocket.close"]


async def test_response_middleware_without_app_answers_404(call):
    assert (await call(ResponseMiddleware(), "/")).status == 404


async def test_request_and_response_middlewares_stack(call):
    async def app(request, receive, send):
        return {"path": request.url.path, "method": request.method}

    res = await call(ResponseMiddleware(RequestMiddleware(app)), "/x", "PATCH")
    assert res.body.replace(b" ", b"") == b'{"path":"/x","method":"PATCH"}'


async def test_response_middleware_sends_what_inner_middlewares_answer(call, tmp_path):
    (tmp_path / "a.txt").write_text("file")
    router = RouterMiddleware(StaticFilesMiddleware(folders=[tmp_path]))
    router.route("/post", methods=["POST"])(lambda scope, receive, send: None)
    app = ResponseMiddleware(router)
    assert (await call(app, "/static/a.txt")).body == b"file"
    assert (await call(app, "/static/b.txt")).status == 404
    assert (await call(app, "/post")).status == 405
    assert (await call(app, "/elsewhere")).status == 404


async def test_respond_sends_or_hands_the_response_back(call):
    async def app(scope, receive, send):
        return await respond(ResponseText("either way"), scope, receive, send)

    assert (await call(app, "/")).body == b"either way"
    assert (await call(ResponseMiddleware(app), "/")).body == b"either way"


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(lambda q: ResponseText("ok", headers={"x-user": q}), id="response-header"),
        pytest.param(lambda q: (200, "ok", {"x-user": q}), id="tuple-header"),
        pytest.param(lambda q: ResponseText("ok", content_type=q), id="content-type"),
    ],
)
async def test_response_refused_for_cr_lf_in_a_header_is_400_before_anything_is_sent(call, result):
    async def app(scope, receive, send):
        return result("a\r\nset-cookie: pwned=1")

    res = await call(ResponseMiddleware(app))
    assert res.status == 400
    assert res.complete
    assert all(b"pwned" not in value for _, value in res.messages[0]["headers"])


async def test_response_failing_after_it_started_is_not_answered_twice(call):
    class Broken(Response):
        async def __call__(self, scope, receive, send):
            await send({"type": "http.response.start", "status": 200, "headers": []})
            raise ASGIDecodeError("broke after the start")

    async def app(scope, receive, send):
        return Broken("x")

    exchange_messages = []

    async def send(message):
        exchange_messages.append(message)

    with pytest.raises(ASGIDecodeError):
        await ResponseMiddleware(app)(
            {"type": "http", "method": "GET", "path": "/", "headers": []}, None, send
        )
    assert [m["type"] for m in exchange_messages] == ["http.response.start"]


async def test_refused_response_does_not_echo_the_refused_value(call):
    async def app(scope, receive, send):
        return ResponseText("ok", headers={"x-user": "<script>\r\n"})

    res = await call(ResponseMiddleware(app))
    assert res.status == 400
    assert b"<script>" not in res.body


async def test_stream_refused_for_cr_lf_in_a_header_is_400_before_anything_is_sent(call):
    async def chunks():
        yield "never sent"

    async def app(scope, receive, send):
        return ResponseStream(chunks(), headers={"x-user": "a\r\nset-cookie: pwned=1"})

    res = await call(ResponseMiddleware(app))
    assert res.status == 400
    assert res.complete
    assert b"never sent" not in res.body
