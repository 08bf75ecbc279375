"""What the workspace holds: its packages, their metadata and the design's dependency table.

Shared by the root checks (layering, versions, isolation). It reads files only; it imports
none of the packages, so it works before they are installed.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "packages"

# The table of DESIGN.md ("depends on"): the only sibling arrows the import graph may have.
ALLOWED_SIBLINGS: dict[str, frozenset[str]] = {
    "asgi-request": frozenset(),
    "asgi-responses": frozenset({"asgi-request"}),
    "asgi-router": frozenset(),
    "asgi-middlewares": frozenset({"asgi-request", "asgi-responses", "asgi-router"}),
    "asgi-testclient": frozenset({"asgi-request"}),
    "asgi-app": frozenset(
        {"asgi-request", "asgi-responses", "asgi-router", "asgi-middlewares", "asgi-testclient"}
    ),
}

# Distributions whose import name is not their normalised distribution name.
IMPORT_NAMES: dict[str, tuple[str, ...]] = {
    "curio-compat": ("curio",),
    "python-multipart": ("multipart", "python_multipart"),
    "pytest-aio": ("pytest_aio",),
    "uvicorn": ("uvicorn",),
}


@dataclass(frozen=True)
class Package:
    """One distribution of the workspace, as its files describe it."""

    dist: str
    path: Path
    version: str
    imports: tuple[str, ...]
    requires: tuple[Requirement, ...]
    extras: dict[str, tuple[Requirement, ...]] = field(hash=False)

    @property
    def siblings(self) -> frozenset[str]:
        """Sibling distributions this package requires at run time."""
        return frozenset(r.name for r in self.requires if r.name in ALLOWED_SIBLINGS)

    @property
    def test_extra(self) -> tuple[Requirement, ...]:
        return self.extras.get("test", ())

    def sources(self) -> list[Path]:
        return sorted((self.path / "src").rglob("*.py"))

    def tests(self) -> list[Path]:
        return sorted((self.path / "tests").rglob("*.py"))


def about_version(path: Path) -> str:
    """The ``__version__`` literal of an ``__about__.py``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise LookupError(f"{path} has no __version__ = '...' literal")


def load(path: Path) -> Package:
    meta = tomllib.loads((path / "pyproject.toml").read_text(encoding="utf-8"))
    project = meta["project"]
    hatch = meta.get("tool", {}).get("hatch", {})
    version = about_version(path / hatch["version"]["path"])
    wheel = hatch.get("build", {}).get("targets", {}).get("wheel", {})
    imports = tuple(Path(p).name for p in wheel.get("packages", ())) or (
        project["name"].replace("-", "_"),
    )
    return Package(
        dist=canonicalize_name(project["name"]),
        path=path,
        version=version,
        imports=imports,
        requires=tuple(Requirement(r) for r in project.get("dependencies", ())),
        extras={
            name: tuple(Requirement(r) for r in reqs)
            for name, reqs in project.get("optional-dependencies", {}).items()
        },
    )


@cache
def packages() -> dict[str, Package]:
    """Every distribution under ``packages/``, by distribution name."""
    found = [load(p.parent) for p in sorted(PACKAGES.glob("*/pyproject.toml"))]
    return {p.dist: p for p in found}


def import_owner() -> dict[str, str]:
    """Top-level import name -> the workspace distribution that ships it."""
    return {name: pkg.dist for pkg in packages().values() for name in pkg.imports}


def sibling_closure(dist: str) -> set[str]:
    """``dist`` and every sibling it needs, directly or not."""
    seen, todo = set(), [dist]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(packages()[name].siblings)
    return seen


def import_names_of(requirement: Requirement) -> tuple[str, ...]:
    name = canonicalize_name(requirement.name)
    return IMPORT_NAMES.get(name, (name.replace("-", "_"),))


def changelog_versions(path: Path) -> list[str]:
    """Version headings (``## 1.2.3``, ``## [1.2.3] - date``) of a CHANGELOG, newest first."""
    pattern = re.compile(r"^##\s+\[?v?(\d+(?:\.\d+)*[^\s\]]*)", re.MULTILINE)
    return pattern.findall(path.read_text(encoding="utf-8"))
