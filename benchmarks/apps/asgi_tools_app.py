"""py-frameworks-bench's app, written once for the asgi-tools API.

The same file runs against our ``asgi_tools`` (asgi-app) and against asgi-tools 3.2.1: each is
installed in its own virtualenv, since they share the import name.
"""

from __future__ import annotations

import time

from asgi_tools import App, ResponseError, ResponseHTML, ResponseJSON, ResponseText

app = App()


# Ten routes registered first, so that routing has something to search (five static, five
# with a parameter).
async def req_ok(request):
    return ResponseText("ok")


for n in range(5):
    app.route(f"/route-{n}")(req_ok)
    app.route(f"/route-dyn-{n}/{{part}}")(req_ok)


@app.route("/html")
async def html(request):
    """HTML content and a header that changes with every request."""
    return ResponseHTML("<b>HTML OK</b>", headers={"x-time": f"{time.time()}"})


@app.route("/api/users/{user:int}/records/{record:int}", methods=["PUT"])
async def api(request):
    """Check the authorization header, read the JSON body, answer params, query and data."""
    if not request.headers.get("authorization"):
        raise ResponseError.UNAUTHORIZED()
    data = await request.json()
    return ResponseJSON(
        {"params": dict(request.path_params), "query": dict(request.query), "data": data}
    )


@app.route("/upload", methods=["POST"])
async def upload(request):
    """Read a multipart form and answer the size of its file."""
    form = await request.form()
    upload = form.get("file")
    if upload is None:
        raise ResponseError.BAD_REQUEST()
    return ResponseText(str(len(upload.read())))
