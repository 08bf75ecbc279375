"""Fixtures of the isolation checks: the built wheels, and fresh virtualenvs holding only them.

The wheels are built once per session; the virtualenvs are cached across sessions by what they
hold (see ``_venvs.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from _venvs import TEST_TOOLS, USER_LOOPS, Venv, create_venv
from _workspace import ROOT, packages, sibling_closure

sys.path.insert(0, str(ROOT / "scripts"))
import build_all


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every workspace package built as a wheel (from its sdist), by distribution name."""
    outdir = tmp_path_factory.mktemp("dist")
    built: dict[str, Path] = {}
    for folder in build_all.package_dirs():
        for file in build_all.build(folder, outdir):
            if file.suffix == ".whl":
                built[folder.name] = file
    assert set(built) == set(packages()), "a package did not build"
    return built


@pytest.fixture(scope="session")
def venv_root(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = getattr(request.config, "cache", None)
    if cache is None:  # -p no:cacheprovider: one session only
        return tmp_path_factory.mktemp("venvs")
    return Path(cache.mkdir("isolation-venvs"))


@pytest.fixture(scope="session")
def package_venv(wheels: dict[str, Path], venv_root: Path) -> Callable[[str], Venv]:
    """The virtualenv of one package: its wheel with its ``test`` extra, the wheels of the
    siblings it needs, the third-party packages they declare, and the workspace test tools."""
    made: dict[str, Venv] = {}

    def get(dist: str) -> Venv:
        if dist not in made:
            package = packages()[dist]
            own = f"{wheels[dist]}[test]" if package.test_extra else str(wheels[dist])
            others = [wheels[d] for d in sorted(sibling_closure(dist) - {dist})]
            made[dist] = create_venv(venv_root, f"pkg-{dist}", [own, *others], TEST_TOOLS)
        return made[dist]

    return get


@pytest.fixture(scope="session")
def user_venv(wheels: dict[str, Path], venv_root: Path) -> Callable[..., Venv]:
    """What a user gets from ``pip install <dist>``: its wheel and the siblings and third-party
    packages it declares, nothing for tests, plus the ``extra`` requirements of one check (the
    event loops trio and curio, which the user's program brings, and e.g. Starlette)."""
    made: dict[tuple[str, ...], Venv] = {}

    def get(dist: str, *extra: str) -> Venv:
        key = (dist, *extra)
        if key not in made:
            needed = [wheels[d] for d in sorted(sibling_closure(dist))]
            name = "-".join(["user", dist, *(e.split("[")[0].split(">")[0] for e in extra)])
            made[key] = create_venv(venv_root, name, needed, (*USER_LOOPS, *extra))
        return made[key]

    return get
