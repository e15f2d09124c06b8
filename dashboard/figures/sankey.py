"""The Sankey of flows for the selected years: who moves, by which route or to which country.

- Irregular migration: nationality -> Frontex route -> sea or land (detections of illegal border-crossing).
- Trafficking: citizenship of detected victims -> country of detection (UNODC GLOTIP).
- Asylum: citizenship -> country of application (Eurostat) or origin -> country of asylum (UNHCR).
Other crime types have no flow data, and the panel says so instead of drawing something else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.catalog import CRIMES, PARTICIPATING, ROUTE_SHORT
from dashboard.figures import theme
from dashboard.figures.choropleth import class_colours
from dashboard.state import SEE_ROUTES, ViewState
from dashboard.store import Store

OTHER = "All others"
#: The Sankey's heading, by what it draws: Frontex routes, or a flow measure.
_TITLES = {
    "routes": "Detections by nationality, route and border type",
    "thb_victims_by_citizenship": "Detected victims: citizenship → country of detection",
    "asylum_applications": "Origin → country of asylum",
    "asylum_applicants": "Citizenship → country of application",
    "refugees_by_origin": "Origin → country of asylum",
    "asylum_seekers_by_origin": "Origin → country of asylum",
}


@dataclass
class SankeyData:
    """The links behind the Sankey (also its CSV download) and, when there is nothing to draw, why."""

    links: pd.DataFrame  # columns: source, target, value, kind, source_id
    message: str = ""
    note: str = ""


def _years_text(state: ViewState) -> str:
    lo, hi = state.years
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _top_with_other(df: pd.DataFrame, key: str, n: int) -> pd.DataFrame:
    """Keep the n largest values of `key` by total, folding the rest into one 'Other' group."""
    totals = df.groupby(key)["value"].sum().sort_values(ascending=False)
    keep = set(totals.index[:n])
    out = df.copy()
    out[key] = out[key].where(out[key].isin(keep), OTHER)
    return out


def _route_links(store: Store, state: ViewState) -> SankeyData:
    lo, hi = state.years
    routes = [state.route] if state.route else list(SEE_ROUTES)
    rows = store.route_rows(routes, [state.nationality] if state.nationality else None, lo, hi)
    if rows.empty:
        return SankeyData(pd.DataFrame(), f"Frontex recorded no detections on these routes in {_years_text(state)}.")
    rows = rows.rename(columns={"detections": "value"})
    rows = _top_with_other(rows, "nationality", state.top)
    first = rows.groupby(["nationality", "route"], as_index=False)["value"].sum()
    first = first.rename(columns={"nationality": "source", "route": "target"}).assign(kind="nationality→route")
    second = rows.groupby(["route", "border_type"], as_index=False)["value"].sum()
    second = second.rename(columns={"route": "source", "border_type": "target"}).assign(kind="route→border")
    links = pd.concat([first, second], ignore_index=True).assign(source_id="frontex")
    note = "Selected countries do not filter this chart: Frontex reports by route, not by country." \
        if state.countries else ""
    return SankeyData(links, note=note)


def _flow_links(store: Store, state: ViewState, measure: str) -> SankeyData:
    lo, hi = state.years
    destinations = list(state.countries) or list(PARTICIPATING)
    rows = store.flow_rows([measure], [state.nationality] if state.nationality else None, destinations, lo, hi)
    suppressed = int((rows["flag"] == "suppressed").sum())
    rows = rows[rows["value"].notna() & (rows["value"] > 0)]
    if rows.empty:
        where = ", ".join(store.name(d) for d in destinations[:5]) + ("…" if len(destinations) > 5 else "")
        return SankeyData(pd.DataFrame(), f"No flows published for {where} in {_years_text(state)}.")
    rows = _top_with_other(rows, "origin", state.top)
    links = rows.groupby(["origin", "destination"], as_index=False).agg(
        value=("value", "sum"), source_id=("source", "first"))
    links = links.rename(columns={"origin": "source", "destination": "target"}).assign(kind="origin→destination")
    note = f"{suppressed} flow(s) published as fewer than 5 are not drawn." if suppressed else ""
    return SankeyData(links[["source", "target", "value", "kind", "source_id"]], note=note)


def sankey_data(store: Store, state: ViewState) -> SankeyData:
    """The links for the current view, or a plain-words message where the data has no flows."""
    crime = CRIMES[state.crime]
    if crime.routes:
        return _route_links(store, state)
    measure = crime.flows(state.indicator)
    if measure is not None:
        return _flow_links(store, state, measure)
    return SankeyData(pd.DataFrame(), crime.no_flows)


def sankey_title(state: ViewState) -> str:
    crime = CRIMES[state.crime]
    drawn = "routes" if crime.routes else crime.flows(state.indicator)
    return f"{_TITLES.get(drawn or '', 'No flow data')}, {_years_text(state)}"


def _node_label(store: Store, node: str) -> str:
    if node in ROUTE_SHORT:
        return ROUTE_SHORT[node]
    return store.name(node) if len(node) == 3 and node.isupper() else node


def patch_paths(figure: dict) -> dict[str, object]:
    """What tells one Sankey figure (as a dict) from another: the trace, the title and the "no flows" note.

    The rest of the layout (theme, plotly's template: two thirds of the figure's bytes) is the same for every
    view, so a Patch of these paths turns any drawn Sankey into this one; year frames and steps send only them.
    """
    layout = figure["layout"]
    return {"data": figure["data"], "layout.title.text": layout["title"]["text"],
            "layout.annotations": layout.get("annotations", [])}


def build_sankey(store: Store, state: ViewState) -> go.Figure:
    """The Sankey figure; nodes carry their code in customdata so a click can filter the view."""
    data = sankey_data(store, state)
    fig = go.Figure()
    # Axes stay hidden in every Sankey, not only the empty one, so that all share one layout (patch_paths).
    fig.update_layout(**theme.base_layout(sankey_title(state)), xaxis={"visible": False},
                      yaxis={"visible": False})
    if data.links.empty:
        fig.add_annotation(text=theme.wrap(data.message), x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font={"size": 15, "color": theme.MUTED})
        return fig
    links = data.links
    roles = links["kind"].str.split("→", expand=True)
    src = (roles[0] + ":" + links["source"]).tolist()
    dst = (roles[1] + ":" + links["target"]).tolist()
    nodes = list(dict.fromkeys([*src, *dst]))  # "role:code", so ALB as origin and as destination stay apart
    index = {n: i for i, n in enumerate(nodes)}
    map_colours = class_colours(store, state)

    def colour(node: str) -> str:
        role, code = node.split(":", 1)
        if role == "route":
            return theme.ROUTE_COLOURS.get(code, theme.OTHER_NODE)
        if role == "border":
            return theme.BORDER_TYPE_COLOURS.get(code, theme.OTHER_NODE)
        if role == "destination":
            return map_colours.get(code, theme.NO_DATA)
        return theme.OTHER_NODE

    fig.add_trace(go.Sankey(
        arrangement="snap",
        valueformat=",.0f",
        node={"label": [_node_label(store, n.split(":", 1)[1]) for n in nodes], "customdata": nodes,
              "pad": 12, "thickness": 16,
              "color": [colour(n) for n in nodes],
              # Selected countries need no outline here: the Sankey already shows only them as destinations.
              # A dark outline (4.8:1 on white) keeps light-coloured nodes visible as shapes (WCAG 1.4.11).
              "line": {"color": theme.BORDER, "width": 1},
              "hovertemplate": "%{label}: %{value:,.0f}<extra></extra>"},
        link={"source": [index[s] for s in src], "target": [index[t] for t in dst],
              "value": links["value"].astype(float).tolist(), "color": "rgba(120,130,145,0.28)",
              "hovertemplate": "%{source.label} → %{target.label}: %{value:,.0f}<extra></extra>",
              "customdata": [f"{a}|{b}" for a, b in zip(src, dst, strict=True)]},
    ))
    return fig
