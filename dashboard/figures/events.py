"""Context events on the time axes: which a view shows, where a date sits on an axis, and how they are drawn.

Events (data/events.csv) explain turns in the series, such as the fall after March 2016. They are context, never
figures: they are not in the legend, the rows, the CSVs or the summaries, and nothing is computed from them. A
view shows the region-wide ones, the origin events (which explain the flows), those of its selected countries (or
of the 11 when none is selected) and those of its routes; its `events` parameter turns them off, or names the
only ones to show (a deck's slide).

They are drawn as traces on a hidden second y axis, 0 to 1 over the chart's height, because the series' year patch
replaces layout.shapes: a vertical dotted line at each date, and at its top a marker with the title as a short
label and the date, title, publisher and document in its hover. The chart's own axis keeps headroom above the data
(autorangeoptions.include), so the labels stand in a band no value reaches (dashboard.figures.event_labels).
"""

from __future__ import annotations

import calendar
import html

import pandas as pd
import plotly.graph_objects as go

from dashboard.catalog import PARTICIPATING
from dashboard.figures import theme
from dashboard.figures.event_labels import KEY, fit_labels, short_label
from dashboard.figures.notes import hover_lines
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.numbers import long_date
from dashboard.store import Store
from dashboard.view.state import ViewState, view_routes

#: The hidden axis the events are drawn on (0 at the bottom of the chart, 1 at its top).
AXIS = "y2"
EVENTS_NOTE = N_("Dotted lines mark dated events, for context: they are not data. Each marker's hover gives the "
                 "date and the document that records the event; the events switch hides them.")


def view_events(store: Store, state: ViewState) -> pd.DataFrame:
    """The events a view shows, oldest first: none when switched off, only those named when it names some, else
    the region-wide ones, the origin events, those of its countries (the 11 when none is selected) and those of
    its routes (a route series': its route or the South-East European ones; else the route it filters by)."""
    events = store.events
    if state.events is False:
        return events.iloc[0:0]
    if isinstance(state.events, tuple):
        return events[events["id"].isin(state.events)]
    countries = set(state.countries or PARTICIPATING)
    routes = set(view_routes(state)) if state.series == "route" else {state.route} - {None}
    keep = [not where or kind == "origin" or bool(countries & set(where)) or bool(routes & set(on))
            for where, on, kind in zip(events["countries"], events["routes"], events["kind"], strict=True)]
    return events[keep]


def axis_position(when: pd.Timestamp, monthly: bool) -> float | str:
    """Where a date stands: on a monthly axis at the date itself, on a yearly one at its fraction of the year
    (18 March 2016, day 78 of a leap year, at 2016 + 77/366)."""
    if monthly:
        return when.strftime("%Y-%m-%d")
    return when.year + (when.day_of_year - 1) / (366 if calendar.isleap(when.year) else 365)


def slider_events(store: Store, state: ViewState, years: tuple[int, ...]) -> list[dict[str, object]]:
    """The view's events on its year slider, which runs from its first year to its last: each one's id, English
    title, date in the view's language and place along the slider in percent (at its fraction of the year)."""
    if len(years) < 2:
        return []
    events = view_events(store, state)
    lo, hi = years[0], years[-1]
    out = []
    for _, event in events.iterrows():
        where = axis_position(event["when"], monthly=False)
        if lo <= where <= hi:
            out.append({"id": event["id"], "title": event["title"], "date": long_date(event["when"].date(), state.lang),
                        "left": round(100 * (where - lo) / (hi - lo), 2)})
    return out


def hover_text(event: pd.Series, lang: str) -> str:
    """Date, title, and the publisher and document that record it (as published, in English)."""
    t = translator(lang)
    source = t("Source: {publisher}, {document}", publisher=event["publisher"], document=event["document"])
    return (f"<b>{html.escape(event['title'], quote=False)}</b><br>{long_date(event['when'].date(), lang)}"
            + hover_lines([html.escape(source, quote=False), t("An event, for context: not a figure.")]))


def _covered(frame: pd.DataFrame, monthly: bool) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day the series covers (its months, or its years); None for an empty series."""
    if frame.empty:
        return None
    if monthly:
        return pd.Timestamp(frame["month"].min() + "-01"), pd.Period(frame["month"].max()).end_time.floor("D")
    return pd.Timestamp(f"{frame['year'].min()}-01-01"), pd.Timestamp(f"{frame['year'].max()}-12-31")


def _axis_range(first: pd.Timestamp, last: pd.Timestamp, monthly: bool, xs: list) -> list:
    """The x axis: the months covered, or the years with room for their markers and for events late in the last."""
    if monthly:
        return [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]
    return [first.year - 0.3, max(last.year + 0.3, max(xs) + 0.1)]


def drawn_events(store: Store, state: ViewState, frame: pd.DataFrame) -> pd.DataFrame:
    """The view's events that fall within what its series (`frame`, the series' rows) covers."""
    covered = _covered(frame, state.series == "route")
    events = view_events(store, state)
    if covered is None or events.empty:
        return events.iloc[0:0]
    return events[(events["when"] >= covered[0]) & (events["when"] <= covered[1])]


def events_note(store: Store, state: ViewState, frame: pd.DataFrame) -> list[str]:
    """The caveat under a series that draws events: what the lines are, and that they are not data."""
    if drawn_events(store, state, frame).empty:
        return []
    return [translator(state.lang)(EVENTS_NOTE)]


def add_events(fig: go.Figure, store: Store, state: ViewState, frame: pd.DataFrame, top: float) -> None:
    """Draw the view's events that fall within what the series covers; `top` is the series' largest value."""
    monthly = state.series == "route"
    events = drawn_events(store, state, frame)
    if events.empty:
        return
    covered = _covered(frame, monthly)
    xs = [axis_position(w, monthly) for w in events["when"]]
    common = {"yaxis": AXIS, "showlegend": False, "name": translator(state.lang)("Events")}
    fig.add_trace(go.Scatter(x=[v for x in xs for v in (x, x, None)], y=[None] * (3 * len(xs)), mode="lines",
                             hoverinfo="skip", line={"color": theme.MUTED, "width": 1, "dash": "dot"},
                             meta={KEY: "lines"}, **common))
    fig.add_trace(go.Scatter(
        x=xs, mode="markers+text", ids=list(events["id"]), cliponaxis=False,
        meta={KEY: "markers", "labels": [short_label(title) for title in events["title"]], "top": top},
        textfont={"size": 11, "color": theme.TEXT}, marker={"symbol": "diamond", "size": 8, "color": theme.MUTED},
        customdata=[hover_text(e, state.lang) for _, e in events.iterrows()],
        hovertemplate="%{customdata}<extra></extra>", **common,
    ))
    fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
                      xaxis={"range": _axis_range(*covered, monthly, xs)})
    fit_labels(fig)
