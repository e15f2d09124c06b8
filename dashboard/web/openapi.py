"""The data API described as OpenAPI 3.1, generated from the parameter table the URL codec uses, and a browsable
page of the same description.

Nothing here is written by hand per parameter except its one-line description: which resources take a parameter,
whether it is a list, and the values it takes come from dashboard.view.params (the rows' `api`, `many` and
`choices`), so a row added there is described here, and tests/unit/test_openapi.py fails on a row without a
description. The page is plain HTML on the app's own stylesheet: no Swagger UI from a CDN (the server is offline-
first), and every example on it is a link that works.
"""

from __future__ import annotations

from markupsafe import escape

from dashboard.catalog import PARTICIPATING
from dashboard.view.params import Param, api_params
from dashboard.view.state import Domain

#: One line per API parameter name: what it filters. A parameter the table gives the API needs one (tested).
DESCRIPTIONS: dict[str, str] = {
    "lang": "Language of the JSON caption (labels, units, caveats and flag meanings); rows and CSV are the same "
            "in every language.",
    "crime": "Crime type(s): keep the indicators of these crime types.",
    "indicator": "Indicator id(s). Old names of renamed indicators are read as their new ones.",
    "year": "One year (four digits). Not together with from/to.",
    "from": "First year of a range (four digits), inclusive.",
    "to": "Last year of a range (four digits), inclusive.",
    "country": "ISO 3166-1 alpha-3 code(s) of the country (countries).",
    "route": "Frontex route name(s), as Frontex writes them.",
    "nationality": "Nationality code(s) of the people detected, as Frontex reports them.",
    "measure": "absolute (as published) or per100k (per 100,000 population, UN WPP; or the publisher's own rate "
               "where it gives one). For flows: the flow measure id(s).",
    "origin": "Origin or citizenship code(s) of a flow.",
    "destination": "Country code(s) at a flow's end (country of asylum, application or detection).",
}
#: What each resource holds, in one line.
RESOURCE_SUMMARIES: dict[str, str] = {
    "country-indicators": "Every published figure per country, indicator and year, with its flag and source.",
    "route-detections": "Frontex detections of illegal border-crossing per route, border type, nationality and "
                        "month (detections, not persons).",
    "flows": "Flows from an origin or citizenship to a country (asylum, trafficking victims), per year.",
}
#: The formats each resource is served in; JSON-stat only where the rows are a cube (country × indicator × year).
FORMATS: dict[str, tuple[str, ...]] = {
    "country-indicators": ("csv", "json", "jsonstat"),
    "route-detections": ("csv", "json"),
    "flows": ("csv", "json"),
}
_MEDIA = {"csv": "text/csv", "json": "application/json", "jsonstat": "application/json"}
#: Beyond this many values a parameter's schema gives no enum: a pattern-free string (none of ours is that long).
MAX_ENUM = 400


def _schema(row: Param, domain: Domain) -> dict:
    values = list(row.choices(domain)) if row.choices else []
    if row.name in ("year", "from", "to"):
        item: dict = {"type": "string", "pattern": "^[0-9]{4}$"}
    elif values and len(values) <= MAX_ENUM:
        item = {"type": "string", "enum": values}
    else:
        item = {"type": "string"}
    if row.name == "lang" or not _is_list(row):
        return item
    return {"type": "array", "items": item}


def _is_list(row: Param) -> bool:
    """Strict list parsers take comma-separated values and repeats; year, measure and lang take one."""
    return row.name not in ("lang", "year", "from", "to") and not (row.name == "measure" and row.field)


def _parameter(row: Param, domain: Domain) -> dict:
    param = {"name": row.name, "in": "query", "required": False, "description": DESCRIPTIONS.get(row.name, ""),
             "schema": _schema(row, domain)}
    if _is_list(row):
        param.update(style="form", explode=False)
    return param


def _table_response(fmt: str) -> dict:
    if fmt == "csv":
        schema: dict = {"type": "string", "description": "CSV, one row per published figure; empty cells are "
                                                         "missing, never 0."}
    elif fmt == "jsonstat":
        schema = {"type": "object", "description": "A JSON-stat 2.0 dataset (indicator × geo × time); status "
                                                   "holds SDMX observation-status codes (p, b, c, d)."}
    else:
        schema = {"$ref": "#/components/schemas/Table"}
    return {"description": "The rows.", "content": {_MEDIA[fmt]: {"schema": schema}}}


