"""Draw the three panels from the ViewState. Thin: the figures come from dashboard.figures.

A year step or a new selection only changes values, so the map and the time series get a Patch of those
values (the geometry and traces stay in the browser); anything else rebuilds the figure.

Beside the panels, the server sends the drawn view's year frames: for every year of the view, what the
panels, the URL and the links show then. The browser applies them locally (callbacks/url.py), so playing
the years makes no request at all. Each panel's key store says which view its figure was drawn for: a
frame's patches are only applied onto the figures they were made for.

What a panel shows is a pure function of the ViewState (and whether the browser already holds the figure),
so each panel's outputs are memoised per worker: a play loop, a second viewer or a reload of the same view
costs a dictionary lookup instead of the pandas work (bench/NOTES.md has the measured effect).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from dash import ClientsideFunction, Dash, Input, Output, Patch, State
from plotly.io.json import to_json_plotly

from dashboard.figures import choropleth, sankey, timeseries
from dashboard.figures.panels import panel_title
from dashboard.memory import release_freed_memory
from dashboard.panel_data import panel_api, panel_frame
from dashboard.provenance import panel_notes
from dashboard.state import Domain, ViewState, default_state, parse_query, timeline_base, timeline_key, to_query
from dashboard.store import Store
from dashboard.summaries import MAX_TABLE_ROWS, panel_summary, table_cells
from dashboard.urls import api_url
from layouts.ids import Ids, Panel
from layouts.panels import data_table, provenance_children

#: Views remembered per panel and worker: the bound of each of the three view caches (LRU, by entries). A year
#: step of one view is ~20 states; 64 keep a presenter's few views warm. An entry is a figure or a patch with its
#: sources and summary: 1-45 kB as JSON, 200 kB for a map with IOM incidents, so a cache holds at most ~13 MB.
CACHE_SIZE = 64
#: Timelines whose year frames are kept per worker, as JSON text: the bound of the frames cache (LRU, by
#: entries). More than the per-view caches hold: a frame set costs every year of a view to build (1-6 s), so
#: visitors moving between the crime types' openings, or a presenter between a deck's views, must never rebuild
#: them in turn. A set is 0.08-0.46 MB for timelines of 9-21 years, 0.74 and 1.06 MB for the asylum indicators'
#: 25 and 35 (FRAMES_MAX_YEARS caps the length), so the cache holds at most ~35 MB, ~10 MB for typical views.
FRAMES_CACHE_SIZE = 32
#: Longest timeline that gets frames. Population runs 1950-2023 with every country on the map: 3.2 MB of
#: frames, for a view nobody plays; its steps go to the server. The crime types' timelines are 10-17 years.
FRAMES_MAX_YEARS = 40


def state_from_store_data(data: object, domain: Domain) -> ViewState | None:
    """The ViewState held in the browser's store, re-validated: the payload is untrusted."""
    if not isinstance(data, dict):
        return None
    params: dict[str, list[str]] = {}
    for key, param in (("crime", "crime"), ("indicator", "indicator"), ("year", "year"), ("route", "route"),
                       ("nationality", "nationality"), ("measure", "measure"), ("series", "series"),
                       ("top", "top"), ("year_from", "from"), ("year_to", "to")):
        value = data.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool):
            params[param] = [str(value)]
    if isinstance(data.get("countries"), list):
        params["country"] = [",".join(str(c) for c in data["countries"])]
    if data.get("incidents") is True:
        params["incidents"] = ["1"]
    return parse_query(params, domain).state


def _apply(patch: Patch, updates: dict[str, object]) -> Patch:
    """Write 'data[0].marker.line.width'-style paths into a Patch."""
    for path, value in updates.items():
        node = patch
        parts = path.replace("]", "").replace("[", ".").split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        node[int(last) if last.isdigit() else last] = value
    return patch


def provenance_block(store: Store, state: ViewState, panel: str) -> list:
    info = panel_notes(store, state, panel)
    return provenance_children(info["sources"], info["caveats"])


