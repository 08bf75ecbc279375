"""The three ways people install the toolkit work from the built wheels, in fresh virtualenvs
that hold only what each package declares; and every package's own test suite passes there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from _workspace import ROOT, packages, sibling_closure

if TYPE_CHECKING:
    import subprocess

    from _venvs import Venv

pytestmark = pytest.mark.isolation

OURS = frozenset(packages())


def _ok(done: subprocess.CompletedProcess[str], *libraries: str) -> None:
    """The scenario exited 0 and ran on each of ``libraries``."""
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    for library in libraries:
        assert f"ok {library}" in done.stdout.splitlines(), done.stdout


@pytest.mark.parametrize("dist", sorted(OURS))
def test_venv_holds_only_the_declared_siblings(
    dist: str, package_venv: Callable[[str], Venv]
) -> None:
    installed = package_venv(dist).distributions() & OURS
    assert installed == sibling_closure(dist)


def test_request_alone_parses_a_real_scope(user_venv: Callable[..., Venv]) -> None:
    _ok(user_venv("asgi-request").script("request_alone.py"), "asyncio", "trio", "curio")


def test_request_alone_installs_no_sibling(user_venv: Callable[..., Venv]) -> None:
    assert user_venv("asgi-request").distributions() & OURS == {"asgi-request"}


def test_testclient_alone_drives_a_bare_asgi_callable(user_venv: Callable[..., Venv]) -> None:
    venv = user_venv("asgi-testclient")
    assert venv.distributions() & OURS == {"asgi-testclient", "asgi-request"}
    assert "starlette" not in venv.distributions()
    _ok(venv.script("testclient_bare.py"), "asyncio", "trio", "curio")


def test_testclient_alone_drives_a_starlette_app(user_venv: Callable[..., Venv]) -> None:
    venv = user_venv("asgi-testclient", "starlette")
    assert venv.distributions() & OURS == {"asgi-testclient", "asgi-request"}
    _ok(venv.script("testclient_starlette.py"), "asyncio", "trio")


def test_app_brings_the_full_bundle(user_venv: Callable[..., Venv]) -> None:
    venv = user_venv("asgi-app")
    assert venv.distributions() & OURS == OURS
    _ok(venv.script("bundle.py"), "asyncio", "trio", "curio")


def readme_example() -> str:
    """The first Python block of the root README: the example users copy."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    assert match, "README.md has no ```python block"
    return match.group(1)


def test_readme_example_runs_on_the_bundle(
    package_venv: Callable[[str], Venv], tmp_path: Path
) -> None:
    example = readme_example()
    assert "from asgi_tools import App" in example
    assert "from asgi_tools.tests import ASGITestClient" in example
    (tmp_path / "test_readme_example.py").write_text(example, encoding="utf-8")
    done = package_venv("asgi-app").run(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-W",
        "error",
        "test_readme_example.py",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # pytest-aio runs the example's async test on asyncio, trio and curio
    assert re.search(r"\b3 passed\b", done.stdout), done.stdout


@pytest.mark.parametrize("dist", sorted(OURS))
def test_package_suite_passes_with_only_its_declared_dependencies(
    dist: str, package_venv: Callable[[str], Venv], tmp_path: Path
) -> None:
    venv = package_venv(dist)
    tests = packages()[dist].path / "tests"
    # Run from an empty folder with the root configuration: neither the sources (src/) nor
    # another package's tests or conftest are importable, only what the wheels installed.
    done = venv.run(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-c",
        ROOT / "pyproject.toml",
        "--rootdir",
        ROOT,
        tests,
        cwd=tmp_path,
        timeout=600,
    )
    tail = "\n".join((done.stdout + done.stderr).splitlines()[-40:])
    assert done.returncode == 0, f"{dist} tests failed in isolation:\n{tail}"
