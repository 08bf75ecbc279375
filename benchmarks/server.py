"""The framework apps under a real server: uvicorn (uvloop, httptools, one worker) loaded by wrk.

    python benchmarks/server.py                        # html and api, every implementation
    python benchmarks/server.py --scenarios html --only ours raw --duration 5 --rounds 3

Each implementation's app (``benchmarks/apps``) runs in its own virtualenv (``envs.py``) on
127.0.0.1; its answer is checked once, then wrk loads it for ``--duration`` seconds. Rounds
alternate between the implementations; the table gives the median requests per second and our
ratio to each. Needs ``wrk`` (``apt-get update && apt-get install -y wrk``). With 2 cores, wrk
gets one thread and the server one worker, each pinned to a core of its own (``taskset``) unless
``--no-pin``: unpinned, the scheduler now and then puts both on one core, which moved the figures
by several percent from run to run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import envs  # noqa: E402
from suites._frameworks import API_BODY, APP_MODULES, IMPLS  # noqa: E402

HOST = "127.0.0.1"
API_PATH = "/api/users/42/records/7?query=test"
API_HEADERS = {"content-type": "application/json", "authorization": "Bearer t0ken"}
WRK_API = f"""
wrk.method = "PUT"
wrk.body = {json.dumps(API_BODY.decode())}
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer t0ken"
"""


def pinned(core: int, command: list[str], pin: bool) -> list[str]:
    """``command`` run on CPU ``core`` alone (with ``taskset``), when pinning is on and possible."""
    if not pin or shutil.which("taskset") is None or (os.cpu_count() or 1) < 2:
        return command
    return ["taskset", "-c", str(core), *command]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """uvicorn serving one implementation's app, for as long as the ``with`` block lasts."""

    def __init__(self, impl: str, *, pin: bool = True) -> None:
        self.impl = impl
        self.pin = pin
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        python = envs.python(IMPLS[self.impl])
        self.process = subprocess.Popen(
            pinned(
                1,
                [
                    str(python),
                    "-m",
                    "uvicorn",
                    f"{APP_MODULES[self.impl]}:app",
                    "--app-dir",
                    str(HERE / "apps"),
                    "--host",
                    HOST,
                    "--port",
                    str(self.port),
                    "--loop",
                    "uvloop",
                    "--http",
                    "httptools",
                    "--workers",
                    "1",
                    "--log-level",
                    "warning",
                    "--no-access-log",
                    "--lifespan",
                    "auto",
                ],
                self.pin,
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.process.stderr.read().decode() if self.process.stderr else ""
                raise RuntimeError(f"{self.impl}: uvicorn exited: {err.strip()[-500:]}")
            try:
                with socket.create_connection((HOST, self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"{self.impl}: uvicorn did not listen within 30 s")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def fetch(
        self,
        path: str,
        method: str = "GET",
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """Status and body of one request; a 2xx without a right Content-Length fails."""
        request = urllib.request.Request(
            self.url + path, data=body, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                content = response.read()
                # Every implementation sends the same kind of response: a length, not chunks.
                length = response.headers.get("content-length")
                assert length == str(len(content)), f"Content-Length {length!r}"
                return response.status, content
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def check(server: Server, scenario: str) -> None:
    """The app answers the scenario correctly, or no figure is taken."""
    if scenario == "html":
        status, body = server.fetch("/html")
        assert (status, body) == (200, b"<b>HTML OK</b>"), (status, body[:200])
    else:
        status, body = server.fetch(API_PATH, "PUT", API_BODY, API_HEADERS)
        assert status == 200, (status, body[:200])
        assert json.loads(body) == {
            "params": {"user": 42, "record": 7},
            "query": {"query": "test"},
            "data": json.loads(API_BODY),
        }, body[:300]
        status, _ = server.fetch(API_PATH, "PUT", API_BODY, {"content-type": "application/json"})
        assert status == 401, status


def wrk(url: str, scenario: str, args: argparse.Namespace) -> float:
    command = pinned(
        0,
        ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"],
        args.pin,
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_API)
    if scenario == "api":
        command += ["-s", script.name, url + API_PATH]
    else:
        command.append(url + "/html")
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        Path(script.name).unlink()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if errors:
        raise RuntimeError(f"{errors.group(1)} error responses under load")
    found = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    if not found:
        raise RuntimeError(f"no Requests/sec in wrk's output:\n{done.stdout}")
    return float(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenarios", nargs="*", default=["html", "api"], choices=["html", "api"])
    parser.add_argument("--only", nargs="*", help=f"implementations (default: {list(IMPLS)})")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="let the scheduler place wrk and the server (default: one core each, with taskset)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is needed: apt-get update && apt-get install -y wrk", file=sys.stderr)
        return 2
    impls = [impl for impl in IMPLS if not args.only or impl in args.only]
    samples = {(impl, s): [] for impl in impls for s in args.scenarios}
    failed: dict[str, str] = {}
    for _ in range(args.rounds):
        for impl in impls:
            if impl in failed:
                continue
            try:
                with Server(impl, pin=args.pin) as server:
                    for scenario in args.scenarios:
                        check(server, scenario)
                        samples[impl, scenario].append(wrk(server.url, scenario, args))
            except Exception as exc:  # one broken implementation must not hide the others
                failed[impl] = f"{type(exc).__name__}: {exc}"
    print(
        f"\n## uvicorn + wrk ({args.duration}s, {args.connections} connections, "
        f"median of {args.rounds} alternating rounds)\n"
    )
    print(
        "| implementation | " + " | ".join(f"{s} req/s | ours / it" for s in args.scenarios) + " |"
    )
    print("|---|" + "---:|---:|" * len(args.scenarios))
    for impl in impls:
        cells = []
        for scenario in args.scenarios:
            if impl in failed:
                cells += ["failed", "-"]
                continue
            value = statistics.median(samples[impl, scenario])
            ours = samples.get((impls[0], scenario))
            ratio = statistics.median(ours) / value if ours and impls[0] not in failed else None
            text = f"{ratio:.2f}x" if ratio else "-"
            if ratio and impl != impls[0] and len(ours or ()) > 1:
                # the range of the ratios within each round (run one after the other)
                paired = [a / b for a, b in zip(ours or (), samples[impl, scenario], strict=False)]
                text += f" ({min(paired):.2f}-{max(paired):.2f})"
            cells += [f"{value:,.0f}", text]
        print(f"| {impl} | " + " | ".join(cells) + " |")
    for impl, reason in failed.items():
        print(f"\n{impl} failed: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
