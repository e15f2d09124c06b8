"""The ranking: the 11 participating countries for one indicator and year, largest first, every one named.

It fills the Flows slot for crime types that have no flows (migrant smuggling, deaths, context), so no panel is
ever a blank "no flow data". Countries without a value stay on the chart, last, with the reason in words
("no data", "fewer than 5"), never as a dot at zero that would read as 0. The values, flags, hovers and
colours are the map's own (choropleth.map_frame), so the two panels cannot disagree.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.catalog import PARTICIPATING
from dashboard.figures import theme
from dashboard.figures.choropleth import (
    class_colours,
    hover_rows,
    hover_template,
    map_frame,
    names_in,
    value_rows,
    value_texts,
)
from dashboard.figures.notes import indicator_sources, partial_suffix
from dashboard.figures.words import indicator_words, unit_words
from dashboard.i18n.messages import translator
from dashboard.store import Store
from dashboard.view.state import ViewState

COLUMNS = ["rank", "iso3", "name", "year", "indicator", "measure", "value", "flag", "lower", "upper", "source",
           "note"]
#: Characters per line of the figure's title.
TITLE_WIDTH = 60
#: Room right of the largest value for its label, as a share of the axis.
LABEL_ROOM = 1.35


def ranking_frame(store: Store, state: ViewState) -> pd.DataFrame:
    """The 11 in rank order (ties by name); countries without a value last, in the catalogue's order."""
    frame = map_frame(store, state)
    part = frame[frame["participating"]].copy()
    part["order"] = part["rank"].fillna(len(PARTICIPATING) + 1)
    part = part.sort_values(["order", "name"], kind="stable")
    return part.reset_index(drop=True)


def ranking_title(state: ViewState) -> str:
    t = translator(state.lang)
    return t("Ranking of the 11: {indicator}, {year}", indicator=indicator_words(state), year=state.year)


def ranking_heading(store: Store, state: ViewState) -> str:
    return ranking_title(state) + partial_suffix(store, indicator_sources(state.indicator), (state.year, state.year),
                                                 state.lang)


def _axis_max(store: Store, state: ViewState) -> float:
    """The largest value of the 11 in any year, so playing the years shows real change, not a rescaled axis."""
    rows = value_rows(store, state.indicator, state.measure)
    values = rows.loc[rows["iso3"].isin(PARTICIPATING), "value"].dropna()
    return float(values.max()) if len(values) and values.max() > 0 else 1.0


def build_ranking(store: Store, state: ViewState) -> go.Figure:
    """A dot per country on a stem from zero, largest at the top, the value written beside it; the reason beside
    each country without one. Scatter traces only: the served plotly.js bundle has no bar type
    (assets/00_vendor/plotly/README.md), and a dot on a stem reads as a bar does."""
    per100k, lang = state.measure == "per100k", state.lang
    frame = ranking_frame(store, state)
    colours = class_colours(store, state)
    has = frame["value"].notna()
    texts = value_texts(frame, per100k, lang)  # in full beside each dot: "1,533", "5 or fewer", "no data"
    custom = hover_rows(store, frame, per100k, lang)
    names = names_in(frame, lang)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        y=names, x=[float(v) if h else None for v, h in zip(frame["value"], has, strict=True)],
        mode="markers+text", text=[label if h else "" for label, h in zip(texts, has, strict=True)],
        textposition="middle right", cliponaxis=False, customdata=custom, hovertemplate=hover_template(lang),
        marker={"size": 14, "color": [colours.get(c, theme.NO_DATA) for c in frame["iso3"]],
                "line": {"color": theme.BORDER, "width": 1}},
        name="", showlegend=False,
    ))
    stems_x: list[float | None] = []
    stems_y: list[str | None] = []
    for name, value in zip([n for n, h in zip(names, has, strict=True) if h], frame.loc[has, "value"], strict=True):
        stems_x += [0.0, float(value), None]
        stems_y += [name, name, None]
    fig.add_trace(go.Scatter(x=stems_x, y=stems_y, mode="lines", line={"color": theme.BORDER, "width": 2},
                             hoverinfo="skip", name="", showlegend=False, connectgaps=False))
    # The reason beside each country without a value: words, never a dot at 0 that would read as zero.
    fig.add_trace(go.Scatter(
        y=[n for n, h in zip(names, has, strict=True) if not h], x=[0.0] * int((~has).sum()), mode="text",
        text=[texts[i] for i in frame.index[~has]], textposition="middle right",
        textfont={"color": theme.MUTED}, customdata=[custom[i] for i in frame.index[~has]],
        hovertemplate=hover_template(lang), name="", showlegend=False,
    ))
    unit = unit_words(state)
    fig.update_layout(
        # The slot is narrow and plotly does not wrap titles: two lines where needed, room for them above.
        **{**theme.base_layout(theme.wrap(ranking_heading(store, state), TITLE_WIDTH), lang),
           "margin": {"l": 8, "r": 8, "t": 64, "b": 8}},
        xaxis={"range": [0, _axis_max(store, state) * LABEL_ROOM], "gridcolor": theme.GRID, "fixedrange": True,
               "title": {"text": unit}, "separatethousands": True, "zeroline": True, "zerolinecolor": theme.BORDER},
        yaxis={"categoryorder": "array", "categoryarray": names, "autorange": "reversed", "fixedrange": True,
               "automargin": True, "type": "category", "ticksuffix": "  "},
        hovermode="closest",
    )
    return fig


def patch_paths(figure: dict) -> dict[str, object]:
    """What a year step changes: the dots, stems and texts, the order of the countries and the title."""
    layout = figure["layout"]
    return {"data": figure["data"], "layout.title.text": layout["title"]["text"],
            "layout.yaxis.categoryarray": layout["yaxis"]["categoryarray"]}
