"""Start the demo app under real servers (uvicorn, hypercorn) on 127.0.0.1, one per session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 20.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(kind: str, port: int) -> list[str]:
    if kind == "uvicorn-root-path":
        return [
            sys.executable, "-m", "uvicorn", "examples.demo:app", "--root-path", "/prefix",
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        ]  # fmt: skip
    if kind == "uvicorn":
        return [
            sys.executable, "-m", "uvicorn", "examples.demo:app",
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        ]  # fmt: skip
    return [
        sys.executable, "-m", "hypercorn", "examples.demo:app",
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip


def wait_until_ready(process: subprocess.Popen[bytes], base_url: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"server exited with {process.returncode}:\n{output}")
        try:
            httpx.get(base_url + "/", timeout=1.0)
        except httpx.TransportError:
            time.sleep(0.1)
        else:
            return
    raise RuntimeError(f"server at {base_url} did not answer within {STARTUP_SECONDS}s")


@contextmanager
def serving(kind: str) -> Iterator[str]:
    """Run the demo app under ``kind`` on a free port; yield its base URL; always stop it."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        server_command(kind, port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(process, base_url)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


@pytest.fixture(scope="session", params=["uvicorn", "hypercorn"])
def server(request: pytest.FixtureRequest) -> Iterator[str]:
    """The base URL of the demo app served by a real server."""
    with serving(request.param) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def root_path_server() -> Iterator[str]:
    """The demo app under ``uvicorn --root-path /prefix`` (as behind a path-stripping proxy)."""
    with serving("uvicorn-root-path") as base_url:
        yield base_url


@pytest.fixture
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=10.0) as client:
        yield client
