"""The layering rules of the code, read from the imports themselves (README, "Layout of the code"): no import
cycle anywhere, no callbacks module importing another, layouts never importing callbacks, and the figure
builders free of Dash, layouts and callbacks. Function-local imports count: a cycle hidden in a function body
is still a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("dashboard", "callbacks", "layouts")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in sorted((REPO_ROOT / pkg).rglob("*.py"))
            if "__pycache__" not in p.parts}


def _imports(path: Path, known: set[str]) -> set[str]:
    """The project's modules this file imports when it runs, anywhere in it (`from a import b` counts a.b where
    that is a module); `if TYPE_CHECKING:` imports are left out, as they never run."""
    found: set[str] = set()
    tree = ast.parse(path.read_text("utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                   for stmt in block.body for n in ast.walk(stmt)}  # type hints only: never run
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{a.name}" for a in node.names} & known
            found |= subs or ({node.module} & known)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, set(modules)) - {name} for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_graph_reads_the_project():
    graph = _graph()
    assert "dashboard.panels.registry" in graph["callbacks.panels"]
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]  # the checker finds a cycle where there is one


def test_no_import_cycle():
    assert _cycle(_graph()) is None


def test_no_callbacks_module_imports_another():
    bad = {m: sorted(i for i in deps if i.startswith("callbacks.")) for m, deps in _graph().items()
           if m.startswith("callbacks.")}
    assert not {m: d for m, d in bad.items() if d}


def test_layouts_and_the_core_never_import_callbacks():
    bad = {m: sorted(d for d in deps if d.startswith("callbacks")) for m, deps in _graph().items()
           if not m.startswith("callbacks") and m != "dashboard.web.app"}  # create_app registers them
    assert not {m: d for m, d in bad.items() if d}


def test_figure_builders_import_neither_dash_nor_layouts_nor_callbacks():
    for path in sorted((REPO_ROOT / "dashboard" / "figures").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {n for n in names if n.split(".")[0] in {"dash", "layouts", "callbacks"}}, path.name
