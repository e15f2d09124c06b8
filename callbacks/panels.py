"""Draw the panels from the ViewState. Thin: the figures come from dashboard.figures.

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

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from dash import ClientsideFunction, Dash, Input, Output, Patch, State
from plotly.io.json import to_json_plotly

from dashboard.memory import release_freed_memory
from dashboard.panels.registry import (
    PANELS,
    SLOTS,
    build_panel,
    panel_heading,
    panel_help,
    panel_notes,
    panel_rows,
    panel_summary,
    patch_key,
    slot_panel,
    spec,
    view_panels,
)
from dashboard.panels.summaries import table_cells, table_note
from dashboard.store import Store
from dashboard.view.state import (
    Domain,
    ViewState,
    default_state,
    parse_query,
    state_from_store_data,
    timeline_base,
    timeline_key,
    to_query,
)
from dashboard.web.links import api_links, view_links
from layouts.glossary import linked
from layouts.ids import Ids, Panel
from layouts.outputs import output_key, panel_outputs, year_frame
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


def provenance_block(store: Store, state: ViewState, panel: str, base_path: str = "/") -> list:
    info = panel_notes(store, state, panel)
    return provenance_children(info["sources"], info["caveats"], state.lang, base_path)


#: What a panel hidden in the Flows slot holds.
HIDDEN: dict = {"data": [], "layout": {}}
def _patch_key(key: object) -> object:
    return key.get("patch") if isinstance(key, dict) else None


def panel_figure(store: Store, state: ViewState, panel: str, geojson_url: str, patch: bool) -> dict | Patch:
    """The figure as a plain dict (Dash serialises it without re-walking plotly's object tree), or, where the
    browser holds a figure of the same patch key, the Patch that turns it into this one."""
    if patch:
        return _apply(Patch(), spec(panel).year_patch(store, state, geojson_url))
    return build_panel(store, state, panel, geojson_url).to_plotly_json()


def register(app: Dash, store: Store, domain: Domain, geojson_url: str, base_path: str,
             warm: bool = False) -> dict[str, object]:
    """The panels' callbacks; returns their per-worker caches by name (for dashboard.web.testing_hooks to report)."""
    @lru_cache(maxsize=CACHE_SIZE * len(Panel.NAMES))
    def outputs_for(panel: str, state: ViewState, patch: bool) -> tuple:
        """What a panel shows for a view: figure (or patch), sources, API links and summary. The one of the Flows
        slot's two panels that the view does not show costs nothing (it is hidden until the crime type changes,
        and then drawn afresh)."""
        if panel not in view_panels(state):
            return HIDDEN, [], None, None, ""
        return (panel_figure(store, state, panel, geojson_url, patch), provenance_block(store, state, panel, base_path),
                *api_links(state, panel, base_path), panel_summary(store, state, panel))

    @lru_cache(maxsize=FRAMES_CACHE_SIZE)
    def year_frames(base: ViewState) -> str:
        """Every year of the view: URL, label, links and each panel's outputs (as patches where they can be).

        Sent as the JSON text it is cached as (assets/timeline.js parses it once): ~300 kB of figures and
        components, which Dash would otherwise walk and serialise again for every browser that opens the view.
        A view with a panel that is redrawn for each year (no patch key: the map with IOM incidents, or comparing
        two years) has none, nor has a timeline longer than FRAMES_MAX_YEARS: their steps go to the server.
        """
        frames: dict[str, dict] = {}
        years = domain.years(base.crime, base.indicator)
        redrawn = any(patch_key(p, base) is None for p in view_panels(base))
        for year in () if redrawn or len(years) > FRAMES_MAX_YEARS else years:
            view = replace(base, year=year)
            # Built past the per-view cache (__wrapped__): a timeline's 10-17 views would evict the views
            # being drawn, and the frames keep only their JSON text.
            panels = [v for p in Panel.NAMES for v in outputs_for.__wrapped__(p, view, True)]
            frames[str(year)] = year_frame(view, to_query(view, domain), panels,
                                           view_links(view, domain, base_path))
        text = to_json_plotly({"key": timeline_key(base, domain), "view": output_key(Output(Ids.VIEW, "data")),
                               "years": frames})
        release_freed_memory()  # building them is a burst of pandas work; don't stay resident at its peak
        return text

    if warm:
        _warm(domain, outputs_for, year_frames)

    for panel in Panel.NAMES:
        _register_draw(app, domain, panel, outputs_for)

    @app.callback(Output(Ids.FRAMES, "data"), Input(Ids.TIMELINE, "data"))
    def send_frames(key):  # noqa: ANN001, ANN202
        if not isinstance(key, str):
            return None
        return year_frames(timeline_base(parse_query(key, domain).state, domain))

    _register_help(app, domain, base_path)
    _register_shared_slots(app, domain)
    for panel in Panel.NAMES:
        _register_table(app, store, domain, panel)
    return {"panel views": outputs_for, "year frames": year_frames}


def _warm(domain: Domain, outputs_for: Callable, year_frames: Callable) -> None:
    """The opening view in every year, computed in gunicorn's master before the workers fork, so they share it,
    and the plenary's first load and a presenter's first play never wait for pandas."""
    opening = default_state(domain)
    for panel in Panel.NAMES:
        outputs_for(panel, opening, False)
        for year in domain.years(opening.crime, opening.indicator):  # the server's steps, for any browser
            outputs_for(panel, replace(opening, year=year), True)  # without frames yet
    year_frames(timeline_base(opening, domain))


def _register_help(app: Dash, domain: Domain, base_path: str) -> None:
    """Each panel's "?": what it counts for the view, its terms linked to the glossary. Written once per timeline
    (crime type, indicator, series and language): a year step changes none of it."""
    @app.callback(*[Output(Panel.id(p, "help"), "children") for p in Panel.NAMES], Input(Ids.TIMELINE, "data"))
    def explain(key):  # noqa: ANN001, ANN202
        if not isinstance(key, str):
            return [[] for _ in Panel.NAMES]
        state = parse_query(key, domain).state
        return [linked(panel_help(state, p), state.lang, base_path) for p in Panel.NAMES]


def _register_shared_slots(app: Dash, domain: Domain) -> None:
    """Where panels take turns in a slot of the main view (the Sankey or the ranking in Flows), show the one the
    drawn view's crime type has. A view comparing two years gives the map's slot a taller shape, for its grid of
    maps (in the browser: assets/app.js, see.panelRow)."""
    app.clientside_callback(ClientsideFunction("see", "panelRow"), Output(Ids.PANEL_ROW, "className"),
                            Input(Ids.DRAW, "data"))
    for slot in SLOTS:
        members = [p.id for p in PANELS.values() if p.slot == slot]
        if len(members) > 1:
            _register_slot(app, domain, slot, members)


def _register_slot(app: Dash, domain: Domain, slot: str, members: list[str]) -> None:
    @app.callback(*[Output(Panel.id(p, "slot"), "className") for p in members], Input(Ids.DRAW, "data"))
    def fill_slot(data):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        shown = slot_panel(slot, state.crime) if state else members[0]
        return tuple(f"{slot}-slot" if p == shown else f"{slot}-slot d-none" for p in members)


def _register_draw(app: Dash, domain: Domain, panel: str, outputs_for: Callable[[str, ViewState, bool], tuple]
                   ) -> None:
    """A panel's draw callback. Its key store holds the figure's patch key (which patches fit it) and the
    timeline key of its view (the browser applies a year frame only onto figures drawn for that timeline)."""
    fig, *rest = panel_outputs(panel)

    @app.callback(fig, Output(Panel.id(panel, "key"), "data"), *rest, Input(Ids.DRAW, "data"),
                  State(Panel.id(panel, "key"), "data"))
    def draw(data, key):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        if state is None:
            return no_data_figure(), None, [], "#", "#", ""
        new_key = patch_key(panel, state)
        figure, *extras = outputs_for(panel, state, new_key is not None and _patch_key(key) == new_key)
        return figure, {"patch": new_key, "view": timeline_key(state, domain)}, *extras


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
        frame = panel_rows(store, state, panel)
        columns, rows = table_cells(frame, state.measure == "per100k", state.lang)
        return data_table(panel_heading(store, state, panel), columns, rows, table_note(len(frame), state.lang))



def no_data_figure() -> dict:
    return {"data": [], "layout": {"annotations": [{"text": "No view to show.", "showarrow": False}]}}

