"""The import graph of the packages equals what they declare, and what DESIGN.md allows.

Every module of every package (sources and tests) is read with ``ast``, never imported. A
package may import a sibling only when (1) it declares it (runtime dependencies, or the
``test`` extra for its tests), (2) the design's table allows that arrow, and (3) it goes
through the sibling's top-level public names (``from asgi_x import Name`` with ``Name`` in
``asgi_x.__all__``). Third-party imports must be declared too, unless they are optional
(inside ``try: ... except ImportError``) or for type checkers only.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from _workspace import (
    ALLOWED_SIBLINGS,
    ROOT,
    Package,
    import_names_of,
    import_owner,
    packages,
)

# What every package's test suite may use without declaring it (the workspace test tools).
TEST_TOOLS = frozenset({"pytest", "pytest_aio", "trio", "curio", "hypothesis", "_pytest"})
IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})
# The event loop libraries are brought by the program that runs the code: a package may
# import them inside a function that runs only under that library (never at module level).
ASYNC_LIBRARIES = frozenset({"trio", "curio", "anyio", "uvloop"})


@dataclass(frozen=True)
class Import:
    module: str  # the absolute module named by the statement
    names: tuple[str, ...]  # for ``from module import a, b``; empty for ``import module``
    line: int
    optional: bool  # inside ``try`` with an ``except ImportError``
    type_only: bool  # under ``if TYPE_CHECKING:``
    deferred: bool = False  # inside a function body


class _Collector(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[Import] = []
        self._optional = 0
        self._type_only = 0
        self._functions = 0

    def _add(self, module: str, names: tuple[str, ...], line: int) -> None:
        self.found.append(
            Import(
                module, names, line, self._optional > 0, self._type_only > 0, self._functions > 0
            )
        )

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._functions += 1
        self.generic_visit(node)
        self._functions -= 1

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]  # noqa: N815

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, (), node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and node.module:  # relative imports stay inside the package
            self._add(node.module, tuple(a.name for a in node.names), node.lineno)

    def visit_Try(self, node: ast.Try) -> None:
        guarded = any(_catches_import_error(h.type) for h in node.handlers)
        self._optional += guarded
        for stmt in node.body:
            self.visit(stmt)
        self._optional -= guarded
        for other in (*node.handlers, *node.orelse, *node.finalbody):
            self.visit(other)

    visit_TryStar = visit_Try  # type: ignore[assignment]  # noqa: N815

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        type_only = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        self._type_only += type_only
        for stmt in node.body:
            self.visit(stmt)
        self._type_only -= type_only
        for stmt in node.orelse:
            self.visit(stmt)


def _catches_import_error(handler_type: ast.expr | None) -> bool:
    if handler_type is None:
        return True
    names = handler_type.elts if isinstance(handler_type, ast.Tuple) else [handler_type]
    return any(isinstance(n, ast.Name) and n.id in IMPORT_ERRORS for n in names)


def imports_of(source: str, filename: str = "<source>") -> list[Import]:
    collector = _Collector()
    collector.visit(ast.parse(source, filename))
    return collector.found


@cache
def public_names(dist: str, import_name: str) -> frozenset[str] | None:
    """``__all__`` of a sibling's top-level package, or None when it has no literal one."""
    init = packages()[dist].path / "src" / import_name / "__init__.py"
    if not init.exists():
        return None
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            value = node.value
            if isinstance(value, ast.List | ast.Tuple):
                return frozenset(
                    e.value
                    for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                )
    return None


def violations(
    package: Package,
    imports: list[Import],
    *,
    where: str,
    for_tests: bool = False,
    local_modules: frozenset[str] = frozenset(),
) -> list[str]:
    """What is wrong with these imports of one module of ``package``."""
    owners = import_owner()
    own = set(package.imports)
    declared_reqs = list(package.requires)
    if for_tests:
        declared_reqs += package.test_extra
    declared_siblings = {r.name for r in declared_reqs if r.name in ALLOWED_SIBLINGS}
    declared_third = {n for r in declared_reqs for n in import_names_of(r)}
    found: list[str] = []
    for imp in imports:
        top = imp.module.split(".")[0]
        at = f"{where}:{imp.line}"
        if top in own:
            continue
        sibling = owners.get(top)
        if sibling is not None:
            if sibling not in declared_siblings:
                found.append(f"{at}: imports {top} but {package.dist} does not declare {sibling}")
            if sibling not in ALLOWED_SIBLINGS[package.dist]:
                found.append(
                    f"{at}: {package.dist} -> {sibling} is an arrow the DESIGN.md table forbids"
                )
            if imp.module != top:
                found.append(
                    f"{at}: imports the submodule {imp.module}; siblings are used only "
                    f"through their top-level package ({top})"
                )
            elif imp.names:
                public = public_names(sibling, top)
                found.extend(
                    f"{at}: {top}.{name} is not in {top}.__all__"
                    for name in imp.names
                    if name.startswith("_") or public is None or name not in public
                )
            continue
        if top in sys.stdlib_module_names or imp.optional or imp.type_only:
            continue
        if top in declared_third or top in local_modules:
            continue
        if for_tests and top in TEST_TOOLS:
            continue
        if imp.deferred and top in ASYNC_LIBRARIES:
            continue
        extra = " or its test extra" if for_tests else ""
        found.append(f"{at}: imports {top}, which {package.dist} does not declare{extra}")
    return found


