"""The API's open formats: an OpenAPI 3.1 description generated from the parameter table, and JSON-stat 2.0 that a
JSON-stat reader (pyjstat) reads back into the same numbers as the JSON rows."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from openapi_spec_validator import validate
from pyjstat import pyjstat

from dashboard.view.params import PARAMS, api_params
from dashboard.web.jsonstat import observation_status
from dashboard.web.openapi import DESCRIPTIONS, FORMATS


@pytest.fixture()
def spec(client) -> dict:  # noqa: ANN001
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_the_description_validates_as_openapi_3_1(spec):
    validate(spec)  # raises on any violation of the 3.1 schema
    assert spec["openapi"] == "3.1.0"


def test_every_api_row_of_the_parameter_table_is_described_on_its_resources(spec):
    for resource, formats in FORMATS.items():
        for fmt in formats:
            described = [p["name"] for p in spec["paths"][f"/{resource}.{fmt}"]["get"]["parameters"]]
            assert described == [p.name for p in api_params(resource)]
    for row in PARAMS:
        if row.api:
            assert DESCRIPTIONS.get(row.name), f"parameter {row.name!r} has no description for the API"


def test_the_enums_are_the_values_the_api_accepts(spec, client):
    params = {p["name"]: p for p in spec["paths"]["/country-indicators.json"]["get"]["parameters"]}
    assert "smuggling_offences" in params["indicator"]["schema"]["items"]["enum"]
    assert "SRB" in params["country"]["schema"]["items"]["enum"]
    assert params["year"]["schema"] == {"type": "string", "pattern": "^[0-9]{4}$"}
    for value in params["crime"]["schema"]["items"]["enum"]:
        assert client.get(f"/api/country-indicators.json?crime={value}").status_code == 200
    assert client.get("/api/country-indicators.json?crime=piracy").status_code == 400


def test_every_path_of_the_description_answers(spec, client):
    for path in spec["paths"]:
        response = client.get("/api" + path.replace("{iso3}", "SRB"))
        assert response.status_code == 200, path


def test_the_browsable_page_lists_every_path_and_loads_nothing_from_elsewhere(client, spec):
    response = client.get("/api/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    for path in spec["paths"]:
        assert f"/api{path}".replace("{", "&#123;").replace("}", "&#125;") in html or f"/api{path}" in html
    assert "country-indicators.json?indicator=" in html  # an example link per enumerated parameter
    assert not re.search(r'(src|href)="(https?:)?//', html)


def _jsonstat(client, query: str) -> dict:  # noqa: ANN001
    response = client.get(f"/api/country-indicators.jsonstat?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_jsonstat_reads_back_into_the_numbers_of_the_json_rows(client):
    query = "indicator=smuggling_offences,thb_victims&from=2015&to=2020"
    dataset = _jsonstat(client, query)
    assert dataset["version"] == "2.0" and dataset["class"] == "dataset"
    assert dataset["id"] == ["indicator", "geo", "time"]
    sizes = [len(dataset["dimension"][d]["category"]["index"]) for d in dataset["id"]]
    assert dataset["size"] == sizes
    frame = pyjstat.Dataset.read(json.dumps(dataset)).write("dataframe", naming="id")
    got = {(r.indicator, r.geo, int(r.time)): r.value for r in frame.itertuples() if pd.notna(r.value)}
    rows = client.get(f"/api/country-indicators.json?{query}").get_json()["rows"]
    expected = {(r["indicator"], r["iso3"], r["year"]): r["value"] for r in rows if r["value"] is not None}
    assert got == pytest.approx(expected) and len(expected) > 50
    # Serbia's 2019 smuggling offences, as the JSON rows give them, travel unchanged.
    assert got[("smuggling_offences", "SRB", 2019)] == expected[("smuggling_offences", "SRB", 2019)]


def test_jsonstat_marks_withheld_counts_confidential_and_keeps_our_flags(client):
    dataset = _jsonstat(client, "indicator=thb_victims")
    rows = client.get("/api/country-indicators.json?indicator=thb_victims").get_json()["rows"]
    suppressed = [r for r in rows if "suppressed" in (r["flag"] or "")]
    assert suppressed, "the trafficking rows hold suppressed counts"
    dims = [dataset["dimension"][d]["category"]["index"] for d in dataset["id"]]
    for r in suppressed:
        key = str((dims[0].index(r["indicator"]) * len(dims[1]) + dims[1].index(r["iso3"])) * len(dims[2])
                  + dims[2].index(str(r["year"])))
        assert dataset["value"][key] is None  # withheld, not 0 and not absent
        assert "c" in dataset["status"][key]
        assert "suppressed" in dataset["extension"]["flags"][key]
    assert "e" not in "".join(dataset.get("status", {}).values())


def test_observation_status_codes():
    assert observation_status("provisional", "smuggling_offences") == "p"
    assert observation_status("masked partial_year", "asylum_applications") == "c"
    assert observation_status("break provisional", "smuggling_offences") == "bp"
    assert observation_status(None, "irregular_migration_national") == "d"
    assert observation_status("rounded", "smuggling_offences") == ""


def test_jsonstat_takes_the_same_filters_and_refuses_the_same_bad_ones(client):
    assert client.get("/api/country-indicators.jsonstat?year=20x9").status_code == 400
    assert "year" in client.get("/api/country-indicators.jsonstat?year=20x9").get_json()["error"]
    assert client.get("/api/flows.jsonstat").status_code == 404
    dataset = _jsonstat(client, "country=GRC&indicator=smuggling_offences&year=2019")
    assert dataset["dimension"]["geo"]["category"]["index"] == ["GRC"]
    assert dataset["dimension"]["time"]["category"]["index"] == ["2019"]
