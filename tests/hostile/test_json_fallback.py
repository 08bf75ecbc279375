"""JSON bombs when neither orjson nor ujson is installed (the standard library decodes).

Run in a subprocess that hides orjson and ujson, since the codec is chosen at import time.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys
    sys.modules["orjson"] = None  # an import of these now raises ImportError
    sys.modules["ujson"] = None
    import asyncio
    import logging
    logging.disable(logging.CRITICAL)
    from asgi_request import JSON_LIBRARY
    from asgi_tools import App

    assert JSON_LIBRARY == "json", JSON_LIBRARY
    app = App()

    @app.route("/json", methods=["POST"])
    async def as_json(request):
        return repr(await request.json())[:20]

    @app.route("/strict", methods=["POST"])
    async def strict(request):
        return repr(await request.data(raise_errors=True))[:20]

    @app.route("/lenient", methods=["POST"])
    async def lenient(request):
        return type(await request.data()).__name__

    async def status(path, body):
        sent, incoming = [], [{"type": "http.request", "body": body, "more_body": False}]

        async def receive():
            return incoming.pop() if incoming else {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http", "method": "POST", "path": path, "query_string": b"",
            "headers": [(b"content-type", b"application/json")],
        }
        await app(scope, receive, send)
        return sent[0]["status"]

    async def main():
        body = sys.stdin.buffer.read()
        print(await status("/json", body), await status("/strict", body),
              await status("/lenient", body))

    asyncio.run(main())
    """
)

BOMBS = [
    pytest.param(b"[" * 100_000, id="unclosed-arrays"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deep-arrays"),
    pytest.param(b'{"a":' * 50_000 + b"1" + b"}" * 50_000, id="deep-objects"),
]


@pytest.mark.parametrize("body", BOMBS)
def test_deeply_nested_json_is_400_with_the_stdlib_decoder(body):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], input=body, capture_output=True, timeout=60, check=True
    )
    assert result.stdout.split() == [b"400", b"400", b"200"]


def test_invalid_json_is_400_with_the_stdlib_decoder():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], input=b"{nope", capture_output=True, timeout=60, check=True
    )
    assert result.stdout.split() == [b"400", b"400", b"200"]
