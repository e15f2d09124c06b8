"""Call a registered Dash callback through its real HTTP endpoint, with the body dash-renderer would send.

The body names the callback by its output id string (as in app.callback_map), lists every input and state
with its id, property and value, and says which input changed. Values not given are None, as for a component
property the browser has not set.
"""

from __future__ import annotations

from typing import Any

ENDPOINT = "/_dash-update-component"


def _parts(key: str) -> list[str]:
    """'..a.b...c.d@hash..' -> ['a.b', 'c.d']; a single-output key is one part."""
    return [p.split("@")[0] for p in key.strip(".").split("...")]


def callback_key(app: Any, output: str) -> str:  # noqa: ANN401 - dash.Dash
    """The callback_map key of the one callback that writes `output` ('id.property') without allow_duplicate."""
    keys = [k for k in app.callback_map if output in k.strip(".").split("...")]
    assert len(keys) == 1, (output, keys)
    return keys[0]


def _outputs(key: str) -> list[dict] | dict:
    if not key.startswith(".."):
        ident, prop = key.rsplit(".", 1)
        return {"id": ident, "property": prop}
    return [dict(zip(("id", "property"), part.rsplit(".", 1), strict=True)) for part in _parts(key)]


def payload(app: Any, output: str, values: dict[str, Any], changed: list[str]) -> dict:  # noqa: ANN401
    """The request body for the callback writing `output`, with `values` keyed 'id.property'."""
    key = callback_key(app, output)
    spec = app.callback_map[key]

    def fill(items: list[dict]) -> list[dict]:
        return [{"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")}
                for i in items]

    return {"output": key, "outputs": _outputs(key), "inputs": fill(spec["inputs"]), "changedPropIds": changed,
            "state": fill(spec["state"])}


def post(client: Any, app: Any, output: str, values: dict[str, Any], changed: list[str]) -> dict:  # noqa: ANN401
    """POST the callback and return {'id.property': value} of what it sent back (asserting a 200)."""
    response = client.post(ENDPOINT, json=payload(app, output, values, changed))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    body = response.get_json()
    return {f"{ident}.{prop}": value for ident, props in body["response"].items() for prop, value in props.items()}
