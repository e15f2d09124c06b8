"""The time series: the indicator over the years for the chosen countries, or Frontex detections by route.

The selected year (or range) is marked, and a click or a horizontal brush on the chart sets it, so the
chart doubles as the timeline. Missing years are gaps, never zeros. The view's context events stand on it as
labelled markers (dashboard.figures.events), which a year step leaves in place.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.catalog import PARTICIPATING
from dashboard.figures import theme
from dashboard.figures.events import add_events
from dashboard.figures.notes import hover_lines, partial_text
from dashboard.figures.words import indicator_words, unit_words
from dashboard.i18n.messages import translator
from dashboard.i18n.names import country_name
from dashboard.store import Store
from dashboard.view.state import ViewState, view_routes


def series_frame(store: Store, state: ViewState) -> pd.DataFrame:
    """The data behind the chart: indicator rows per country and year, or monthly detections per route."""
    if state.series == "route":
        rows = store.route_rows(list(view_routes(state)), [state.nationality] if state.nationality else None)
        out = rows.groupby(["route", "month"], as_index=False).agg(detections=("detections", "sum"))
        return out.assign(source="frontex").sort_values(["route", "month"], ignore_index=True)
    countries = list(state.countries) or list(PARTICIPATING)
    rows = store.with_measure(store.indicator_rows([state.indicator], countries), state.measure)
    rows = rows.assign(name=rows["iso3"].map(store.name), measure=state.measure)
    cols = ["iso3", "name", "year", "indicator", "measure", "value", "flag", "lower", "upper", "source", "note"]
    return rows[cols].sort_values(["iso3", "year"], ignore_index=True)


def series_title(state: ViewState) -> str:
    t = translator(state.lang)
    if state.series == "route":
        if state.nationality:
            return t("Frontex detections of illegal border-crossing per month ({nationality} nationals)",
                     nationality=state.nationality)
        return t("Frontex detections of illegal border-crossing per month")
    return indicator_words(state)


def _year_marker(state: ViewState, monthly: bool) -> dict:
    lo, hi = state.years
    x0, x1 = (f"{lo}-01-01", f"{hi}-12-31") if monthly else (lo - 0.4, hi + 0.4)
    return {"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
            "fillcolor": "rgba(216,27,96,0.10)", "line": {"width": 1, "color": theme.SELECTED}, "layer": "below"}


def year_marker_update(state: ViewState) -> dict[str, object]:
    """The figure paths a year step changes, for a Patch."""
    return {"layout.shapes": [_year_marker(state, state.series == "route")]}


def _plain(values: pd.Series) -> list[float | None]:
    """Values as a JSON list with gaps as null. A pandas column would go out as a base64 typed array, which
    plotly.js decodes into a new array on every `Plotly.react`, so each year step redrew every trace (~40 ms)
    instead of only the moved year marker."""
    return [None if pd.isna(v) else float(v) for v in values]


def _route_traces(fig: go.Figure, store: Store, frame: pd.DataFrame, lang: str) -> None:
    """One line per Frontex route over the months, with a dot for each month between two gaps."""
    t = translator(lang)
    months = pd.period_range(frame["month"].min(), frame["month"].max(), freq="M").strftime("%Y-%m") \
        if len(frame) else pd.Index([])
    for route, g in frame.groupby("route", sort=False):
        detections = g.set_index("month")["detections"].reindex(months)  # a month without a row is a gap
        colour = theme.ROUTE_COLOURS.get(route, theme.OTHER_NODE)
        hover = (route + "<br>%{x|%b %Y}: " + t("{count} detections", count="%{y:,.0f}")
                 + "%{customdata}<extra></extra>")
        partial = [hover_lines([partial_text(store, ["frontex"], int(m[:4]), lang)]) for m in months]
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(months), y=_plain(detections), name=route, mode="lines", connectgaps=False,
            legendgroup=route, line={"color": colour, "width": 2, "dash": theme.ROUTE_DASHES.get(route, "solid")},
            hovertemplate=hover, customdata=partial,
        ))
        # A month between two gaps has no line to draw, so it gets a dot: in a trace of its own, since a
        # marker on every month (even of size 0) puts ~200 more SVG nodes per route into every redraw.
        alone = detections.notna() & detections.shift(1).isna() & detections.shift(-1).isna()
        if alone.any():
            fig.add_trace(go.Scatter(
                x=pd.to_datetime(months[alone.to_numpy()]), y=_plain(detections[alone]), name=route,
                mode="markers", legendgroup=route, showlegend=False, marker={"color": colour, "size": 6},
                hovertemplate=hover, customdata=[p for p, a in zip(partial, alone, strict=True) if a],
            ))


def build_timeseries(store: Store, state: ViewState) -> go.Figure:
    frame = series_frame(store, state)
    per100k, lang = state.measure == "per100k", state.lang
    t = translator(lang)
    fig = go.Figure()
    if state.series == "route":
        _route_traces(fig, store, frame, lang)
        ytitle = t("detections per month")
    else:
        years = sorted(frame["year"].unique())
        full = pd.Index(range(min(years), max(years) + 1), name="year") if years else pd.Index([], name="year")
        for iso3, g in frame.groupby("iso3", sort=False):
            g = g.set_index("year").reindex(full)  # missing years become gaps, never zeros
            partial = [partial_text(store, [s], y, lang) if isinstance(s, str) else ""
                       for s, y in zip(g["source"], full, strict=True)]
            text = [theme.row_value(r, per100k, lang=lang) + hover_lines([p])
                    for r, p in zip(g.reset_index().to_dict(orient="records"), partial, strict=True)]
            symbol = theme.COUNTRY_SYMBOLS.get(iso3, "circle")
            name = country_name(iso3, lang, store.name(iso3))
            fig.add_trace(go.Scatter(
                x=list(full), y=_plain(g["value"]), name=name, mode="lines+markers", connectgaps=False,
                customdata=text, line={"color": theme.COUNTRY_COLOURS.get(iso3, theme.OTHER_NODE), "width": 2.5
                                       if iso3 in state.countries else 1.8},
                # A year the source covers only in part is an open marker: its point is not a full year's count.
                marker={"size": 7, "symbol": [f"{symbol}-open" if p else symbol for p in partial]},
                hovertemplate=name + ", %{x}: %{customdata}<extra></extra>",
            ))
        ytitle = unit_words(state)
    fig.update_layout(
        **theme.base_layout(series_title(state), lang),
        shapes=[_year_marker(state, state.series == "route")],
        dragmode="select", selectdirection="h", hovermode="closest",
        legend={"orientation": "h", "y": -0.15, "x": 0, "font": {"size": 12}},
        xaxis={"gridcolor": theme.GRID, "dtick": None if state.series == "route" else 2, "fixedrange": True},
        yaxis={"gridcolor": theme.GRID, "title": {"text": ytitle}, "rangemode": "tozero", "fixedrange": True,
               "separatethousands": True},
    )
    values = frame["detections" if state.series == "route" else "value"]
    add_events(fig, store, state, frame, float(values.max()) if values.notna().any() else 0.0)
    if not fig.data:
        fig.add_annotation(text=t("No data for this selection."), x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font={"size": 15, "color": theme.MUTED})
    return fig


def year_from_point(point: dict) -> int | None:
    """The year a clicked point stands for (an int year or a 'YYYY-MM-DD' month), or None if unreadable."""
    x = point.get("x") if isinstance(point, dict) else None
    text = str(x)[:4] if x is not None else ""
    return int(text) if text.isdigit() else None
