"""asgi-testclient: an event-driven async test client for any ASGI application.

client = ASGITestClient(app)
response = await client.get('/')
assert response.status_code == 200
assert await response.text() == 'OK'
"""

from __future__ import annotations

from .__about__ import __version__
from .client import ASGITestClient
from .cookies import Cookie, CookieJar, CookieMorsel
from .encoding import encode_multipart
from .errors import (
    ASGILifespanError,
    ASGIProtocolError,
    ASGITooManyRedirectsError,
    ASGIWebSocketClosedError,
    ASGIWebSocketRejectedError,
)
from .lifespan import Lifespan
from .response import TestResponse
from .websocket import TestWebSocketResponse

__all__ = [
    "ASGILifespanError",
    "ASGIProtocolError",
    "ASGITestClient",
    "ASGITooManyRedirectsError",
    "ASGIWebSocketClosedError",
    "ASGIWebSocketRejectedError",
    "Cookie",
    "CookieJar",
    "CookieMorsel",
    "Lifespan",
    "TestResponse",
    "TestWebSocketResponse",
    "__version__",
    "encode_multipart",
]
