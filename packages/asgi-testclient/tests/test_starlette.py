"""The client against a Starlette application (Starlette runs on asyncio and trio only)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pytest

pytest.importorskip("starlette")

from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, StreamingResponse
from starlette.routing import Route, WebSocketRoute

from asgi_request import aio_sleep
from asgi_testclient import ASGITestClient, ASGIWebSocketRejectedError

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.websockets import WebSocket


@pytest.fixture(params=["asyncio", "trio"])
def aiolib(request):
    """Starlette is built on anyio, which has no curio backend."""
    return request.param


async def hello(request: Request) -> PlainTextResponse:
    return PlainTextResponse(f"hello {request.query_params.get('name', 'world')}")


async def echo_json(request: Request) -> JSONResponse:
    return JSONResponse({"got": await request.json(), "method": request.method})


async def echo_form(request: Request) -> JSONResponse:
    async with request.form() as form:  # closes the spooled upload files
        upload = form["file"]
        return JSONResponse(
            {
                "name": form["name"],
                "filename": upload.filename,
                "content_type": upload.content_type,
                "content": (await upload.read()).decode(),
            }
        )


async def login(request: Request) -> RedirectResponse:
    response = RedirectResponse("/me", status_code=303)
    response.set_cookie("session", "s3cret", path="/")
    return response


async def me(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.cookies.get("session", "anonymous"))


async def events(request: Request) -> StreamingResponse:
    async def endless():
        n = 0
        while True:
            yield f"data: {n}\n\n"
            n += 1
            await aio_sleep(0.001)

    return StreamingResponse(endless(), media_type="text/event-stream")


async def state(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.state.db)


async def ws_echo(websocket: WebSocket) -> None:
    await websocket.accept(subprotocol="chat")
    text = await websocket.receive_text()
    await websocket.send_json({"echo": text})
    await websocket.close(code=4002, reason="bye")


async def ws_refuse(websocket: WebSocket) -> None:
    await websocket.close(code=1008)


@contextlib.asynccontextmanager
async def lifespan(app):
    yield {"db": "connected"}


app = Starlette(
    routes=[
        Route("/", hello),
        Route("/json", echo_json, methods=["POST", "PUT"]),
        Route("/form", echo_form, methods=["POST"]),
        Route("/login", login, methods=["POST"]),
        Route("/me", me),
        Route("/events", events),
        Route("/state", state),
        WebSocketRoute("/ws", ws_echo),
        WebSocketRoute("/refuse", ws_refuse),
    ],
    lifespan=lifespan,
)


async def test_starlette_text_and_query():
    response = await ASGITestClient(app).get("/", query={"name": "you"})
    assert response.status_code == 200
    assert response.media_type == "text/plain"
    assert await response.text() == "hello you"


async def test_starlette_json_body():
    response = await ASGITestClient(app).put("/json", json={"a": [1, 2]})
    assert await response.json() == {"got": {"a": [1, 2]}, "method": "PUT"}


async def test_starlette_multipart_upload():
    pytest.importorskip("multipart")
    data = {"name": "doc", "file": ("notes.txt", b"some notes", "text/plain")}
    response = await ASGITestClient(app).post("/form", data=data)
    assert await response.json() == {
        "name": "doc",
        "filename": "notes.txt",
        "content_type": "text/plain",
        "content": "some notes",
    }


async def test_starlette_unknown_route_and_method():
    client = ASGITestClient(app)
    assert (await client.get("/nope")).status_code == 404
    assert (await client.get("/json")).status_code == 405


async def test_starlette_cookie_and_redirect():
    client = ASGITestClient(app)
    response = await client.post("/login")
    assert response.url == "http://localhost/me"
    assert await response.text() == "s3cret"


async def test_starlette_endless_sse_read_event_by_event():
    response = await ASGITestClient(app).get("/events")
    assert response.media_type == "text/event-stream"
    received = []
    async for chunk in response.stream():
        received.append(chunk)
        if len(received) == 3:
            break
    await response.close()
    assert received == [b"data: 0\n\n", b"data: 1\n\n", b"data: 2\n\n"]


async def test_starlette_lifespan_state_reaches_requests():
    client = ASGITestClient(app)
    async with client.lifespan(timeout=1):
        assert await (await client.get("/state")).text() == "connected"


async def test_starlette_websocket_subprotocol_json_and_close():
    client = ASGITestClient(app)
    async with client.websocket("/ws", subprotocols=["chat"]) as ws:
        assert ws.subprotocol == "chat"
        await ws.send("hi")
        assert await ws.receive_json() == {"echo": "hi"}
        with pytest.raises(Exception, match="4002"):
            await ws.receive()
        assert ws.close_reason == "bye"


async def test_starlette_refused_websocket():
    with pytest.raises(ASGIWebSocketRejectedError) as info:
        async with ASGITestClient(app).websocket("/refuse"):
            pass
    assert info.value.status_code == 403
