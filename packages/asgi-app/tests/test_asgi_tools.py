"""The asgi_tools import package: every path resolves to the asgi-* packages' objects."""

from __future__ import annotations

import importlib
import inspect

import pytest

import asgi_app
import asgi_middlewares
import asgi_request
import asgi_responses
import asgi_router
import asgi_testclient
import asgi_tools

# Names asgi-tools 3.2.1 exports from its top-level package.
ASGI_TOOLS_321_NAMES = [
    "ASGIConnectionClosedError", "ASGIError", "ASGIInvalidMethodError", "ASGINotFoundError",
    "InvalidMethodError", "NotFoundError", "App", "HTTPView", "Request", "Response",
    "ResponseError", "ResponseFile", "ResponseHTML", "ResponseJSON", "ResponseRedirect",
    "ResponseSSE", "ResponseStream", "ResponseText", "ResponseWebSocket", "BackgroundMiddleware",
    "LifespanMiddleware", "RequestMiddleware", "ResponseMiddleware", "RouterMiddleware",
    "StaticFilesMiddleware", "parse_response",
]  # fmt: skip


@pytest.mark.parametrize("name", ASGI_TOOLS_321_NAMES)
def test_every_asgi_tools_name_is_exported(name):
    assert name in asgi_tools.__all__
    assert getattr(asgi_tools, name) is not None


def test_reference_only_names_exist():
    assert asgi_tools.ResponseWebsocket is asgi_responses.ResponseWebSocket
    assert asgi_tools.Router is asgi_router.Router


@pytest.mark.parametrize(
    ("module", "name", "origin"),
    [
        ("asgi_tools", "App", asgi_app),
        ("asgi_tools", "Request", asgi_request),
        ("asgi_tools", "Response", asgi_responses),
        ("asgi_tools", "RouterMiddleware", asgi_middlewares),
        ("asgi_tools.app", "App", asgi_app),
        ("asgi_tools.view", "HTTPView", asgi_app),
        ("asgi_tools.request", "Request", asgi_request),
        ("asgi_tools.response", "ResponseJSON", asgi_responses),
        ("asgi_tools.response", "ResponseWebSocket", asgi_responses),
        ("asgi_tools.response", "parse_response", asgi_responses),
        ("asgi_tools.middleware", "LifespanMiddleware", asgi_middlewares),
        ("asgi_tools.middleware", "StaticFilesMiddleware", asgi_middlewares),
        ("asgi_tools.errors", "ASGIError", asgi_request),
        ("asgi_tools.errors", "ASGIDecodeError", asgi_request),
        ("asgi_tools.types", "TASGIScope", asgi_request),
        ("asgi_tools.types", "TJSON", asgi_request),
        ("asgi_tools.tests", "ASGITestClient", asgi_testclient),
        ("asgi_tools.tests", "TestResponse", asgi_testclient),
        ("asgi_tools.utils", "aio_sleep", asgi_request),
        ("asgi_tools.utils", "json_dumps", asgi_request),
        ("asgi_tools.utils", "parse_headers", asgi_request),
        ("asgi_tools.utils", "parse_options_header", asgi_request),
        ("asgi_tools.logs", "logger", asgi_request),
        ("asgi_tools.router", "Router", asgi_router),
    ],
)
def test_module_paths_resolve_to_the_same_objects(module, name, origin):
    assert getattr(importlib.import_module(module), name) is getattr(origin, name)


def test_router_error_aliases():
    from asgi_tools.errors import ASGIInvalidMethodError, ASGINotFoundError

    assert ASGINotFoundError is asgi_router.NotFoundError
    assert asgi_tools.NotFoundError is asgi_router.NotFoundError
    assert ASGIInvalidMethodError is asgi_router.MethodNotAllowedError
    assert asgi_tools.InvalidMethodError is asgi_router.MethodNotAllowedError


def test_asgi_app_exposes_the_test_client_lazily():
    assert asgi_app.ASGITestClient is asgi_testclient.ASGITestClient
    with pytest.raises(AttributeError):
        asgi_app.NoSuchName


def test_every_public_name_has_a_docstring():
    for name in asgi_app.__all__:
        obj = getattr(asgi_app, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__, name


def test_all_lists_only_existing_names():
    for module in (asgi_app, asgi_tools):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)


def test_utils_is_awaitable_and_to_awaitable():
    from asgi_tools.utils import is_awaitable, to_awaitable

    async def coro():
        return 1

    async def agen():
        yield 1

    def sync():
        return 2

    assert is_awaitable(coro)
    assert is_awaitable(agen)
    assert not is_awaitable(sync)
    assert to_awaitable(coro) is coro
    assert is_awaitable(to_awaitable(sync))
