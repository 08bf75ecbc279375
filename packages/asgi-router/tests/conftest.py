"""Shared fixtures of the asgi-router tests."""

from __future__ import annotations

import pytest

from asgi_router import Router


@pytest.fixture
def router() -> Router:
    return Router()
