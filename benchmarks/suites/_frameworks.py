"""py-frameworks-bench's three scenarios, driven in-process against the apps in ``apps/``.

Each call builds what a server would hand the app (a copy of a prebuilt scope, a ``receive``
that gives the body once and then a disconnect, a ``send`` that drops the messages) and awaits
the app. Before timing, the same call is made with a recording ``send`` and the response is
checked (status, body, headers), so that a broken app fails loudly instead of giving a number.

This module is imported by ``run.py`` (outside the virtualenvs) for ``IMPLS``: it imports
nothing beyond the standard library at module level.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.metadata
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

APPS = Path(__file__).resolve().parent.parent / "apps"

# implementation -> virtualenv (envs.py); the first one is ours.
IMPLS = {
    "ours": "ours",
    "asgi-tools": "asgi-tools",
    "blacksheep": "peers",
    "starlette": "peers",
    "raw": "peers",
}
# implementation -> module of apps/ that holds its ``app``. asgi_tools_app.py is one file
# written for the asgi-tools API: it runs our asgi_tools in the ``ours`` virtualenv and
# asgi-tools 3.2.1 in the ``asgi-tools`` one.
APP_MODULES = {
    "ours": "asgi_tools_app",
    "asgi-tools": "asgi_tools_app",
    "blacksheep": "blacksheep_app",
    "starlette": "starlette_app",
    "raw": "raw_app",
}
UNIT = "req/s"

BOUNDARY = "----benchmarkBoundary7MA4YWxkTrZu0gW"
FILE = bytes((i * 7 + 3) % 256 for i in range(1024))  # 1 KiB, every byte value
UPLOAD_BODY = (
    (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="data.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    + FILE
    + f"\r\n--{BOUNDARY}--\r\n".encode()
)
API_BODY = b'{"name": "benchmark", "values": [1, 2, 3], "active": true}'


def _scope(
    method: str, path: str, query: bytes = b"", headers: Sequence[tuple[bytes, bytes]] = ()
) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"bench"), *headers],
        "state": {},
    }


@dataclass(frozen=True)
class Scenario:
    scope: dict[str, Any]
    body: bytes
    status: int
    check: Callable[[bytes, dict[str, str]], None]
    # other requests that must answer a given status (checked once, not timed)
    also: list[tuple[dict[str, Any], bytes, int]] = field(default_factory=list)


def _check_html(body: bytes, headers: dict[str, str]) -> None:
    assert body == b"<b>HTML OK</b>", body
    assert "x-time" in headers, headers
    assert headers.get("content-type", "").startswith("text/html"), headers


def _check_api(body: bytes, headers: dict[str, str]) -> None:
    assert headers.get("content-type", "").startswith("application/json"), headers
    assert json.loads(body) == {
        "params": {"user": 42, "record": 7},
        "query": {"query": "test"},
        "data": json.loads(API_BODY),
    }, body


def _check_upload(body: bytes, headers: dict[str, str]) -> None:
    assert body == str(len(FILE)).encode(), body


_API_PATH = "/api/users/42/records/7"
_JSON = (b"content-type", b"application/json")
SCENARIOS = {
    "html": Scenario(_scope("GET", "/html"), b"", 200, _check_html),
    "api": Scenario(
        _scope("PUT", _API_PATH, b"query=test", [_JSON, (b"authorization", b"Bearer t0ken")]),
        API_BODY,
        200,
        _check_api,
        also=[(_scope("PUT", _API_PATH, b"query=test", [_JSON]), API_BODY, 401)],
    ),
    "upload": Scenario(
        _scope(
            "POST",
            "/upload",
            headers=[
                (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
                (b"content-length", str(len(UPLOAD_BODY)).encode()),
            ],
        ),
        UPLOAD_BODY,
        200,
        _check_upload,
    ),
}
EXTRA_ROUTES = [
    *[(_scope("GET", f"/route-{n}"), b"", 200) for n in range(5)],
    *[(_scope("GET", f"/route-dyn-{n}/part"), b"", 200) for n in range(5)],
    (_scope("GET", "/no-such-route"), b"", 404),
]


def load_app(impl: str) -> Any:
    """The ``app`` of the implementation, after making sure the right package is imported."""
    if impl == "ours":
        # both virtualenvs have an ``asgi_tools``: prove this one is ours (asgi-app ships it)
        importlib.metadata.distribution("asgi-app")
    elif impl == "asgi-tools":
        version = importlib.metadata.version("asgi-tools")
        assert version == "3.2.1", f"asgi-tools {version} installed, 3.2.1 expected"
    sys.path.insert(0, str(APPS))
    return importlib.import_module(APP_MODULES[impl]).app


async def start_lifespan(app: Any) -> None:
    """Run the app's lifespan startup (BlackSheep needs it); leave the lifespan task waiting."""
    started = asyncio.Event()
    never = asyncio.Event()
    messages = [{"type": "lifespan.startup"}]

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop()
        await never.wait()
        return {"type": "lifespan.shutdown"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "lifespan.startup.failed":
            raise RuntimeError(f"lifespan startup failed: {message}")
        if message["type"] == "lifespan.startup.complete":
            started.set()

    async def lifespan() -> None:
        try:
            await app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}, receive, send)
        finally:
            started.set()  # an app without lifespan support returns (or raises) at once

    task = asyncio.ensure_future(lifespan())
    await started.wait()
    if task.done() and task.exception() is not None:
        # apps that refuse lifespan raise: that is allowed by the spec
        pass
    start_lifespan.task = task  # type: ignore[attr-defined]  # keep a reference


async def call(app: Any, scope: dict[str, Any], body: bytes) -> tuple[int, dict[str, str], bytes]:
    """One request, recorded: status, headers (lower-case names) and body."""
    sent: list[dict[str, Any]] = []
    messages = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(dict(scope), receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], headers, content


def timed_call(app: Any, scope: dict[str, Any], body: bytes) -> Callable[[], Any]:
    """The function that is timed: one request, its response dropped."""
    request = {"type": "http.request", "body": body, "more_body": False}
    disconnect = {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        pass

    async def one() -> None:
        given = False

        async def receive() -> dict[str, Any]:
            nonlocal given
            if given:
                return disconnect
            given = True
            return request

        await app(scope.copy(), receive, send)

    return one


async def checked_call(scenario_name: str, impl: str) -> Callable[[], Any]:
    """Load the implementation's app, check its answers, and return the call to measure."""
    scenario = SCENARIOS[scenario_name]
    app = load_app(impl)
    await start_lifespan(app)
    for scope, body, status in [*EXTRA_ROUTES, *scenario.also]:
        got, _, content = await call(app, scope, body)
        assert got == status, f"{scope['method']} {scope['path']}: {got} {content[:200]!r}"
    got, headers, content = await call(app, scenario.scope, scenario.body)
    assert got == scenario.status, f"status {got}: {content[:300]!r}"
    scenario.check(content, headers)
    return timed_call(app, scenario.scope, scenario.body)


def measure(scenario_name: str, impl: str) -> float:
    """Check the implementation's answers, then time the scenario; return requests per second."""
    from suites._timing import arate_here

    async def main() -> float:
        return await arate_here(await checked_call(scenario_name, impl))

    return asyncio.run(main())
