"""Helpers for the hardening tests that talk to Dash's callback endpoint.

Request bodies come from tests/unit/dash_post.py (built from the app's own callback map); here are what the
hardening tests add: the list of server-side callbacks to aim at, and the checks on what comes back.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.view.state import Domain, ViewState, parse_query, timeline_key, to_query


def server_callbacks(callback_map: Mapping[str, Mapping]) -> dict[str, Mapping]:
    """The callbacks that run on the server (clientside ones have no Python function)."""
    return {key: entry for key, entry in callback_map.items() if "callback" in entry}


def texts(node: object) -> list[str]:
    """Every string in a Dash component tree as it is serialised (the text a user would see)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for child in node for t in texts(child)]
    if isinstance(node, dict):
        return texts(node.get("props", {}).get("children"))
    return []


def assert_valid_view(data: dict, domain: Domain) -> ViewState:
    """The view-state a callback stored is one the URL codec accepts as it is, without a notice."""
    fields = {k: v for k, v in data.items() if k not in ("query", "key")}
    state = ViewState(**{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})
    assert data.get("query", to_query(state, domain)) == to_query(state, domain), data
    assert data.get("key", timeline_key(state, domain)) == timeline_key(state, domain), data
    again = parse_query(to_query(state, domain), domain)
    assert again.state == state, f"the callback settled on a view the codec would change: {data}"
    assert not again.notices, again.notices
    return state
