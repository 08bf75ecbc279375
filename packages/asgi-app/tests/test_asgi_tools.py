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
        # The names ASGI-Tools' own modules also hold, which its users import from there.
        ("asgi_tools.app", "ResponseError", asgi_responses),
        ("asgi_tools.app", "Response", asgi_responses),
        ("asgi_tools.app", "Request", asgi_request),
        ("asgi_tools.app", "Router", asgi_router),
        ("asgi_tools.app", "parse_response", asgi_responses),
        ("asgi_tools.app", "LifespanMiddleware", asgi_middlewares),
        ("asgi_tools.app", "logger", asgi_request),
        ("asgi_tools.middleware", "parse_response", asgi_responses),
        ("asgi_tools.middleware", "ResponseError", asgi_responses),
        ("asgi_tools.middleware", "Request", asgi_request),
        ("asgi_tools.request", "ASGIDecodeError", asgi_request),
        ("asgi_tools.request", "json_loads", asgi_request),
        ("asgi_tools.response", "ASGIError", asgi_request),
        ("asgi_tools.response", "ASGIConnectionClosedError", asgi_request),
        ("asgi_tools.router", "ASGIError", asgi_request),
        ("asgi_tools.tests", "encode_multipart", asgi_testclient),
        ("asgi_tools.tests", "TestWebSocketResponse", asgi_testclient),
        ("asgi_tools._compat", "aio_sleep", asgi_request),
        ("asgi_tools._compat", "json_dumps", asgi_request),
        ("asgi_tools._compat", "json_loads", asgi_request),
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


def test_router_module_names_the_router_errors_both_ways():
    from asgi_tools.router import ASGIInvalidMethodError, ASGINotFoundError

    assert ASGINotFoundError is asgi_router.NotFoundError
    assert ASGIInvalidMethodError is asgi_router.MethodNotAllowedError


def test_misspelt_base_middleware_name_still_imports():
    from asgi_tools.middleware import BaseMiddeware

    assert BaseMiddeware is asgi_middlewares.BaseMiddleware


def test_view_module_lists_the_http_methods():
    from asgi_tools.view import HTTP_METHODS

    assert {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"} <= set(HTTP_METHODS)


def test_constants_module_names_the_encodings():
    from asgi_tools.constants import BASE_ENCODING, DEFAULT_CHARSET

    assert BASE_ENCODING == "latin-1"
    assert DEFAULT_CHARSET == "utf-8"


def test_types_module_has_the_type_variables_asgi_tools_users_annotate_with():
    from typing import TypeVar

    from asgi_tools import types

    for name in ("TV", "TVCallable", "TVAsyncCallable", "TVExceptionHandler"):
        assert isinstance(getattr(types, name), TypeVar), name
    assert types.TExceptionHandler is not None
    assert types.TASGIMessage is asgi_request.TASGIMessage


@pytest.mark.parametrize(
    ("headers", "host"),
    [
        ([(b"host", b"Example.COM:8000")], "example.com"),
        ([(b"Host", b"example.com")], "example.com"),
        ([(b"host", b"[::1]:8000")], "::1"),
        ([(b"accept", b"*/*")], None),
        ([], None),
    ],
)
def test_utils_parse_host_lowercases_and_drops_the_port(headers, host):
    from asgi_tools.utils import parse_host

    assert parse_host(headers) == host


async def test_compat_aio_sleep_runs_on_the_current_library():
    from asgi_tools._compat import aio_sleep, current_async_library

    await aio_sleep(0)
    assert current_async_library() in {"asyncio", "trio", "curio"}


async def test_code_importing_from_asgi_tools_app_runs():
    from asgi_tools.app import App, ResponseError
    from asgi_tools.tests import ASGITestClient

    app = App()

    @app.route("/gateway", methods="get")
    async def gateway(request):
        raise ResponseError.BAD_GATEWAY()

    client = ASGITestClient(app)
    res = await client.get("/gateway")
    assert res.status_code == 502
    res = await client.post("/gateway")
    assert res.status_code == 405
