"""``asgi_tools.tests``: the test client (``from asgi_tools.tests import ASGITestClient``)."""

from __future__ import annotations

from asgi_testclient import ASGITestClient, TestResponse, TestWebSocketResponse, encode_multipart

__all__ = ["ASGITestClient", "TestResponse", "TestWebSocketResponse", "encode_multipart"]