def _local_test_modules(package: Package) -> frozenset[str]:
    names = {p.stem for p in package.tests()}
    names |= {p.name for p in (package.path / "tests").rglob("*") if p.is_dir()}
    return frozenset(names)


def _check(package: Package, files: list[Path], *, for_tests: bool) -> list[str]:
    local = _local_test_modules(package) if for_tests else frozenset()
    problems: list[str] = []
    for path in files:
        where = str(path.relative_to(ROOT))
        imports = imports_of(path.read_text(encoding="utf-8"), where)
        problems += violations(
            package, imports, where=where, for_tests=for_tests, local_modules=local
        )
    return problems


DISTS = sorted(packages())


def test_workspace_holds_exactly_the_designed_packages() -> None:
    assert set(packages()) == set(ALLOWED_SIBLINGS)


@pytest.mark.parametrize("dist", DISTS)
def test_declared_siblings_are_arrows_the_design_allows(dist: str) -> None:
    package = packages()[dist]
    declared = package.siblings | {r.name for r in package.test_extra if r.name in ALLOWED_SIBLINGS}
    assert declared <= ALLOWED_SIBLINGS[dist], (
        f"{dist} declares {sorted(declared - ALLOWED_SIBLINGS[dist])}, not allowed by DESIGN.md"
    )


@pytest.mark.parametrize("dist", DISTS)
def test_sources_import_only_declared_public_names(dist: str) -> None:
    package = packages()[dist]
    assert package.sources(), f"{dist} has no sources"
    problems = _check(package, package.sources(), for_tests=False)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("dist", DISTS)
def test_tests_import_only_declared_public_names(dist: str) -> None:
    package = packages()[dist]
    problems = _check(package, package.tests(), for_tests=True)
    assert not problems, "\n".join(problems)


def test_import_graph_has_no_cycle() -> None:
    graph = {dist: packages()[dist].siblings for dist in DISTS}
    done: set[str] = set()

    def visit(node: str, stack: tuple[str, ...]) -> None:
        assert node not in stack, f"dependency cycle: {' -> '.join((*stack, node))}"
        if node not in done:
            for nxt in graph[node]:
                visit(nxt, (*stack, node))
            done.add(node)

    for dist in DISTS:
        visit(dist, ())


# The checker itself: each rule fires on a module that breaks it.


def _violations_of(dist: str, source: str, *, for_tests: bool = False) -> list[str]:
    return violations(packages()[dist], imports_of(source), where="mod.py", for_tests=for_tests)


def test_checker_flags_undeclared_and_forbidden_sibling() -> None:
    found = _violations_of("asgi-router", "from asgi_request import ASGIError\n")
    assert any("does not declare asgi-request" in v for v in found)
    assert any("arrow the DESIGN.md table forbids" in v for v in found)


def test_checker_flags_any_package_importing_the_bundle() -> None:
    found = _violations_of("asgi-middlewares", "import asgi_tools\n")
    assert any("asgi-middlewares -> asgi-app" in v for v in found)


def test_checker_flags_private_submodule_of_a_sibling() -> None:
    found = _violations_of("asgi-responses", "from asgi_request.aio import aio_sleep\n")
    assert found == [
        (
            "mod.py:1: imports the submodule asgi_request.aio; siblings are used "
            "only through their top-level package (asgi_request)"
        )
    ]
    assert _violations_of("asgi-responses", "import asgi_request._secret\n")


def test_checker_flags_names_outside_the_sibling_all() -> None:
    found = _violations_of("asgi-responses", "from asgi_request import aio, _private\n")
    assert found == [
        "mod.py:1: asgi_request.aio is not in asgi_request.__all__",
        "mod.py:1: asgi_request._private is not in asgi_request.__all__",
    ]


def test_checker_accepts_public_declared_imports() -> None:
    source = "from asgi_request import ASGIError, json_dumps\nimport asgi_request\n"
    assert _violations_of("asgi-responses", source) == []


def test_checker_flags_undeclared_third_party_but_not_optional_or_typing() -> None:
    assert _violations_of("asgi-router", "import multidict\n") == [
        "mod.py:1: imports multidict, which asgi-router does not declare"
    ]
    optional = "try:\n    import orjson\nexcept ImportError:\n    orjson = None\n"
    typing_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import multidict\n"
    assert _violations_of("asgi-router", optional) == []
    assert _violations_of("asgi-router", typing_only) == []
    assert _violations_of("asgi-router", "import json, asyncio\n") == []


def test_checker_lets_tests_use_the_test_tools_only_in_tests() -> None:
    assert _violations_of("asgi-router", "import pytest\n", for_tests=True) == []
    assert _violations_of("asgi-router", "import pytest\n") != []


def test_checker_counts_type_only_sibling_imports_as_arrows() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from asgi_app import App\n"
    assert _violations_of("asgi-request", source)


def test_checker_allows_async_libraries_only_inside_functions() -> None:
    deferred = "def sleep():\n    import trio\n    return trio.sleep(0)\n"
    assert _violations_of("asgi-router", deferred) == []
    assert _violations_of("asgi-router", "import trio\n") != []
