"""py-frameworks-bench's app for BlackSheep (JSON through orjson, as every peer gets)."""

from __future__ import annotations

import time

import orjson
from blacksheep import Application, Request, Response, html, json, text
from blacksheep.settings.json import json_settings

json_settings.use(loads=orjson.loads, dumps=lambda obj: orjson.dumps(obj).decode())

app = Application()
app.show_error_details = False


async def req_ok(request: Request) -> Response:
    return text("ok")


for n in range(5):
    app.router.add_get(f"/route-{n}", req_ok)
    app.router.add_get(f"/route-dyn-{n}/{{part}}", req_ok)


@app.router.get("/html")
async def html_view(request: Request) -> Response:
    response = html("<b>HTML OK</b>")
    response.add_header(b"x-time", f"{time.time()}".encode())
    return response


@app.router.put("/api/users/{int:user}/records/{int:record}")
async def api(request: Request, user: int, record: int) -> Response:
    if not request.headers.get_first(b"authorization"):
        return Response(401)
    data = await request.json()
    query = {k: v[0] for k, v in request.query.items()}
    return json({"params": {"user": user, "record": record}, "query": query, "data": data})


@app.router.post("/upload")
async def upload(request: Request) -> Response:
    form = await request.files()
    part = next((p for p in form if p.name == b"file"), None)
    if part is None:
        return Response(400)
    return text(str(len(part.data)))
