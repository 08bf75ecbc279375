"""py-frameworks-bench's app as one hand-written ASGI callable: the floor every framework adds to.

It does the same work as the framework apps, directly on the ASGI messages, and sends the same
responses (status, body, Content-Type and Content-Length): a dict for the
static routes, a split for the dynamic ones, a scan of the raw headers, orjson, and a
``bytes.find`` multipart reader for the one-file upload.
"""

from __future__ import annotations

import time

import orjson

TEXT = [(b"content-type", b"text/plain; charset=utf-8")]
HTML = b"text/html; charset=utf-8"


async def read_body(receive):
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return body


async def answer(send, status, body, headers=TEXT):
    # Content-Length, as every framework sends it: without it uvicorn answers chunked, a
    # different (and for it cheaper) response than the ones compared with.
    headers = [*headers, (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def ok(scope, receive, send, params):
    await answer(send, 200, b"ok")


async def html(scope, receive, send, params):
    await answer(
        send,
        200,
        b"<b>HTML OK</b>",
        [(b"content-type", HTML), (b"x-time", f"{time.time()}".encode())],
    )


async def api(scope, receive, send, params):
    if scope["method"] != "PUT":
        await answer(send, 405, b"Method Not Allowed")
        return
    if not any(name == b"authorization" for name, _ in scope["headers"]):
        await answer(send, 401, b"Unauthorized")
        return
    data = orjson.loads(await read_body(receive))
    query = dict(p.split("=", 1) for p in scope["query_string"].decode().split("&") if p)
    body = orjson.dumps({"params": params, "query": query, "data": data})
    await answer(send, 200, body, [(b"content-type", b"application/json")])


async def upload(scope, receive, send, params):
    if scope["method"] != "POST":
        await answer(send, 405, b"Method Not Allowed")
        return
    ctype = next((v for k, v in scope["headers"] if k == b"content-type"), b"")
    _, _, boundary = ctype.partition(b"boundary=")
    body = await read_body(receive)
    delimiter = b"\r\n--" + boundary
    start = body.find(b"\r\n\r\n", body.find(b'name="file"')) + 4
    end = body.find(delimiter, start)
    if not boundary or start < 4 or end < 0:
        await answer(send, 400, b"Bad Request")
        return
    await answer(send, 200, str(end - start).encode())


STATIC = {f"/route-{n}": ok for n in range(5)}
STATIC["/html"] = html
STATIC["/upload"] = upload
DYNAMIC = {f"route-dyn-{n}" for n in range(5)}


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = scope["path"]
    handler = STATIC.get(path)
    if handler is not None:
        await handler(scope, receive, send, {})
        return
    parts = path.split("/")
    if len(parts) == 3 and parts[1] in DYNAMIC:
        await ok(scope, receive, send, {"part": parts[2]})
        return
    if (
        len(parts) == 6
        and parts[1] == "api"
        and parts[2] == "users"
        and parts[4] == "records"
        and parts[3].isdigit()
        and parts[5].isdigit()
    ):
        await api(scope, receive, send, {"user": int(parts[3]), "record": int(parts[5])})
        return
    await answer(send, 404, b"Not Found")
