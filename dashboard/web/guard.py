"""Gates in front of Dash's own routes: a malformed request is a 4xx with a reason, never a 500.

Dash trusts the shape of what its renderer posts to ``/_dash-update-component``: a list where it expects an
object, a missing ``inputs`` entry or a clientside callback's id makes it raise deep inside its dispatcher,
which Flask turns into a 500. Anyone can post anything there, so the shape is checked here first against the
callback's own declaration (its inputs, state and outputs, in order). The values inside a well-formed request
are the callbacks' business: each one re-validates them through the URL codec (``dashboard.view.state``).

Dash also answers a request for a bundle it never registered (``/_dash-component-suites/dash/x.js``) by raising
DependencyException, another 500, and one for a file it registered but that its package does not ship (the
source map of dcc's async-mathjax.js) by raising FileNotFoundError; here both are the 404 they are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from dash import Dash
from dash._utils import split_callback_id
from dash.exceptions import DependencyException
from flask import Response, request
from werkzeug.exceptions import RequestEntityTooLarge

#: A real request from the page is a few kilobytes; a megabyte leaves room for graph selections.
MAX_BODY_BYTES = 1_000_000
#: The renderer's payloads nest a handful of levels (figure click data); deeper is junk.
MAX_DEPTH = 64


def _depth(value: object, limit: int) -> int:
    """Nesting depth of a JSON value, counted only up to ``limit`` + 1 (so junk cannot make this slow)."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, level + 1) for child in children)
    return deepest


def _prop(name: object) -> str | None:
    """A property name without Dash's '@hash' suffix for allow_duplicate outputs."""
    return name.split("@", 1)[0] if isinstance(name, str) else None


def _matches(item: object, expected: Mapping[str, object]) -> bool:
    """One posted input/state/output entry against its declaration."""
    declared_id = expected["id"]
    if isinstance(declared_id, dict) or str(declared_id).startswith("{"):
        # pattern-matching (a dict id, or its JSON in an output name): one dict (MATCH) or a list of them (ALL)
        entries = item if isinstance(item, list) else [item]
        return all(isinstance(e, dict) and isinstance(e.get("id"), dict) and isinstance(e.get("property"), str)
                   for e in entries)
    return (isinstance(item, dict) and item.get("id") == declared_id
            and _prop(item.get("property")) == _prop(expected["property"]))


def _entries_problem(body: Mapping[str, object], key: str, declared: list) -> str | None:
    posted = body.get(key, [] if key == "state" else None)
    if not isinstance(posted, list):
        return f"'{key}' must be a list"
    if len(posted) != len(declared):
        return f"'{key}' has {len(posted)} entries; this callback takes {len(declared)}"
    for i, (item, expected) in enumerate(zip(posted, declared, strict=True)):
        if not _matches(item, expected):
            return f"'{key}[{i}]' does not match this callback's {key} ({expected['id']}.{expected['property']})"
    return None


def payload_problem(body: object, callback_map: Mapping[str, Mapping]) -> str | None:
    """Why ``body`` is not a request Dash can dispatch to a server callback, or None if its shape is right."""
    if not isinstance(body, dict):
        return "the request body must be a JSON object"
    output = body.get("output")
    entry = callback_map.get(output) if isinstance(output, str) else None
    if entry is None or "callback" not in entry:
        return "no server callback has this 'output'"
    if _depth(body, MAX_DEPTH) > MAX_DEPTH:
        return f"the request nests deeper than {MAX_DEPTH} levels"
    for key in ("inputs", "state"):
        problem = _entries_problem(body, key, entry.get(key, []))
        if problem:
            return problem
    if not entry.get("no_output"):
        declared = split_callback_id(output)
        declared_list = declared if isinstance(declared, list) else [declared]
        posted = body.get("outputs")
        posted_list = posted if isinstance(declared, list) else [posted]
        if not isinstance(posted_list, list) or len(posted_list) != len(declared_list) or not all(
            _matches(p, d) for p, d in zip(posted_list, declared_list, strict=False)
        ):
            return "'outputs' does not match this callback's outputs"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    return None


def _bad_request(message: str, status: int = 400) -> Response:
    body = json.dumps({"error": message, "status": status})
    return Response(body, status=status, mimetype="application/json")


def install(app: Dash) -> None:
    """Check every POST to Dash's callback endpoint before Dash dispatches it; unknown bundles are 404s."""
    endpoint = f"{app.config.routes_pathname_prefix}_dash-update-component"

    @app.server.before_request
    def check_callback_request() -> Response | None:
        if request.path != endpoint or request.method != "POST":
            return None
        request.max_content_length = MAX_BODY_BYTES
        try:
            body = request.get_json(silent=True)
        except RequestEntityTooLarge:
            return _bad_request(f"the request body is larger than {MAX_BODY_BYTES:,} bytes", 413)
        except RecursionError:  # json gives up on very deep nesting before returning anything
            return _bad_request(f"the request nests deeper than {MAX_DEPTH} levels")
        problem = payload_problem(body, app.callback_map)
        return _bad_request(problem) if problem else None

    @app.server.errorhandler(DependencyException)
    @app.server.errorhandler(FileNotFoundError)
    def unknown_bundle(_err: Exception) -> tuple[str, int]:
        return "Not found", 404