_ERROR = {"description": "A filter the API cannot use: the message names the parameter and why.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
_COMPONENTS = {"schemas": {
    "Error": {"type": "object", "required": ["error", "status"],
              "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
    "Table": {"type": "object", "required": ["resource", "count", "columns", "rows", "sources", "data_version"],
              "properties": {
                  "resource": {"type": "string"}, "filters": {"type": "object"}, "count": {"type": "integer"},
                  "columns": {"type": "array", "items": {"type": "string"}},
                  "rows": {"type": "array", "items": {"type": "object"}},
                  "sources": {"type": "array", "items": {"type": "object"},
                              "description": "Publisher, title, licence and release of every source in the rows."},
                  "caption": {"type": "object"}, "data_version": {"type": "string"}}},
}}


def openapi_spec(domain: Domain, base_path: str, data_version: str) -> dict:
    """The API as an OpenAPI 3.1 document, for the base path the app is served under."""
    paths: dict[str, dict] = {}
    for resource, formats in FORMATS.items():
        params = [_parameter(row, domain) for row in api_params(resource)]
        for fmt in formats:
            paths[f"/{resource}.{fmt}"] = {"get": {
                "operationId": f"{resource.replace('-', '_')}_{fmt}", "summary": RESOURCE_SUMMARIES[resource],
                "parameters": params, "responses": {"200": _table_response(fmt), "400": _ERROR}}}
    profile = [{"name": "iso3", "in": "path", "required": True, "description": "The country's ISO 3166-1 alpha-3 "
                "code: one of the 11.", "schema": {"type": "string", "enum": list(PARTICIPATING)}},
               *(_parameter(row, domain) for row in api_params("country-profile"))]
    for fmt in ("csv", "json"):
        paths[f"/country/{{iso3}}.{fmt}"] = {"get": {
            "operationId": f"country_profile_{fmt}", "summary": "A country profile's rows, as on its page "
                                                                "(/country/<ISO3>): every indicator's latest value, "
                                                                "change and rank among the 11.",
            "parameters": profile, "responses": {"200": {"description": "The rows.", "content": {_MEDIA[fmt]: {
                "schema": {"type": "object"} if fmt == "json" else {"type": "string"}}}},
                "404": _ERROR}}}
    paths["/datapackage.json"] = {"get": {
        "operationId": "datapackage", "summary": "The Frictionless data package: every resource, field, source, "
                                                 "licence and caveat.",
        "responses": {"200": {"description": "The data package.",
                              "content": {"application/json": {"schema": {"type": "object"}}}}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "SEE Route Monitor data API", "version": "1",
                 "description": "The published figures behind every panel, filtered by the same parameters as the "
                                "dashboard's URL. Each row names its source.",
                 "x-data-version": data_version},
        "servers": [{"url": base_path.rstrip("/") + "/api"}],
        "paths": paths,
        "components": _COMPONENTS,
    }


def _example(path: str, param: dict) -> str:
    enum = param["schema"].get("enum") or param["schema"].get("items", {}).get("enum") or []
    return f"{path}?{param['name']}={enum[0]}" if enum else ""


def openapi_page(spec: dict, stylesheet: str) -> str:
    """The description as one HTML page: each path, what it holds and each parameter with the values it takes."""
    server = spec["servers"][0]["url"]
    out = [f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(spec["info"]["title"])}'
           f'</title><meta name="viewport" content="width=device-width, initial-scale=1">'
           f'<link rel="stylesheet" href="{escape(stylesheet)}"></head><body><main class="container py-4">',
           f'<h1 class="h3">{escape(spec["info"]["title"])}</h1><p>{escape(spec["info"]["description"])}</p>',
           f'<p>Machine-readable: <a href="{escape(server)}/openapi.json">openapi.json</a> (OpenAPI 3.1). '
           f'Data version {escape(spec["info"]["x-data-version"])}.</p>']
    for path, item in spec["paths"].items():
        op = item["get"]
        url = server + path
        out.append(f'<section class="mb-4"><h2 class="h5"><code>GET <a href="{escape(url)}">{escape(url)}</a>'
                   f'</code></h2><p>{escape(op["summary"])}</p>')
        if op.get("parameters"):
            out.append('<div class="table-responsive" tabindex="0" role="region" '
                       f'aria-label="Parameters of {escape(path)}"><table class="table table-sm">'
                       '<thead><tr><th>parameter</th><th>what it filters</th><th>values</th></tr></thead><tbody>')
            for param in op["parameters"]:
                schema = param["schema"]
                values = schema.get("enum") or schema.get("items", {}).get("enum") or []
                shown = ", ".join(map(str, values[:12])) + (" …" if len(values) > 12 else "")
                shown = shown or schema.get("pattern", schema.get("items", {}).get("pattern", "text"))
                many = " (comma-separated)" if schema.get("type") == "array" else ""
                example = _example(url, param)
                link = f' <a href="{escape(example)}">example</a>' if example else ""
                out.append(f'<tr><td><code>{escape(param["name"])}</code></td><td>{escape(param["description"])}'
                           f'{many}</td><td><small>{escape(shown)}</small>{link}</td></tr>')
            out.append("</tbody></table></div>")
        out.append("</section>")
    out.append("</main></body></html>")
    return "".join(out)
