"""Each package can be released on its own: one version, a matching CHANGELOG, satisfiable
sibling ranges, and the files every distribution ships."""

from __future__ import annotations

import ast
import tomllib

import pytest
from packaging.version import InvalidVersion, Version

from _workspace import (
    ALLOWED_SIBLINGS,
    Package,
    about_version,
    changelog_versions,
    packages,
)

DISTS = sorted(packages())


def _pyproject(package: Package) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((package.path / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("dist", DISTS)
def test_sibling_requirements_accept_the_workspace_versions(dist: str) -> None:
    package = packages()[dist]
    reqs = [*package.requires, *(r for extra in package.extras.values() for r in extra)]
    for req in reqs:
        if req.name in ALLOWED_SIBLINGS:
            current = packages()[req.name].version
            assert req.specifier.contains(current, prereleases=True), (
                f"{dist} requires {req}, but the workspace has {req.name} {current}"
            )


@pytest.mark.parametrize("dist", DISTS)
def test_sibling_requirements_have_a_floor_and_a_cap(dist: str) -> None:
    # A floor at the API used, a cap below the next breaking release: released alone, a
    # package must neither accept an older sibling nor a future incompatible one.
    for req in packages()[dist].requires:
        if req.name in ALLOWED_SIBLINGS:
            operators = {spec.operator for spec in req.specifier}
            assert operators & {">=", ">", "~=", "=="}, f"{dist}: {req} has no lower bound"
            assert operators & {"<", "~=", "=="}, f"{dist}: {req} has no upper bound"


@pytest.mark.parametrize("dist", DISTS)
def test_version_is_valid_and_read_only_from_about(dist: str) -> None:
    package = packages()[dist]
    meta = _pyproject(package)
    assert "version" not in meta["project"], f"{dist}: version must not be in pyproject.toml"
    assert "version" in meta["project"].get("dynamic", [])
    about = package.path / meta["tool"]["hatch"]["version"]["path"]
    assert about.name == "__about__.py"
    assert about.parent.name in package.imports
    try:
        Version(package.version)
    except InvalidVersion:
        pytest.fail(f"{dist}: {package.version!r} is not a PEP 440 version")
    assert str(Version(package.version)) == package.version, "use the normalised spelling"


@pytest.mark.parametrize("dist", DISTS)
def test_no_other_module_spells_the_version(dist: str) -> None:
    package = packages()[dist]
    for path in package.sources():
        if path.name == "__about__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                names = {t.id for t in node.targets if isinstance(t, ast.Name)}
                assert "__version__" not in names, f"{path}: a second literal __version__"


@pytest.mark.parametrize("dist", DISTS)
def test_changelog_newest_entry_is_the_version(dist: str) -> None:
    package = packages()[dist]
    versions = changelog_versions(package.path / "CHANGELOG.md")
    assert versions, f"{dist}: CHANGELOG.md has no '## <version>' entry"
    assert versions[0] == package.version, (
        f"{dist}: CHANGELOG's newest entry is {versions[0]}, the package is {package.version}"
    )
    assert len(set(versions)) == len(versions), f"{dist}: a version appears twice"


@pytest.mark.parametrize("dist", DISTS)
def test_package_ships_readme_changelog_typed_marker_and_tests(dist: str) -> None:
    package = packages()[dist]
    meta = _pyproject(package)
    assert meta["build-system"]["build-backend"] == "hatchling.build"
    assert meta["project"]["readme"] == "README.md"
    assert meta["project"]["requires-python"] == ">=3.11"
    readme = (package.path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# {dist}"), f"{dist}: README must start with '# {dist}'"
    assert (package.path / "CHANGELOG.md").is_file()
    for name in package.imports:
        assert (package.path / "src" / name / "py.typed").is_file(), f"{name} lacks py.typed"
        assert (package.path / "src" / name / "__init__.py").is_file()
    tests = list((package.path / "tests").glob("test_*.py"))
    assert tests, f"{dist}: tests/ holds no test_*.py"


def test_changelog_parser_reads_newest_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "CHANGELOG.md"
    log.write_text("# Changelog\n\n## [0.2.0] - 2026-01-02\n\n- b\n\n## 0.1.0\n\n- a\n")
    assert changelog_versions(log) == ["0.2.0", "0.1.0"]


def test_about_version_reads_the_literal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    about = tmp_path / "__about__.py"
    about.write_text('"""doc"""\n__version__ = "1.2.3"\n')
    assert about_version(about) == "1.2.3"
