"""Requests to Dash's callback endpoint built from the app's own callback map, as the renderer would send them.

Tests name a callback by one of its outputs ("sankey-graph.figure") and give input values by "id.property";
everything else (the output key, the outputs list, the inputs and state in declared order) comes from the
declaration, so the tests keep working when a callback gains an output.
"""

from __future__ import annotations

from collections.abc import Mapping

from dash._utils import split_callback_id

from dashboard.state import Domain, ViewState, parse_query, to_query

ENDPOINT = "/_dash-update-component"


def server_callbacks(callback_map: Mapping[str, Mapping]) -> dict[str, Mapping]:
    """The callbacks that run on the server (clientside ones have no Python function)."""
    return {key: entry for key, entry in callback_map.items() if "callback" in entry}


def output_key(callback_map: Mapping[str, Mapping], output: str) -> str:
    """The callback-map key of the server callback that writes ``output`` ("id.property")."""
    for key in server_callbacks(callback_map):
        outputs = split_callback_id(key)
        names = [f"{o['id']}.{o['property'].split('@')[0]}" for o in (outputs if isinstance(outputs, list)
                                                                        else [outputs])]
        if output in names:
            return key
    raise KeyError(f"no server callback writes {output}")


def call_body(callback_map: Mapping[str, Mapping], output: str, values: Mapping[str, object] | None = None,
              trigger: str | None = None) -> dict:
    """A well-formed request for the callback writing ``output`` (or with that callback-map key); ``values`` by
    "id.property", others absent."""
    key = output if output in callback_map else output_key(callback_map, output)
    entry = callback_map[key]
    values = values or {}

    def entries(declared: list) -> list[dict]:
        out = []
        for dep in declared:
            item = {"id": dep["id"], "property": dep["property"]}
            name = f"{dep['id']}.{dep['property']}"
            if name in values:
                item["value"] = values[name]
            out.append(item)
        return out

    outputs = split_callback_id(key)
    inputs = entries(entry["inputs"])
    changed = trigger or f"{inputs[0]['id']}.{inputs[0]['property']}"
    body = {"output": key, "outputs": outputs, "inputs": inputs, "changedPropIds": [changed]}
    if entry.get("state"):
        body["state"] = entries(entry["state"])
    return body


def response_outputs(payload: Mapping) -> dict[str, object]:
    """A callback response flattened to {"id.property": value}."""
    return {f"{cid}.{prop}": value for cid, props in payload.get("response", {}).items()
            for prop, value in props.items()}


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
    state = ViewState(**{k: tuple(v) if k == "countries" else v for k, v in data.items()})
    again = parse_query(to_query(state, domain), domain)
    assert again.state == state, f"the callback settled on a view the codec would change: {data}"
    assert not again.notices, again.notices
    return state