def _api_links(state: ViewState, panel: str, base_path: str) -> tuple[str | None, str | None]:
    twin = panel_api(state, panel)
    if twin is None:  # nothing published behind the panel: the links lose their href
        return None, None
    resource, params = twin
    return api_url(resource, "csv", params, base_path), api_url(resource, "json", params, base_path)


def panel_outputs(panel: str, duplicate: bool = False) -> list[Output]:
    """What a panel shows for a view, in the order a year frame holds it: figure, sources, API links, summary."""
    return [Output(Panel.id(panel, part), prop, allow_duplicate=duplicate) for part, prop in
            (("graph", "figure"), ("provenance", "children"), ("api-csv", "href"), ("api-json", "href"),
             ("summary", "children"))]


#: Every Sankey shares one layout, so any drawn Sankey takes a patch (figures.sankey.patch_paths).
SANKEY_PATCH_KEY = "sankey"


def _patch_key(key: object) -> object:
    return key.get("patch") if isinstance(key, dict) else None


def register(app: Dash, store: Store, domain: Domain, geojson_url: str, base_path: str,
             warm: bool = False) -> dict[str, object]:
    """The panels' callbacks; returns their per-worker caches by name (for dashboard.testing_hooks to report)."""
    from callbacks.share import view_links  # share's own callbacks import this module

    def outputs(panel: str) -> list[Output]:
        fig, *rest = panel_outputs(panel)
        return [fig, Output(Panel.id(panel, "key"), "data"), *rest]

    def extras(state: ViewState, panel: str) -> tuple:
        return (provenance_block(store, state, panel), *_api_links(state, panel, base_path),
                panel_summary(store, state, panel))

    # Figures are cached as plain dicts: Dash then serialises them without re-walking plotly's object tree.
    @lru_cache(maxsize=CACHE_SIZE)
    def map_outputs(state: ViewState, patch: bool) -> tuple:
        if patch:
            fig = _apply(Patch(), choropleth.year_update(store, state))
        else:
            fig = choropleth.build_choropleth(store, state, geojson_url).to_plotly_json()
        return fig, *extras(state, "map")

    @lru_cache(maxsize=CACHE_SIZE)
    def sankey_outputs(state: ViewState, patch: bool) -> tuple:
        fig = sankey.build_sankey(store, state).to_plotly_json()
        return _apply(Patch(), sankey.patch_paths(fig)) if patch else fig, *extras(state, "sankey")

    @lru_cache(maxsize=CACHE_SIZE)
    def series_outputs(state: ViewState, patch: bool) -> tuple:
        if patch:
            fig = _apply(Patch(), timeseries.year_marker_update(state))
        else:
            fig = timeseries.build_timeseries(store, state).to_plotly_json()
        return fig, *extras(state, "series")

    @lru_cache(maxsize=FRAMES_CACHE_SIZE)
    def year_frames(base: ViewState) -> str:
        """Every year of the view: URL, label, links and each panel's outputs (the map and series as patches).

        Sent as the JSON text it is cached as (assets/timeline.js parses it once): ~300 kB of figures and
        components, which Dash would otherwise walk and serialise again for every browser that opens the view.
        A view with IOM incidents has none (its map is rebuilt for each year), nor has a timeline longer than
        FRAMES_MAX_YEARS: their steps go to the server.
        """
        frames: dict[str, dict] = {}
        years = domain.years(base.crime, base.indicator)
        for year in () if base.incidents or len(years) > FRAMES_MAX_YEARS else years:
            view = replace(base, year=year)
            # Built past the per-view caches (__wrapped__): a timeline's 10-17 views would evict the views
            # being drawn, and the frames keep only their JSON text.
            frames[str(year)] = {"query": to_query(view, domain), "label": str(year),
                                 "links": view_links(view, domain, base_path),
                                 "map": list(map_outputs.__wrapped__(view, True)),
                                 "sankey": list(sankey_outputs.__wrapped__(view, True)),
                                 "series": list(series_outputs.__wrapped__(view, True))}
        text = to_json_plotly({"key": timeline_key(base, domain), "years": frames})
        release_freed_memory()  # building them is a burst of pandas work; don't stay resident at its peak
        return text

    if warm:
        # The opening view in every year, computed here: in gunicorn's master before the workers fork, so
        # they share it, and the plenary's first load and a presenter's first play never wait for pandas.
        opening = default_state(domain)
        map_outputs(opening, False)
        sankey_outputs(opening, False)
        series_outputs(opening, False)
        for year in domain.years(opening.crime, opening.indicator):  # the server's steps, for any browser
            view = replace(opening, year=year)  # without frames yet
            map_outputs(view, True)
            sankey_outputs(view, True)
            series_outputs(view, True)
        year_frames(timeline_base(opening, domain))

    # A panel's key store: the figure's patch key (which patches fit it) and the timeline key of its view.
    @app.callback(*outputs("map"), Input(Ids.DRAW, "data"), State(Panel.id("map", "key"), "data"))
    def draw_map(data, key):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        if state is None:
            return no_data_figure(), None, [], "#", "#", ""
        new_key = f"{state.indicator}|{state.measure}|{state.incidents}"
        fig, *rest = map_outputs(state, _patch_key(key) == new_key and not state.incidents)
        return fig, {"patch": new_key, "view": timeline_key(state, domain)}, *rest

    @app.callback(*outputs("sankey"), Input(Ids.DRAW, "data"), State(Panel.id("sankey", "key"), "data"))
    def draw_sankey(data, key):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        if state is None:
            return no_data_figure(), None, [], "#", "#", ""
        fig, *rest = sankey_outputs(state, _patch_key(key) == SANKEY_PATCH_KEY)
        return fig, {"patch": SANKEY_PATCH_KEY, "view": timeline_key(state, domain)}, *rest

    @app.callback(*outputs("series"), Input(Ids.DRAW, "data"), State(Panel.id("series", "key"), "data"))
    def draw_series(data, key):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        if state is None:
            return no_data_figure(), None, [], "#", "#", ""
        new_key = "|".join(map(str, (state.indicator, state.measure, state.series, state.countries, state.route,
                                     state.nationality)))
        fig, *rest = series_outputs(state, _patch_key(key) == new_key)
        return fig, {"patch": new_key, "view": timeline_key(state, domain)}, *rest

    @app.callback(Output(Ids.FRAMES, "data"), Input(Ids.TIMELINE, "data"))
    def send_frames(key):  # noqa: ANN001, ANN202
        if not isinstance(key, str):
            return None
        return year_frames(timeline_base(parse_query(key, domain).state, domain))

    for panel in Panel.NAMES:
        _register_table(app, store, domain, panel)
    return {"map views": map_outputs, "sankey views": sankey_outputs, "series views": series_outputs,
            "year frames": year_frames}


