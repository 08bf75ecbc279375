"""BackgroundMiddleware: tasks after the response, in order, isolated per request."""

from __future__ import annotations

import logging

import pytest

from asgi_middlewares import BackgroundMiddleware
from asgi_request import aio_sleep
from asgi_responses import ResponseText


async def test_background_reference_example_runs_the_task_after_the_response(call):
    events = []

    async def job():
        await aio_sleep(0.01)
        events.append("task")

    async def app(scope, receive, send):
        response = ResponseText("OK")
        BackgroundMiddleware.set_task(job())
        await response(scope, receive, send)
        events.append("responded")

    res = await call(BackgroundMiddleware(app), "/")
    assert res.body == b"OK"
    assert events == ["responded", "task"]


async def test_background_tasks_start_only_once_the_response_is_complete(make_scope):
    seen = []

    async def job():
        seen.append(list(messages))

    async def app(scope, receive, send):
        BackgroundMiddleware.set_task(job())
        await ResponseText("OK")(scope, receive, send)

    messages: list[str] = []

    async def send(message):
        messages.append(message["type"])

    await BackgroundMiddleware(app)(make_scope(), None, send)
    assert seen == [["http.response.start", "http.response.body"]]


async def test_background_tasks_run_in_the_order_they_were_set(call):
    order = []

    async def job(n, delay):
        await aio_sleep(delay)
        order.append(n)

    async def app(scope, receive, send):
        BackgroundMiddleware.set_task(job(1, 0.02))
        BackgroundMiddleware.set_task(job(2, 0))
        BackgroundMiddleware.set_task(job(3, 0.01))
        await ResponseText("OK")(scope, receive, send)

    await call(BackgroundMiddleware(app), "/")
    assert order == [1, 2, 3]


async def test_a_failing_background_task_is_logged_and_the_rest_still_run(call, caplog):
    done = []

    async def broken():
        raise RuntimeError("task broke")

    async def job():
        done.append("after")

    async def app(scope, receive, send):
        BackgroundMiddleware.set_task(broken())
        BackgroundMiddleware.set_task(job())
        await ResponseText("OK")(scope, receive, send)

    with caplog.at_level(logging.ERROR, logger="asgi-tools"):
        res = await call(BackgroundMiddleware(app), "/")
    assert res.body == b"OK"
    assert done == ["after"]
    assert "task broke" in caplog.text


async def test_background_tasks_of_one_request_never_run_for_another(call):
    ran = []

    async def job(path):
        ran.append(path)

    async def app(scope, receive, send):
        if scope["path"] == "/first":
            BackgroundMiddleware.set_task(job("/first"))
        await ResponseText("OK")(scope, receive, send)

    app = BackgroundMiddleware(app)
    await call(app, "/first")
    await call(app, "/second")
    await call(app, "/second")
    assert ran == ["/first"]


async def test_a_task_may_schedule_another_task(call):
    ran = []

    async def second():
        ran.append("second")

    async def first():
        ran.append("first")
        BackgroundMiddleware.set_task(second())

    async def app(scope, receive, send):
        BackgroundMiddleware.set_task(first())
        await ResponseText("OK")(scope, receive, send)

    await call(BackgroundMiddleware(app), "/")
    assert ran == ["first", "second"]


async def test_background_tasks_are_dropped_when_the_app_fails(call):
    ran = []

    async def job():
        ran.append("job")

    async def app(scope, receive, send):
        BackgroundMiddleware.set_task(job())
        raise ValueError("app failed")

    with pytest.raises(ValueError, match="app failed"):
        await call(BackgroundMiddleware(app), "/")
    assert ran == []


async def test_set_task_outside_a_request_is_refused():
    async def job():
        pass  # pragma: no cover - never awaited

    with pytest.raises(RuntimeError, match="outside a request"):
        BackgroundMiddleware.set_task(job())


async def test_set_task_refuses_what_is_not_awaitable(call):
    errors = []

    async def app(scope, receive, send):
        try:
            BackgroundMiddleware.set_task(lambda: None)
        except TypeError as exc:
            errors.append(str(exc))
        await ResponseText("OK")(scope, receive, send)

    await call(BackgroundMiddleware(app), "/")
    assert len(errors) == 1
    assert "awaitable" in errors[0]
