"""The registered callbacks through Dash's real HTTP endpoint, as the browser calls them.

The sync callback turns a URL into control values and a cleaned URL; the panel callbacks return figures whose
numbers are the prepared data's; the download returns the panel's rows. Junk bodies get a 4xx, never a 5xx.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING
from dashboard.panels.registry import panel_rows
from layouts.ids import Ids, Panel
from tests.hardening.payloads import server_callbacks
from tests.unit.dash_post import ENDPOINT, callback_key, payload, post

SYNC = f"{Ids.VIEW}.data"
DRAW = f"{Ids.DRAW}.data"
URL_REQUEST = f"{Ids.URL_REQUEST}.data"
YEAR_REQUEST = f"{Ids.YEAR_REQUEST}.data"


def url_request(search: str) -> dict:
    """The body of a URL the browser could not resolve locally and hands to the sync (assets/timeline.js)."""
    return {URL_REQUEST: {"search": search, "n": 1}}


def view_data(state) -> dict:  # noqa: ANN001
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}


def turkey_chosen(view, search: str) -> dict:  # noqa: ANN001
    """The sync's body when Türkiye is chosen in the countries filter of the 2019 trafficking view at `search`."""
    return {"url.search": search, "crime.value": "human-trafficking", "indicator.value": "thb_victims",
            "countries.value": ["TUR"], "measure.value": "absolute", "series.value": "country", "top.value": 10,
            "year.value": 2019, SYNC: view_data(view(search))}


def test_sync_turns_a_url_into_control_values(app, client) -> None:
    out = post(client, app, SYNC, url_request("?crime=human-trafficking&year=2019"), [URL_REQUEST])
    assert "url.search" not in out  # the URL was already clean: no new history entry
    assert out["crime.value"] == "human-trafficking"
    assert out["indicator.value"] == "thb_victims"
    assert out["year.value"] == 2019
    assert (out["year.min"], out["year.max"]) == (2007, 2022)
    assert out["year-label.children"] == "2019"
    assert out["countries.value"] == [] and out["measure.value"] == "absolute"
    assert [o["value"] for o in out["indicator.options"]][:2] == ["thb_victims", "thb_victims_female"]
    assert out["notices.children"] == []
    assert out[SYNC]["crime"] == "human-trafficking" and out[SYNC]["year"] == 2019


def test_sync_cleans_a_bad_url_and_says_why(app, client) -> None:
    out = post(client, app, SYNC, url_request("?crime=human-trafficking&year=1066&country=GRC,XXX"), [URL_REQUEST])
    assert out["url.search"] == "?crime=human-trafficking&country=GRC"
    notices = [n["props"]["children"] for n in out["notices.children"]]
    assert any("1066" in n for n in notices) and any("XXX" in n for n in notices)
    assert out["countries.value"] == ["GRC"] and out["year.value"] == 2022


def test_sync_applies_a_control_change_and_writes_the_url(app, client, view) -> None:
    out = post(client, app, SYNC, turkey_chosen(view, "?crime=human-trafficking&year=2019"), ["countries.value"])
    assert out["url.search"] == "?crime=human-trafficking&year=2019&country=TUR"
    assert out[SYNC]["countries"] == ["TUR"]


def test_sync_applies_a_map_click(app, client, view) -> None:
    before = view("?crime=migrant-smuggling&indicator=smuggling_offences&year=2019")
    out = post(client, app, SYNC, {Panel.id("map", "graph") + ".clickData": {"points": [{"location": "HRV"}]},
                                   SYNC: view_data(before)}, [Panel.id("map", "graph") + ".clickData"])
    assert out["countries.value"] == ["HRV"]
    assert out["url.search"] == "?crime=migrant-smuggling&year=2019&country=HRV"