def _register_table(app: Dash, store: Store, domain: Domain, panel: str) -> None:
    """The "Table" button: the panel's rows as a table, fetched only while the table is open."""
    pid = Panel.id
    app.clientside_callback(
        ClientsideFunction("a11y", "toggleTable"),
        Output(pid(panel, "table-collapse"), "is_open"), Output(pid(panel, "table-btn"), "aria-expanded"),
        Input(pid(panel, "table-btn"), "n_clicks"), State(pid(panel, "table-collapse"), "is_open"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("a11y", "tableView"),
        Output(pid(panel, "table-view"), "data"),
        Input(Ids.VIEW, "data"), Input(pid(panel, "table-collapse"), "is_open"),
        prevent_initial_call=True,
    )

    @app.callback(Output(pid(panel, "table"), "children"), Input(pid(panel, "table-view"), "data"),
                  prevent_initial_call=True)
    def fill_table(data):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        if state is None:
            return []
        frame = panel_frame(store, state, panel)
        columns, rows = table_cells(frame, state.measure == "per100k")
        note = (f"(the first {MAX_TABLE_ROWS:,} of {len(frame):,} rows; Download CSV has them all)"
                if len(frame) > MAX_TABLE_ROWS else f"({len(frame):,} rows)")
        return data_table(panel_title(state, panel), columns, rows, note)


def no_data_figure() -> dict:
    return {"data": [], "layout": {"annotations": [{"text": "No view to show.", "showarrow": False}]}}

