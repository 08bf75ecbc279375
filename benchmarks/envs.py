"""The virtualenvs the benchmarks run in, created on demand under ``.bench-venvs/``.

Our packages and asgi-tools 3.2.1 share the ``asgi_tools`` import name, so every
implementation runs in the virtualenv named for it, in a subprocess of its own.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENVS = ROOT / ".bench-venvs"

# Every virtualenv gets orjson, so that JSON is never what tells the frameworks apart.
COMMON = ["orjson", "sniffio", "pyperf"]

ENVS: dict[str, list[str]] = {
    # Our workspace packages, installed from the source tree (not editable: as users get them).
    "ours": [str(path) for path in sorted((ROOT / "packages").glob("asgi-*"))],
    "asgi-tools": ["asgi-tools==3.2.1"],
    "peers": [
        "starlette",
        "python-multipart",
        "blacksheep",
        "http-router",
        "httpx",
        "uvicorn[standard]",
    ],
}


def python(name: str) -> Path:
    """The interpreter of the virtualenv ``name``, creating the virtualenv first if needed."""
    if name not in ENVS:
        raise KeyError(f"unknown benchmark environment {name!r}; known: {sorted(ENVS)}")
    path = VENVS / name
    exe = path / "bin" / "python"
    marker = path / ".installed"
    wanted = "\n".join(COMMON + ENVS[name])
    if marker.exists() and marker.read_text() == wanted and name != "ours":
        return exe
    if not exe.exists():
        venv.EnvBuilder(with_pip=True).create(path)
    subprocess.run(
        [str(exe), "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "--force-reinstall" if name == "ours" else "--upgrade", *COMMON, *ENVS[name]],
        check=True,
    )
    marker.write_text(wanted)
    return exe


if __name__ == "__main__":
    for env in sys.argv[1:] or ENVS:
        print(env, python(env))
