"""'About the data': datasets, definitions, licences, release dates and known gaps, from data/datapackage.json."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.catalog import CRIMES, DISPLAY_RULES, INDICATORS
from dashboard.web.urls import path_url
from layouts.main import header


def _source_row(source: dict) -> html.Tr:
    date = source.get("release") or "not dated by the publisher"
    url = source.get("url") or ""
    return html.Tr([
        html.Td(html.Code(source.get("id", ""))),
        html.Td([html.Strong(source.get("publisher", "")), html.Br(), source.get("title", ""),
                 html.Br(), html.Small(source.get("dataset", ""), className="text-muted")]),
        html.Td([str(date)[:10] if str(date)[:4].isdigit() else str(date),
                 html.Br() if source.get("version") else None,
                 f"version {source['version']}" if source.get("version") else None,
                 html.Br() if source.get("coverage_end") else None,
                 f"data to {source['coverage_end']}" if source.get("coverage_end") else None]),
        html.Td(source.get("licence", "")),
        html.Td(source.get("carrier", "")),
        html.Td(html.Span(url, className="small text-break")),  # shown, not linked: the page works offline
    ])


def _resource(resource: dict) -> html.Div:
    fields = resource.get("schema", {}).get("fields", [])
    return html.Div([
        html.H3(html.Code(resource.get("path", resource.get("name", ""))), className="h6 mt-3"),
        html.P(resource.get("description", ""), className="small"),
        dbc.Table(
            [html.Thead(html.Tr([html.Th("Field"), html.Th("Type"), html.Th("Meaning")]))]
            + [html.Tbody([html.Tr([html.Td(html.Code(f.get("name"))), html.Td(f.get("type", "")),
                                    html.Td(f.get("description", ""))]) for f in fields])],
            size="sm", bordered=False, striped=True, className="small",
        ),
    ])


def _bullets(items: list) -> html.Ul:
    return html.Ul([html.Li(i if isinstance(i, str) else str(i.get("text", i))) for i in items])


def about_layout(datapackage: dict, data_date: str, base_path: str = "/") -> html.Div:
    sources = datapackage.get("sources", [])
    flag_items = [f"{f.get('id')}: {f.get('meaning')}" for f in datapackage.get("flags", [])]
    indicators = datapackage.get("indicators", [])
    return html.Div([
        header(data_date, base_path),
        html.Main(dbc.Container([
            html.H1("About the data", className="h3 mt-2"),
            html.P(datapackage.get("description", ""), className="lead"),
            html.P(["Data version ", html.Code(str(datapackage.get("version", ""))), ". The full descriptor is at ",
                    html.A("/api/datapackage.json", href=path_url("api/datapackage.json", base_path)), "."]),
            html.H2("Sources", className="h4 mt-4"),
            dbc.Table([html.Thead(html.Tr([html.Th(h) for h in ("Id", "Publisher and dataset", "Release / update",
                                                                  "Licence", "Taken from", "URL")])),
                       html.Tbody([_source_row(s) for s in sources])], size="sm", responsive=True,
                      className="small"),
            html.H2("Indicators", className="h4 mt-4"),
            dbc.Table([html.Thead(html.Tr([html.Th(h) for h in ("Id", "Crime type", "Definition", "Unit",
                                                                  "Source", "Caveat")])),
                       html.Tbody([html.Tr([html.Td(html.Code(i.get("id"))), html.Td(i.get("crime_type")),
                                            html.Td(i.get("label")), html.Td(i.get("unit")),
                                            html.Td(html.Code(i.get("source"))), html.Td(i.get("caveat"))])
                                   for i in indicators])], size="sm", responsive=True, className="small"),
            html.H2("How figures are shown", className="h4 mt-4"),
            _bullets(list(DISPLAY_RULES)),
            html.H3("Opening views", className="h6 mt-3"),
            dbc.Table([html.Thead(html.Tr([html.Th(h) for h in ("Crime type", "Opens on", "Year")])),
                       html.Tbody([html.Tr([html.Td(c.label), html.Td(INDICATORS[c.default_indicator].label),
                                            html.Td(str(c.opening_year or "latest"))]) for c in CRIMES.values()])],
                      size="sm", className="small"),
            html.H2("Caveats", className="h4 mt-4"),
            _bullets(datapackage.get("caveats", [])),
            html.H2("Flags", className="h4 mt-4"),
            _bullets(flag_items),
            html.H2("Known gaps", className="h4 mt-4"),
            _bullets(datapackage.get("known_gaps", [])),
            html.H2("Processing rules", className="h4 mt-4"),
            _bullets([datapackage[k] for k in ("duplicate_rule", "zero_rule", "citizenship_rule", "roles_rule")
                      if isinstance(datapackage.get(k), str)]),
            html.H2("Datasets", className="h4 mt-4"),
            html.Div([_resource(r) for r in datapackage.get("resources", [])]),
        ], className="about pb-5")),
    ])