def test_map_callback_returns_the_published_numbers(app, client, view) -> None:
    state = view("?crime=migrant-smuggling&indicator=smuggling_offences&year=2019")
    out = post(client, app, Panel.id("map", "graph") + ".figure", {DRAW: view_data(state)}, [DRAW])
    figure = out[Panel.id("map", "graph") + ".figure"]
    labels = dict(zip(PARTICIPATING, figure["data"][1]["text"], strict=True))  # one label per participant
    hover = {row[0]: row[1] for row in figure["data"][0]["customdata"]}
    assert (hover["Türkiye"], hover["Greece"], hover["Croatia"]) == ("6,302", "1,533", "946")
    assert (labels["TUR"], labels["GRC"], labels["HRV"]) == ("6.3k", "1.5k", "946")
    assert out[Panel.id("map", "api-csv") + ".href"] == \
        "/api/country-indicators.csv?indicator=smuggling_offences&year=2019"
    key = out[Panel.id("map", "key") + ".data"]
    # the next year step with the same key is a Patch of values, not a new figure
    step = post(client, app, Panel.id("map", "graph") + ".figure",
                {DRAW: view_data(state.with_(year=2018)), Panel.id("map", "key") + ".data": key}, [DRAW])
    patch = step[Panel.id("map", "graph") + ".figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    title = [op for op in patch["operations"] if op["location"] == ["layout", "title", "text"]]
    assert title[0]["params"]["value"].endswith(", 2018")


def test_a_crime_type_without_flows_draws_the_ranking_in_the_flows_slot(app, client, view) -> None:
    """Migrant smuggling has no flows: the hidden Sankey costs nothing, the ranking has the 11 and its API twin."""
    draw = {DRAW: view_data(view("?crime=migrant-smuggling&year=2019"))}
    out = post(client, app, Panel.id("sankey", "graph") + ".figure", draw, [DRAW])
    assert out[Panel.id("sankey", "graph") + ".figure"]["data"] == []
    assert out[Panel.id("sankey", "api-csv") + ".href"] is None
    out = post(client, app, Panel.id("ranking", "graph") + ".figure", draw, [DRAW])
    bars = out[Panel.id("ranking", "graph") + ".figure"]["data"][0]
    assert len(bars["y"]) == 11 and dict(zip(bars["y"], bars["text"], strict=True))["Greece"] == "1,533"
    assert "indicator=smuggling_offences" in out[Panel.id("ranking", "api-csv") + ".href"]
    slots = post(client, app, Panel.id("ranking", "slot") + ".className", draw, [DRAW])
    assert slots[Panel.id("ranking", "slot") + ".className"] == "flows-slot"
    assert "d-none" in slots[Panel.id("sankey", "slot") + ".className"]


def test_download_returns_the_panels_rows(app, client, store, view) -> None:
    state = view("?crime=human-trafficking&year=2015")
    out = post(client, app, Panel.id("map", "download") + ".data",
               {Panel.id("map", "download-btn") + ".n_clicks": 1, SYNC: view_data(state)},
               [Panel.id("map", "download-btn") + ".n_clicks"])
    sent = out[Panel.id("map", "download") + ".data"]
    assert sent["filename"].endswith(".csv")
    got = pd.read_csv(io.StringIO(sent["content"]), keep_default_na=False, na_values=[""])
    expected = panel_rows(store, state, "map")
    assert got["iso3"].tolist() == expected["iso3"].tolist()
    assert got["value"].tolist() == pytest.approx(expected["value"].tolist(), nan_ok=True)
    mkd = got[got["iso3"] == "MKD"].iloc[0]
    assert mkd["flag"] == "suppressed" and pd.isna(mkd["value"])


# ---- junk -----------------------------------------------------------------------------------------------------

def _junk_bodies(app) -> list:  # noqa: ANN001
    sync = callback_key(app, "url.search")
    good = payload(app, SYNC, url_request("?year=2019"), [URL_REQUEST])
    bodies: list = [{}, [], "x", 5, None, {"output": "nope.x", "outputs": {"id": "nope", "property": "x"},
                                            "inputs": [], "changedPropIds": []},
                    {"output": sync}, {**good, "inputs": "x"}, {**good, "inputs": [5]}, {**good, "outputs": []},
                    {**good, "changedPropIds": "x"}, {**good, "changedPropIds": [5]}, {**good, "state": {"a": 1}},
                    {**good, "inputs": good["inputs"][:3]}]
    for key in server_callbacks(app.callback_map):  # clientside callbacks have no server endpoint
        for value in (None, "x", 7, [1], {"crime": {"a": 1}}, {"countries": [{"a": 1}], "year": 99999}):
            spec = app.callback_map[key]
            fill = [{"id": i["id"], "property": i["property"], "value": value} for i in spec["inputs"]]
            state = [{"id": i["id"], "property": i["property"], "value": value} for i in spec["state"]]
            outputs = payload(app, key.strip(".").split("...")[0].split("@")[0], {}, [])["outputs"] \
                if key.startswith("..") else {"id": key.rsplit(".", 1)[0], "property": key.rsplit(".", 1)[1]}
            bodies.append({"output": key, "outputs": outputs, "inputs": fill, "state": state,
                           "changedPropIds": [f"{spec['inputs'][0]['id']}.{spec['inputs'][0]['property']}"]})
    return bodies


def test_junk_callback_bodies_never_give_a_server_error(app, client) -> None:
    failures = []
    for body in _junk_bodies(app):
        response = client.post(ENDPOINT, data=json.dumps(body), content_type="application/json")
        if response.status_code >= 500 or b"Traceback" in response.data:
            failures.append((response.status_code, json.dumps(body)[:160]))
    assert failures == []


def test_a_malformed_callback_body_gets_a_short_400(client) -> None:
    response = client.post(ENDPOINT, json={"output": "nope.x", "outputs": {"id": "nope", "property": "x"},
                                           "inputs": [], "changedPropIds": []})
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and "output" in body["error"] and "Traceback" not in body["error"]
    assert client.post(ENDPOINT, data="{not json", content_type="application/json").status_code == 400


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1e308])
def test_non_finite_numbers_from_a_client_give_a_valid_view(app, client, view, value) -> None:
    before = view("?crime=human-trafficking&year=2019")
    body = payload(app, SYNC, {YEAR_REQUEST: {"year": value}, "top.value": value, SYNC: view_data(before),
                               Panel.id("series", "graph") + ".selectedData": {"range": {"x": [value, 2016]}}},
                   [YEAR_REQUEST])
    response = client.post(ENDPOINT, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    out = response.get_json()["response"]
    assert out["year"]["value"] in range(2007, 2023) and out["top"]["value"] == 10
