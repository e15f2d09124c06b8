"""Which clientside functions the Python names, and which the assets' scripts define.

A ``ClientsideFunction("ns", "name")`` whose ``ns.name`` no script in assets/ puts on ``window.dash_clientside``
fails only in the browser, and only once its callback fires: the page stays blank or a control does nothing,
with one console error. tests/unit/test_clientside_functions.py compares the two sides without a browser.

Python side: ast, so a name in a comment or a docstring is not a use. JavaScript side: a small tokenizer (strings,
template literals, comments and regex literals are single tokens, so their braces and colons never count) and a
reader of the three shapes the assets use or might::

    window.dash_clientside = Object.assign({}, window.dash_clientside, {ns: {name: function () {...}}});
    window.dash_clientside.ns = {name: (a) => a, other(b) {...}};
    window.dash_clientside.ns.name = function () {...};
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

#: Python files that may name a clientside function.
PYTHON_FOLDERS = ("callbacks", "layouts", "dashboard")
#: Dash serves every script under assets/ but the folders create_app tells it to ignore.
IGNORED_ASSETS = ("00_vendor",)

_TOKEN = re.compile(r"\s+|//[^\n]*|/\*.*?\*/|[A-Za-z_$][\w$]*|\d[\w.]*|=>|\.\.\.|.", re.S)
#: After these a "/" starts a regex literal; after anything else it divides.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {"return", "typeof", "case", "do", "else", "in", "of", "new",
                                            "delete", "void", "throw", "=>"}


def named_functions(files: Iterable[Path]) -> tuple[dict[str, list[str]], list[str]]:
    """('ns.name' -> ['file:line', ...], ['file:line' of calls whose names are not string literals])."""
    named: dict[str, list[str]] = {}
    unresolved: list[str] = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if not (isinstance(node, ast.Call) and _called_name(node.func) == "ClientsideFunction"):
                continue
            where = f"{path}:{node.lineno}"
            given = dict(zip(("namespace", "function_name"), node.args, strict=False))
            given.update({k.arg: k.value for k in node.keywords if k.arg})
            parts = [given.get(key) for key in ("namespace", "function_name")]
            if all(isinstance(p, ast.Constant) and isinstance(p.value, str) for p in parts):
                named.setdefault(".".join(p.value for p in parts), []).append(where)
            else:
                unresolved.append(where)
    return named, unresolved


def _called_name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def tokens(source: str) -> list[str]:
    """The script's code tokens; each string, template literal and regex literal is one token starting with its
    quote or slash, and the code inside a template's ``${...}`` is tokenized as code."""
    out: list[str] = []
    stack: list[str] = []  # "{" for a code brace, "${" for a template expression
    i = 0
    while i < len(source):
        char = source[i]
        if char == "`" or (char == "}" and stack and stack[-1] == "${"):
            if char == "}":
                stack.pop()
            i, opened = _template_text(source, i + 1)
            out.append("`")
            if opened:
                stack.append("${")
            continue
        if char in "\"'":
            end = _string_end(source, i + 1, char)
            out.append(source[i:end])
            i = end
            continue
        if char == "/" and source[i:i + 2] not in ("//", "/*") and (not out or out[-1] in _REGEX_AFTER):
            end = _regex_end(source, i + 1)
            out.append(source[i:end])
            i = end
            continue
        match = _TOKEN.match(source, i)
        text = match.group()
        i = match.end()
        if text.isspace() or text.startswith(("//", "/*")):
            continue
        if text == "{":
            stack.append("{")
        elif text == "}" and stack:
            stack.pop()
        out.append(text)
    return out


def _string_end(source: str, i: int, quote: str) -> int:
    while i < len(source) and source[i] != quote:
        i += 2 if source[i] == "\\" else 1
    return i + 1


def _template_text(source: str, i: int) -> tuple[int, bool]:
    """Skip template text from `i`: (index after it, whether it stopped at a ``${`` rather than the closing `)."""
    while i < len(source):
        if source[i] == "\\":
            i += 2
        elif source[i] == "`":
            return i + 1, False
        elif source.startswith("${", i):
            return i + 2, True
        else:
            i += 1
    return i, False


