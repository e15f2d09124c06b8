"""Issue 12: no function over 60 lines and no module over 400, so each stays readable in one sitting.

Every Python file of the project is read with `ast`; a function (nested ones too) counts from its `def` line to its
last line, decorators not included.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO_ROOT

MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400
PACKAGES = ("dashboard", "callbacks", "layouts", "bench", "scripts", "tests")

def _project_files() -> list[tuple[str, Path]]:
    """(path relative to the repository, path) of every Python file in the project's own packages."""
    files = []
    for package in PACKAGES:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            rel = path.relative_to(REPO_ROOT).as_posix()
            if ".venv" in path.parts or "__pycache__" in path.parts:
                continue
            files.append((rel, path))
    return files


def _long_functions(rel: str, source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename=rel)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{rel}:{node.lineno} {node.name}() is {length} lines")
    return found


def test_the_walk_finds_the_project() -> None:
    """Guards the size checks below against passing because they read nothing."""
    rels = {rel for rel, _path in _project_files()}
    assert {"dashboard/web/app.py", "callbacks/present.py", "layouts/panels.py", "bench/report.py"} <= rels


def test_no_function_over_60_lines() -> None:
    offenders = [line for rel, path in _project_files() for line in _long_functions(rel, path.read_text("utf-8"))]
    assert not offenders, f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(offenders)


def test_no_module_over_400_lines() -> None:
    offenders = []
    for rel, path in _project_files():
        length = len(path.read_text("utf-8").splitlines())
        if length > MAX_MODULE_LINES:
            offenders.append(f"{rel} is {length} lines")
    assert not offenders, f"modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(offenders)
