"""The demo app: `hatch run demo`, then open http://127.0.0.1:8000.

An HTML page with an upload form, a JSON API with path params, an SSE clock, a websocket
echo and static files from ``examples/static/``.
"""

from __future__ import annotations

import time
from pathlib import Path

from asgi_tools import App, Request, ResponseHTML, ResponseSSE, ResponseWebSocket
from asgi_tools.utils import aio_sleep

HERE = Path(__file__).resolve().parent

app = App(static_folders=[HERE / "static"], static_url_prefix="/static")

USERS = {1: {"id": 1, "name": "Ada"}, 2: {"id": 2, "name": "Linus"}}

INDEX = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>asgi-tools demo</title>
  <link rel="stylesheet" href="/static/style.css">
</head>
<body>
  <h1>asgi-tools demo</h1>

  <h2>Upload a file</h2>
  <form action="/upload" method="post" enctype="multipart/form-data">
    <input type="text" name="note" placeholder="a note">
    <input type="file" name="file">
    <button type="submit">Upload</button>
  </form>

  <h2>JSON API</h2>
  <ul>
    <li><a href="/api/users/1">/api/users/1</a></li>
    <li><a href="/api/users/2/items/7?q=search">/api/users/2/items/7?q=search</a></li>
  </ul>

  <h2>Server-sent events clock</h2>
  <p id="clock">waiting...</p>

  <h2>Websocket echo</h2>
  <input id="ws-input" value="ping"> <button id="ws-send">Send</button>
  <pre id="ws-log"></pre>

  <script src="/static/app.js"></script>
</body>
</html>
"""


@app.route("/")
async def index(request: Request) -> ResponseHTML:
    """The HTML page."""
    return ResponseHTML(INDEX)


@app.route("/upload", methods=["POST"])
async def upload(request: Request) -> dict[str, object]:
    """Receive the form: report each file's name and size, and the text fields."""
    form = await request.form()
    files, fields = [], {}
    for name, value in form.items():
        if isinstance(value, str):
            fields[name] = value
        else:
            data = value.read()
            files.append({"field": name, "filename": value.filename, "size": len(data)})
    return {"files": files, "fields": fields}


@app.route("/api/users/{user_id:int}", methods=["GET"], name="user")
async def user(request: Request) -> object:
    """A user by id, 404 when unknown."""
    found = USERS.get(request.path_params["user_id"])
    if found is None:
        return 404, {"error": "user not found"}
    return found


@app.route("/api/users/{user_id:int}/items/{item_id:int}", methods=["GET", "PUT"])
async def item(request: Request) -> dict[str, object]:
    """Path params, the query and (for PUT) the JSON body, echoed back."""
    body = await request.json() if request.method == "PUT" else None
    return {
        "user": request.path_params["user_id"],
        "item": request.path_params["item_id"],
        "query": dict(request.query),
        "body": body,
    }


@app.route("/sse/clock")
async def clock(request: Request) -> ResponseSSE:
    """The server time every second (`?count=N` stops after N events)."""
    count = int(request.query.get("count", "0") or 0)
    interval = float(request.query.get("interval", "1") or 1)

    async def ticks():  # type: ignore[no-untyped-def]
        sent = 0
        while not count or sent < count:
            yield {"event": "tick", "data": time.strftime("%H:%M:%S"), "id": sent}
            sent += 1
            await aio_sleep(min(max(interval, 0.01), 5))

    return ResponseSSE(ticks())


@app.route("/ws/echo")
async def echo(request: Request) -> None:
    """Echo every text or binary message until the client leaves."""
    async with ResponseWebSocket(request) as ws:
        while True:
            msg = await ws.receive(raw=True)
            if msg["type"] == "websocket.disconnect":
                break
            if msg.get("text") is not None:
                await ws.send(msg["text"])
            elif msg.get("bytes") is not None:
                await ws.send(msg["bytes"])
