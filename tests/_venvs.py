"""Fresh virtualenvs for the isolation checks, cached by what they hold.

A virtualenv is keyed by the hash of the wheels it holds and of the other requirements: it is
reused across sessions while that key holds and rebuilt as soon as a package's code or metadata
changes (wheels are reproducible, so the same sources give the same bytes). A file lock keeps
parallel sessions from building the same virtualenv at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

# What the workspace runs every package's tests with (hatch.toml's test tools).
TEST_TOOLS = (
    "pytest>=8.3",
    "pytest-aio>=2.1",
    "trio>=0.27",
    "curio-compat>=1.6.7",
    "hypothesis>=6.100",
)
# The event loops a user program brings (the scenarios run on each of them).
USER_LOOPS = ("trio>=0.27", "curio-compat>=1.6.7")
SCENARIOS = Path(__file__).resolve().parent / "isolation" / "scenarios"
PIP_TIMEOUT = 600
STALE_AFTER = 3600  # seconds


def clean_env() -> dict[str, str]:
    """The environment of a child process: nothing of the running virtualenv leaks in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP"}
    }
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@dataclass(frozen=True)
class Venv:
    """A virtualenv built for one check."""

    path: Path

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"

    def run(
        self, *args: str | Path, cwd: Path | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.python), *map(str, args)],
            cwd=cwd or self.path,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def script(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``scenarios/<name>`` with this virtualenv's interpreter."""
        return self.run(SCENARIOS / name, *args)

    def distributions(self) -> set[str]:
        out = self.run(
            "-c",
            "import importlib.metadata as m, json; print(json.dumps("
            "sorted(d.metadata['Name'].lower() for d in m.distributions())))",
        )
        assert out.returncode == 0, out.stderr
        return set(json.loads(out.stdout))


def _key(wheels: Sequence[Path], requirements: Sequence[str]) -> str:
    digest = hashlib.sha256(sys.version.encode())
    for wheel in sorted(wheels):
        digest.update(wheel.name.encode())
        digest.update(hashlib.sha256(wheel.read_bytes()).digest())
    for requirement in sorted(requirements):
        digest.update(requirement.encode())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_stale(root: Path, name: str) -> None:
    """Drop older virtualenvs of ``name``, except recent ones another session may be using."""
    now = time.time()
    for stale in root.glob(f"{name}-*"):
        marker = stale / ".ready"
        age = now - (marker.stat().st_mtime if marker.exists() else stale.stat().st_mtime)
        if stale.is_dir() and age > STALE_AFTER:
            shutil.rmtree(stale, ignore_errors=True)


def create_venv(
    root: Path, name: str, wheels: Sequence[str | Path], requirements: Sequence[str] = ()
) -> Venv:
    """A virtualenv under ``root`` with exactly ``wheels`` (and extras) and ``requirements``.

    ``wheels`` are local files, possibly with extras (``/dist/x.whl[test]``): pip takes a file
    as the only candidate for its name, so a sibling requirement can be met by nothing else.
    """
    files = [Path(str(w).split("[")[0]) for w in wheels]
    key = _key(files, [*map(str, wheels), *requirements])
    venv = Venv(root / f"{name}-{key}")
    ready = venv.path / ".ready"
    with _locked(root / f"{name}.lock"):
        if ready.exists():
            return venv
        _remove_stale(root, name)
        subprocess.run(
            [sys.executable, "-m", "virtualenv", "-q", "--no-periodic-update", str(venv.path)],
            check=True,
            env=clean_env(),
        )
        done = venv.run(
            "-m", "pip", "install", "-q", *map(str, wheels), *requirements, timeout=PIP_TIMEOUT
        )
        if done.returncode:
            shutil.rmtree(venv.path, ignore_errors=True)
            pytest.fail(f"pip could not install {name}:\n{done.stdout}{done.stderr}")
        ready.write_text(
            json.dumps({"wheels": list(map(str, wheels)), "requirements": list(requirements)})
        )
    return venv
