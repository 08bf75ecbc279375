"""py-frameworks-bench's app for Starlette (JSON through orjson, as every peer gets)."""

from __future__ import annotations

import time

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse
from starlette.routing import Route


class ORJSONResponse(JSONResponse):
    def render(self, content):
        return orjson.dumps(content)


async def req_ok(request):
    return PlainTextResponse("ok")


async def html(request):
    return HTMLResponse("<b>HTML OK</b>", headers={"x-time": f"{time.time()}"})


async def api(request):
    if not request.headers.get("authorization"):
        raise HTTPException(401)
    data = orjson.loads(await request.body())
    return ORJSONResponse(
        {"params": request.path_params, "query": dict(request.query_params), "data": data}
    )


async def upload(request):
    form = await request.form()
    file = form.get("file")
    if file is None:
        raise HTTPException(400)
    return PlainTextResponse(str(len(await file.read())))


routes = [Route(f"/route-{n}", req_ok) for n in range(5)]
routes += [Route(f"/route-dyn-{n}/{{part}}", req_ok) for n in range(5)]
routes += [
    Route("/html", html),
    Route("/api/users/{user:int}/records/{record:int}", api, methods=["PUT"]),
    Route("/upload", upload, methods=["POST"]),
]
app = Starlette(routes=routes)
