"""The virtualenvs the benchmarks run in, created on demand under ``.bench-venvs/``.

Our packages and asgi-tools 3.2.1 share the ``asgi_tools`` import name, so every
implementation runs in the virtualenv named for it, in a subprocess of its own.

    python benchmarks/envs.py            # build (or refresh) every virtualenv
    python benchmarks/envs.py peers      # one
"""

from __future__ import annotations

import subprocess
import sys
import venv
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / ".bench-venvs"

# Every virtualenv gets orjson, so that JSON is never what tells the frameworks apart, and
# uvicorn with uvloop and httptools, so that server.py runs every app under the same server.
COMMON = ["orjson", "sniffio", "pyperf", "uvicorn[standard]"]

OUR_PACKAGES = [str(path) for path in sorted((ROOT / "packages").glob("asgi-*"))]

ENVS: dict[str, list[str]] = {
    # Our workspace packages, installed from the source tree (not editable: as users get them).
    "ours": OUR_PACKAGES,
    # aiofile: asgi-tools serves files through it on asyncio (its ResponseFile needs it).
    "asgi-tools": ["asgi-tools==3.2.1", "aiofile"],
    "peers": [
        "starlette",
        "python-multipart",
        "blacksheep",
        "http-router",
        "httpx",
    ],
}


def _pip(exe: Path, *args: str) -> None:
    done = subprocess.run(
        [str(exe), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"pip install {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


@cache
def python(name: str) -> Path:
    """The interpreter of the virtualenv ``name``, creating the virtualenv first if needed.

    ``ours`` is reinstalled from the sources once per process (so a benchmark run always
    measures the current code); the others only when their requirements change.
    """
    if name not in ENVS:
        raise KeyError(f"unknown benchmark environment {name!r}; known: {sorted(ENVS)}")
    path = VENVS / name
    exe = path / "bin" / "python"
    marker = path / ".installed"
    wanted = "\n".join(COMMON + ENVS[name])
    if name != "ours" and marker.exists() and marker.read_text() == wanted:
        return exe
    if not exe.exists():
        venv.EnvBuilder(with_pip=True).create(path)
    if name == "ours":
        # hatchling in the virtualenv: builds need no isolated environment (much faster)
        _pip(exe, "--upgrade", *COMMON, "hatchling")
        _pip(exe, "--upgrade", "--no-build-isolation", *ENVS[name])
        # the version does not change while we work: force pip to rebuild from the sources
        _pip(exe, "--force-reinstall", "--no-deps", "--no-build-isolation", *ENVS[name])
    else:
        _pip(exe, "--upgrade", *COMMON, *ENVS[name])
    marker.write_text(wanted)
    return exe


if __name__ == "__main__":
    for env in sys.argv[1:] or ENVS:
        print(env, python(env))