def _regex_end(source: str, i: int) -> int:
    in_class = False
    while i < len(source) and (in_class or source[i] != "/") and source[i] != "\n":
        if source[i] == "\\":
            i += 1
        elif source[i] in "[]":
            in_class = source[i] == "["
        i += 1
    i += 1
    while i < len(source) and source[i].isalpha():  # flags
        i += 1
    return i


def defined_functions(source: str) -> set[str]:
    """'ns.name' for every function the script puts on ``window.dash_clientside``."""
    toks = tokens(source)
    found: set[str] = set()
    for i, tok in enumerate(toks):
        if tok != "dash_clientside" or (i and toks[i - 1] == "." and toks[i - 2:i - 1] != ["window"]):
            continue  # not window.dash_clientside (nor a bare dash_clientside)
        rest = toks[i + 1:i + 8]
        if rest[:5] == ["=", "Object", ".", "assign", "("]:
            for arg in _call_arguments(toks, i + 5):
                if toks[arg] == "{":
                    for ns, value in _properties(toks, arg):
                        if toks[value] == "{":
                            found |= {f"{ns}.{name}" for name, at in _properties(toks, value)
                                      if _is_function(toks, at)}
        elif rest[:1] == ["."] and rest[2:4] == ["=", "{"]:
            found |= {f"{rest[1]}.{name}" for name, at in _properties(toks, i + 4) if _is_function(toks, at)}
        elif rest[:1] == ["."] and rest[2:3] == ["."] and rest[4:5] == ["="] and _is_function(toks, i + 6):
            found.add(f"{rest[1]}.{rest[3]}")
    return found


def _closing(toks: list[str], i: int) -> int:
    """Index of the bracket that closes the one at `i`."""
    pairs, depth = {"(": ")", "[": "]", "{": "}"}, 0
    for j in range(i, len(toks)):
        if toks[j] in pairs:
            depth += 1
        elif toks[j] in pairs.values():
            depth -= 1
            if depth == 0:
                return j
    return len(toks)


def _top_level(toks: list[str], start: int, end: int) -> Iterable[int]:
    """Indices in (start, end) at bracket depth zero, each after a comma or at the start: one per item."""
    j, item_start = start + 1, True
    while j < end:
        if item_start:
            yield j
        item_start = toks[j] == ","
        j = _closing(toks, j) + 1 if toks[j] in "([{" else j + 1


def _call_arguments(toks: list[str], paren: int) -> list[int]:
    return list(_top_level(toks, paren, _closing(toks, paren)))


def _properties(toks: list[str], brace: int) -> list[tuple[str, int]]:
    """(key, index of its value) of an object literal's own properties; a method shorthand's value is its
    parameter list, so it reads as a function too."""
    props = []
    for j in _top_level(toks, brace, _closing(toks, brace)):
        key = toks[j].strip("\"'") if toks[j][0] in "\"'" or re.fullmatch(r"[A-Za-z_$][\w$]*", toks[j]) else None
        if key is None or j + 1 >= len(toks):
            continue
        if toks[j + 1] == ":":
            props.append((key, j + 2))
        elif toks[j + 1] == "(":
            props.append((key, j + 1))
    return props


def _is_function(toks: list[str], i: int) -> bool:
    """A function expression, an arrow function or a method shorthand's parameter list starts at `i`."""
    if toks[i] == "async":
        i += 1
    if toks[i] == "function":
        return True
    if toks[i] == "(":
        after = _closing(toks, i) + 1
        return after < len(toks) and toks[after] in ("=>", "{")
    return i + 1 < len(toks) and re.fullmatch(r"[A-Za-z_$][\w$]*", toks[i]) is not None and toks[i + 1] == "=>"


def python_files(root: Path) -> list[Path]:
    return sorted(p for folder in PYTHON_FOLDERS for p in (root / folder).rglob("*.py"))


def asset_scripts(root: Path) -> list[Path]:
    assets = root / "assets"
    return sorted(p for p in assets.rglob("*.js") if p.relative_to(assets).parts[0] not in IGNORED_ASSETS)


def missing_functions(py_files: Iterable[Path], js_files: Iterable[Path]) -> dict[str, list[str]]:
    """'ns.name' -> where it is named, for every name the Python uses and no script defines."""
    named, _ = named_functions(py_files)
    defined = set().union(*(defined_functions(p.read_text(encoding="utf-8")) for p in js_files))
    return {name: where for name, where in sorted(named.items()) if name not in defined}
